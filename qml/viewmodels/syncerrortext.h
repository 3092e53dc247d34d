#pragma once

#include <QCoreApplication>
#include <QString>

namespace onsite::app {

// A failed sync or sign-in as the inspector reads it: one sentence saying what happened
// and what to do, and apart from it the technical detail (HTTP status, HQ's error code)
// a support call needs. The sync engine hands over one line, "<message>（HTTP 401，
// invalid_token）"; the code at its end picks the sentence.
struct SyncErrorText
{
    Q_DECLARE_TR_FUNCTIONS(SyncErrorText)

public:
    QString headline; // what to do; the whole line when it names no code
    QString detail;   // "HTTP 401 · invalid_token · 需要登录"; empty when there is none

    static SyncErrorText from(const QString &line);
    // The sentence for HQ's error `code` (or, without one, its HTTP `status`); empty
    // when neither is known.
    static QString sentenceFor(int status, const QString &code);
};

} // namespace onsite::app
