import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Controls.Material

// Always visible: online/offline, what waits, the last success, errors in plain words.
ToolBar {
    id: bar
    property var status
    signal openDetails()
    signal openSettings()

    background: Rectangle { color: bar.status.errorText.length > 0 ? "#8e0000" : "#b71c1c" }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 16
        spacing: 12

        Rectangle {
            width: 14; height: 14; radius: 7
            color: bar.status.syncing ? "#ffb300" : (bar.status.online ? "#2e7d32" : "#9e9e9e")
            Accessible.name: bar.status.online ? qsTr("在线") : qsTr("离线")
        }
        Label {
            Layout.fillWidth: true
            text: bar.status.summary
            color: "white"
            elide: Text.ElideRight
        }
        Label {
            visible: bar.status.errorText.length > 0
            Layout.maximumWidth: parent.width * 0.35
            text: bar.status.errorText
            color: "#ffe082"
            elide: Text.ElideRight
        }
        ToolButton {
            Material.foreground: "white"
            objectName: "syncNowButton"
            text: qsTr("立即同步")
            enabled: !bar.status.syncing
            onClicked: bar.status.syncNow()
        }
        ToolButton {
            Material.foreground: "white"
            text: qsTr("同步详情")
            onClicked: bar.openDetails()
        }
        ToolButton {
            Material.foreground: "white"
            text: qsTr("设置")
            onClicked: bar.openSettings()
        }
    }
}
