import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Onsite

Page {
    id: page
    property string unitCode
    property string unitName
    property bool locked: false
    property string lockReason
    property int initialTab: 0
    signal openSite(string code)
    signal back()

    SiteListModel { id: sites; unitCode: page.unitCode }
    RecheckModel { id: rechecks; objectName: "recheckModel"; unitCode: page.unitCode }

    header: ToolBar {
        background: Rectangle { color: "#fafafa" }
        RowLayout {
            anchors.fill: parent
            ToolButton { text: qsTr("‹ 返回"); onClicked: page.back() }
            Label { text: page.unitName; font.pixelSize: 20; font.bold: true }
            Item { Layout.fillWidth: true }
        }
    }

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
            visible: tabs.currentIndex === 1
            unitCode: page.unitCode
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
        Label {
            visible: page.locked && tabs.currentIndex === 0
            Layout.fillWidth: true
            text: page.lockReason
            color: "#b71c1c"
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
                required property var modelData
                objectName: "site:" + modelData.code
                width: list.width
                height: 84
                onClicked: page.openSite(modelData.code)
                contentItem: RowLayout {
                    spacing: 16
                    ColumnLayout {
                        Layout.fillWidth: true
                        Label { text: modelData.name; font.pixelSize: 20; font.bold: true }
                        Label {
                            text: qsTr("%1 · 核查指标 %2").arg(modelData.type).arg(modelData.items)
                            color: "#616161"
                        }
                    }
                    Label {
                        text: qsTr("已评 %1/%2").arg(modelData.scored).arg(modelData.itemCount)
                        color: modelData.scored === modelData.itemCount ? "#2e7d32" : "#ef6c00"
                        font.pixelSize: 18
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("本单位没有点位")
                color: "#757575"
            }
        }
    }
}
