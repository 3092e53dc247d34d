import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Onsite

// 回头看 tasks of one unit: what HQ asks the group to check on site, and the results so far.
ColumnLayout {
    id: root
    required property RecheckModel model
    spacing: 8

    FileDialog {
        id: photoPicker
        title: qsTr("选择照片")
        nameFilters: [qsTr("图片 (*.jpg *.jpeg *.png *.webp *.heic)")]
        onAccepted: {
            const id = root.model.addPhoto(selectedFile)
            if (id.length > 0)
                dialog.chosenPhotos = dialog.chosenPhotos.concat([id])
        }
    }
    RecheckDialog {
        id: dialog
        objectName: "recheckDialog"
        photos: root.model.photos
        workspace: root.model.workspace
        onAddPhotoRequested: photoPicker.open()
        onResultAccepted: (outcome, notes, photoIds) => {
            // Refused: back once closed, with what was typed; the message says what is wrong.
            dialog.settle(root.model.record(dialog.recheckId, outcome, notes, photoIds))
        }
    }

    Label {
        objectName: "recheckMessage"
        visible: text.length > 0
        Layout.fillWidth: true
        text: root.model.message
        color: "#37474f"
        wrapMode: Text.Wrap
    }
    ListView {
        id: list
        objectName: "recheckList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        spacing: 12
        model: root.model.rechecks
        delegate: Frame {
            id: card
            required property var modelData
            objectName: "recheck:" + modelData.id
            width: list.width
            ColumnLayout {
                width: parent.width
                spacing: 6
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        text: qsTr("回头看 · %1 · %2 布置").arg(card.modelData.group).arg(card.modelData.assignedAt)
                        color: "#616161"
                        Layout.fillWidth: true
                    }
                    AppButton {
                        objectName: "recordRecheck:" + card.modelData.id
                        visible: root.model.canRecord
                        text: card.modelData.results.length > 0 ? qsTr("再记录一次") : qsTr("记录结果")
                        kind: card.modelData.results.length === 0 ? "filled" : "tonal"
                        iconName: card.modelData.results.length === 0 ? "edit" : "add"
                        onClicked: { dialog.recheckId = card.modelData.id; dialog.open() }
                    }
                }
                Label { text: qsTr("问题：%1").arg(card.modelData.problem); font.bold: true; wrapMode: Text.Wrap; Layout.fillWidth: true }
                Label {
                    visible: card.modelData.suggestion.length > 0
                    text: qsTr("整改建议：%1").arg(card.modelData.suggestion); wrapMode: Text.Wrap; Layout.fillWidth: true
                }
                Label {
                    text: card.modelData.measures.length > 0 ? qsTr("单位整改措施：%1").arg(card.modelData.measures)
                                                             : qsTr("单位整改措施：（未填写）")
                    wrapMode: Text.Wrap; Layout.fillWidth: true
                }
                Label {
                    visible: card.modelData.note.length > 0
                    text: qsTr("考评办说明：%1").arg(card.modelData.note); color: "#1565c0"; wrapMode: Text.Wrap; Layout.fillWidth: true
                }
                Label {
                    visible: card.modelData.results.length === 0
                    text: qsTr("待回头看")
                    color: Theme.warn
                    font.bold: true
                }
                Repeater {
                    model: card.modelData.results
                    delegate: ColumnLayout {
                        required property var modelData
                        Layout.fillWidth: true
                        spacing: 4
                        Label {
                            objectName: "recheckResult:" + modelData.id
                            Layout.fillWidth: true
                            text: qsTr("%1 · %2 · %3（%4）").arg(modelData.outcome).arg(modelData.name)
                                  .arg(modelData.time).arg(modelData.state)
                            color: modelData.done ? "#2e7d32" : "#c62828"
                            font.bold: true
                            wrapMode: Text.Wrap
                        }
                        Label { visible: modelData.notes.length > 0; text: modelData.notes; wrapMode: Text.Wrap; Layout.fillWidth: true }
                        Flow {
                            Layout.fillWidth: true
                            spacing: 6
                            Repeater {
                                model: modelData.photos
                                delegate: Image {
                                    required property string modelData
                                    width: 96; height: 72
                                    source: modelData; fillMode: Image.PreserveAspectCrop; asynchronous: true
                                }
                            }
                        }
                    }
                }
            }
        }
        Label {
            anchors.centerIn: parent
            visible: list.count === 0
            text: qsTr("本单位没有回头看任务")
            color: "#757575"
        }
    }
}
