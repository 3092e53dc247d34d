import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A page's top bar: 返回 as a real button, the title (and a second line), and the
// page's own actions on the right (children go there).
ToolBar {
    id: header
    property string title
    property string subtitle
    property bool showBack: true
    default property alias actions: actionRow.data
    signal back()

    background: Rectangle {
        color: Theme.page
        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.divider }
    }
    implicitHeight: Math.max(64, row.implicitHeight + 16)

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: 8
        anchors.rightMargin: 12
        spacing: 12
        AppButton {
            objectName: "backButton"
            visible: header.showBack
            kind: "text"
            iconName: "back"
            text: qsTr("返回")
            onClicked: header.back()
        }
        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Layout.leftMargin: header.showBack ? 0 : 8
            Label {
                text: header.title
                font.pixelSize: Theme.fontTitle
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                visible: text.length > 0
                text: header.subtitle
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        RowLayout { id: actionRow; spacing: 8 }
    }
}
