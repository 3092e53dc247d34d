import QtQuick
import QtQuick.Controls
import QtQuick.Controls.impl
import Onsite

// A photo as a tap target: the picture, a thick border and a tick when chosen.
AbstractButton {
    id: thumb
    property url source
    property bool selected: false
    property color selectedColor: Theme.primary
    implicitWidth: 120
    implicitHeight: 90
    Accessible.checkable: true
    Accessible.checked: selected

    contentItem: Item {}
    background: Rectangle {
        color: "#eeeeee"
        radius: 6
        border.width: thumb.selected ? 4 : 1
        border.color: thumb.selected ? thumb.selectedColor : "#bdbdbd"
        Image {
            anchors.fill: parent
            anchors.margins: thumb.selected ? 4 : 1
            source: thumb.source
            sourceSize: Qt.size(240, 180)
            fillMode: Image.PreserveAspectCrop
            asynchronous: true
        }
        Rectangle {
            visible: thumb.selected
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.margins: 6
            width: 28; height: 28; radius: 14
            color: thumb.selectedColor
            IconImage { anchors.centerIn: parent; source: Theme.icon("check"); sourceSize: Qt.size(20, 20); color: "white" }
        }
    }
}
