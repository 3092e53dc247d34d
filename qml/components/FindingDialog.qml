import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Records a finding (问题/短板/弱项) with a suggestion, or a highlight.
Dialog {
    id: dialog
    property bool highlight: false
    property var indicators: []
    property var photos: [] // the unit's photos: { id, source, time }
    property var chosenPhotos: []
    signal findingAccepted(string kind, string description, string suggestion, string indicator, var photoIds)
    signal highlightAccepted(string title, string description)

    title: highlight ? qsTr("记录亮点 / 典型经验") : qsTr("记录问题")
    modal: true
    standardButtons: Dialog.Save | Dialog.Cancel
    width: Math.min(parent ? parent.width - 64 : 640, 640)

    onAboutToShow: { first.text = ""; second.text = ""; kind.currentIndex = 0; indicator.currentIndex = 0; chosenPhotos = [] }
    onAccepted: {
        if (highlight)
            highlightAccepted(first.text, second.text)
        else
            findingAccepted(kind.currentValue, first.text, second.text,
                            indicator.currentIndex > 0 ? indicators[indicator.currentIndex - 1] : "", chosenPhotos)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 12
        ComboBox {
            id: kind
            objectName: "findingKind"
            visible: !dialog.highlight
            Layout.fillWidth: true
            // The value is the kind's stored name (问题/短板/弱项); only the text is translated.
            textRole: "text"
            valueRole: "value"
            model: [{ value: "问题", text: qsTr("问题") }, { value: "短板", text: qsTr("短板") },
                    { value: "弱项", text: qsTr("弱项") }]
        }
        ComboBox {
            id: indicator
            objectName: "findingIndicator"
            visible: !dialog.highlight
            Layout.fillWidth: true
            model: [qsTr("（不关联指标）")].concat(dialog.indicators)
        }
        TextArea {
            id: first
            objectName: "findingDescription"
            Layout.fillWidth: true
            Layout.preferredHeight: dialog.highlight ? 48 : 120
            placeholderText: dialog.highlight ? qsTr("亮点标题") : qsTr("问题描述：实地看到了什么")
            wrapMode: TextEdit.Wrap
        }
        TextArea {
            id: second
            objectName: "findingSuggestion"
            Layout.fillWidth: true
            Layout.preferredHeight: 120
            placeholderText: dialog.highlight ? qsTr("做法与成效，可复制、可推广之处") : qsTr("对策建议")
            wrapMode: TextEdit.Wrap
        }
        Label {
            visible: !dialog.highlight
            text: dialog.photos.length > 0 ? qsTr("佐证照片（点选，已选 %1 张）").arg(dialog.chosenPhotos.length)
                                           : qsTr("本单位还没有照片；可先在页面上添加照片再关联")
            color: "#616161"
        }
        Flow {
            visible: !dialog.highlight && dialog.photos.length > 0
            Layout.fillWidth: true
            spacing: 6
            Repeater {
                model: dialog.photos
                delegate: Rectangle {
                    required property var modelData
                    readonly property bool chosen: dialog.chosenPhotos.indexOf(modelData.id) >= 0
                    objectName: "findingPhoto:" + modelData.id
                    width: 104; height: 80
                    color: "transparent"
                    border.width: chosen ? 4 : 1
                    border.color: chosen ? "#c62828" : "#bdbdbd"
                    Image {
                        anchors.fill: parent; anchors.margins: 4
                        source: modelData.source; fillMode: Image.PreserveAspectCrop; asynchronous: true
                    }
                    MouseArea {
                        anchors.fill: parent
                        onClicked: {
                            const list = dialog.chosenPhotos.slice()
                            const at = list.indexOf(modelData.id)
                            if (at >= 0) list.splice(at, 1); else list.push(modelData.id)
                            dialog.chosenPhotos = list
                        }
                    }
                }
            }
        }
    }
}
