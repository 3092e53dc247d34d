import QtQuick
import QtQuick.Controls
import QtTest
import Onsite

// The shared pieces every screen is built from: buttons that stay buttons (drawn
// background, icon, 48 dp), the overview's rows in points with the input beside them,
// and the finding dialog filled in for a change.
Item {
    id: root
    width: 1000
    height: 800

    TestCase {
        id: testCase
        name: "Components"
        when: windowShown

        Component { id: buttonComponent; AppButton { } }
        Component { id: rowComponent; OverviewRow { width: 900 } }
        Component { id: findingComponent; FindingDialog { } }
        Component { id: finalComponent; FinalValueDialog { } }
        Component { id: clickSpy; SignalSpy { signalName: "clicked" } }

        function item(overrides) {
            const base = { code: "2.2", title: "“三会一课”规范落实", method: "逐项核查", maxScore: "6",
                           mine: "", mineScored: false, minePoints: "", groupPoints: "", raters: 0, finalValue: "", finalReason: "",
                           veto: false, project: "2" }
            for (const k in overrides) base[k] = overrides[k]
            return base
        }

        function test_button_is_a_touch_target_with_icon() {
            const b = createTemporaryObject(buttonComponent, root, { text: "拍照取证", iconName: "camera" })
            waitForItemPolished(b)
            verify(b.height >= Theme.touch, "height " + b.height)
            verify(b.width >= Theme.touch)
            verify(String(b.icon.source).endsWith("/icons/camera.svg"))
            verify(b.background.color.a > 0, "a tonal button has a visible background")
            const spy = createTemporaryObject(clickSpy, testCase, { target: b })
            mouseClick(b)
            compare(spy.count, 1)
        }

        function test_icon_resources_load() {
            for (const name of ["back", "camera", "delete", "edit", "logout", "sync", "settings", "info", "place",
                                "warning", "star", "cloud_off", "cloud_done", "computer", "lock", "verified"]) {
                const image = createTemporaryQmlObject("import QtQuick; Image { source: 'qrc:/Onsite/icons/"
                                                       + name + ".svg' }", root)
                tryCompare(image, "status", Image.Ready, 2000, name + ".svg does not load")
                verify(image.implicitWidth > 0)
            }
        }

        function test_selectable_button_does_not_toggle_itself() {
            const b = createTemporaryObject(buttonComponent, root, { text: "好", selectable: true, checked: false })
            mouseClick(b)
            verify(!b.checked, "the stored value decides, not the tap")
            verify(!b.selectedLook)
            b.checked = true
            verify(b.selectedLook)
        }

        function test_overview_row_shows_points_and_input() {
            const row = createTemporaryObject(rowComponent, root, {
                item: item({ mine: "有年度学习计划;会议记录完整;书记讲党课", mineScored: true, minePoints: "4.00", groupPoints: "4.00", raters: 1 }) })
            compare(findChild(row, "minePoints").text, "4.00 分")
            compare(findChild(row, "groupPoints").text, "4.00 分")
            const input = findChild(row, "mineInput")
            verify(input.visible)
            compare(input.text, "我的评分：有年度学习计划、会议记录完整、书记讲党课")
            compare(input.wrapMode, Text.Wrap)
        }

        // A checklist recorded as "none held" reads 0.00 under 我 as under 本组 (我 read 未评).
        function test_overview_row_none_held_reads_the_same_in_both_columns() {
            const row = createTemporaryObject(rowComponent, root, {
                item: item({ mine: "", mineScored: true, minePoints: "0.00", groupPoints: "0.00", raters: 1 }) })
            compare(findChild(row, "minePoints").text, "0.00 分")
            compare(findChild(row, "groupPoints").text, "0.00 分")
            compare(findChild(row, "mineInput").text, "我的评分：均不具备")
            // Not recorded by anyone: both read 未评, never 0.00.
            const empty = createTemporaryObject(rowComponent, root, { item: item({}) })
            compare(findChild(empty, "minePoints").text, "未评")
            compare(findChild(empty, "groupPoints").text, "未评")
        }

        // DOMAIN.md: each finding has a suggestion; 保存 waits for it and says why.
        function test_finding_needs_a_suggestion() {
            const dialog = createTemporaryObject(findingComponent, root, { indicators: [], photos: [] })
            dialog.openFor(false, null)
            tryCompare(dialog, "opened", true)
            const save = dialog.standardButton(Dialog.Save)
            findChild(dialog.contentItem, "findingDescription").text = "活动室开放时间未公示"
            verify(!save.enabled, "a finding without a suggestion could be saved")
            verify(findChild(dialog.contentItem, "findingSuggestionHint").visible)
            findChild(dialog.contentItem, "findingSuggestion").text = "在门口公示开放时间"
            verify(save.enabled)
            verify(!findChild(dialog.contentItem, "findingSuggestionHint").visible)
            dialog.close()
            // A highlight has no suggestion: its title is enough.
            dialog.openFor(true, null)
            tryCompare(dialog, "opened", true)
            findChild(dialog.contentItem, "findingDescription").text = "红色驿站"
            verify(save.enabled)
            dialog.close()
        }

        function test_submitted_row_has_no_warning_or_rater_count() {
            const row = createTemporaryObject(rowComponent, root, {
                submitted: true,
                item: item({ groupPoints: "1.00", finalValue: "1", finalReason: "组长现场核实" }) })
            compare(findChild(row, "minePoints").text, "—")
            compare(findChild(row, "groupPoints").text, "1.00 分")
            // Before submission the same row asks for the missing score.
            row.submitted = false
            compare(findChild(row, "minePoints").text, "未评")
        }

        function test_dialog_buttons_speak_the_app_language() {
            const dialog = createTemporaryObject(findingComponent, root, { indicators: [], photos: [] })
            dialog.openFor(false, null)
            tryCompare(dialog, "opened", true)
            const save = dialog.standardButton(Dialog.Save)
            const cancel = dialog.standardButton(Dialog.Cancel)
            compare(save.text, "保存")
            compare(cancel.text, "取消")
            compare(save.kind, "filled")
            verify(save.height >= Theme.touch)
            dialog.close()
        }

        function test_finding_dialog_opens_filled_for_a_change() {
            const dialog = createTemporaryObject(findingComponent, root, {
                indicators: ["2.1", "2.2"], photos: [] })
            dialog.openFor(false, { id: "f1", kind: "短板", description: "台账缺页", suggestion: "补齐",
                                    indicator: "2.2", photoIds: [] })
            tryCompare(dialog, "opened", true)
            compare(dialog.editId, "f1")
            compare(findChild(dialog.contentItem, "findingDescription").text, "台账缺页")
            compare(findChild(dialog.contentItem, "findingSuggestion").text, "补齐")
            compare(findChild(dialog.contentItem, "findingKind").currentValue, "短板")
            compare(findChild(dialog.contentItem, "findingIndicator").currentText, "2.2")
            dialog.close()
            tryCompare(dialog, "visible", false)
            // A new one starts empty.
            dialog.openFor(true, null)
            tryCompare(dialog, "opened", true)
            compare(dialog.editId, "")
            compare(findChild(dialog.contentItem, "findingDescription").text, "")
        }

        function test_a_tap_beside_a_dialog_keeps_what_was_typed() {
            const dialog = createTemporaryObject(findingComponent, root, { indicators: [], photos: [] })
            dialog.openFor(true, null)
            tryCompare(dialog, "opened", true)
            findChild(dialog.contentItem, "findingDescription").text = "活动室开放时间未公示"
            mouseClick(root, 5, 5) // on the dimmed page beside the dialog
            wait(50)
            verify(dialog.visible, "a stray tap closed the dialog")
            compare(findChild(dialog.contentItem, "findingDescription").text, "活动室开放时间未公示")
            dialog.close()
        }

        function test_final_value_out_of_range_cannot_be_saved() {
            const dialog = createTemporaryObject(finalComponent, root, {
                code: "1.1", itemTitle: "选人用人", method: "达标计分", maxScore: "6" })
            dialog.open()
            tryCompare(dialog, "opened", true)
            const save = dialog.standardButton(Dialog.Save)
            findChild(dialog.contentItem, "finalReasonField").text = "核实了台账"
            findChild(dialog.contentItem, "finalValueField").text = "7"
            verify(!save.enabled, "7 of 6 points could be saved")
            verify(findChild(dialog.contentItem, "finalValueProblem").visible)
            findChild(dialog.contentItem, "finalValueField").text = "5.5"
            verify(save.enabled)
            verify(!findChild(dialog.contentItem, "finalValueProblem").visible)
            dialog.method = "一票否决"
            verify(!save.enabled, "a veto takes 是 or 否")
            findChild(dialog.contentItem, "finalValueField").text = "否"
            verify(save.enabled)
            dialog.close()
        }
    }
}
