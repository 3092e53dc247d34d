import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onsite

// A finding or highlight in a list, with 修改 and 删除 while it may still change.
Rectangle {
    id: row
    property string title
    property string detail
    property bool changeable: false
    signal edit()
    signal remove()

    implicitHeight: layout.implicitHeight + 24
    radius: 8
    color: Theme.surface
    border.color: Theme.divider

    RowLayout {
        id: layout
        anchors.fill: parent
        anchors.margins: 12
        spacing: 8
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 4
            Label { text: row.title; wrapMode: Text.Wrap; Layout.fillWidth: true; font.bold: true }
            Label {
                visible: row.detail.length > 0
                text: row.detail
                color: Theme.textSecondary
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
        AppButton {
            objectName: "editButton"
            visible: row.changeable
            kind: "text"
            iconName: "edit"
            text: qsTr("修改")
            onClicked: row.edit()
        }
        AppButton {
            objectName: "deleteButton"
            visible: row.changeable
            kind: "text"
            tint: Theme.error
            iconName: "delete"
            text: qsTr("删除")
            onClicked: row.remove()
        }
    }
}
