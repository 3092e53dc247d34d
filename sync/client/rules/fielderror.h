#pragma once

#include <QString>

#include <stdexcept>

namespace onsite::sync {

// A local write the device refuses (out of scope, 回避, invalid input, unreadable
// photo). The message is for the person holding the tablet, translated (Chinese source text).
class FieldError : public std::runtime_error
{
public:
    explicit FieldError(const QString &message) : std::runtime_error(message.toStdString()), m_message(message) {}
    const QString &message() const { return m_message; }

private:
    QString m_message;
};

} // namespace onsite::sync
