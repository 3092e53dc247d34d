import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onsite

// Records what was found re-checking an item on site: 整改到位 or 未到位, notes, photos.
AppDialog {
    id: dialog
    property string recheckId
    property var photos: []        // the unit's photos: { id, source }
    property var chosenPhotos: []
    property string outcome: "done"
    property QtObject workspace: null // keeps what is typed until 保存 (TextDraft)
    signal resultAccepted(string outcome, string notes, var photoIds)
    signal addPhotoRequested()

    title: qsTr("记录回头看结果")
    standardButtons: Dialog.Save | Dialog.Cancel
    width: parent ? Math.min(parent.width - 32, 640) : 640

    // What was typed for this task and not yet saved (the app killed, or the dialog left
    // with the back gesture): it comes back when the task is opened again.
    TextDraft {
        id: draft
        workspace: dialog.workspace
        applicationState: Qt.application.state
        key: dialog.recheckId.length > 0 ? "recheck-result:" + dialog.recheckId : ""
    }
    function keepDraft() {
        if (opened)
            draft.keep(JSON.stringify({ outcome: outcome, notes: notes.text, photos: chosenPhotos }))
    }
    function applyDraft(text) {
        let d
        try { d = JSON.parse(text) } catch (e) { return }
        if (!d) return
        outcome = d.outcome === "not_done" ? "not_done" : "done"
        notes.text = d.notes || ""
        chosenPhotos = (d.photos || []).filter(id => photos.some(p => p.id === id))
    }
    // The list's answer to 保存: saved, the draft goes; refused, the dialog comes back.
    function settle(saved) {
        if (saved) draft.discard()
        else reopen = true
    }

    property string shownFor
    onAboutToShow: {
        // A new task starts empty (or with its draft); reopening after a refusal keeps what was typed.
        if (shownFor !== recheckId) {
            notes.text = ""; outcome = "done"; chosenPhotos = []
            if (draft.hasDraft) applyDraft(draft.text)
        }
        shownFor = recheckId
    }
    property bool reopen: false
    onAccepted: resultAccepted(outcome, notes.text, chosenPhotos)
    onRejected: draft.discard()
    onClosed: if (reopen) { reopen = false; open() }
    onOutcomeChanged: keepDraft()
    onChosenPhotosChanged: keepDraft()

    ColumnLayout {
        anchors.fill: parent
        spacing: 12
        RowLayout {
            RadioButton {
                objectName: "recheckDone"
                text: qsTr("整改到位")
                checked: dialog.outcome === "done"
                onClicked: dialog.outcome = "done"
            }
            RadioButton {
                objectName: "recheckNotDone"
                text: qsTr("未到位")
                checked: dialog.outcome === "not_done"
                onClicked: dialog.outcome = "not_done"
            }
        }
        TextArea {
            id: notes
            objectName: "recheckNotes"
            Layout.fillWidth: true
            Layout.preferredHeight: 120
            placeholderText: dialog.outcome === "done" ? qsTr("现场情况（可选）") : qsTr("哪些没有整改到位（必填）")
            wrapMode: TextEdit.Wrap
            onTextChanged: dialog.keepDraft()
        }
        RowLayout {
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: qsTr("佐证照片（点选，已选 %1 张）").arg(dialog.chosenPhotos.length)
                color: "#616161"
            }
            AppButton { objectName: "recheckAddPhoto"; iconName: "image"; text: qsTr("添加照片"); onClicked: dialog.addPhotoRequested() }
        }
        Flow {
            visible: dialog.photos.length > 0
            Layout.fillWidth: true
            spacing: 6
            Repeater {
                model: dialog.photos
                delegate: PhotoThumb {
                    required property var modelData
                    objectName: "recheckPhoto:" + modelData.id
                    source: modelData.source
                    selected: dialog.chosenPhotos.indexOf(modelData.id) >= 0
                    selectedColor: Theme.good
                    onClicked: {
                        const list = dialog.chosenPhotos.slice()
                        const at = list.indexOf(modelData.id)
                        if (at >= 0) list.splice(at, 1); else list.push(modelData.id)
                        dialog.chosenPhotos = list
                    }
                }
            }
        }
    }
}
