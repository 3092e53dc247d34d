import QtQuick
import QtQuick.Controls
import Onsite

// The pages reached from the first one, as components for Main.qml's StackView.
// Main.qml loads this file by URL once its first frame is on screen (Main's `pages()`),
// so these pages' types, and the modules they import (QtQuick.Dialogs among them), are
// not loaded before the app shows anything: they took about 40 % of its start.
// Main sets the properties below as soon as the file is loaded.
QtObject {
    id: pages

    property StackView stack
    property QtObject workspace        // FieldWorkspace
    property QtObject session          // SessionModel
    property QtObject syncStatus       // SyncStatusModel
    property QtObject translations     // Translations
    property QtObject positionSource
    property QtObject photoSource
    property Component signInPage      // Main's own: where signing out leads

    readonly property Component unitPage: Component {
        UnitPage {
            workspace: pages.workspace
            onOpenSite: (code) => pages.stack.push(pages.visitPage, { siteCode: code })
            onBack: pages.stack.pop()
        }
    }
    readonly property Component visitPage: Component {
        VisitPage {
            workspace: pages.workspace
            positionSource: pages.positionSource
            photoSource: pages.photoSource
            onBack: pages.stack.pop()
        }
    }
    readonly property Component syncPage: Component {
        SyncPage { status: pages.syncStatus; onBack: pages.stack.pop() }
    }
    readonly property Component settingsPage: Component {
        SettingsPage {
            session: pages.session
            translations: pages.translations
            onBack: pages.stack.pop()
            onSignedOut: pages.stack.replace(null, pages.signInPage)
            onOpenAbout: pages.stack.push(pages.aboutPage)
        }
    }
    readonly property Component aboutPage: Component {
        AboutPage { workspace: pages.workspace; onBack: pages.stack.pop() }
    }
}
