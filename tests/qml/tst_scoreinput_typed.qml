import QtQuick
import QtTest
import Onsite

// ScoreInput's 达标计分 field driven by typing, as an inspector enters a verified value:
// nothing is committed while typing, Enter commits once, the score follows the
// category's target both ways. Shared set-up: ScoreInputTestCase.qml.
Item {
    id: root
    width: 900
    height: 700

    ScoreInputTestCase {
        name: "ScoreInputTyped"
        host: root

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
    }
}
