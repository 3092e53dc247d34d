import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

// A dialog drawn without GPU effects (Material's shadowed card vanishes under software
// rendering), centred, with a large title and real buttons: the accepting one filled,
// a destructive one red, the others quiet.
Dialog {
    id: dialog
    // Texts of the standard buttons in the app's language (Qt's own are English
    // unless its translations are installed); a dialog may name its action.
    property string acceptText: qsTr("保存")
    property string discardText: qsTr("丢弃")
    modal: true
    // A stray tap beside the dialog must not throw away a finding or a reason being
    // typed: it closes by its buttons (or Esc / the back key) only.
    closePolicy: Popup.CloseOnEscape
    parent: Overlay.overlay
    anchors.centerIn: parent
    padding: 24
    topPadding: 16
    font.pixelSize: Theme.fontBody

    background: Rectangle {
        radius: 12
        color: Theme.surface
        border.color: "#bdbdbd"
    }
    header: Label {
        text: dialog.title
        visible: dialog.title.length > 0
        padding: 24
        bottomPadding: 0
        font.bold: true
        font.pixelSize: Theme.fontTitle
        wrapMode: Text.Wrap
    }
    footer: DialogButtonBox {
        visible: count > 0
        padding: 16
        spacing: 12
        alignment: Qt.AlignRight
        background: Item {}
        delegate: AppButton {
            id: button
            readonly property int role: DialogButtonBox.buttonRole
            // The box sets Qt's text after creating the button; ours follows it.
            onTextChanged: {
                const wanted = button.ownText()
                if (wanted.length > 0 && text !== wanted)
                    text = wanted
            }
            function ownText() {
                switch (role) {
                case DialogButtonBox.AcceptRole: return dialog.acceptText
                case DialogButtonBox.RejectRole: return qsTr("取消")
                case DialogButtonBox.DestructiveRole: return dialog.discardText
                case DialogButtonBox.YesRole: return qsTr("确认")
                case DialogButtonBox.NoRole: return qsTr("否")
                default: return text === "Close" || text === "&Close" ? qsTr("关闭") : ""
                }
            }
            readonly property bool accepting: role === DialogButtonBox.AcceptRole || role === DialogButtonBox.YesRole
            readonly property bool destructive: role === DialogButtonBox.DestructiveRole
            kind: accepting || destructive ? "filled" : "text"
            tint: destructive ? Theme.error : Theme.primary
            iconName: accepting ? "check" : (destructive ? "delete" : (role === DialogButtonBox.RejectRole ? "close" : ""))
        }
    }
}
