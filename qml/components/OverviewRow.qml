import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One item of the overview: what it is, my points and the group's (final value
// included), each with the input behind it as a second line that wraps, never cut.
Rectangle {
    id: row
    property var item
    property bool submitted: false
    property bool canSetFinal: false
    property bool narrow: false
    signal setFinal(string code)

    readonly property bool hasFinal: item.finalValue.length > 0
    readonly property bool mineScored: item.mineScored === true // an empty input may be a recorded "none held"
    implicitHeight: layout.implicitHeight + 20
    color: Theme.surface
    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.divider }

    function inputText(method, input) {
        // A checklist's held items and a bonus item's counts read as a list.
        return (method === "逐项核查" || method === "加分项") ? input.split(";").filter(x => x.length > 0).join("、") : input
    }

    RowLayout {
        id: layout
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.leftMargin: 12
        anchors.rightMargin: 8
        spacing: 12

        Label {
            text: row.item.code
            color: Theme.primary
            font.bold: true
            Layout.preferredWidth: 44
            Layout.alignment: Qt.AlignTop
        }
        // Preferred width 1: the text takes what the fixed columns leave, so 我 and 本组
        // stand at the same place on every row however long the title is.
        ColumnLayout {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.alignment: Qt.AlignTop
            spacing: 2
            Label { text: row.item.title; wrapMode: Text.Wrap; Layout.fillWidth: true }
            Label {
                text: qsTr("%1 · 满分 %2 分").arg(row.item.method).arg(row.item.maxScore)
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
                Layout.fillWidth: true
                wrapMode: Text.Wrap
            }
            Label {
                objectName: "mineInput"
                visible: row.mineScored
                text: qsTr("我的评分：%1").arg(row.item.mine.length > 0 ? row.inputText(row.item.method, row.item.mine)
                                                                      : (row.item.method === "加分项" ? qsTr("无加分项") : qsTr("均不具备")))
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                visible: row.hasFinal
                // A final value is points (是/否 for a veto item), not a rater's input.
                text: (row.item.method === "一票否决" ? qsTr("组长核定：%1").arg(row.item.finalValue)
                                                      : qsTr("组长核定 %1 分").arg(row.item.finalValue))
                      + qsTr(" · 理由：%1").arg(row.item.finalReason)
                color: Theme.submitted
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
        // 我: points, or what is missing (only while there is still something to do).
        ColumnLayout {
            Layout.preferredWidth: row.narrow ? 96 : 130
            Layout.minimumWidth: Layout.preferredWidth
            Layout.fillWidth: false
            Layout.alignment: Qt.AlignTop
            spacing: 0
            Label { text: qsTr("我"); color: Theme.textSecondary; font.pixelSize: Theme.fontSmall }
            Label {
                objectName: "minePoints"
                text: row.item.veto && row.item.mine === "是" ? qsTr("否决")
                      : row.mineScored ? (row.item.minePoints ? qsTr("%1 分").arg(row.item.minePoints) : qsTr("已评"))
                      : (row.submitted ? "—" : qsTr("未评"))
                color: row.mineScored ? Theme.text : (row.submitted ? Theme.textSecondary : Theme.warn)
                font.bold: row.mineScored
                font.pixelSize: Theme.fontHeading
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        // 本组: the aggregate or the final value that replaces it.
        ColumnLayout {
            Layout.preferredWidth: row.narrow ? 120 : 150
            Layout.minimumWidth: Layout.preferredWidth
            Layout.fillWidth: false
            Layout.alignment: Qt.AlignTop
            spacing: 0
            Label { text: qsTr("本组"); color: Theme.textSecondary; font.pixelSize: Theme.fontSmall }
            Label {
                objectName: "groupPoints"
                text: row.item.groupPoints.length > 0 ? qsTr("%1 分").arg(row.item.groupPoints) : qsTr("未评")
                color: row.hasFinal ? Theme.submitted : (row.item.groupPoints.length > 0 ? Theme.text : Theme.textSecondary)
                font.bold: row.item.groupPoints.length > 0
                font.pixelSize: Theme.fontHeading
            }
            Label {
                text: row.hasFinal ? qsTr("组长核定") : (row.item.raters > 0 ? qsTr("%1 人评分").arg(row.item.raters) : "")
                visible: text.length > 0
                color: row.hasFinal ? Theme.submitted : Theme.textSecondary
                font.pixelSize: Theme.fontSmall
            }
        }
        AppButton {
            visible: row.canSetFinal
            objectName: "setFinal:" + row.item.code
            kind: "outlined"
            iconName: "verified"
            text: row.narrow ? "" : qsTr("核定")
            Accessible.name: qsTr("核定")
            Layout.alignment: Qt.AlignTop
            onClicked: row.setFinal(row.item.code)
        }
    }
}
