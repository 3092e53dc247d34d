import QtQuick
import QtTest
import Onsite

// What the ScoreInput tests share: indicators.csv rows, an input made for one of them
// with a spy on committed(), and the helpers that wait for layouts before clicking.
// `host` is the visible item the inputs are created in (TestCase itself is invisible).
TestCase {
    id: testCase
    required property Item host
    when: windowShown

    // indicators.csv rows, by code, copied verbatim: [计分方法, 计分标准, 分值]
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
        const input = createTemporaryObject(inputComponent, host, {
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
}
