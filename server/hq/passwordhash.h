#pragma once

#include <QByteArray>
#include <QString>

namespace onsite::hq {

// argon2id (libsodium): slow and salted, so a stolen database does not give away
// passwords. The encoded string carries salt and parameters.
QString hashPassword(const QString &password);
bool verifyPassword(const QString &encodedHash, const QString &password);

// 256 random bits, URL-safe, for device tokens.
QString randomToken();
// SHA-256 hex of a token: only this is stored, so the table does not hold live tokens.
QString tokenDigest(const QString &token);

} // namespace onsite::hq
