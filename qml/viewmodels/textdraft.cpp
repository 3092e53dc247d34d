#include "textdraft.h"

#include "client/fieldworkspace.h"

namespace onsite::app {

TextDraft::TextDraft(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &TextDraft::flush);
}

void TextDraft::setApplicationState(int state)
{
    m_applicationState = state;
    // A suspended app may be killed without another word.
    if (state != Qt::ApplicationActive)
        flush();
}

TextDraft::~TextDraft()
{
    // The page went away (back, a new page, the app quitting) with the field uncommitted.
    flush();
}

sync::FieldWorkspace *TextDraft::workspace() const
{
    return m_workspace;
}

void TextDraft::setWorkspace(sync::FieldWorkspace *workspace)
{
    if (workspace == m_workspace)
        return;
    flush();
    m_workspace = workspace;
    load();
}

void TextDraft::setKey(const QString &key)
{
    if (key == m_key)
        return;
    flush(); // what was typed belongs to the record it was typed for
    m_key = key;
    load();
}

void TextDraft::componentComplete()
{
    m_complete = true;
    load();
}

void TextDraft::load()
{
    m_text.clear();
    m_hasDraft = false;
    m_account.clear();
    std::optional<QString> found;
    bool leftBehind = false;
    if (m_complete && m_workspace && !m_key.isEmpty()) {
        try {
            m_account = m_workspace->account();
            if (!m_account.isEmpty()) {
                const bool first = m_workspace->drafts().firstTouchThisRun(m_account, m_key);
                found = m_workspace->drafts().find(m_account, m_key);
                leftBehind = found && first;
            }
        } catch (const std::exception &e) { // a busy or broken store: typing still works
            qWarning("TextDraft: %s", e.what());
        }
    }
    if (found) {
        m_text = *found;
        m_hasDraft = true;
    }
    Q_EMIT loaded();
    if (leftBehind)
        Q_EMIT restored(m_text);
}

void TextDraft::keep(const QString &text)
{
    if (m_key.isEmpty() || m_account.isEmpty())
        return;
    m_pending = text;
    m_hasPending = true;
    m_timer.start();
}

void TextDraft::flush()
{
    m_timer.stop();
    if (!m_hasPending)
        return;
    m_hasPending = false;
    write(m_key, m_pending);
}

void TextDraft::write(const QString &key, const QString &text)
{
    if (!m_workspace || key.isEmpty() || m_account.isEmpty())
        return;
    try {
        m_workspace->drafts().keep(m_account, key, text);
    } catch (const std::exception &e) {
        qWarning("TextDraft: %s", e.what());
    }
}

void TextDraft::discard()
{
    m_timer.stop();
    m_hasPending = false;
    if (m_workspace && !m_key.isEmpty() && !m_account.isEmpty()) {
        try {
            m_workspace->drafts().discard(m_account, m_key);
        } catch (const std::exception &e) {
            qWarning("TextDraft: %s", e.what());
        }
    }
    if (m_hasDraft) {
        m_hasDraft = false;
        m_text.clear();
        Q_EMIT loaded();
    }
}

} // namespace onsite::app
