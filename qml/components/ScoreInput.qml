import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onsite

// The input for one item by its scoring method, with the live score. Emits
// committed(text) with the input in the shared text syntax when the person decides.
ColumnLayout {
    id: input
    property string method
    property string rule
    property string maxScore
    property string category
    property string value
    property bool enabledInput: true
    property bool recorded: true         // false: nothing saved yet (an empty checklist is 未评)
    property string message              // the page's answer to the last commit, shown here
    property bool messageIsError: false
    // Where the typed threshold value is kept until it is committed (TextDraft); none: not kept.
    property QtObject workspace: null
    property string draftKey
    signal committed(string text)

    readonly property alias calculator: calc
    spacing: 8

    ScoreCalculator {
        id: calc
        method: input.method
        rule: input.rule
        maxScore: input.maxScore
        category: input.category
        input: input.value
        recorded: input.recorded
    }
    TextDraft {
        id: valueDraft
        workspace: input.workspace
        key: input.method === "达标计分" && input.enabledInput ? input.draftKey : ""
        applicationState: Qt.application.state
        // Saved by this field before the commit: the commit went through, the draft goes.
        onLoaded: if (hasDraft && text === input.value) discard()
        // Typed before the app was killed: shown again and committed as if just typed
        // (later, not while the page is still building its item cards).
        onRestored: (text) => Qt.callLater(input.commitRestored, text)
    }
    function commitRestored(text) {
        if (text !== input.value) input.committed(text)
    }

    function toggled(list, name, on) {
        const held = list.filter(x => x.length > 0 && x !== name)
        if (on) held.push(name)
        return held.join(";")
    }
    function bonusText(name, count) {
        const parts = input.value.split(";").filter(x => x.length > 0 && x.split(":")[0] !== name)
        if (count > 0) parts.push(name + ":" + count)
        return parts.join(";")
    }
    function bonusCount(name) {
        const part = input.value.split(";").find(x => x.split(":")[0] === name)
        return part ? parseInt(part.split(":")[1] || "1") : 0
    }

    // 等次评价: one large button per level.
    Flow {
        visible: input.method === "等次评价"
        Layout.fillWidth: true
        spacing: 8
        Repeater {
            model: calc.options
            delegate: AppButton {
                required property string modelData
                required property int index
                objectName: "level:" + modelData
                text: qsTr("%1 · %2 分").arg(modelData).arg(Number(calc.optionPoints[index]).toFixed(2))
                selectable: true
                checked: input.value === modelData
                enabled: input.enabledInput
                implicitHeight: Theme.touchLarge
                implicitWidth: Math.max(140, implicitContentWidth + leftPadding + rightPadding)
                onClicked: input.committed(modelData)
            }
        }
    }
    // 逐项核查 and 加分项 share a list of items.
    Repeater {
        model: input.method === "逐项核查" ? calc.options : []
        delegate: CheckBox {
            required property string modelData
            required property int index
            objectName: "check:" + modelData
            text: qsTr("%1（%2 分）").arg(modelData).arg(calc.optionPoints[index])
            checked: input.value.split(";").indexOf(modelData) >= 0
            enabled: input.enabledInput
            onClicked: input.committed(input.toggled(input.value.split(";"), modelData, checked))
        }
    }
    // "None of these" said outright: 0 分 recorded, not an item nobody looked at.
    AppButton {
        objectName: "noneHeld"
        visible: (input.method === "逐项核查" || input.method === "加分项") && !input.recorded && input.value === ""
        kind: "outlined"
        text: input.method === "加分项" ? qsTr("无加分项（0 分）") : qsTr("均不具备（0 分）")
        enabled: input.enabledInput
        onClicked: input.committed("")
    }
    Repeater {
        model: input.method === "加分项" ? calc.options : []
        delegate: RowLayout {
            required property string modelData
            required property int index
            Label { text: qsTr("%1（每项 %2 分）").arg(modelData).arg(calc.optionPoints[index]); Layout.fillWidth: true }
            SpinBox {
                objectName: "bonus:" + modelData
                from: 0; to: 20
                value: input.bonusCount(modelData)
                enabled: input.enabledInput
                onValueModified: input.committed(input.bonusText(modelData, value))
            }
        }
    }
    // 达标计分: the verified value, with the category's target.
    RowLayout {
        visible: input.method === "达标计分"
        TextField {
            id: valueField
            objectName: "thresholdField"
            Layout.preferredWidth: 200
            text: input.method === "达标计分" ? (valueDraft.hasDraft ? valueDraft.text : input.value) : ""
            placeholderText: qsTr("核实数值")
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            enabled: input.enabledInput
            onTextEdited: if (text !== input.value) valueDraft.keep(text); else valueDraft.discard()
            // The draft is written first: a refused value stays in the field (and on disk).
            onEditingFinished: if (text !== input.value) { valueDraft.flush(); input.committed(text) }
        }
        Label { objectName: "targetLabel"; text: calc.target; color: "#616161" }
    }
    // 扣分制: a count stepper.
    RowLayout {
        visible: input.method === "扣分制"
        Label { text: qsTr("发现问题次数") }
        SpinBox {
            objectName: "deductionSpin"
            from: 0; to: 99
            value: input.method === "扣分制" ? (parseInt(input.value) || 0) : 0
            enabled: input.enabledInput
            onValueModified: input.committed(String(value))
        }
    }
    // 一票否决: 否 at once, 是 only after confirmation.
    RowLayout {
        visible: input.method === "一票否决"
        spacing: 8
        AppButton {
            objectName: "vetoNo"
            text: qsTr("否")
            selectable: true
            checked: input.value === "否"
            enabled: input.enabledInput
            onClicked: input.committed("否")
        }
        AppButton {
            objectName: "vetoYes"
            text: qsTr("是（否决）")
            selectable: true
            tint: Theme.error
            checked: input.value === "是"
            enabled: input.enabledInput
            onClicked: vetoConfirm.open()
        }
    }
    AppDialog {
        id: vetoConfirm
        objectName: "vetoConfirm"
        title: qsTr("确认一票否决")
        standardButtons: Dialog.Yes | Dialog.Cancel
        width: Math.min(parent ? parent.width - 48 : 520, 520)
        Label {
            width: vetoConfirm.availableWidth
            text: qsTr("一票否决会使该单位等次为“较差”并排在所有单位之后。确认存在该情形？")
            wrapMode: Text.Wrap
        }
        onAccepted: input.committed("是")
    }

    Label {
        objectName: "scoreLabel"
        Layout.fillWidth: true
        text: calc.error.length > 0 ? calc.error
              : (calc.valid ? (calc.vetoTriggered ? qsTr("一票否决") : qsTr("得分 %1 / %2").arg(calc.points).arg(input.maxScore))
                            : qsTr("未评"))
        color: calc.error.length > 0 ? "#c62828" : (calc.valid ? "#2e7d32" : "#757575")
        font.bold: calc.valid
        wrapMode: Text.Wrap
    }
    // Why the last input was refused (or that it was saved), under the input itself.
    Label {
        objectName: "inputMessage"
        visible: input.message.length > 0
        Layout.fillWidth: true
        text: input.message
        color: input.messageIsError ? Theme.error : Theme.info
        wrapMode: Text.Wrap
    }
}
