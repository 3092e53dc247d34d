import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Controls.impl
import Onsite

// For a liaison or HQ account on the tablet: their work is in the browser console,
// at the server's address; the tablet is for inspection groups.
Item {
    id: notice
    property var session
    readonly property string address: session.consoleUrl || session.serverUrl || ""

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 640)
        spacing: 16
        IconImage {
            Layout.alignment: Qt.AlignHCenter
            source: Theme.icon("computer")
            sourceSize: Qt.size(72, 72)
            color: Theme.primary
        }
        Label {
            objectName: "consoleNoticeTitle"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: qsTr("%1的工作在网页控制台中进行").arg(notice.session.roleName)
            font.pixelSize: Theme.fontTitle + 4
            font.bold: true
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: "#424242"
            text: qsTr("这台平板供检查组实地查看、评分和取证使用。请在电脑或手机的浏览器中打开下面的地址，用同一账号登录：")
        }
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: addressLabel.implicitHeight + 24
            radius: 8
            color: Theme.primaryTint
            Label {
                id: addressLabel
                objectName: "consoleAddress"
                anchors.centerIn: parent
                width: parent.width - 24
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WrapAnywhere
                text: notice.address.length > 0 ? notice.address : qsTr("（服务器地址未知，请向考评办询问）")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.primaryDark
            }
        }
        AppButton {
            Layout.alignment: Qt.AlignHCenter
            visible: notice.address.length > 0
            kind: "filled"
            iconName: "computer"
            text: qsTr("在浏览器中打开")
            onClicked: Qt.openUrlExternally(notice.address)
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            text: qsTr("如需换成检查组账号，请在“设置”中退出登录。")
        }
    }
}
