import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Controls.impl
import Onsite

Page {
    id: page
    property var session
    signal signedIn()

    Connections {
        target: page.session
        function onSignInSucceeded() { page.signedIn() }
    }

    // A server this tablet used before is shown as a line, changeable on demand.
    readonly property string remembered: page.session.serverUrl
    property bool editingServer: remembered.length === 0

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 560)
        spacing: 16

        Label {
            text: qsTr("现场考评")
            font.pixelSize: 36
            font.bold: true
            Layout.alignment: Qt.AlignHCenter
        }
        Label {
            text: qsTr("组织工作量化考评 · 检查组平板")
            color: Theme.textSecondary
            Layout.alignment: Qt.AlignHCenter
        }
        RowLayout {
            visible: !page.editingServer
            Layout.fillWidth: true
            spacing: 12
            IconImage { source: Theme.icon("computer"); sourceSize: Qt.size(24, 24); color: Theme.textSecondary }
            Label {
                objectName: "rememberedServer"
                Layout.fillWidth: true
                text: qsTr("服务器：%1").arg(page.remembered.replace(/^https?:\/\//, "").replace(/\/$/, ""))
                color: "#424242"
                elide: Text.ElideMiddle
            }
            AppButton {
                objectName: "changeServerButton"
                kind: "text"
                iconName: "edit"
                text: qsTr("更改")
                onClicked: { page.editingServer = true; server.forceActiveFocus() }
            }
        }
        Label {
            visible: page.editingServer
            text: qsTr("服务器地址")
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
        }
        TextField {
            id: server
            objectName: "serverField"
            visible: page.editingServer
            Layout.fillWidth: true
            placeholderText: qsTr("例如 https://hq.example.cn:8443（向考评办索取）")
            text: page.remembered
            inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
        }
        TextField {
            id: account
            objectName: "accountField"
            Layout.fillWidth: true
            placeholderText: qsTr("账号")
            // Filled once, not bound: every sign-in attempt re-reads the session, and a
            // binding wiped what was typed after each failed one.
            Component.onCompleted: text = page.session.account
            inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhPreferLowercase
        }
        TextField {
            id: password
            objectName: "passwordField"
            Layout.fillWidth: true
            placeholderText: qsTr("密码")
            echoMode: TextInput.Password
            onAccepted: signInButton.clicked()
        }
        AppButton {
            id: signInButton
            objectName: "signInButton"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touchLarge
            kind: "filled"
            iconName: "person"
            font.pixelSize: Theme.fontHeading
            text: page.session.busy ? qsTr("正在登录……") : qsTr("登录")
            enabled: !page.session.busy
            onClicked: page.session.signIn(server.text, account.text, password.text)
        }
        ProgressBar {
            Layout.fillWidth: true
            visible: page.session.busy
            value: page.session.progress
        }
        Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: page.session.busy ? page.session.progressText : page.session.error
            color: page.session.busy ? "#424242" : "#c62828"
            wrapMode: Text.Wrap
        }
        Label {
            objectName: "signInErrorDetail"
            Layout.fillWidth: true
            visible: !page.session.busy && page.session.errorDetail.length > 0
            text: qsTr("技术信息：%1").arg(page.session.errorDetail)
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("首次登录需要联网，会下载本组的考评设置；之后离线也能直接进入。")
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }
    }
}
