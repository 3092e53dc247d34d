import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Controls.Material

Page {
    id: page
    property var session
    signal signedIn()

    Connections {
        target: page.session
        function onSignInSucceeded() { page.signedIn() }
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 520)
        spacing: 16

        Label {
            text: qsTr("现场考评")
            font.pixelSize: 36
            font.bold: true
            Layout.alignment: Qt.AlignHCenter
        }
        Label {
            text: qsTr("组织工作量化考评 · 检查组平板")
            color: "#616161"
            Layout.alignment: Qt.AlignHCenter
        }
        TextField {
            id: server
            objectName: "serverField"
            Layout.fillWidth: true
            placeholderText: qsTr("服务器地址，例如 https://hq.example.cn:8443")
            text: page.session.serverUrl
            inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
        }
        TextField {
            id: account
            objectName: "accountField"
            Layout.fillWidth: true
            placeholderText: qsTr("账号")
            text: page.session.account
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
        Button {
            id: signInButton
            objectName: "signInButton"
            Layout.fillWidth: true
            Layout.preferredHeight: 56
            text: page.session.busy ? qsTr("正在登录……") : qsTr("登录")
            enabled: !page.session.busy
            // Drawn by hand: Material 2's elevated background needs a GPU effect and
            // vanishes under the software renderer of some tablets.
            background: Rectangle { radius: 6; color: signInButton.enabled ? "#b71c1c" : "#bdbdbd" }
            contentItem: Label {
                text: signInButton.text
                color: "white"
                font.pixelSize: 20
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
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
            Layout.fillWidth: true
            text: qsTr("首次登录需要联网，会下载本组的考评设置；之后离线也能直接进入。")
            color: "#757575"
            font.pixelSize: 15
            wrapMode: Text.Wrap
        }
    }
}
