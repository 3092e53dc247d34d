#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QQuickItem>
#include <QQuickWindow>
#include <QString>
#include <QVariant>

#include <functional>

namespace onsite::test {

// Polls `condition` while the event loop runs (network replies, timers, QML bindings,
// transitions), like QTRY_VERIFY; true as soon as it holds, false after the timeout.
bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 30000);

// Drives the real app window the way a person does: finds controls by objectName,
// scrolls them into view and clicks or types at their place on screen. Every step
// that cannot be done as a person would do it fails the test (ADD_FAILURE) and
// returns false/nullptr, so the caller can stop with ASSERT_TRUE.
class UiDriver
{
public:
    explicit UiDriver(QQuickWindow *window) : m_window(window) {}

    QQuickWindow *window() const { return m_window; }

    // Waits until the window is on screen and has keyboard focus (offscreen included).
    bool ready();

    // Every object under `scope` (default: the whole window), through both the QObject
    // tree (view models, popups) and the visual item tree (delegates, popup contents).
    QList<QObject *> objects(QObject *scope = nullptr) const;
    // The object named `name` under `scope`; a visible one is preferred.
    QObject *object(const QString &name, QObject *scope = nullptr) const;
    // A visible item named `name` under `scope`, or nullptr.
    QQuickItem *item(const QString &name, QObject *scope = nullptr) const;
    // Waits until item(name, scope) exists and no page transition is running.
    QQuickItem *waitForItem(const QString &name, QObject *scope = nullptr, int timeoutMs = 30000);
    // The visible button (any AbstractButton: Button, MenuItem, delegate) showing `text`.
    QQuickItem *buttonWithText(const QString &text, QObject *scope = nullptr) const;

    // Scrolls every Flickable around `item` (ScrollView, ListView) until it is in view.
    bool scrollIntoView(QQuickItem *item);
    // A left click at the centre of `item`, after scrolling it into view.
    bool click(QQuickItem *item);
    // Clicks the field, selects all and types `text` key by key (Latin-1 only, as a
    // hardware keyboard does); optionally presses Enter.
    bool typeText(QQuickItem *field, const QString &text, bool pressEnter = false);
    // Clicks the field and commits `text` the way an input method (e.g. pinyin) does.
    bool commitText(QQuickItem *field, const QString &text);
    // Waits for the popup (Dialog, ComboBox list) to be fully open or closed.
    bool waitForPopup(QObject *popup, bool opened);
    // True when the StackView "stack" is not in a transition.
    bool pagesSettled() const;

private:
    QPointer<QQuickWindow> m_window;
};

// The value of `property` on `object`, for short expectations in tests.
inline QVariant prop(const QObject *object, const char *property)
{
    return object ? object->property(property) : QVariant();
}

} // namespace onsite::test
