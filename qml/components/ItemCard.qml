import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// One indicator checked at the site: what to check, how it is scored, the input.
Pane {
    id: card
    property var item
    property string category
    property bool scorable: true
    signal inputCommitted(string code, string text)
    signal photoRequested(string code)

    Material.elevation: 1
    padding: 16

    ColumnLayout {
        width: parent.width
        spacing: 6
        RowLayout {
            Layout.fillWidth: true
            Label { text: card.item.code; font.bold: true; color: "#b71c1c"; font.pixelSize: 20 }
            Label {
                text: card.item.title
                font.bold: true
                font.pixelSize: 20
                Layout.fillWidth: true
                elide: Text.ElideRight
            }
            Label { text: qsTr("%1 · %2 分").arg(card.item.method).arg(card.item.maxScore); color: "#616161" }
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
            color: "#757575"
            font.pixelSize: 15
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
            enabledInput: card.scorable
            onCommitted: (text) => card.inputCommitted(card.item.code, text)
        }
        RowLayout {
            Label {
                text: qsTr("本组已有 %1 人评分").arg(card.item.raterCount)
                color: "#757575"
                font.pixelSize: 15
                Layout.fillWidth: true
            }
            Button {
                text: qsTr("拍照取证")
                flat: true
                enabled: card.scorable
                onClicked: card.photoRequested(card.item.code)
            }
        }
    }
}
