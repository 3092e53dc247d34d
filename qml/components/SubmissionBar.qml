import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Controls.impl
import Onsite

// 提交: whether the unit is submitted and locked, and for a group leader the
// submit / reopen actions. Submitting first shows what is complete and what is not.
Rectangle {
    id: bar
    required property UnitOverviewModel overview
    implicitHeight: row.implicitHeight + 16
    radius: 8
    color: overview.submitted ? Theme.submittedTint : "#f5f5f5"

    function openConfirmation() { confirmSubmit.open() }

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: 8
        spacing: 12
        IconImage {
            source: Theme.icon(bar.overview.submitted ? "lock" : (bar.overview.unscoredCount === 0 ? "check" : "info"))
            sourceSize: Qt.size(24, 24)
            color: bar.overview.submitted ? Theme.submitted : Theme.textSecondary
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            font.bold: bar.overview.submitted
            color: bar.overview.submitted ? Theme.submitted : "#424242"
            text: bar.overview.submitted
                  ? qsTr("已提交：%1").arg(bar.overview.submissionText)
                  : (bar.overview.submissionText.length > 0 ? bar.overview.submissionText + " · " : "")
                    + (bar.overview.unscoredCount === 0 ? qsTr("全部指标均已评分，可以提交")
                                                        : qsTr("还有 %1 项指标无人评分").arg(bar.overview.unscoredCount))
        }
        AppButton {
            objectName: "submitUnitButton"
            visible: bar.overview.canSubmit && !bar.overview.submitted
            kind: "filled"
            iconName: "send"
            text: qsTr("提交并锁定")
            onClicked: confirmSubmit.open()
        }
        AppButton {
            objectName: "reopenUnitButton"
            visible: bar.overview.canSubmit && bar.overview.submitted
            kind: "outlined"
            iconName: "undo"
            text: qsTr("撤回提交")
            onClicked: reopenDialog.open()
        }
    }

    AppDialog {
        id: confirmSubmit
        objectName: "confirmSubmitDialog"
        title: qsTr("提交本单位的考评")
        width: Math.min(560, parent ? parent.width - 48 : 560)
        ColumnLayout {
            width: confirmSubmit.availableWidth
            spacing: 12
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: bar.overview.unscoredCount === 0
                      ? qsTr("全部指标均已评分。提交后组员不能再修改本单位的评分；组长或考评办修改须写明理由。")
                      : qsTr("还有 %1 项指标无人评分：%2。请先评分或核定，再提交。")
                            .arg(bar.overview.unscoredCount).arg(bar.overview.unscoredText)
                color: bar.overview.unscoredCount === 0 ? "#212121" : "#b71c1c"
            }
            RowLayout {
                Layout.alignment: Qt.AlignRight
                AppButton { kind: "text"; iconName: "close"; text: qsTr("取消"); onClicked: confirmSubmit.close() }
                AppButton {
                    objectName: "confirmSubmitButton"
                    kind: "filled"
                    iconName: "send"
                    text: qsTr("确认提交")
                    enabled: bar.overview.unscoredCount === 0
                    onClicked: { bar.overview.submit(); confirmSubmit.close() }
                }
            }
        }
    }

    AppDialog {
        id: reopenDialog
        objectName: "reopenDialog"
        title: qsTr("撤回提交")
        width: Math.min(560, parent ? parent.width - 48 : 560)
        // The reason is kept as it is typed, so a killed app does not lose it.
        TextDraft {
            id: reasonDraft
            workspace: bar.overview.workspace
            applicationState: Qt.application.state
            key: bar.overview.unitCode.length > 0 ? "reopen-reason:" + bar.overview.unitCode : ""
        }
        onAboutToShow: reasonField.text = reasonDraft.hasDraft ? reasonDraft.text : ""
        onRejected: reasonDraft.discard()
        ColumnLayout {
            width: reopenDialog.availableWidth
            spacing: 12
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("撤回后本组可以继续修改评分。请写明撤回理由，它会和提交记录一起保存。")
            }
            TextArea {
                id: reasonField
                objectName: "reopenReasonField"
                Layout.fillWidth: true
                Layout.preferredHeight: 96
                placeholderText: qsTr("撤回理由（必填）")
                wrapMode: TextEdit.Wrap
                onTextChanged: if (reopenDialog.opened) reasonDraft.keep(text)
            }
            RowLayout {
                Layout.alignment: Qt.AlignRight
                AppButton { kind: "text"; iconName: "close"; text: qsTr("取消"); onClicked: reopenDialog.reject() }
                AppButton {
                    objectName: "confirmReopenButton"
                    kind: "filled"
                    iconName: "undo"
                    text: qsTr("撤回提交")
                    enabled: reasonField.text.trim().length > 0
                    onClicked: {
                        if (bar.overview.reopen(reasonField.text)) {
                            reasonDraft.discard()
                            reopenDialog.close()
                        }
                    }
                }
            }
        }
    }
}
