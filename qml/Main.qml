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
    signal selfTestFinished()

    SessionModel { id: sessionModel; objectName: "session" }
    SyncStatusModel { id: syncStatus; objectName: "syncStatus" }

    header: SyncBar {
        visible: sessionModel.signedIn
        status: syncStatus
        onOpenDetails: stack.push(syncPage)
        onOpenSettings: stack.push(settingsPage)
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
            onOpenUnit: (code, name, locked, reason) => stack.push(unitPage, { unitCode: code, unitName: name,
                                                                               locked: locked, lockReason: reason })
        }
    }
    Component {
        id: unitPage
        UnitPage {
            onOpenSite: (code) => stack.push(visitPage, { siteCode: code })
            onBack: stack.pop()
        }
    }
    Component {
        id: visitPage
        VisitPage { onBack: stack.pop() }
    }
    Component {
        id: syncPage
        SyncPage { status: syncStatus; onBack: stack.pop() }
    }
    Component {
        id: settingsPage
        SettingsPage {
            session: sessionModel
            onBack: stack.pop()
            onSignedOut: stack.replace(null, signInPage)
        }
    }

    // Shows screen `index` for scripts/screenshots; returns its file name or "".
    function showScreen(index) {
        const screens = [["signin", signInPage, {}], ["home", homePage, {}],
                         ["unit", unitPage, { unitCode: "DC", unitName: "东城区" }],
                         ["overview", unitPage, { unitCode: "DC", unitName: "东城区", initialTab: 1 }],
                         ["submitted", unitPage, { unitCode: "BH", unitName: "白河县", initialTab: 1 }],
                         ["visit", visitPage, { siteCode: "DC-01" }], ["sync", syncPage, {}],
                         ["settings", settingsPage, {}]]
        if (index >= screens.length)
            return ""
        stack.clear()
        stack.push(screens[index][1], screens[index][2], StackView.Immediate)
        return screens[index][0]
    }

    // --self-test: show every screen once, then report (main counts QML warnings).
    Timer {
        id: selfTestStep
        property int step: 0
        interval: 150
        running: window.selfTest
        repeat: true
        onTriggered: {
            const screens = [signInPage, homePage, unitPage, visitPage, syncPage, settingsPage]
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
