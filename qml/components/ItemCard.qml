import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Onsite

// One indicator checked at the site: what to check, how it is scored, the input,
// and the photos taken for it.
Pane {
    id: card
    property var item
    property string category
    property bool scorable: true        // the score can change
    property bool canAddEvidence: true  // photos can still be added (also after submission)
    property var photos: []             // this item's photos: { id, source, time, uploaded }
    property string message             // the page's answer to this item's last input
    property bool messageIsError: false
    property QtObject workspace: null   // keeps a typed value until it is committed
    property string unitCode
    signal inputCommitted(string code, string text)
    signal photoRequested(string code)
    signal photoOpened(var photo)

    padding: 16
    background: Rectangle { color: Theme.surface; radius: 8; border.color: Theme.divider }

    ColumnLayout {
        width: parent.width
        spacing: 8
        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            Label {
                text: card.item.code
                font.bold: true
                color: Theme.primary
                font.pixelSize: Theme.fontTitle
                Layout.alignment: Qt.AlignTop
            }
            Label {
                text: card.item.title
                font.bold: true
                font.pixelSize: Theme.fontTitle
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                wrapMode: Text.Wrap
            }
            Label {
                text: qsTr("%1 · %2 分").arg(card.item.method).arg(card.item.maxScore)
                color: Theme.textSecondary
                Layout.alignment: Qt.AlignTop
            }
        }
        Label {
            text: card.item.content
            visible: text.length > 0
            color: "#424242"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            text: qsTr("佐证材料：%1 · 核查方式：%2").arg(card.item.evidence || "—").arg(card.item.checkMethod || "—")
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ScoreInput {
            Layout.fillWidth: true
            method: card.item.method
            rule: card.item.rule
            maxScore: card.item.maxScore
            category: card.category
            value: card.item.input
            recorded: card.item.scored === true
            enabledInput: card.scorable
            message: card.message
            messageIsError: card.messageIsError
            workspace: card.workspace
            draftKey: card.unitCode.length > 0 ? "score:" + card.unitCode + ":" + card.item.code : ""
            onCommitted: (text) => card.inputCommitted(card.item.code, text)
        }
        Flow {
            objectName: "itemPhotos"
            visible: card.photos.length > 0
            Layout.fillWidth: true
            spacing: 8
            Repeater {
                model: card.photos
                delegate: PhotoThumb {
                    required property var modelData
                    objectName: "itemPhoto:" + modelData.id
                    source: modelData.source
                    implicitWidth: 104
                    implicitHeight: 78
                    Accessible.name: qsTr("照片 %1").arg(modelData.time)
                    onClicked: card.photoOpened(modelData)
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("本组已有 %1 人评分").arg(card.item.raterCount)
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
                Layout.fillWidth: true
            }
            AppButton {
                objectName: "itemPhotoButton"
                kind: "tonal"
                iconName: "camera"
                text: card.photos.length > 0 ? qsTr("拍照取证（%1）").arg(card.photos.length) : qsTr("拍照取证")
                enabled: card.canAddEvidence
                onClicked: card.photoRequested(card.item.code)
            }
        }
    }
}
