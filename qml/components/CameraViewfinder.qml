import QtQuick
import QtMultimedia

// Kept apart from CameraDialog so Qt Multimedia's QML types load only when a
// camera is actually opened.
Rectangle {
    property alias output: video
    color: "black"
    VideoOutput {
        id: video
        anchors.fill: parent
        fillMode: VideoOutput.PreserveAspectFit
    }
}
