import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onsite

Page {
    id: page
    property var session
    signal back()
    signal signedOut()

    SettingsModel { id: settings }

    header: ToolBar {
        background: Rectangle { color: "#fafafa" }
        RowLayout {
            anchors.fill: parent
            ToolButton { text: qsTr("‹ 返回"); onClicked: page.back() }
            Label { text: qsTr("设置"); font.pixelSize: 20; font.bold: true }
            Item { Layout.fillWidth: true }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 16

        Label { text: qsTr("语言 / Language"); font.bold: true }
        RowLayout {
            RadioButton {
                text: "简体中文"
                checked: settings.language === "zh_CN"
                onClicked: settings.language = "zh_CN"
            }
            RadioButton {
                text: "English"
                checked: settings.language === "en"
                onClicked: settings.language = "en"
            }
        }
        Label { text: qsTr("服务器"); font.bold: true }
        Label { text: page.session.serverUrl || qsTr("未设置"); color: "#424242" }
        Label { text: qsTr("账号"); font.bold: true }
        Label { text: qsTr("%1（%2，%3）").arg(page.session.displayName).arg(page.session.account).arg(page.session.roleName) }

        Button {
            text: qsTr("退出登录")
            Layout.topMargin: 24
            onClicked: {
                if (page.session.signOut(false))
                    page.signedOut()
                else
                    discardConfirm.open()
            }
        }
        Label {
            visible: page.session.error.length > 0
            text: page.session.error
            color: "#c62828"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Item { Layout.fillHeight: true }
    }

    Dialog {
        id: discardConfirm
        anchors.centerIn: parent
        title: qsTr("丢弃未同步的更改？")
        width: Math.min(page.width - 64, 520)
        modal: true
        standardButtons: Dialog.Discard | Dialog.Cancel
        Label {
            width: discardConfirm.availableWidth
            wrapMode: Text.Wrap
            text: qsTr("本机还有 %1 条更改没有到达总部。退出并丢弃后无法恢复。建议先联网同步。").arg(page.session.unsyncedCount)
        }
        onDiscarded: {
            if (page.session.signOut(true)) {
                close()
                page.signedOut()
            }
        }
    }
}
