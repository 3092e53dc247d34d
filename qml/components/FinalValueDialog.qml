import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onsite

// 组长核定: the value that replaces the group's aggregate for one item, with the
// reason that is kept in the history.
AppDialog {
    id: dialog
    property string code
    property string itemTitle
    property string method
    property string maxScore
    property string unitCode
    property QtObject workspace: null // keeps what is typed until 保存 (TextDraft)
    signal finalAccepted(string code, string value, string reason)
    // Checked before Save can close the dialog: a value out of range used to close it,
    // losing the written reason, and came back as a passing note on the page.
    readonly property bool isVeto: method === "一票否决"
    readonly property string valueProblem: {
        const text = valueField.text.trim()
        if (text.length === 0)
            return ""
        if (isVeto)
            return text === "是" || text === "否" ? "" : qsTr("一票否决项请填“是”或“否”")
        const value = Number(text)
        const max = Number(maxScore)
        if (!isFinite(value) || value < 0 || (isFinite(max) && value > max))
            return qsTr("核定分值应为 0 到 %1 之间的数").arg(maxScore)
        return ""
    }

    title: qsTr("组长核定：%1 %2").arg(code).arg(itemTitle)
    width: Math.min(parent ? parent.width - 48 : 600, 600)
    standardButtons: Dialog.Save | Dialog.Cancel
    // A reason half written when the app is killed comes back when the item is opened again.
    TextDraft {
        id: draft
        workspace: dialog.workspace
        applicationState: Qt.application.state
        key: dialog.unitCode.length > 0 && dialog.code.length > 0
             ? "final-value:" + dialog.unitCode + ":" + dialog.code : ""
    }
    function keepDraft() {
        if (opened)
            draft.keep(JSON.stringify({ value: valueField.text, reason: reasonField.text }))
    }
    // The model's answer to 保存: only a saved value ends the draft.
    function settle(saved) {
        if (saved)
            draft.discard()
    }
    onAboutToShow: {
        valueField.text = ""; reasonField.text = ""
        if (draft.hasDraft) {
            try {
                const d = JSON.parse(draft.text)
                valueField.text = d.value || ""; reasonField.text = d.reason || ""
            } catch (e) {}
        }
    }
    onAccepted: finalAccepted(code, valueField.text, reasonField.text)
    onRejected: draft.discard()
    Component.onCompleted: standardButton(Dialog.Save).enabled = Qt.binding(
                               () => valueField.text.trim().length > 0 && reasonField.text.trim().length > 0
                                     && dialog.valueProblem.length === 0)

    ColumnLayout {
        width: dialog.availableWidth
        spacing: 12
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.textSecondary
            text: qsTr("%1 · 满分 %2 分。核定分值（0 到满分）替代本组的平均分；理由与修改记录一起保存，考评办可查。")
                      .arg(dialog.method).arg(dialog.maxScore)
        }
        TextField {
            id: valueField
            objectName: "finalValueField"
            Layout.fillWidth: true
            placeholderText: qsTr("核定分值（一票否决项填“是”或“否”）")
            onTextChanged: dialog.keepDraft()
        }
        Label {
            objectName: "finalValueProblem"
            visible: dialog.valueProblem.length > 0
            text: dialog.valueProblem
            color: Theme.error
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        TextArea {
            id: reasonField
            objectName: "finalReasonField"
            Layout.fillWidth: true
            Layout.preferredHeight: 120
            placeholderText: qsTr("核定理由（必填）")
            wrapMode: TextEdit.Wrap
            onTextChanged: dialog.keepDraft()
        }
    }
}
