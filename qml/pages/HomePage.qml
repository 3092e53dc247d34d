import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Controls.impl
import Onsite

Page {
    id: page
    property var session
    required property QtObject workspace // FieldWorkspace
    signal openUnit(string code, string name, bool locked, string reason, bool submitted)

    // Liaisons and HQ staff work in the browser console; the tablet says where it is.
    readonly property bool fieldWork: page.session.canUseTablet !== false

    // The unit list is read once the page has shown its first frame: reading a large
    // campaign's set-up and progress takes longer than the whole rest of the start, and
    // the header and a placeholder can be on screen meanwhile.
    property bool shown: false
    readonly property bool loading: units.loading
    Connections {
        target: page.Window.window
        enabled: !page.shown
        // Later, not in the frame's own signal: the frame is reported done first.
        function onFrameSwapped() { Qt.callLater(() => { page.shown = true }) }
    }
    UnitListModel { id: units; objectName: "homeUnits"; workspace: page.shown ? page.workspace : null }

    header: PageHeader {
        showBack: false
        title: page.session.campaignName
        subtitle: qsTr("%1 · %2").arg(page.session.displayName).arg(page.session.roleName)
        TextField {
            visible: page.fieldWork
            Layout.preferredWidth: Math.min(page.width * 0.4, 360)
            placeholderText: qsTr("搜索单位名称、编码或类别")
            leftPadding: 36
            onTextChanged: units.filter = text
            IconImage {
                anchors.left: parent.left
                anchors.verticalCenter: parent.verticalCenter
                source: Theme.icon("search")
                sourceSize: Qt.size(24, 24)
                color: Theme.textSecondary
            }
        }
    }

    // Made only for the accounts it is for: hidden, it still cost a tenth of the start
    // (its large title and icon are text and images no field worker's first frame needs).
    Loader {
        active: !page.fieldWork
        anchors.fill: parent
        sourceComponent: Component { ConsoleNotice { session: page.session } }
    }

    GridView {
        id: grid
        visible: page.fieldWork
        anchors.fill: parent
        anchors.margins: 12
        clip: true
        cellWidth: width >= 1000 ? width / 3 : (width >= 560 ? width / 2 : width)
        cellHeight: 156
        model: units

        delegate: Item {
            id: tile
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

            ItemDelegate {
                anchors.fill: parent
                anchors.margins: 6
                padding: 16
                Accessible.name: tile.name
                onClicked: page.openUnit(tile.code, tile.name, tile.locked, tile.lockReason, tile.submitted)
                background: Rectangle {
                    radius: 10
                    color: parent.down ? "#f5f5f5" : Theme.surface
                    border.color: tile.submitted ? "#ce93d8" : Theme.divider
                    border.width: tile.submitted ? 2 : 1
                }
                contentItem: ColumnLayout {
                    spacing: 8
                    RowLayout {
                        spacing: 8
                        Label { text: tile.name; font.pixelSize: Theme.fontTitle; font.bold: true }
                        Label { text: tile.code + " · " + tile.category; color: Theme.textSecondary; Layout.fillWidth: true; elide: Text.ElideRight }
                        IconImage {
                            visible: tile.locked || tile.submitted
                            source: Theme.icon("lock")
                            sourceSize: Qt.size(22, 22)
                            color: tile.locked ? Theme.primary : Theme.submitted
                        }
                        Label {
                            visible: tile.locked || tile.submitted
                            text: tile.locked ? qsTr("回避") : qsTr("已提交")
                            color: tile.locked ? Theme.primary : Theme.submitted
                            font.bold: true
                        }
                    }
                    ProgressBar {
                        visible: !tile.locked && !tile.submitted
                        Layout.fillWidth: true
                        from: 0; to: Math.max(1, tile.total); value: tile.scored
                    }
                    Label {
                        objectName: "unitStatus"
                        text: tile.locked ? tile.lockReason
                              : tile.submitted ? qsTr("组长已提交，评分已锁定 · 仍可补充照片、问题和亮点")
                              : qsTr("我已评 %1 / %2 项 · %3 个点位").arg(tile.scored).arg(tile.total).arg(tile.siteCount)
                        color: tile.locked ? Theme.primary : (tile.submitted ? Theme.submitted : "#424242")
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: tile.photosWaiting > 0
                        text: qsTr("%1 张照片待上传").arg(tile.photosWaiting)
                        color: Theme.warn
                    }
                    Item { Layout.fillHeight: true }
                }
            }
        }

        Label {
            anchors.centerIn: parent
            width: parent.width - 48
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            visible: grid.count === 0
            text: units.loading ? qsTr("正在载入考评单位……")
                  : units.filter.length > 0 ? qsTr("没有符合“%1”的单位").arg(units.filter)
                                          : qsTr("尚无考评单位。请联网同步以下载本组的考评设置。")
            color: Theme.textSecondary
        }
    }
}
