import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Onsite

ApplicationWindow {
    id: window
    width: 1280
    height: 800
    visible: true
    title: qsTr("现场考评")
    Material.theme: Material.Light
    Material.primary: "#b71c1c"
    Material.accent: "#c62828"
    font.pixelSize: 18

    property bool selfTest: false
    // The current page is still reading what it shows (onsite --exit-after-first-frame
    // reports the first frame after this turns false).
    readonly property bool loading: stack.currentItem !== null && stack.currentItem.loading === true
    signal selfTestFinished()

    // The app's services, given by AppComposition and handed down to each page: the
    // device's field work (FieldWorkspace), the UI language, and the device's position
    // and photo sources (either may be null on a device without them).
    required property QtObject workspace
    required property Translations translations
    required property QtObject positionSource
    required property QtObject photoSource

    SessionModel { id: sessionModel; objectName: "session"; workspace: window.workspace }
    SyncStatusModel { id: syncStatus; objectName: "syncStatus"; workspace: window.workspace }
    SettingsModel { id: appSettings; translations: window.translations }

    header: SyncBar {
        visible: sessionModel.signedIn
        status: syncStatus
        onSyncPage: stack.currentItem !== null && stack.currentItem.isSyncPage === true
        onOpenDetails: stack.push(window.pages().syncPage)
        onOpenSettings: stack.push(window.pages().settingsPage)
    }

    StackView {
        id: stack
        objectName: "stack"
        anchors.fill: parent
        initialItem: sessionModel.signedIn ? homePage : signInPage
    }

    Component {
        id: signInPage
        SignInPage {
            session: sessionModel
            onSignedIn: stack.replace(null, homePage)
        }
    }
    Component {
        id: homePage
        HomePage {
            session: sessionModel
            workspace: window.workspace
            onOpenUnit: (code, name, locked, reason, submitted) => stack.push(window.pages().unitPage, {
                unitCode: code, unitName: name, locked: locked, lockReason: reason, submitted: submitted })
        }
    }
    // Every page after the first is in DeferredPages.qml, loaded by URL (so Main's own
    // compilation does not load those pages' types) in the background once the first frame
    // is on screen. pages() returns it, loading it at once if it is not ready yet.
    Loader {
        id: deferredPages
        objectName: "deferredPages"
        active: false
        asynchronous: true
        source: "DeferredPages.qml"
        onLoaded: {
            const pages = item
            pages.stack = stack
            pages.workspace = window.workspace
            pages.session = sessionModel
            pages.syncStatus = syncStatus
            pages.translations = window.translations
            pages.positionSource = window.positionSource
            pages.photoSource = window.photoSource
            pages.signInPage = signInPage
        }
    }
    Connections {
        target: window
        enabled: !deferredPages.active
        function onFrameSwapped() { Qt.callLater(() => { deferredPages.active = true }) }
    }
    function pages() {
        deferredPages.asynchronous = false // also completes a load in progress, here and now
        deferredPages.active = true
        // A page that cannot be loaded (a QML error, a module missing from the build) is
        // said plainly where it is opened; the file's own errors are in the log above.
        if (deferredPages.status !== Loader.Ready)
            throw new Error("DeferredPages.qml could not be loaded (status " + deferredPages.status + ")")
        return deferredPages.item
    }

    // The screens scripts/screenshots renders for who is signed in, in which state:
    // [file name, page, properties, function of the page to call once shown].
    function screenList() {
        const prefix = appSettings.language === "en" ? "en-" : ""
        if (!sessionModel.signedIn)
            return [["signin", signInPage, {}, ""]]
        const { unitPage, visitPage, syncPage, settingsPage, aboutPage } = pages()
        if (!syncStatus.online)
            return [["offline", homePage, {}, ""], ["offline-sync", syncPage, {}, ""]]
        if (sessionModel.canUseTablet === false)
            return [["console-notice", homePage, {}, ""]]
        if (sessionModel.leader)
            return [["leader-overview", unitPage, { unitCode: "DC", unitName: "东城区", initialTab: 1 }, ""],
                    ["final-value", unitPage, { unitCode: "DC", unitName: "东城区", initialTab: 1 }, "showFinalDialog:1.1"],
                    ["submit-confirm", unitPage, { unitCode: "DC", unitName: "东城区", initialTab: 1 }, "showSubmitConfirmation"]]
        const all = [["home", homePage, {}, ""],
                     ["unit", unitPage, { unitCode: "DC", unitName: "东城区" }, ""],
                     ["overview", unitPage, { unitCode: "DC", unitName: "东城区", initialTab: 1 }, ""],
                     ["submitted", unitPage, { unitCode: "BH", unitName: "白河县", initialTab: 1, submitted: true }, ""],
                     ["visit", visitPage, { siteCode: "DC-01" }, ""],
                     ["finding", visitPage, { siteCode: "DC-01" }, "showFindingDialog"],
                     ["finding-no-suggestion", visitPage, { siteCode: "DC-01" }, "showFindingDialog:活动室开放时间未公示"],
                     ["visit-refused", visitPage, { siteCode: "DC-01" }, "showRefusedInput:2.1"],
                     ["visit-unit-items", visitPage, { siteCode: "DC-01" }, "showUnitItems"],
                     ["sync", syncPage, {}, ""], ["settings", settingsPage, {}, ""], ["about", aboutPage, {}, ""]]
        return prefix.length > 0 ? all.filter(x => ["home", "overview", "visit", "finding"].indexOf(x[0]) >= 0)
                                      .map(x => [prefix + x[0], x[1], x[2], x[3]])
                                 : all
    }

    // Shows screen `index` for scripts/screenshots; returns its file name or "".
    // The set is chosen once, at the first screen, so a state that changes while
    // the screens are taken (a sync ending) does not mix two sets.
    property var shotList: []
    function showScreen(index) {
        if (index === 0)
            shotList = screenList()
        const screens = shotList
        if (index >= screens.length)
            return ""
        stack.clear()
        const page = stack.push(screens[index][1], screens[index][2], StackView.Immediate)
        const call = screens[index][3].split(":")
        if (call[0].length > 0)
            page[call[0]](call[1])
        return "app-" + screens[index][0]
    }

    // --self-test: show every screen once, then report (main counts QML warnings).
    Timer {
        id: selfTestStep
        property int step: 0
        interval: 150
        running: window.selfTest
        repeat: true
        onTriggered: {
            const p = window.pages()
            const screens = [signInPage, homePage, p.unitPage, p.visitPage, p.syncPage, p.settingsPage, p.aboutPage]
            if (step < screens.length) {
                stack.push(screens[step], step === 2 ? { unitCode: "DC", unitName: "东城区" }
                                         : step === 3 ? { siteCode: "DC-01" } : {})
                step++
            } else {
                running = false
                window.selfTestFinished()
            }
        }
    }
}
