import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Controls.Material
import Onsite

Page {
    id: page
    property var session
    signal openUnit(string code, string name, bool locked, string reason)

    UnitListModel { id: units }

    header: ToolBar {
        background: Rectangle { color: "#fafafa" }
        RowLayout {
            anchors.fill: parent
            anchors.margins: 8
            spacing: 16
            ColumnLayout {
                spacing: 0
                Label { text: page.session.campaignName; font.pixelSize: 20; font.bold: true }
                Label {
                    text: qsTr("%1 · %2").arg(page.session.displayName).arg(page.session.roleName)
                    color: "#616161"; font.pixelSize: 15
                }
            }
            Item { Layout.fillWidth: true }
            TextField {
                Layout.preferredWidth: Math.min(page.width * 0.4, 360)
                placeholderText: qsTr("搜索单位名称、编码或类别")
                onTextChanged: units.filter = text
            }
        }
    }

    GridView {
        id: grid
        anchors.fill: parent
        anchors.margins: 16
        clip: true
        cellWidth: width >= 1000 ? width / 3 : (width >= 640 ? width / 2 : width)
        cellHeight: 170
        model: units

        delegate: Item {
            objectName: "unit:" + code
            width: grid.cellWidth
            height: grid.cellHeight
            required property string code
            required property string name
            required property string category
            required property int scored
            required property int total
            required property int photosWaiting
            required property int siteCount
            required property bool locked
            required property string lockReason
            required property bool submitted

            Pane {
                anchors.fill: parent
                anchors.margins: 8
                Material.elevation: 2
                opacity: locked ? 0.7 : 1

                ColumnLayout {
                    anchors.fill: parent
                    spacing: 6
                    RowLayout {
                        Label { text: name; font.pixelSize: 22; font.bold: true }
                        Label { text: code + " · " + category; color: "#757575" }
                        Item { Layout.fillWidth: true }
                        Label { visible: locked; text: qsTr("回避"); color: "#b71c1c" }
                        Label { visible: submitted && !locked; text: qsTr("已提交"); color: "#6a1b9a"; font.bold: true }
                    }
                    ProgressBar { Layout.fillWidth: true; from: 0; to: Math.max(1, total); value: scored }
                    Label {
                        text: locked ? lockReason
                                     : qsTr("已评 %1 / %2 项 · %3 个点位").arg(scored).arg(total).arg(siteCount)
                        color: locked ? "#b71c1c" : "#424242"
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: photosWaiting > 0
                        text: qsTr("%1 张照片待上传").arg(photosWaiting)
                        color: "#ef6c00"
                    }
                }
                MouseArea {
                    anchors.fill: parent
                    onClicked: page.openUnit(code, name, locked, lockReason)
                }
            }
        }

        Label {
            anchors.centerIn: parent
            visible: grid.count === 0
            text: units.filter.length > 0 ? qsTr("没有符合“%1”的单位").arg(units.filter)
                                          : qsTr("尚无考评单位。请联网同步以下载本组的考评设置。")
            color: "#757575"
        }
    }
}
