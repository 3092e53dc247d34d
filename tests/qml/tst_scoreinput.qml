import QtQuick
import QtQuick.Controls
import QtTest
import Onsite

// ScoreInput driven the way an inspector uses it on the tablet: clicks, taps on
// checkboxes, typing, spin box arrows, the veto confirmation. What must hold is the
// text handed to the store (committed) and the score shown under the input.
// Rules are copied verbatim from shared/fixtures/campaign-2026h1/indicators.csv.
// TestCase itself is invisible, so the inputs live in this visible root to be clickable.
Item {
    id: root
    width: 900
    height: 700

    TestCase {
        id: testCase
        name: "ScoreInput"
        when: windowShown

        // indicators.csv rows, by code: [计分方法, 计分标准, 分值]
        readonly property var rules: ({
            "1.4": ["等次评价", "好:1;较好:0.8;一般:0.6;差:0.3", "4"],
            "2.2": ["逐项核查", "有年度学习计划:1;会议记录完整:2;党员参学率不低于90%:2;书记讲党课:1", "6"],
            "1.2": ["达标计分", "山区县:12/0;川区县:15/0;城区:18/0;单位:%", "5"],
            "3.3": ["达标计分", "默认:0/3;单位:个", "6"],
            "2.3": ["扣分制", "每项:2", "6"],
            "6.2": ["加分项", "省级表彰推广:2;国家级表彰推广:4;上限:4", "4"],
            "7.1": ["一票否决", "", "0"]
        })

        Component { id: inputComponent; ScoreInput { width: 860 } }
        Component { id: spyComponent; SignalSpy { signalName: "committed" } }

        // An input for indicator `code` holding `value`, with a spy on committed().
        function make(code, category, value, enabledInput) {
            const r = rules[code]
            const input = createTemporaryObject(inputComponent, root, {
                method: r[0], rule: r[1], maxScore: r[2], category: category, value: value,
                enabledInput: enabledInput === undefined ? true : enabledInput
            })
            verify(input !== null, "ScoreInput could not be created")
            const spy = createTemporaryObject(spyComponent, testCase, { target: input })
            verify(spy.valid, "committed() is not a signal of ScoreInput")
            return { input: input, spy: spy }
        }

        // A named inner control, once layouts and positioners have placed it: clicking
        // before that would land on whichever control still sits at (0, 0).
        function control(input, objectName) {
            const item = findChild(input, objectName)
            verify(item !== null, "no control named " + objectName)
            waitForItemPolished(input)
            if (item.parent)
                waitForItemPolished(item.parent)
            tryVerify(() => item.visible && item.width > 0 && item.height > 0, 5000, objectName + " is not shown")
            return item
        }

        // The text committed last, checked against how many commits there should be.
        function lastCommit(spy, count) {
            compare(spy.count, count, "number of committed() signals")
            return spy.signalArguments[count - 1][0]
        }

        function scoreText(input) { return findChild(input, "scoreLabel").text }

        // The page stores the committed text and hands it back as value; do the same.
        function store(input, text) { input.value = text }

        function test_graded_click_level() {
            const t = make("1.4", "山区县", "好")
            // Each level button shows what it is worth for this item (M = 4).
            const best = control(t.input, "level:好"), worst = control(t.input, "level:差")
            compare(best.text, "好 · 4.00 分")
            compare(worst.text, "差 · 1.20 分")
            verify(control(t.input, "level:好").checked)
            // The stored level is shown as selected (filled, with a tick); the others are not.
            verify(best.selectedLook)
            verify(!worst.selectedLook)
            verify(String(best.icon.source).indexOf("check") >= 0, "a selected level carries a tick")
            compare(String(worst.icon.source), "")
            verify(best.height >= 48 && worst.height >= 48, "level buttons are at least 48 dp high")
            compare(scoreText(t.input), "得分 4.00 / 4")
            mouseClick(control(t.input, "level:较好"))
            compare(lastCommit(t.spy, 1), "较好")
            store(t.input, "较好")
            compare(scoreText(t.input), "得分 3.20 / 4")
            compare(t.input.calculator.points, "3.20")
            verify(control(t.input, "level:较好").checked)
            verify(control(t.input, "level:较好").selectedLook)
            verify(!findChild(t.input, "level:好").checked, "only the stored level is checked")
            verify(!findChild(t.input, "level:好").selectedLook)
        }

        function test_graded_not_scored_and_error() {
            const t = make("1.4", "城区", "")
            compare(scoreText(t.input), "未评")
            // A stored value that is not a level (e.g. from an older rule) shows the reason.
            store(t.input, "特好")
            verify(t.input.calculator.error.length > 0)
            compare(scoreText(t.input), t.input.calculator.error)
            verify(scoreText(t.input).indexOf("特好") >= 0)
            compare(t.spy.count, 0, "showing a value must not commit anything")
        }

        function test_disabled_input_commits_nothing() {
            // After submission the input is read-only: a tap must not change the score.
            const t = make("1.4", "山区县", "好", false)
            mouseClick(control(t.input, "level:差"))
            const veto = make("7.1", "山区县", "否", false)
            mouseClick(control(veto.input, "vetoYes"))
            compare(t.spy.count, 0)
            compare(veto.spy.count, 0)
            verify(!findChild(veto.input, "vetoConfirm").visible, "no confirmation for a read-only input")
        }

        function test_checklist_toggle() {
            const t = make("2.2", "川区县", "")
            compare(control(t.input, "check:会议记录完整").text, "会议记录完整（2 分）")
            // Recorded with nothing held is a valid 0 for a checklist, not "未评".
            compare(scoreText(t.input), "得分 0.00 / 6")
            mouseClick(control(t.input, "check:有年度学习计划"))
            compare(lastCommit(t.spy, 1), "有年度学习计划")
            store(t.input, "有年度学习计划")
            mouseClick(control(t.input, "check:书记讲党课"))
            compare(lastCommit(t.spy, 2), "有年度学习计划;书记讲党课")
            store(t.input, "有年度学习计划;书记讲党课")
            compare(scoreText(t.input), "得分 2.00 / 6")
            verify(findChild(t.input, "check:书记讲党课").checked)
            // Unticking removes only that item.
            mouseClick(control(t.input, "check:有年度学习计划"))
            compare(lastCommit(t.spy, 3), "书记讲党课")
            store(t.input, "书记讲党课")
            compare(scoreText(t.input), "得分 1.00 / 6")
            verify(!findChild(t.input, "check:有年度学习计划").checked)
        }

        // Nothing recorded yet reads 未评 (it read 0.00); "none held" is said outright and
        // then reads 0.00, the way the overview's 我 and 本组 read it.
        function test_checklist_and_bonus_unrecorded_read_not_scored() {
            for (const code of ["2.2", "6.2"]) {
                const t = make(code, "川区县", "")
                t.input.recorded = false
                compare(scoreText(t.input), "未评", code)
                verify(!t.input.calculator.valid, code)
                const none = control(t.input, "noneHeld")
                compare(none.text, code === "2.2" ? "均不具备（0 分）" : "无加分项（0 分）")
                mouseClick(none)
                compare(lastCommit(t.spy, 1), "")
                t.input.recorded = true // the page stored it
                compare(scoreText(t.input), "得分 0.00 / " + rules[code][2], code)
                tryVerify(() => !findChild(t.input, "noneHeld").visible, 2000, "none held is recorded already")
            }
        }

        // The page's answer to the last input shows under the input, red when refused.
        function test_refusal_shows_under_the_input() {
            const t = make("1.2", "山区县", "")
            const message = findChild(t.input, "inputMessage")
            verify(!message.visible)
            t.input.message = "本单位已提交，评分已锁定"
            t.input.messageIsError = true
            verify(message.visible)
            compare(message.color, Theme.error)
        }

        function typeInto(field, text) {
            mouseClick(field)
            tryVerify(() => field.activeFocus, 2000, "the field did not take focus")
            for (const ch of text)
                keyClick(ch)
        }

        function test_threshold_upward_typed() {
            const t = make("1.2", "山区县", "")
            compare(control(t.input, "targetLabel").text, "满分 ≥ 12%，零分 ≤ 0%")
            const field = control(t.input, "thresholdField")
            typeInto(field, "6")
            compare(t.spy.count, 0, "nothing is committed while typing")
            keyClick(Qt.Key_Return)
            compare(lastCommit(t.spy, 1), "6")
            store(t.input, "6")
            compare(scoreText(t.input), "得分 2.50 / 5")
            // Enter again without a change: the same value is not committed twice.
            keyClick(Qt.Key_Return)
            compare(t.spy.count, 1)
            // Above the target the score is clamped to the item score.
            keyClick(Qt.Key_Backspace)
            typeInto(field, "30")
            keyClick(Qt.Key_Enter)
            compare(lastCommit(t.spy, 2), "30")
            store(t.input, "30")
            compare(scoreText(t.input), "得分 5.00 / 5")
        }

        function test_threshold_category_target() {
            // 城区 has its own, higher target: the same 9% earns less.
            const t = make("1.2", "城区", "9")
            compare(control(t.input, "targetLabel").text, "满分 ≥ 18%，零分 ≤ 0%")
            compare(control(t.input, "thresholdField").text, "9")
            compare(scoreText(t.input), "得分 2.50 / 5")
        }

        function test_threshold_downward_typed() {
            // 空壳村: fewer is better; 0 earns the full 6, 3 or more earn nothing.
            const t = make("3.3", "山区县", "")
            compare(control(t.input, "targetLabel").text, "满分 ≤ 0个，零分 ≥ 3个")
            const field = control(t.input, "thresholdField")
            typeInto(field, "1")
            keyClick(Qt.Key_Return)
            compare(lastCommit(t.spy, 1), "1")
            store(t.input, "1")
            compare(scoreText(t.input), "得分 4.00 / 6")
            keyClick(Qt.Key_Backspace)
            typeInto(field, "5")
            keyClick(Qt.Key_Return)
            compare(lastCommit(t.spy, 2), "5")
            store(t.input, "5")
            compare(scoreText(t.input), "得分 0.00 / 6")
        }

        function test_threshold_typed_garbage_shows_error() {
            const t = make("1.2", "山区县", "")
            typeInto(control(t.input, "thresholdField"), "abc")
            keyClick(Qt.Key_Return)
            compare(lastCommit(t.spy, 1), "abc")
            store(t.input, "abc")
            verify(!t.input.calculator.valid)
            verify(scoreText(t.input).indexOf("abc") >= 0, "the error names what was typed")
        }

        function test_deduction_spinbox() {
            const t = make("2.3", "川区县", "1")
            const spin = control(t.input, "deductionSpin")
            compare(spin.value, 1)
            compare(scoreText(t.input), "得分 4.00 / 6")
            mouseClick(spin.up.indicator)
            compare(lastCommit(t.spy, 1), "2")
            store(t.input, "2")
            compare(spin.value, 2)
            compare(scoreText(t.input), "得分 2.00 / 6")
            mouseClick(spin.up.indicator)
            compare(lastCommit(t.spy, 2), "3")
            store(t.input, "3")
            compare(scoreText(t.input), "得分 0.00 / 6")
            mouseClick(spin.up.indicator)
            compare(lastCommit(t.spy, 3), "4")
            store(t.input, "4")
            compare(scoreText(t.input), "得分 0.00 / 6", "never below zero")
        }

        function test_deduction_cannot_go_below_zero() {
            const t = make("2.3", "川区县", "0")
            mouseClick(control(t.input, "deductionSpin").down.indicator)
            compare(t.spy.count, 0, "0 occurrences is the minimum")
            compare(scoreText(t.input), "得分 6.00 / 6")
        }

        function test_bonus_spinboxes() {
            const t = make("6.2", "城区", "")
            compare(t.input.calculator.bonusCap, "4")
            compare(scoreText(t.input), "得分 0.00 / 4")
            mouseClick(control(t.input, "bonus:省级表彰推广").up.indicator)
            compare(lastCommit(t.spy, 1), "省级表彰推广:1")
            store(t.input, "省级表彰推广:1")
            compare(scoreText(t.input), "得分 2.00 / 4")
            // 2 + 4 = 6, but 上限 is 4.
            mouseClick(control(t.input, "bonus:国家级表彰推广").up.indicator)
            compare(lastCommit(t.spy, 2), "省级表彰推广:1;国家级表彰推广:1")
            store(t.input, "省级表彰推广:1;国家级表彰推广:1")
            compare(scoreText(t.input), "得分 4.00 / 4")
            // Back to 0 drops the item from the text instead of writing ":0".
            mouseClick(control(t.input, "bonus:省级表彰推广").down.indicator)
            compare(lastCommit(t.spy, 3), "国家级表彰推广:1")
            store(t.input, "国家级表彰推广:1")
            compare(findChild(t.input, "bonus:省级表彰推广").value, 0)
            compare(scoreText(t.input), "得分 4.00 / 4")
        }

        function test_veto_no_commits_at_once() {
            const t = make("7.1", "山区县", "")
            mouseClick(control(t.input, "vetoNo"))
            compare(lastCommit(t.spy, 1), "否")
            store(t.input, "否")
            verify(!t.input.calculator.vetoTriggered)
            compare(scoreText(t.input), "得分 0.00 / 0")
        }

        function test_veto_yes_after_confirmation() {
            const t = make("7.1", "山区县", "否")
            const dialog = findChild(t.input, "vetoConfirm")
            verify(dialog !== null)
            mouseClick(control(t.input, "vetoYes"))
            tryCompare(dialog, "opened", true)
            compare(t.spy.count, 0, "是 needs the confirmation first")
            const yes = dialog.standardButton(Dialog.Yes)
            verify(yes !== null)
            tryVerify(() => yes.width > 0 && yes.height > 0)
            mouseClick(yes)
            compare(lastCommit(t.spy, 1), "是")
            tryCompare(dialog, "visible", false)
            store(t.input, "是")
            verify(t.input.calculator.vetoTriggered)
            compare(scoreText(t.input), "一票否决")
        }

        function test_veto_cancel_commits_nothing() {
            const t = make("7.1", "山区县", "否")
            const dialog = findChild(t.input, "vetoConfirm")
            mouseClick(control(t.input, "vetoYes"))
            tryCompare(dialog, "opened", true)
            const cancel = dialog.standardButton(Dialog.Cancel)
            tryVerify(() => cancel.width > 0 && cancel.height > 0)
            mouseClick(cancel)
            tryCompare(dialog, "visible", false)
            compare(t.spy.count, 0, "cancel must leave the stored 否")
            verify(!t.input.calculator.vetoTriggered)
        }
    }
}
