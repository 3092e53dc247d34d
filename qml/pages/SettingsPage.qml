import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onsite

Page {
    id: page
    property var session
    required property Translations translations
    signal back()
    signal signedOut()
    signal openAbout()

    SettingsModel { id: settings; translations: page.translations }

    header: PageHeader {
        title: qsTr("设置")
        onBack: page.back()
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            x: 24
            width: Math.min(scroll.availableWidth - 48, 720)
            spacing: 12

            Label { text: qsTr("语言 / Language"); font.bold: true; Layout.topMargin: 24 }
            RowLayout {
                spacing: 16
                RadioButton {
                    objectName: "languageZh"
                    text: "简体中文"
                    checked: settings.language === "zh_CN"
                    onClicked: settings.language = "zh_CN"
                }
                RadioButton {
                    objectName: "languageEn"
                    text: "English"
                    checked: settings.language === "en"
                    onClicked: settings.language = "en"
                }
            }
            Label { text: qsTr("服务器"); font.bold: true; Layout.topMargin: 12 }
            Label { text: page.session.serverUrl || qsTr("未设置"); color: "#424242"; wrapMode: Text.WrapAnywhere; Layout.fillWidth: true }
            Label { text: qsTr("账号"); font.bold: true; Layout.topMargin: 12 }
            Label {
                text: qsTr("%1（%2，%3）").arg(page.session.displayName).arg(page.session.account).arg(page.session.roleName)
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            RowLayout {
                Layout.topMargin: 24
                spacing: 12
                AppButton {
                    objectName: "aboutButton"
                    kind: "tonal"
                    iconName: "info"
                    text: qsTr("关于本机")
                    onClicked: page.openAbout()
                }
                AppButton {
                    objectName: "signOutButton"
                    kind: "outlined"
                    iconName: "logout"
                    text: qsTr("退出登录")
                    onClicked: {
                        if (page.session.signOut(false))
                            page.signedOut()
                        else
                            discardConfirm.open()
                    }
                }
            }
            Label {
                visible: page.session.error.length > 0
                text: page.session.error
                color: Theme.error
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
    }

    AppDialog {
        id: discardConfirm
        title: qsTr("丢弃未同步的更改？")
        width: Math.min(page.width - 48, 560)
        standardButtons: Dialog.Save | Dialog.Discard | Dialog.Cancel
        acceptText: qsTr("保留并退出")
        discardText: qsTr("丢弃并退出")
        Label {
            width: discardConfirm.availableWidth
            wrapMode: Text.Wrap
            text: qsTr("本机还有 %1 条更改没有到达总部。保留并退出后，用同一账号重新登录即可继续同步；丢弃后无法恢复。建议先联网同步。").arg(page.session.unsyncedCount)
        }
        onAccepted: {
            page.session.signOutKeepingChanges()
            page.signedOut()
        }
        onDiscarded: {
            if (page.session.signOut(true)) {
                close()
                page.signedOut()
            }
        }
    }
}
