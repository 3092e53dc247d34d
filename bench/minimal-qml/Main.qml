import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

// The cold-start baseline: the smallest window of the app's kind. Same size, style,
// theme and font size as qml/Main.qml, and a line of Chinese text, so the floor it
// measures includes Qt Quick Controls with Material and loading a CJK font.
ApplicationWindow {
    width: 1280
    height: 800
    visible: true
    title: "现场考评"
    Material.theme: Material.Light
    Material.primary: "#b71c1c"
    Material.accent: "#c62828"
    font.pixelSize: 18

    Label {
        anchors.centerIn: parent
        text: "现场考评"
    }
}
