import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// 组长核定: the value that replaces the group's aggregate for one item, with the
// reason that is kept in the history.
AppDialog {
    id: dialog
    property string code
    property string itemTitle
    property string method
    property string maxScore
    signal finalAccepted(string code, string value, string reason)

    title: qsTr("组长核定：%1 %2").arg(code).arg(itemTitle)
    width: Math.min(parent ? parent.width - 48 : 600, 600)
    standardButtons: Dialog.Save | Dialog.Cancel
    onAboutToShow: { valueField.text = ""; reasonField.text = "" }
    onAccepted: finalAccepted(code, valueField.text, reasonField.text)
    Component.onCompleted: standardButton(Dialog.Save).enabled = Qt.binding(
                               () => valueField.text.trim().length > 0 && reasonField.text.trim().length > 0)

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
        }
        TextArea {
            id: reasonField
            objectName: "finalReasonField"
            Layout.fillWidth: true
            Layout.preferredHeight: 120
            placeholderText: qsTr("核定理由（必填）")
            wrapMode: TextEdit.Wrap
        }
    }
}
