#pragma once

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QQmlParserStatus>
#include <QString>
#include <QTimer>

namespace onsite::sync {
class FieldWorkspace;
} // namespace onsite::sync
Q_MOC_INCLUDE("client/fieldworkspace.h")

namespace onsite::app {

// Keeps what is being typed into one field (or one dialog) as a draft in the device
// store, so that nothing is lost when Android kills the app or the battery dies before
// the field is committed. Typing calls keep(); the draft is written a second after the
// last keystroke, when the app leaves the foreground or quits, and when this object
// goes. The field's own commit (focus loss, 保存) still makes the record and its sync
// entry; discard() then drops the draft. Drafts belong to the signed-in account and
// the record named by `key`.
//
// restored(text) is emitted once per app run for a draft a previous run left behind
// (the app was killed): the field shows it again and commits it as usual.
class TextDraft : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    QML_ELEMENT
    Q_INTERFACES(QQmlParserStatus)
    Q_PROPERTY(
        onsite::sync::FieldWorkspace *workspace READ workspace WRITE setWorkspace NOTIFY loaded)
    // The record the field edits, e.g. "visit-notes:<visit id>"; empty: nothing is kept.
    Q_PROPERTY(QString key READ key WRITE setKey NOTIFY loaded)
    // The stored draft, read when workspace or key is set (typing does not change it, so
    // a field bound to it keeps its cursor).
    Q_PROPERTY(QString text READ text NOTIFY loaded)
    Q_PROPERTY(bool hasDraft READ hasDraft NOTIFY loaded)
    Q_PROPERTY(int delay READ delay WRITE setDelay NOTIFY loaded) // ms after the last keystroke
    // Bound to Qt.application.state: leaving the foreground writes what is pending.
    Q_PROPERTY(int applicationState READ applicationState WRITE setApplicationState NOTIFY loaded)

public:
    explicit TextDraft(QObject *parent = nullptr);
    ~TextDraft() override;

    sync::FieldWorkspace *workspace() const;
    void setWorkspace(sync::FieldWorkspace *workspace);
    QString key() const { return m_key; }
    void setKey(const QString &key);
    QString text() const { return m_text; }
    bool hasDraft() const { return m_hasDraft; }
    int delay() const { return m_timer.interval(); }
    void setDelay(int ms) { m_timer.setInterval(ms); }
    int applicationState() const { return m_applicationState; }
    void setApplicationState(int state);

    // The field's current text; written after `delay` unless keep() is called again.
    Q_INVOKABLE void keep(const QString &text);
    // Writes a pending text now.
    Q_INVOKABLE void flush();
    // The field was committed (or the person threw the text away): no draft remains.
    Q_INVOKABLE void discard();

    void classBegin() override { m_complete = false; }
    void componentComplete() override;

Q_SIGNALS:
    void loaded();
    void restored(const QString &text);

private:
    void load();
    void write(const QString &key, const QString &text);

    QPointer<sync::FieldWorkspace> m_workspace;
    QString m_key, m_text, m_pending, m_account;
    bool m_hasDraft = false;
    bool m_hasPending = false;
    int m_applicationState = Qt::ApplicationActive;
    bool m_complete = true; // false between classBegin and componentComplete in QML
    QTimer m_timer;
};

} // namespace onsite::app
