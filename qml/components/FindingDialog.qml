import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onsite

// Records a finding (问题/短板/弱项) with a suggestion, or a highlight; with `editId`
// set it changes that record (openFor fills in what it holds).
AppDialog {
    id: dialog
    property bool highlight: false
    property string editId
    property var indicators: []
    property var photos: [] // the unit's photos: { id, source, time }
    property var chosenPhotos: []
    property QtObject workspace: null // keeps what is typed until 保存 (TextDraft)
    property string unitCode
    property string problem           // why the page refused the last 保存, shown here
    signal findingAccepted(string kind, string description, string suggestion, string indicator, var photoIds)
    signal highlightAccepted(string title, string description)

    // DOMAIN.md: each finding has a 对策建议; older ones pulled without one stay readable.
    readonly property bool complete: first.text.trim().length > 0 && (highlight || second.text.trim().length > 0)
    Component.onCompleted: standardButton(Dialog.Save).enabled = Qt.binding(() => dialog.complete)

    // One draft per record being changed, and one for a new finding or highlight of the unit.
    TextDraft {
        id: draft
        workspace: dialog.workspace
        applicationState: Qt.application.state
        key: dialog.editId.length > 0 ? (dialog.highlight ? "highlight:" : "finding:") + dialog.editId
                                      : (dialog.unitCode.length > 0 ? "note:new:" + dialog.unitCode : "")
        // A new one typed before the app was killed: the dialog opens again with it.
        onRestored: (text) => { if (!dialog.opened && dialog.editId.length === 0) Qt.callLater(dialog.reopenDraft, text) }
    }
    function draftText() {
        return JSON.stringify({ highlight: highlight, kind: kind.currentValue, first: first.text, second: second.text,
                                indicator: indicator.currentIndex, photos: chosenPhotos })
    }
    function keepDraft() { if (opened) draft.keep(draftText()) }
    // Fills the form from a draft of the same sort; false when there is none.
    function applyDraft(text) {
        let d
        try { d = JSON.parse(text) } catch (e) { return false }
        if (!d || d.highlight !== highlight) return false
        first.text = d.first || ""
        second.text = d.second || ""
        kind.currentIndex = Math.max(0, kind.indexOfValue(d.kind))
        indicator.currentIndex = Math.min(Math.max(0, d.indicator || 0), indicators.length)
        chosenPhotos = (d.photos || []).filter(id => photos.some(p => p.id === id))
        return true
    }
    function reopenDraft(text) {
        let d
        try { d = JSON.parse(text) } catch (e) { return }
        if (!opened) openFor(d.highlight === true, null)
    }
    // The page's answer to 保存: saved, the draft goes; refused, the dialog stays with its text.
    property bool reopen: false
    function settle(saved, message) {
        if (saved) { draft.discard(); problem = ""; return }
        problem = message
        reopen = true
    }
    onClosed: if (reopen) { reopen = false; open() }
    onRejected: draft.discard()
    onChosenPhotosChanged: keepDraft()

    title: highlight ? (editId.length > 0 ? qsTr("修改亮点 / 典型经验") : qsTr("记录亮点 / 典型经验"))
                     : (editId.length > 0 ? qsTr("修改问题") : qsTr("记录问题"))
    standardButtons: Dialog.Save | Dialog.Cancel
    width: Math.min(parent ? parent.width - 48 : 680, 680)
    height: Math.min(implicitHeight, parent ? parent.height - 48 : 800)

    // A new record starts empty; `record` (a finding or highlight as the page lists it)
    // fills the form for a change.
    function openFor(isHighlight, record) {
        highlight = isHighlight
        editId = record ? record.id : ""
        first.text = record ? (isHighlight ? record.title : record.description) : ""
        second.text = record ? (isHighlight ? (record.description || "") : (record.suggestion || "")) : ""
        kind.currentIndex = record && !isHighlight ? Math.max(0, kind.indexOfValue(record.kind)) : 0
        indicator.currentIndex = record && !isHighlight && record.indicator ? Math.max(0, indicators.indexOf(record.indicator) + 1) : 0
        chosenPhotos = record && !isHighlight && record.photoIds ? record.photoIds.slice() : []
        problem = ""
        if (draft.hasDraft) applyDraft(draft.text)
        open()
    }

    onAccepted: {
        if (highlight)
            highlightAccepted(first.text, second.text)
        else
            findingAccepted(kind.currentValue, first.text, second.text,
                            indicator.currentIndex > 0 ? indicators[indicator.currentIndex - 1] : "", chosenPhotos)
    }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
            width: parent.width
            spacing: 12
            RowLayout {
                visible: !dialog.highlight
                Layout.fillWidth: true
                spacing: 12
                ComboBox {
                    id: kind
                    objectName: "findingKind"
                    Layout.preferredWidth: 160
                    // The value is the kind's stored name (问题/短板/弱项); only the text is translated.
                    textRole: "text"
                    valueRole: "value"
                    model: [{ value: "问题", text: qsTr("问题") }, { value: "短板", text: qsTr("短板") },
                            { value: "弱项", text: qsTr("弱项") }]
                    onActivated: dialog.keepDraft()
                }
                ComboBox {
                    id: indicator
                    objectName: "findingIndicator"
                    Layout.fillWidth: true
                    model: [qsTr("（不关联指标）")].concat(dialog.indicators)
                    onActivated: dialog.keepDraft()
                }
            }
            TextArea {
                id: first
                objectName: "findingDescription"
                Layout.fillWidth: true
                Layout.preferredHeight: dialog.highlight ? 56 : 112
                placeholderText: dialog.highlight ? qsTr("亮点标题") : qsTr("问题描述：实地看到了什么")
                wrapMode: TextEdit.Wrap
                onTextChanged: dialog.keepDraft()
            }
            TextArea {
                id: second
                objectName: "findingSuggestion"
                Layout.fillWidth: true
                Layout.preferredHeight: 112
                placeholderText: dialog.highlight ? qsTr("做法与成效，可复制、可推广之处") : qsTr("对策建议（必填）：怎样整改")
                wrapMode: TextEdit.Wrap
                onTextChanged: dialog.keepDraft()
            }
            Label {
                objectName: "findingSuggestionHint"
                visible: !dialog.highlight && first.text.trim().length > 0 && second.text.trim().length === 0
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("请填写对策建议：每个问题都要写明怎样整改，填好后才能保存")
                color: Theme.error
            }
            Label {
                objectName: "findingProblem"
                visible: dialog.problem.length > 0
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: dialog.problem
                color: Theme.error
            }
            Label {
                visible: !dialog.highlight
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: dialog.photos.length > 0 ? qsTr("佐证照片（点选，已选 %1 张）").arg(dialog.chosenPhotos.length)
                                               : qsTr("本单位还没有照片；可先在页面上添加照片再关联")
                color: Theme.textSecondary
            }
            Flow {
                visible: !dialog.highlight && dialog.photos.length > 0
                Layout.fillWidth: true
                spacing: 8
                Repeater {
                    model: dialog.photos
                    delegate: PhotoThumb {
                        required property var modelData
                        objectName: "findingPhoto:" + modelData.id
                        source: modelData.source
                        selected: dialog.chosenPhotos.indexOf(modelData.id) >= 0
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
}
