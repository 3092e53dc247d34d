import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import QtQuick.Controls.impl
import Onsite

Page {
    id: page
    property string unitCode
    property string unitName
    property bool locked: false
    property string lockReason
    property bool submitted: false   // scores locked by the leader's submission
    property int initialTab: 0
    required property QtObject workspace // FieldWorkspace
    signal openSite(string code)
    signal back()

    SiteListModel { id: sites; workspace: page.workspace; unitCode: page.unitCode }
    RecheckModel { id: rechecks; objectName: "recheckModel"; workspace: page.workspace; unitCode: page.unitCode }

    header: PageHeader {
        title: page.unitName
        subtitle: page.unitCode
        onBack: page.back()
    }

    // For scripts/screenshots: the leader's dialogs as an inspector would meet them.
    function showFinalDialog(code) { tabs.currentIndex = 1; overview.openFinal(code) }
    function showSubmitConfirmation() { tabs.currentIndex = 1; overview.openSubmitConfirmation() }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 12

        TabBar {
            id: tabs
            Layout.fillWidth: true
            currentIndex: page.initialTab
            TabButton { text: qsTr("点位") }
            TabButton { objectName: "overviewTab"; text: qsTr("指标总览") }
            TabButton {
                objectName: "recheckTab"
                text: rechecks.openCount > 0 ? qsTr("回头看（%1）").arg(rechecks.openCount) : qsTr("回头看")
            }
        }
        RecheckList {
            visible: tabs.currentIndex === 2
            model: rechecks
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
        UnitOverview {
            id: overview
            visible: tabs.currentIndex === 1
            workspace: page.workspace
            unitCode: page.unitCode
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
        Label {
            visible: page.locked && tabs.currentIndex === 0
            Layout.fillWidth: true
            text: page.lockReason
            color: Theme.primary
            wrapMode: Text.Wrap
        }
        ListView {
            id: list
            visible: tabs.currentIndex === 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 8
            model: sites.sites
            delegate: ItemDelegate {
                id: siteRow
                required property var modelData
                objectName: "site:" + modelData.code
                width: list.width
                padding: 16
                onClicked: page.openSite(modelData.code)
                background: Rectangle {
                    radius: 8
                    color: siteRow.down ? "#f5f5f5" : Theme.surface
                    border.color: Theme.divider
                }
                contentItem: RowLayout {
                    spacing: 16
                    IconImage {
                        source: Theme.icon("place")
                        sourceSize: Qt.size(28, 28)
                        color: Theme.primary
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 4
                        Label { text: siteRow.modelData.name; font.pixelSize: Theme.fontHeading; font.bold: true; wrapMode: Text.Wrap; Layout.fillWidth: true }
                        Label {
                            text: qsTr("%1 · 核查指标 %2").arg(siteRow.modelData.type).arg(siteRow.modelData.items)
                            color: Theme.textSecondary
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                    }
                    Label {
                        text: page.submitted ? qsTr("已锁定") : qsTr("我已评 %1/%2").arg(siteRow.modelData.scored).arg(siteRow.modelData.itemCount)
                        color: page.submitted ? Theme.submitted
                               : siteRow.modelData.scored === siteRow.modelData.itemCount ? Theme.good : Theme.warn
                        font.bold: true
                    }
                    IconImage {
                        source: Theme.icon("chevron_right")
                        sourceSize: Qt.size(28, 28)
                        color: Theme.textSecondary
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("本单位没有点位")
                color: Theme.textSecondary
            }
        }
    }
}
