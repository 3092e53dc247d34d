#include "uidriver.h"

#include <QDeadlineTimer>
#include <QGuiApplication>
#include <QInputMethodEvent>
#include <QSet>
#include <QTest>

#include <gtest/gtest.h>

namespace onsite::test {

namespace {

void collect(QObject *object, QList<QObject *> &out, QSet<QObject *> &seen)
{
    if (!object || seen.contains(object))
        return;
    seen.insert(object);
    out.append(object);
    for (QObject *child : object->children())
        collect(child, out, seen);
    // Delegates and popup contents are reachable only as visual children.
    if (auto *item = qobject_cast<QQuickItem *>(object)) {
        for (QQuickItem *child : item->childItems())
            collect(child, out, seen);
    }
}

std::string describe(const QQuickItem *item)
{
    return item ? (item->objectName().isEmpty() ? std::string(item->metaObject()->className())
                                                : item->objectName().toStdString())
                : std::string("(null)");
}

} // namespace

bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(10); // runs events, including deferred deletes of replaced delegates
    }
    return true;
}

bool UiDriver::ready()
{
    if (!m_window) {
        ADD_FAILURE() << "Main.qml did not create a window";
        return false;
    }
    m_window->requestActivate();
    if (!QTest::qWaitForWindowExposed(m_window) || !QTest::qWaitForWindowActive(m_window)) {
        ADD_FAILURE() << "the window was never exposed and active";
        return false;
    }
    return true;
}

QList<QObject *> UiDriver::objects(QObject *scope) const
{
    QList<QObject *> out;
    QSet<QObject *> seen;
    if (scope) {
        collect(scope, out, seen);
    } else if (m_window) {
        collect(m_window, out, seen);
        collect(m_window->contentItem(), out, seen); // includes the popup overlay
    }
    return out;
}

QObject *UiDriver::object(const QString &name, QObject *scope) const
{
    QObject *found = nullptr;
    for (QObject *object : objects(scope)) {
        if (object->objectName() != name)
            continue;
        auto *item = qobject_cast<QQuickItem *>(object);
        if (!item || item->isVisible())
            return object;
        if (!found)
            found = object;
    }
    return found;
}

QQuickItem *UiDriver::item(const QString &name, QObject *scope) const
{
    for (QObject *object : objects(scope)) {
        auto *item = qobject_cast<QQuickItem *>(object);
        if (item && item->objectName() == name && item->isVisible())
            return item;
    }
    return nullptr;
}

QQuickItem *UiDriver::waitForItem(const QString &name, QObject *scope, int timeoutMs)
{
    QQuickItem *found = nullptr;
    waitUntil([&] { return pagesSettled() && (found = item(name, scope)) != nullptr; }, timeoutMs);
    if (!found)
        ADD_FAILURE() << "no visible item \"" << name.toStdString() << "\" appeared";
    return found;
}

QQuickItem *UiDriver::buttonWithText(const QString &text, QObject *scope) const
{
    for (QObject *object : objects(scope)) {
        auto *item = qobject_cast<QQuickItem *>(object);
        if (item && item->isVisible() && item->inherits("QQuickAbstractButton") &&
            item->property("text").toString() == text)
            return item;
    }
    return nullptr;
}

bool UiDriver::pagesSettled() const
{
    QObject *stack = object(QStringLiteral("stack"));
    return stack && !stack->property("busy").toBool();
}

bool UiDriver::scrollIntoView(QQuickItem *item)
{
    for (QQuickItem *view = item->parentItem(); view; view = view->parentItem()) {
        if (!view->inherits("QQuickFlickable"))
            continue;
        const qreal top = item->mapToItem(view, QPointF(0, 0)).y();
        if (top >= 0 && top + item->height() <= view->height())
            continue;
        // Centre the item in the view, within what the content allows.
        const qreal originY = view->property("originY").toReal();
        const qreal lowest = originY + qMax<qreal>(0, view->property("contentHeight").toReal() - view->height());
        const qreal target = view->property("contentY").toReal() + top - (view->height() - item->height()) / 2;
        view->setProperty("contentY", qBound(originY, target, lowest));
        QTest::qWait(50); // let the scroll bar and any lazily created delegates follow
    }
    const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
    if (!QRectF(0, 0, m_window->width(), m_window->height()).contains(centre)) {
        ADD_FAILURE() << describe(item) << " cannot be scrolled into the window (centre at " << centre.x() << ","
                      << centre.y() << ")";
        return false;
    }
    return true;
}

bool UiDriver::click(QQuickItem *item)
{
    if (!item || !item->isVisible() || !item->isEnabled()) {
        ADD_FAILURE() << "cannot click " << describe(item) << ": missing, hidden or disabled";
        return false;
    }
    if (!scrollIntoView(item))
        return false;
    const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
    QTest::mouseClick(m_window, Qt::LeftButton, Qt::NoModifier, centre.toPoint());
    QTest::qWait(20);
    return true;
}

bool UiDriver::typeText(QQuickItem *field, const QString &text, bool pressEnter)
{
    if (!click(field))
        return false;
    if (!field->hasActiveFocus()) {
        ADD_FAILURE() << "clicking " << describe(field) << " did not give it the keyboard focus";
        return false;
    }
    QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier); // replace whatever is there
    for (const char key : text.toLatin1()) // QTest has no keyClicks() for a QWindow
        QTest::keyClick(m_window, key);
    // Checked before Enter: Enter may commit the input and the view then rebuilds the field.
    if (field->property("text").toString() != text) {
        ADD_FAILURE() << describe(field) << " shows \"" << field->property("text").toString().toStdString()
                      << "\" after typing \"" << text.toStdString() << "\"";
        return false;
    }
    if (pressEnter)
        QTest::keyClick(m_window, Qt::Key_Return);
    QTest::qWait(20);
    return true;
}

bool UiDriver::commitText(QQuickItem *field, const QString &text)
{
    if (!click(field))
        return false;
    // QTest can type Latin-1 only; Chinese arrives from the input method as a commit.
    QQuickItem *target = m_window->activeFocusItem();
    if (target != field) {
        ADD_FAILURE() << "clicking " << describe(field) << " focused " << describe(target) << " instead";
        return false;
    }
    QInputMethodEvent event;
    event.setCommitString(text);
    QCoreApplication::sendEvent(target, &event);
    QTest::qWait(20);
    if (!field->property("text").toString().contains(text)) {
        ADD_FAILURE() << describe(field) << " did not take the committed text";
        return false;
    }
    return true;
}

bool UiDriver::waitForPopup(QObject *popup, bool opened)
{
    if (!popup) {
        ADD_FAILURE() << "no popup";
        return false;
    }
    // "opened" turns true only when the enter transition is over, so clicks land.
    const bool ok = waitUntil([&] {
        return opened ? popup->property("opened").toBool() : !popup->property("visible").toBool();
    });
    if (!ok)
        ADD_FAILURE() << popup->metaObject()->className() << " did not " << (opened ? "open" : "close");
    return ok;
}

} // namespace onsite::test
