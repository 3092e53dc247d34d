import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

// A button that looks like one on every renderer: icon and text on a drawn
// background (Material's own needs a GPU effect and vanishes under software
// rendering), at least 48 dp high. `kind`: "filled" for the one main action,
// "tonal" for the others, "outlined", or "text" for quiet actions in bars.
// A `selectable` button (one of several choices) shows `checked` by fill and a tick;
// it does not toggle itself, so `checked` stays bound to the stored value.
Button {
    id: control
    property string kind: "tonal"
    property string iconName
    property color tint: Theme.primary   // filled colour and selected border
    property bool onDark: false          // on the red bar: white text, light hover
    property bool selectable: false

    readonly property bool selectedLook: selectable && checked
    readonly property color foreground: !enabled ? (onDark ? "#ffcdd2" : "#9e9e9e")
                                        : onDark ? "white"
                                        : kind === "filled" || selectedLook ? "white"
                                        : kind === "text" ? tint : Theme.text

    topInset: 0
    bottomInset: 0
    leftPadding: text.length > 0 ? 16 : 12
    rightPadding: text.length > 0 ? 18 : 12
    spacing: 8
    font.pixelSize: Theme.fontBody
    // Material capitalises button text: "SIGN IN" shouts in the English UI.
    font.capitalization: Font.MixedCase
    implicitHeight: Math.max(Theme.touch, implicitContentHeight + topPadding + bottomPadding)
    implicitWidth: Math.max(Theme.touch, implicitContentWidth + leftPadding + rightPadding)
    icon.source: selectedLook ? Theme.icon("check") : (iconName.length > 0 ? Theme.icon(iconName) : "")
    icon.width: 22
    icon.height: 22
    icon.color: foreground
    Material.foreground: foreground
    Accessible.name: text
    Accessible.checkable: selectable
    Accessible.checked: selectedLook

    background: Rectangle {
        radius: 8
        color: {
            if (control.onDark)
                return control.down ? "#33ffffff" : (control.hovered || control.visualFocus ? "#1affffff" : "transparent")
            if (!control.enabled)
                return control.kind === "text" || control.kind === "outlined" ? "transparent" : "#eeeeee"
            if (control.selectedLook)
                return control.down ? Qt.darker(control.tint, 1.2) : control.tint
            switch (control.kind) {
            case "filled": return control.down ? Qt.darker(control.tint, 1.2) : control.tint
            case "tonal": return control.down ? "#e0e0e0" : "#f0f0f0"
            default: return control.down ? "#14000000" : "transparent"
            }
        }
        border.width: control.kind === "outlined" || (control.selectable && !control.checked) ? 1 : 0
        border.color: control.enabled ? "#9e9e9e" : "#e0e0e0"
    }
}
