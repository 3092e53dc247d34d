import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Controls.impl

// Always visible: online/offline, what waits, the last success, errors in plain words.
// Offline the bar turns slate so nobody mistakes it for a connected tablet.
ToolBar {
    id: bar
    property var status
    property bool onSyncPage: false   // the sync page has its own 立即同步
    signal openDetails()
    signal openSettings()

    readonly property bool narrow: width < 1000
    implicitHeight: 56
    background: Rectangle {
        color: bar.status.errorText.length > 0 ? Theme.primaryDark : (bar.status.online ? Theme.primary : "#455a64")
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 12
        anchors.rightMargin: 4
        spacing: 8

        IconImage {
            objectName: "onlineIcon"
            // "Done" only when it is: online, no error, nothing waiting (it showed done
            // beside 无法连接服务器 while HQ refused connections).
            source: Theme.icon(bar.status.syncing ? "sync"
                               : !bar.status.online ? "cloud_off"
                               : bar.status.errorText.length > 0 ? "warning"
                               : bar.status.pendingChanges + bar.status.pendingPhotos > 0 ? "sync" : "cloud_done")
            sourceSize: Qt.size(28, 28)
            color: "white"
            Accessible.name: bar.status.online ? qsTr("在线") : qsTr("离线")
        }
        Label {
            Layout.fillWidth: true
            text: bar.status.summary
            color: "white"
            font.pixelSize: Theme.fontBody
            elide: Text.ElideRight
        }
        Label {
            visible: bar.status.errorText.length > 0 && !bar.narrow
            Layout.maximumWidth: parent.width * 0.3
            text: bar.status.errorText
            color: "#ffe082"
            elide: Text.ElideRight
        }
        AppButton {
            objectName: "syncNowButton"
            visible: !bar.onSyncPage
            onDark: true
            iconName: "sync"
            text: bar.narrow ? "" : qsTr("立即同步")
            Accessible.name: qsTr("立即同步")
            enabled: !bar.status.syncing
            onClicked: bar.status.syncNow()
        }
        AppButton {
            objectName: "syncDetailsButton"
            onDark: true
            iconName: "info"
            text: bar.narrow ? "" : qsTr("同步详情")
            Accessible.name: qsTr("同步详情")
            onClicked: bar.openDetails()
        }
        AppButton {
            objectName: "settingsButton"
            onDark: true
            iconName: "settings"
            text: bar.narrow ? "" : qsTr("设置")
            Accessible.name: qsTr("设置")
            onClicked: bar.openSettings()
        }
    }
}
