import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onsite

// The camera's live picture and a shutter button. The viewfinder is loaded only
// while the dialog is open, so the camera runs (and its light is on) only then.
Dialog {
    id: dialog
    required property VisitModel visit
    property string indicator
    property bool busy: false

    title: indicator.length > 0 ? qsTr("拍照：指标 %1").arg(indicator) : qsTr("拍照")
    modal: true
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: parent ? Math.min(parent.width - 32, 900) : 640
    height: parent ? Math.min(parent.height - 32, 720) : 520

    onOpened: busy = false
    onClosed: viewfinder.active = false
    onAboutToShow: viewfinder.active = true

    Connections {
        target: dialog.visit
        function onPhotoTaken() { if (dialog.opened) dialog.close() }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 12
        Loader {
            id: viewfinder
            active: false
            Layout.fillWidth: true
            Layout.fillHeight: true
            source: "CameraViewfinder.qml"
            onLoaded: dialog.visit.setCameraPreview(item.output)
            onActiveChanged: if (!active) dialog.visit.setCameraPreview(null)
        }
        RowLayout {
            Layout.alignment: Qt.AlignHCenter
            spacing: 24
            Button { text: qsTr("取消"); flat: true; onClicked: dialog.close() }
            Button {
                objectName: "shutterButton"
                text: dialog.busy ? qsTr("正在保存……") : qsTr("拍摄")
                enabled: !dialog.busy
                font.pixelSize: 20
                implicitWidth: 160
                implicitHeight: 64
                onClicked: { dialog.busy = true; dialog.visit.takePhoto(dialog.indicator) }
            }
        }
    }
}
