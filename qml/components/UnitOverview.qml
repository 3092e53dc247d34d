import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onsite

// Every item of the unit, grouped by project with its subtotal: my points and the
// group's after sync (same engine as HQ), final values, and what is still missing.
// A group leader sets final values with a written reason.
ColumnLayout {
    id: overview
    property alias unitCode: overviewModel.unitCode
    required property QtObject workspace // FieldWorkspace
    readonly property alias finalDialog: finalDialog
    readonly property bool narrow: width < 900
    spacing: 8

    UnitOverviewModel { id: overviewModel; objectName: "unitOverviewModel"; workspace: overview.workspace }

    SubmissionBar { id: submission; overview: overviewModel; Layout.fillWidth: true }

    Label {
        objectName: "overviewTotal"
        // After submission nothing is left for a rater to do here.
        text: overviewModel.submitted || overviewModel.missingCount === 0
              ? qsTr("本组当前合计 %1 分").arg(overviewModel.groupTotal)
              : qsTr("本组当前合计 %1 分 · 我还有 %2 项未评").arg(overviewModel.groupTotal).arg(overviewModel.missingCount)
        font.bold: true
        font.pixelSize: Theme.fontHeading
        Layout.fillWidth: true
    }
    Label {
        visible: overviewModel.message.length > 0
        text: overviewModel.message
        color: Theme.info
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    // Project headers between the items: [{ header: true, ... }, item, item, ...].
    readonly property var rows: {
        const projects = overviewModel.projects || []
        const out = []
        let last = ""
        for (const item of overviewModel.items) {
            const project = item.project || item.code.split(".")[0]
            if (project !== last) {
                const p = projects.find(x => x.code === project) || { code: project, title: "", maxScore: "", subtotal: "" }
                out.push({ header: true, project: p })
                last = project
            }
            out.push({ header: false, item: item })
        }
        return out
    }

    ListView {
        id: list
        objectName: "overviewList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: overview.rows
        ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
        delegate: Loader {
            id: rowLoader
            required property var modelData
            width: list.width
            sourceComponent: modelData.header ? projectHeader : itemRow
            Component {
                id: projectHeader
                Rectangle {
                    objectName: "project:" + rowLoader.modelData.project.code
                    implicitHeight: 52
                    color: "#f5f5f5"
                    RowLayout {
                        anchors.fill: parent
                        anchors.leftMargin: 12
                        anchors.rightMargin: 12
                        Label {
                            text: qsTr("%1 %2").arg(rowLoader.modelData.project.code).arg(rowLoader.modelData.project.title)
                            font.bold: true
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        Label {
                            objectName: "subtotal"
                            visible: rowLoader.modelData.project.subtotal.length > 0
                            text: qsTr("小计 我 %1 · 本组 %2 / %3 分").arg(rowLoader.modelData.project.mineSubtotal)
                                      .arg(rowLoader.modelData.project.subtotal).arg(rowLoader.modelData.project.maxScore)
                            font.bold: true
                        }
                    }
                }
            }
            Component {
                id: itemRow
                OverviewRow {
                    objectName: "overviewItem:" + rowLoader.modelData.item.code
                    item: rowLoader.modelData.item
                    submitted: overviewModel.submitted
                    canSetFinal: overviewModel.canSetFinal
                    narrow: overview.narrow
                    onSetFinal: (code) => overview.openFinal(code)
                }
            }
        }
    }

    function openFinal(code) {
        const item = overviewModel.items.find(x => x.code === code)
        if (!item)
            return
        finalDialog.code = item.code
        finalDialog.itemTitle = item.title
        finalDialog.method = item.method
        finalDialog.maxScore = item.maxScore
        finalDialog.open()
    }
    function openSubmitConfirmation() { submission.openConfirmation() }

    FinalValueDialog {
        id: finalDialog
        objectName: "finalValueDialog"
        workspace: overview.workspace
        unitCode: overviewModel.unitCode
        onFinalAccepted: (code, value, reason) => settle(overviewModel.setFinalValue(code, value, reason))
    }
}
