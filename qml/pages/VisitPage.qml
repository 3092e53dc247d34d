import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Onsite

// 实地查看: check in, score the items checked here, photos, findings, highlights.
Page {
    id: page
    property alias siteCode: visit.siteCode
    signal back()
    // Finding kinds are stored by their Chinese names; only what is shown is translated.
    readonly property var kindNames: ({ "问题": qsTr("问题"), "短板": qsTr("短板"), "弱项": qsTr("弱项") })

    VisitModel { id: visit; objectName: "visitModel" }

    header: ToolBar {
        background: Rectangle { color: "#fafafa" }
        RowLayout {
            anchors.fill: parent
            ToolButton { text: qsTr("‹ 返回"); onClicked: page.back() }
            ColumnLayout {
                spacing: 0
                Label { text: visit.siteName; font.pixelSize: 20; font.bold: true }
                Label { text: qsTr("%1 · %2 · %3").arg(visit.unitName).arg(visit.category).arg(visit.siteType); color: "#616161"; font.pixelSize: 15 }
            }
            Item { Layout.fillWidth: true }
            Button {
                objectName: "checkInButton"
                text: visit.checkInText.length > 0 ? qsTr("重新签到") : qsTr("签到")
                enabled: visit.scorable
                onClicked: visit.checkInHere()
            }
        }
    }

    FileDialog {
        id: photoPicker
        property string indicator
        title: qsTr("选择照片")
        nameFilters: [qsTr("图片 (*.jpg *.jpeg *.png *.webp *.heic)")]
        onAccepted: visit.addPhoto(selectedFile, indicator)
    }
    CameraDialog { id: camera; visit: visit }
    FindingDialog {
        id: findingDialog
        objectName: "findingDialog"
        indicators: visit.items.map(i => i.code)
        photos: visit.photos
        onFindingAccepted: (kind, description, suggestion, indicator, photoIds) => visit.addFinding(kind, description, suggestion, indicator, photoIds)
        onHighlightAccepted: (title, description) => visit.addHighlight(title, description)
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: scroll.availableWidth - 32
            x: 16
            spacing: 12

            Label {
                Layout.topMargin: 12
                Layout.fillWidth: true
                text: !visit.scorable ? qsTr("回避：您来自本单位，不能为其评分。")
                                      : (visit.checkInText.length > 0 ? visit.checkInText : qsTr("尚未签到：到达点位后请先签到。"))
                color: !visit.scorable ? "#b71c1c" : "#424242"
                wrapMode: Text.Wrap
            }
            Label {
                objectName: "submittedNotice"
                visible: visit.submitted
                Layout.fillWidth: true
                text: qsTr("本单位已由组长提交，评分已锁定；仍可补充照片、问题和亮点。")
                color: "#6a1b9a"
                wrapMode: Text.Wrap
            }
            Label {
                visible: visit.checkedIn
                text: qsTr("查看记录（离开输入框即保存）")
                color: "#616161"
                font.pixelSize: 14
            }
            TextArea {
                id: notesField
                objectName: "visitNotes"
                visible: visit.checkedIn
                Layout.fillWidth: true
                Layout.preferredHeight: 88
                text: visit.notes
                placeholderText: qsTr("实地看到的情况、座谈对象等")
                wrapMode: TextEdit.Wrap
                onActiveFocusChanged: if (!activeFocus) visit.setNotes(text)
            }
            Label {
                visible: visit.message.length > 0
                Layout.fillWidth: true
                text: visit.message
                color: "#1565c0"
                wrapMode: Text.Wrap
            }
            Repeater {
                model: visit.items
                delegate: ItemCard {
                    required property var modelData
                    objectName: "item:" + modelData.code
                    Layout.fillWidth: true
                    item: modelData
                    category: visit.category
                    scorable: visit.scorable && !visit.submitted
                    onInputCommitted: (code, text) => visit.setInput(code, text)
                    onPhotoRequested: (code) => {
                        if (visit.hasCamera) { camera.indicator = code; camera.open() }
                        else { photoPicker.indicator = code; photoPicker.open() }
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                Label { text: qsTr("照片（%1）").arg(visit.photos.length); font.bold: true; Layout.fillWidth: true }
                Button {
                    objectName: "cameraButton"
                    visible: visit.hasCamera
                    text: qsTr("拍照")
                    enabled: visit.scorable
                    onClicked: { camera.indicator = ""; camera.open() }
                }
                Button { text: qsTr("选择照片文件"); enabled: visit.scorable; onClicked: { photoPicker.indicator = ""; photoPicker.open() } }
            }
            Flow {
                Layout.fillWidth: true
                spacing: 8
                Repeater {
                    model: visit.photos
                    delegate: Column {
                        required property var modelData
                        Image { source: modelData.source; width: 160; height: 120; fillMode: Image.PreserveAspectCrop; asynchronous: true }
                        Label { text: (modelData.uploaded ? "✓ " : qsTr("待上传 ")) + modelData.time; font.pixelSize: 13; color: "#616161" }
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                Label { text: qsTr("问题（%1）").arg(visit.findings.length); font.bold: true; Layout.fillWidth: true }
                Button { objectName: "findingButton"; text: qsTr("记录问题"); enabled: visit.scorable; onClicked: { findingDialog.highlight = false; findingDialog.open() } }
            }
            Repeater {
                model: visit.findings
                delegate: Label {
                    required property var modelData
                    Layout.fillWidth: true
                    text: qsTr("【%1】%2 — 建议：%3").arg(page.kindNames[modelData.kind] || modelData.kind).arg(modelData.description).arg(modelData.suggestion || "—")
                          + (modelData.photoCount > 0 ? qsTr("（照片 %1 张）").arg(modelData.photoCount) : "")
                    wrapMode: Text.Wrap
                }
            }
            RowLayout {
                Layout.fillWidth: true
                Label { text: qsTr("亮点（%1）").arg(visit.highlights.length); font.bold: true; Layout.fillWidth: true }
                Button { text: qsTr("记录亮点"); enabled: visit.scorable; onClicked: { findingDialog.highlight = true; findingDialog.open() } }
            }
            Repeater {
                model: visit.highlights
                delegate: Label {
                    required property var modelData
                    Layout.fillWidth: true
                    text: "★ " + modelData.title + (modelData.description ? "：" + modelData.description : "")
                    wrapMode: Text.Wrap
                }
            }
            Item { height: 24 }
        }
    }
}
