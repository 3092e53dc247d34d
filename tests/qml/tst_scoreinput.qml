import QtQuick
import QtQuick.Controls
import QtTest
import Onsite

// ScoreInput driven the way an inspector uses it on the tablet: clicks, taps on
// checkboxes, spin box arrows, the veto confirmation. What must hold is the text handed
// to the store (committed) and the score shown under the input. Typed values:
// tst_scoreinput_typed.qml; the shared set-up: ScoreInputTestCase.qml.
Item {
    id: root
    width: 900
    height: 700

    ScoreInputTestCase {
        name: "ScoreInput"
        host: root

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
