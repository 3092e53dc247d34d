pragma Singleton
import QtQuick

// One place for the sizes and colours every screen shares: touch targets of at
// least 48 dp, text that reads at arm's length, and the palette of the red bar.
QtObject {
    readonly property int touch: 48          // smallest tap target
    readonly property int touchLarge: 56     // primary actions, level buttons
    readonly property int gap: 12
    readonly property int margin: 16

    readonly property int fontBody: 18
    readonly property int fontSmall: 16      // secondary text; nothing smaller on screen
    readonly property int fontTitle: 22
    readonly property int fontHeading: 20

    readonly property color primary: "#b71c1c"
    readonly property color primaryDark: "#8e0000"
    readonly property color primaryTint: "#fdecea"
    readonly property color text: "#212121"
    readonly property color textSecondary: "#5f5f5f"  // 6.2:1 on white
    readonly property color divider: "#e0e0e0"
    readonly property color surface: "#ffffff"
    readonly property color page: "#fafafa"
    readonly property color good: "#2e7d32"
    readonly property color warn: "#b45309"           // amber that still reads on white
    readonly property color error: "#c62828"
    readonly property color info: "#1565c0"
    readonly property color submitted: "#6a1b9a"
    readonly property color submittedTint: "#f3e5f5"

    function icon(name) { return "qrc:/Onsite/icons/" + name + ".svg" }
}
