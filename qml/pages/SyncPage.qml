import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onsite

// Sync details: what waits, when it last worked, what went wrong, and every change
// HQ refused or overrode with its reason.
Page {
    id: page
    property var status
    signal back()

    // The only 立即同步 on this page (the bar above hides its own here).
    readonly property bool isSyncPage: true

    header: PageHeader {
        title: qsTr("同步详情")
        onBack: page.back()
        AppButton {
            objectName: "syncPageNowButton"
            kind: "filled"
            iconName: "sync"
            text: page.status.syncing ? qsTr("正在同步……") : qsTr("立即同步")
            enabled: !page.status.syncing
            onClicked: page.status.syncNow()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 12

        GridLayout {
            columns: 2
            columnSpacing: 24
            rowSpacing: 8
            Label { text: qsTr("网络"); color: Theme.textSecondary }
            Label {
                objectName: "networkState"
                text: page.status.online ? qsTr("在线") : qsTr("离线：更改都已保存在本机，联网后自动同步")
                color: page.status.online ? Theme.good : "#455a64"
                font.bold: !page.status.online
                wrapMode: Text.Wrap
                Layout.maximumWidth: page.width - 240
            }
            Label { text: qsTr("待同步更改"); color: Theme.textSecondary }
            Label { text: qsTr("%1 条").arg(page.status.pendingChanges) }
            Label { text: qsTr("待上传照片"); color: Theme.textSecondary }
            Label { text: qsTr("%1 张").arg(page.status.pendingPhotos) }
            Label { text: qsTr("上次成功同步"); color: Theme.textSecondary }
            Label { text: page.status.lastSuccessText }
            Label { text: qsTr("最近的错误"); color: Theme.textSecondary }
            ColumnLayout {
                spacing: 2
                Layout.maximumWidth: page.width - 240
                Label {
                    objectName: "syncErrorText"
                    text: page.status.errorText.length > 0 ? page.status.errorText : qsTr("无")
                    color: page.status.errorText.length > 0 ? Theme.error : Theme.good
                    wrapMode: Text.Wrap
                    Layout.maximumWidth: page.width - 240
                }
                Label {
                    objectName: "syncErrorDetail"
                    visible: page.status.errorDetail.length > 0
                    text: qsTr("技术信息：%1").arg(page.status.errorDetail)
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.Wrap
                    Layout.maximumWidth: page.width - 240
                }
            }
        }
        Label {
            objectName: "restoreNotice"
            visible: page.status.restoreNotice.length > 0
            text: page.status.restoreNotice
            color: Theme.primaryDark
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ProgressBar {
            Layout.fillWidth: true
            visible: page.status.syncing
            value: page.status.progress
        }
        Label { visible: page.status.syncing; text: page.status.progressText; color: "#424242" }

        Label {
            text: qsTr("被拒绝或冲突的更改（%1）").arg(page.status.problems.length)
            font.bold: true
            Layout.topMargin: 12
        }
        ListView {
            id: problems
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: page.status.problems
            delegate: ItemDelegate {
                required property var modelData
                width: problems.width
                contentItem: ColumnLayout {
                    Label {
                        text: (modelData.conflict ? qsTr("冲突") : qsTr("被拒绝")) + " · " + modelData.what
                        font.bold: true
                    }
                    Label { text: modelData.message; wrapMode: Text.Wrap; Layout.fillWidth: true; color: Theme.textSecondary }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: problems.count === 0
                text: qsTr("没有被拒绝或冲突的更改")
                color: Theme.textSecondary
            }
        }
    }
}
