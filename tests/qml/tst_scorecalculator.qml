import QtQuick
import QtTest
import Onsite

// ScoreCalculator is what the inspector sees as the live score; DOMAIN.md §Scoring says
// HQ must match it to the cent, so every expectation here is an exact "0.00" string.
// The rules are copied verbatim from shared/fixtures/campaign-2026h1/indicators.csv.
TestCase {
    id: testCase
    name: "ScoreCalculator"

    // indicators.csv rows, by code: [计分方法, 计分标准, 分值]
    readonly property var rules: ({
        "1.4": ["等次评价", "好:1;较好:0.8;一般:0.6;差:0.3", "4"],
        "2.2": ["逐项核查", "有年度学习计划:1;会议记录完整:2;党员参学率不低于90%:2;书记讲党课:1", "6"],
        "1.2": ["达标计分", "山区县:12/0;川区县:15/0;城区:18/0;单位:%", "5"],
        "3.3": ["达标计分", "默认:0/3;单位:个", "6"],
        "1.3": ["扣分制", "每项:1", "5"],
        "2.3": ["扣分制", "每项:2", "6"],
        "6.1": ["加分项", "优秀创新项目:3;上限:6", "6"],
        "6.2": ["加分项", "省级表彰推广:2;国家级表彰推广:4;上限:4", "4"],
        "7.1": ["一票否决", "", "0"]
    })

    Component {
        id: calcComponent
        ScoreCalculator {}
    }

    // A calculator for indicator `code`, as a unit of `category` would see it.
    function calculator(code, category, input, isFinal) {
        const r = rules[code]
        const calc = createTemporaryObject(calcComponent, testCase, {
            method: r[0], rule: r[1], maxScore: r[2], category: category || "", input: input,
            final: isFinal ? "true" : ""
        })
        verify(calc !== null, "ScoreCalculator could not be created")
        return calc
    }

    function expectScore(calc, points) {
        compare(calc.error, "", "unexpected error for input \"" + calc.input + "\"")
        verify(calc.valid, "input \"" + calc.input + "\" should be valid")
        compare(calc.points, points)
    }

    function expectError(calc, mentions) {
        verify(!calc.valid, "input \"" + calc.input + "\" should be invalid")
        compare(calc.points, "")
        verify(calc.error.length > 0, "an invalid input must say what is wrong")
        if (mentions)
            verify(calc.error.indexOf(mentions) >= 0, "error \"" + calc.error + "\" should mention " + mentions)
    }

    // 等次评价: M × the level's fraction.
    function test_graded_data() {
        return [
            { tag: "好", input: "好", points: "4.00" },
            { tag: "较好", input: "较好", points: "3.20" },
            { tag: "一般", input: "一般", points: "2.40" },
            { tag: "差", input: "差", points: "1.20" },
            { tag: "spaces trimmed", input: " 较好 ", points: "3.20" }
        ]
    }
    function test_graded(data) {
        expectScore(calculator("1.4", "山区县", data.input), data.points)
    }

    function test_graded_options() {
        // The level buttons are built from these, with points already scaled by M.
        const calc = calculator("1.4", "", "")
        compare(calc.options, ["好", "较好", "一般", "差"])
        compare(calc.optionPoints, ["4", "3.2", "2.4", "1.2"])
        // No level chosen yet: not scored, and not an error either.
        verify(!calc.valid)
        compare(calc.error, "")
    }

    // 逐项核查: the sum of the held items' points; empty means none held.
    function test_checklist_data() {
        return [
            { tag: "none held", input: "", points: "0.00" },
            { tag: "one", input: "会议记录完整", points: "2.00" },
            { tag: "two", input: "有年度学习计划;书记讲党课", points: "2.00" },
            { tag: "three", input: "会议记录完整;党员参学率不低于90%;书记讲党课", points: "5.00" },
            { tag: "all", input: "有年度学习计划;会议记录完整;党员参学率不低于90%;书记讲党课", points: "6.00" },
            { tag: "full-width separator", input: "有年度学习计划；会议记录完整", points: "3.00" }
        ]
    }
    function test_checklist(data) {
        expectScore(calculator("2.2", "城区", data.input), data.points)
    }

    function test_checklist_options() {
        const calc = calculator("2.2", "", "")
        compare(calc.options, ["有年度学习计划", "会议记录完整", "党员参学率不低于90%", "书记讲党课"])
        compare(calc.optionPoints, ["1", "2", "2", "1"])
    }

    // 达标计分, upward (1.2, 山区县 12/0): M × clamp(v / 12, 0, 1).
    function test_threshold_upward_data() {
        return [
            { tag: "zero", category: "山区县", input: "0", points: "0.00" },
            { tag: "half", category: "山区县", input: "6", points: "2.50" },
            { tag: "fraction", category: "山区县", input: "9.6", points: "4.00" },
            { tag: "exactly full", category: "山区县", input: "12", points: "5.00" },
            { tag: "clamped above", category: "山区县", input: "30", points: "5.00" },
            { tag: "clamped below", category: "山区县", input: "-4", points: "0.00" },
            // Same value, other category: the target differs, so must the score.
            { tag: "城区 target", category: "城区", input: "9", points: "2.50" },
            { tag: "川区县 target", category: "川区县", input: "12", points: "4.00" }
        ]
    }
    function test_threshold_upward(data) {
        expectScore(calculator("1.2", data.category, data.input), data.points)
    }

    // 达标计分, downward (3.3, 默认 0/3): 0 → full, 3 or more → zero; any category falls back to 默认.
    function test_threshold_downward_data() {
        return [
            { tag: "none left", input: "0", points: "6.00" },
            { tag: "one", input: "1", points: "4.00" },
            { tag: "one and a half", input: "1.5", points: "3.00" },
            { tag: "three", input: "3", points: "0.00" },
            { tag: "clamped beyond", input: "7", points: "0.00" },
            { tag: "clamped below zero", input: "-1", points: "6.00" }
        ]
    }
    function test_threshold_downward(data) {
        expectScore(calculator("3.3", "山区县", data.input), data.points)
    }

    function test_threshold_target_text() {
        // The inspector reads the category's target next to the field.
        compare(calculator("1.2", "山区县", "").target, "满分 ≥ 12%，零分 ≤ 0%")
        compare(calculator("1.2", "城区", "").target, "满分 ≥ 18%，零分 ≤ 0%")
        // Downward rule: the comparison signs flip.
        compare(calculator("3.3", "山区县", "").target, "满分 ≤ 0个，零分 ≥ 3个")
        // A category without its own target and no 默认: no target, and values are errors.
        const calc = calculator("1.2", "市直单位", "5")
        compare(calc.target, "")
        expectError(calc, "市直单位")
    }

    function test_threshold_follows_category_change() {
        // The unit's category can arrive after the input; the score must follow it.
        const calc = calculator("1.2", "山区县", "9")
        expectScore(calc, "3.75")
        calc.category = "城区"
        expectScore(calc, "2.50")
        compare(calc.target, "满分 ≥ 18%，零分 ≤ 0%")
    }

    // 扣分制: max(0, M − n × 每项).
    function test_deduction_data() {
        return [
            { tag: "none", code: "2.3", input: "0", points: "6.00" },
            { tag: "two at 2", code: "2.3", input: "2", points: "2.00" },
            { tag: "three at 2", code: "2.3", input: "3", points: "0.00" },
            { tag: "floored at zero", code: "2.3", input: "10", points: "0.00" },
            { tag: "two at 1", code: "1.3", input: "2", points: "3.00" }
        ]
    }
    function test_deduction(data) {
        expectScore(calculator(data.code, "川区县", data.input), data.points)
    }

    // 加分项: min(Σ count × points, 上限, M).
    function test_bonus_data() {
        return [
            { tag: "none", code: "6.1", input: "", points: "0.00" },
            { tag: "one project", code: "6.1", input: "优秀创新项目:1", points: "3.00" },
            { tag: "bare name counts once", code: "6.1", input: "优秀创新项目", points: "3.00" },
            { tag: "two projects", code: "6.1", input: "优秀创新项目:2", points: "6.00" },
            { tag: "capped at 上限", code: "6.1", input: "优秀创新项目:3", points: "6.00" },
            { tag: "provincial", code: "6.2", input: "省级表彰推广:1", points: "2.00" },
            { tag: "both capped", code: "6.2", input: "省级表彰推广:1;国家级表彰推广:1", points: "4.00" },
            { tag: "zero count", code: "6.2", input: "国家级表彰推广:0", points: "0.00" }
        ]
    }
    function test_bonus(data) {
        expectScore(calculator(data.code, "城区", data.input), data.points)
    }

    function test_bonus_cap_and_options() {
        const calc = calculator("6.2", "", "")
        compare(calc.options, ["省级表彰推广", "国家级表彰推广"])
        compare(calc.optionPoints, ["2", "4"])
        compare(calc.bonusCap, "4")
    }

    // 一票否决: no points; 是 triggers the veto, 否 does not.
    function test_veto() {
        const yes = calculator("7.1", "山区县", "是")
        expectScore(yes, "0.00")
        verify(yes.vetoTriggered, "是 must trigger the veto")

        const no = calculator("7.1", "山区县", "否")
        expectScore(no, "0.00")
        verify(!no.vetoTriggered, "否 must not trigger the veto")

        // Changing the answer must clear the veto again.
        yes.input = "否"
        verify(!yes.vetoTriggered)
    }

    // Inputs the person could type that the rules reject: error set, valid false.
    function test_invalid_input_data() {
        return [
            { tag: "unknown level", code: "1.4", input: "特好", mentions: "特好" },
            { tag: "unknown checklist item", code: "2.2", input: "有年度学习计划;开展谈心谈话", mentions: "开展谈心谈话" },
            { tag: "duplicate checklist item", code: "2.2", input: "书记讲党课;书记讲党课", mentions: "重复" },
            { tag: "threshold not a number", code: "1.2", input: "十二", mentions: "十二" },
            { tag: "negative count", code: "2.3", input: "-1", mentions: "-1" },
            { tag: "fractional count", code: "2.3", input: "1.5", mentions: "1.5" },
            { tag: "unknown bonus item", code: "6.2", input: "市级表彰推广:1", mentions: "市级表彰推广" },
            { tag: "bad bonus count", code: "6.2", input: "省级表彰推广:x", mentions: "省级表彰推广" },
            { tag: "veto neither", code: "7.1", input: "也许", mentions: "也许" }
        ]
    }
    function test_invalid_input(data) {
        const calc = calculator(data.code, "山区县", data.input)
        expectError(calc, data.mentions)
        verify(!calc.vetoTriggered)
    }

    function test_invalid_rule_or_method() {
        // A rule the importer would reject shows its error instead of a score.
        const badRule = createTemporaryObject(calcComponent, testCase, {
            method: "等次评价", rule: "好:1.5;差:0.3", maxScore: "4", input: "好" })
        expectError(badRule, "1.5")
        compare(badRule.options, [])

        const badMethod = createTemporaryObject(calcComponent, testCase, {
            method: "印象分", rule: "好:1", maxScore: "4", input: "好" })
        expectError(badMethod, "计分方法")
    }

    // A leader's final value (组长核定): the points themselves, between 0 and M.
    function test_final_values() {
        expectScore(calculator("1.4", "", "3.5", true), "3.50")
        expectScore(calculator("1.4", "", "0", true), "0.00")
        expectScore(calculator("1.4", "", "4", true), "4.00")
        // A level name is a rater input, not a final value.
        expectError(calculator("1.4", "", "较好", true), "较好")
        expectError(calculator("1.4", "", "4.5", true), "4.5")
        expectError(calculator("2.3", "", "-1", true), "-1")

        const veto = calculator("7.1", "", "是", true)
        expectScore(veto, "0.00")
        verify(veto.vetoTriggered)

        // Empty is "no final value yet" even for checklist, where a rater's empty means 0.
        const empty = calculator("2.2", "", "", true)
        verify(!empty.valid)
        compare(empty.error, "")
        compare(calculator("2.2", "", "", false).points, "0.00")
    }

    function test_switching_final_reinterprets_input() {
        // The same text "3" means 3 occurrences for a rater and 3 points for a leader.
        const calc = calculator("2.3", "", "3")
        expectScore(calc, "0.00")
        calc.final = "true"
        expectScore(calc, "3.00")
    }
}
