import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onsite

// The unit's photos, findings and highlights on the visit page. One's own can be
// changed or deleted until the unit is submitted; a deletion reaches HQ too.
ColumnLayout {
    id: notes
    required property VisitModel visit
    readonly property var kindNames: ({ "问题": qsTr("问题"), "短板": qsTr("短板"), "弱项": qsTr("弱项") })
    readonly property bool canAdd: visit.scorable
    readonly property bool canChange: visit.scorable && !visit.submitted
    signal photoRequested(string indicator)
    signal pickRequested(string indicator)
    signal findingRequested(bool highlight, var record)
    spacing: 12

    function openPhoto(photo) { photoMenu.openFor(photo) }

    // ── 照片 ──
    RowLayout {
        Layout.fillWidth: true
        Layout.topMargin: 8
        Label { text: qsTr("照片（%1）").arg(notes.visit.photos.length); font.bold: true; font.pixelSize: Theme.fontHeading; Layout.fillWidth: true }
        AppButton {
            objectName: "cameraButton"
            visible: notes.visit.hasCamera
            kind: "filled"
            iconName: "camera"
            text: qsTr("拍照")
            enabled: notes.canAdd
            onClicked: notes.photoRequested("")
        }
        AppButton {
            objectName: "pickPhotoButton"
            iconName: "image"
            text: qsTr("选择照片文件")
            enabled: notes.canAdd
            onClicked: notes.pickRequested("")
        }
    }
    Flow {
        Layout.fillWidth: true
        spacing: 12
        Repeater {
            model: notes.visit.photos
            delegate: ColumnLayout {
                required property var modelData
                spacing: 2
                PhotoThumb {
                    objectName: "photo:" + modelData.id
                    source: modelData.source
                    implicitWidth: 160
                    implicitHeight: 120
                    onClicked: photoMenu.openFor(modelData)
                }
                Label {
                    text: (modelData.indicator ? qsTr("指标 %1 · ").arg(modelData.indicator) : "")
                          + (modelData.uploaded ? qsTr("已上传") : qsTr("待上传")) + " · " + modelData.time
                    font.pixelSize: 14
                    color: modelData.uploaded ? Theme.textSecondary : Theme.warn
                }
            }
        }
    }

    // ── 问题 ──
    RowLayout {
        Layout.fillWidth: true
        Layout.topMargin: 8
        Label { text: qsTr("问题（%1）").arg(notes.visit.findings.length); font.bold: true; font.pixelSize: Theme.fontHeading; Layout.fillWidth: true }
        AppButton {
            objectName: "findingButton"
            kind: "filled"
            iconName: "warning"
            text: qsTr("记录问题")
            enabled: notes.canAdd
            onClicked: notes.findingRequested(false, null)
        }
    }
    Repeater {
        model: notes.visit.findings
        delegate: NoteRow {
            required property var modelData
            objectName: "finding:" + (modelData.id || "")
            Layout.fillWidth: true
            title: qsTr("【%1】%2").arg(notes.kindNames[modelData.kind] || modelData.kind).arg(modelData.description)
            detail: qsTr("建议：%1").arg(modelData.suggestion || "—")
                    + (modelData.indicator ? qsTr(" · 指标 %1").arg(modelData.indicator) : "")
                    + (modelData.photoCount > 0 ? qsTr(" · 照片 %1 张").arg(modelData.photoCount) : "")
            changeable: notes.canChange && modelData.mine === true
            onEdit: notes.findingRequested(false, modelData)
            onRemove: deleteConfirm.ask("finding", modelData.id, modelData.description)
        }
    }

    // ── 亮点 ──
    RowLayout {
        Layout.fillWidth: true
        Layout.topMargin: 8
        Label { text: qsTr("亮点（%1）").arg(notes.visit.highlights.length); font.bold: true; font.pixelSize: Theme.fontHeading; Layout.fillWidth: true }
        AppButton {
            objectName: "highlightButton"
            iconName: "star"
            text: qsTr("记录亮点")
            enabled: notes.canAdd
            onClicked: notes.findingRequested(true, null)
        }
    }
    Repeater {
        model: notes.visit.highlights
        delegate: NoteRow {
            required property var modelData
            objectName: "highlight:" + (modelData.id || "")
            Layout.fillWidth: true
            title: "★ " + modelData.title
            detail: modelData.description || ""
            changeable: notes.canChange && modelData.mine === true
            onEdit: notes.findingRequested(true, modelData)
            onRemove: deleteConfirm.ask("highlight", modelData.id, modelData.title)
        }
    }

    // A photo: who it is for, and delete while that is still allowed.
    AppDialog {
        id: photoMenu
        objectName: "photoDialog"
        property var photo: ({})
        function openFor(p) { photo = p; open() }
        title: qsTr("照片")
        width: Math.min(parent ? parent.width - 48 : 720, 720)
        standardButtons: Dialog.Close
        ColumnLayout {
            width: photoMenu.availableWidth
            spacing: 12
            Image {
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(420, width * 0.66)
                source: photoMenu.photo.source || ""
                fillMode: Image.PreserveAspectFit
                asynchronous: true
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: (photoMenu.photo.indicator ? qsTr("指标 %1 · ").arg(photoMenu.photo.indicator) : qsTr("未关联指标 · "))
                      + photoMenu.photo.time
            }
            AppButton {
                objectName: "deletePhotoButton"
                visible: notes.canChange && photoMenu.photo.mine === true
                kind: "outlined"
                tint: Theme.error
                iconName: "delete"
                text: qsTr("删除这张照片")
                onClicked: { photoMenu.close(); deleteConfirm.ask("photo", photoMenu.photo.id, photoMenu.photo.time) }
            }
        }
    }

    AppDialog {
        id: deleteConfirm
        objectName: "deleteConfirm"
        property string entity
        property string recordId
        property string what
        function ask(e, id, text) { entity = e; recordId = id; what = text; open() }
        title: entity === "photo" ? qsTr("删除照片？") : (entity === "finding" ? qsTr("删除问题？") : qsTr("删除亮点？"))
        width: Math.min(parent ? parent.width - 48 : 560, 560)
        standardButtons: Dialog.Discard | Dialog.Cancel
        discardText: qsTr("删除")
        Label {
            width: deleteConfirm.availableWidth
            wrapMode: Text.Wrap
            text: qsTr("“%1”将从本机删除，联网后考评办处也一并删除。").arg(deleteConfirm.what)
        }
        onDiscarded: {
            if (entity === "photo") notes.visit.deletePhoto(recordId)
            else if (entity === "finding") notes.visit.deleteFinding(recordId)
            else notes.visit.deleteHighlight(recordId)
            close()
        }
    }
}
