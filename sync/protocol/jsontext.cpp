#include "jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace onsite::protocol {

bool copiedAsIs(QStringView text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == u'"' || u == u'\\' || u == 0x7f || (u >= 0xd800 && u <= 0xdfff))
            return false;
    }
    return true;
}

bool plainAscii(QStringView text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u > 0x7E || u == u'"' || u == u'\\')
            return false;
    }
    return true;
}

void appendAscii(QByteArray &out, QStringView text)
{
    const qsizetype at = out.size();
    if (out.capacity() < at + text.size())
        out.reserve(2 * (at + text.size())); // geometric, as appending would grow
    out.resize(at + text.size());
    char *to = out.data() + at;
    for (const QChar c : text)
        *to++ = char(c.unicode());
}

void appendJsonString(QByteArray &out, const QString &text)
{
    if (plainAscii(text)) {
        out += '"';
        appendAscii(out, text);
        out += '"';
    } else if (copiedAsIs(text)) {
        out += '"';
        out += text.toUtf8();
        out += '"';
    } else {
        // Qt's escapes: the string alone in an array, without the brackets.
        const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
        out += QByteArrayView(array).sliced(1, array.size() - 2);
    }
}

void appendJsonObject(QByteArray &out, const QJsonObject &object)
{
    out += QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace onsite::protocol
