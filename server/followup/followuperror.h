#pragma once

#include "policy/followuppolicy.h"

#include <QString>

#include <stdexcept>

namespace onsite::followup {

// A step refused with a reason code (followUpRefusalCode, or "bad_request" / "not_found"
// for input) and a message for people; the console answers it with the matching status.
class FollowUpError : public std::runtime_error
{
public:
    FollowUpError(QString code, QString message)
        : std::runtime_error(message.toStdString()), m_code(std::move(code)), m_message(std::move(message))
    {
    }
    FollowUpError(FollowUpRefusal refusal, QString message)
        : FollowUpError(followUpRefusalCode(refusal), std::move(message))
    {
    }

    const QString &code() const { return m_code; }
    const QString &message() const { return m_message; }

private:
    QString m_code;
    QString m_message;
};

} // namespace onsite::followup
