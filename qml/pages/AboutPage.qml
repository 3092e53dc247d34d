import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onsite

// 关于本机: what to tell HQ's support when something goes wrong: the app's
// version, this tablet's id, and how much room its data takes.
Page {
    id: page
    required property QtObject workspace // FieldWorkspace
    signal back()

    AboutModel { id: about; objectName: "aboutModel"; workspace: page.workspace }

    header: PageHeader {
        title: qsTr("关于本机")
        onBack: page.back()
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            x: 24
            width: Math.min(scroll.availableWidth - 48, 760)
            spacing: 16

            Label {
                Layout.topMargin: 24
                text: qsTr("现场考评 %1").arg(about.version)
                font.pixelSize: Theme.fontTitle + 4
                font.bold: true
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: Theme.textSecondary
                text: qsTr("联系考评办技术支持时，请提供下面的版本和设备编号。")
            }
            GridLayout {
                Layout.fillWidth: true
                columns: page.width < 700 ? 1 : 2
                columnSpacing: 24
                rowSpacing: page.width < 700 ? 4 : 12
                Repeater {
                    model: about.details
                    delegate: Label {
                        required property var modelData
                        required property int index
                        // Labels and values alternate: [label, value, label, value, ...].
                        text: modelData
                        color: index % 2 === 0 ? Theme.textSecondary : Theme.text
                        font.bold: index % 2 === 1
                        wrapMode: Text.WrapAnywhere
                        Layout.fillWidth: index % 2 === 1
                        Layout.topMargin: page.width < 700 && index % 2 === 0 && index > 0 ? 12 : 0
                    }
                }
            }
            Label {
                Layout.fillWidth: true
                visible: about.error.length > 0
                text: about.error
                color: Theme.error
                wrapMode: Text.Wrap
            }
        }
    }
}
