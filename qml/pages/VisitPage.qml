import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Onsite

// 实地查看: check in, score the items checked here, photos, findings, highlights.
Page {
    id: page
    property alias siteCode: visit.siteCode
    required property QtObject workspace      // FieldWorkspace
    required property QtObject positionSource // for check-in; may be null
    required property QtObject photoSource    // camera or file picking; may be null
    signal back()
    // For scripts/screenshots: the finding dialog as it opens for a new finding (with
    // only a description: what 保存 asks for), and a refused input under its item.
    function showFindingDialog(description) {
        findingDialog.openFor(false, description ? { id: "", kind: "问题", description: description, suggestion: "" } : null)
    }
    function showRefusedInput(code) { visit.setInput(code, "95%") }
    function showUnitItems() { scroll.contentItem.contentY = unitItemsHeading.y - 8 }
    // The draft was written first, so a refused text is still on disk; a saved one is not.
    function commitNotes(text) {
        notesDraft.flush()
        if (visit.setNotes(text)) notesDraft.discard()
    }

    VisitModel {
        id: visit
        objectName: "visitModel"
        workspace: page.workspace
        positionSource: page.positionSource
        photoSource: page.photoSource
    }

    header: PageHeader {
        title: visit.siteName
        subtitle: qsTr("%1 · %2 · %3").arg(visit.unitName).arg(visit.category).arg(visit.siteType)
        onBack: page.back()
        AppButton {
            objectName: "checkInButton"
            kind: visit.checkInText.length > 0 ? "tonal" : "filled"
            iconName: "place"
            text: visit.checkInText.length > 0 ? qsTr("重新签到") : qsTr("签到")
            enabled: visit.scorable
            onClicked: visit.checkInHere()
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
    // One card for the site's items and the unit's other items alike.
    Component {
        id: itemCard
        ItemCard {
            required property var modelData
            objectName: "item:" + modelData.code
            Layout.fillWidth: true
            item: modelData
            category: visit.category
            scorable: visit.scorable && !visit.submitted
            canAddEvidence: visit.scorable
            photos: visit.photos.filter(p => p.indicator === modelData.code)
            message: visit.messageField === "item:" + modelData.code ? visit.message : ""
            messageIsError: visit.messageIsError
            workspace: page.workspace
            unitCode: visit.unitCode
            onPhotoOpened: (photo) => fieldNotes.openPhoto(photo)
            onInputCommitted: (code, text) => visit.setInput(code, text)
            onPhotoRequested: (code) => {
                if (visit.hasCamera) { camera.indicator = code; camera.open() }
                else { photoPicker.indicator = code; photoPicker.open() }
            }
        }
    }
    FindingDialog {
        id: findingDialog
        objectName: "findingDialog"
        indicators: visit.items.concat(visit.unitItems).map(i => i.code)
        photos: visit.photos
        workspace: page.workspace
        unitCode: visit.unitCode
        onFindingAccepted: (kind, description, suggestion, indicator, photoIds) => {
            settle(editId.length > 0 ? visit.updateFinding(editId, kind, description, suggestion, indicator, photoIds)
                                     : visit.addFinding(kind, description, suggestion, indicator, photoIds), visit.message)
        }
        onHighlightAccepted: (title, description) => {
            settle(editId.length > 0 ? visit.updateHighlight(editId, title, description)
                                     : visit.addHighlight(title, description), visit.message)
        }
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: scroll.availableWidth - 32
            x: 16
            spacing: 12

            // Check-in: distance from the site against the campaign's radius; then check-out.
            RowLayout {
                Layout.topMargin: 12
                Layout.fillWidth: true
                spacing: Theme.gap
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 4
                    Label {
                        objectName: "checkInLabel"
                        Layout.fillWidth: true
                        text: !visit.scorable ? qsTr("回避：您来自本单位，不能为其评分。")
                                              : (visit.checkInText.length > 0 ? visit.checkInText : qsTr("尚未签到：到达点位后请先签到。"))
                        color: !visit.scorable ? Theme.primary : (visit.checkInOutsideRadius ? Theme.warn : Theme.text)
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                    }
                    Label {
                        objectName: "checkOutLabel"
                        visible: visit.checkOutText.length > 0
                        Layout.fillWidth: true
                        text: visit.checkOutText
                        color: Theme.textSecondary
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.Wrap
                    }
                }
                AppButton {
                    objectName: "withdrawCheckInButton"
                    visible: visit.checkedIn && !visit.submitted
                    iconName: "undo"
                    text: qsTr("撤销签到")
                    onClicked: withdrawConfirm.open()
                }
                AppButton {
                    objectName: "checkOutButton"
                    visible: visit.canCheckOut
                    iconName: "logout"
                    text: qsTr("签退")
                    onClicked: visit.checkOut()
                }
            }
            Label {
                objectName: "submittedNotice"
                visible: visit.submitted
                Layout.fillWidth: true
                text: qsTr("本单位已由组长提交，评分已锁定；仍可补充照片、问题和亮点。")
                color: Theme.submitted
                wrapMode: Text.Wrap
            }
            Label {
                visible: visit.checkedIn
                text: qsTr("查看记录（离开输入框即保存）")
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
            }
            TextDraft {
                id: notesDraft
                workspace: page.workspace
                key: visit.visitId.length > 0 ? "visit-notes:" + visit.visitId : ""
                applicationState: Qt.application.state
                // Typed before the app was killed: back in the field and saved as usual.
                onRestored: (text) => Qt.callLater(page.commitNotes, text)
            }
            TextArea {
                id: notesField
                objectName: "visitNotes"
                visible: visit.checkedIn
                Layout.fillWidth: true
                Layout.preferredHeight: 88
                text: notesDraft.hasDraft ? notesDraft.text : visit.notes
                placeholderText: qsTr("实地看到的情况、座谈对象等")
                wrapMode: TextEdit.Wrap
                onTextChanged: if (activeFocus) { if (text !== visit.notes) notesDraft.keep(text); else notesDraft.discard() }
                onActiveFocusChanged: if (!activeFocus) page.commitNotes(text)
            }
            Label {
                objectName: "visitMessage"
                // A message about one field shows under that field; finding and highlight
                // errors show in their dialog.
                readonly property bool aboutNotes: visit.messageField === "notes"
                readonly property bool atTop: visit.messageField.length === 0
                    || (!visit.messageIsError && (visit.messageField === "finding" || visit.messageField === "highlight"))
                visible: visit.message.length > 0 && (atTop || aboutNotes)
                Layout.fillWidth: true
                text: visit.message
                color: visit.messageIsError ? Theme.error : Theme.info
                wrapMode: Text.Wrap
            }
            Repeater {
                objectName: "siteItems"
                model: visit.items
                delegate: itemCard
            }
            Label {
                id: unitItemsHeading
                objectName: "unitItemsHeading"
                visible: visit.unitItems.length > 0
                Layout.fillWidth: true
                Layout.topMargin: 12
                text: qsTr("本单位其他指标（查阅资料、座谈了解等，不在某个点位核查；每项只需评一次）")
                font.pixelSize: Theme.fontHeading
                font.bold: true
                wrapMode: Text.Wrap
            }
            Repeater {
                objectName: "unitItems"
                model: visit.unitItems
                delegate: itemCard
            }
            FieldNotes {
                id: fieldNotes
                Layout.fillWidth: true
                visit: visit
                onPhotoRequested: (code) => {
                    if (visit.hasCamera) { camera.indicator = code; camera.open() }
                    else { photoPicker.indicator = code; photoPicker.open() }
                }
                onPickRequested: (code) => { photoPicker.indicator = code; photoPicker.open() }
                onFindingRequested: (highlight, record) => findingDialog.openFor(highlight, record)
            }
            Item { height: 24 }
        }
    }

    AppDialog {
        id: withdrawConfirm
        objectName: "withdrawConfirm"
        title: qsTr("撤销本次签到？")
        width: Math.min(page.width - 48, 560)
        standardButtons: Dialog.Discard | Dialog.Cancel
        discardText: qsTr("撤销签到")
        Label {
            width: withdrawConfirm.availableWidth
            wrapMode: Text.Wrap
            text: qsTr("签到记录和查看记录将被删除，总部同步后也会删除。已拍照片的签到不能撤销。")
        }
        onDiscarded: {
            visit.deleteVisit()
            close()
        }
    }
}
