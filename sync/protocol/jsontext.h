#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace onsite::protocol {

// Pieces of JSON text written directly, byte for byte as Qt's compact writer
// (QJsonDocument::toJson(Compact)) would write them: a push of thousands of mutations
// costs less than building one QJsonObject tree and serialising it, and the bytes (and
// every digest over them) stay the same.

// Text Qt's writer copies as it is: no quote, backslash, control character, DEL or
// surrogate (anything else takes Qt's own writer, so escapes stay Qt's).
bool copiedAsIs(QStringView text);
// Text that is also plain ASCII: one byte a character.
bool plainAscii(QStringView text);

// Plain ASCII text (plainAscii) as its bytes.
void appendAscii(QByteArray &out, QStringView text);
// `"text"` as Qt writes a string value.
void appendJsonString(QByteArray &out, const QString &text);
// The object as Qt writes it (Qt itself does the work).
void appendJsonObject(QByteArray &out, const QJsonObject &object);

} // namespace onsite::protocol
