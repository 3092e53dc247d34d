import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onsite

// Every item of the unit: my input, the group's score after sync, final values and
// what is still missing. A group leader sets final values with a written reason.
ColumnLayout {
    id: overview
    property alias unitCode: model.unitCode
    spacing: 8

    UnitOverviewModel { id: model; objectName: "unitOverviewModel" }

    SubmissionBar { overview: model; Layout.fillWidth: true }

    Label {
        // After submission nothing is left for a rater to do here.
        text: model.submitted ? qsTr("本组当前合计 %1 分").arg(model.groupTotal)
                              : qsTr("本组当前合计 %1 分 · 我还有 %2 项未评").arg(model.groupTotal).arg(model.missingCount)
        font.bold: true
        Layout.fillWidth: true
    }
    Label {
        visible: model.message.length > 0
        text: model.message
        color: "#1565c0"
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    ListView {
        id: list
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: model.items
        delegate: ItemDelegate {
            required property var modelData
            width: list.width
            contentItem: RowLayout {
                spacing: 12
                Label { text: modelData.code; color: "#b71c1c"; font.bold: true; Layout.preferredWidth: 40 }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    Label { text: modelData.title; elide: Text.ElideRight; Layout.fillWidth: true }
                    Label {
                        text: modelData.finalValue.length > 0
                              ? qsTr("组长核定 %1 分：%2").arg(modelData.finalValue).arg(modelData.finalReason)
                              : qsTr("%1 · %2 分").arg(modelData.method).arg(modelData.maxScore)
                        color: modelData.finalValue.length > 0 ? "#6a1b9a" : "#757575"
                        font.pixelSize: 14
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                }
                Label {
                    text: modelData.mine.length > 0 ? qsTr("我：%1").arg(modelData.mine) : qsTr("我：未评")
                    color: modelData.mine.length > 0 ? "#2e7d32" : "#ef6c00"
                    Layout.preferredWidth: 160
                    elide: Text.ElideRight
                }
                Label {
                    text: modelData.groupPoints.length > 0
                          ? qsTr("本组 %1（%2 人）").arg(modelData.groupPoints).arg(modelData.raters) : qsTr("本组未评")
                    Layout.preferredWidth: 150
                }
                Button {
                    visible: model.canSetFinal
                    text: qsTr("核定")
                    flat: true
                    onClicked: { finalDialog.code = modelData.code; finalDialog.open() }
                }
            }
        }
    }

    Dialog {
        id: finalDialog
        property string code
        title: qsTr("组长核定指标 %1").arg(code)
        modal: true
        anchors.centerIn: Overlay.overlay
        width: 520
        standardButtons: Dialog.Save | Dialog.Cancel
        onAboutToShow: { valueField.text = ""; reasonField.text = "" }
        onAccepted: model.setFinalValue(code, valueField.text, reasonField.text)
        ColumnLayout {
            width: finalDialog.availableWidth
            TextField {
                id: valueField
                Layout.fillWidth: true
                placeholderText: qsTr("核定分值（一票否决项填“是”或“否”）")
            }
            TextArea {
                id: reasonField
                Layout.fillWidth: true
                Layout.preferredHeight: 100
                placeholderText: qsTr("核定理由（必填）")
                wrapMode: TextEdit.Wrap
            }
        }
    }
}
