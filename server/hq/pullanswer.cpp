#include "pullanswer.h"

#include "resultsjson.h"

#include <QJsonDocument>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace onsite::hq {

namespace {

void appendString(QByteArray &out, const QByteArray &utf8)
{
    const bool plain = std::all_of(utf8.begin(), utf8.end(), [](char c) {
        return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    });
    if (plain) {
        out += '"';
        out += utf8;
        out += '"';
    } else {
        out += jsonString(QString::fromUtf8(utf8));
    }
}

// A recursive-descent check of RFC 8259's grammar, without building anything: far
// cheaper than parsing into a QJsonObject. Nesting deeper than Qt reads is refused too.
class JsonCheck
{
public:
    explicit JsonCheck(const QByteArray &text)
        : m_at(text.constData()), m_end(text.constData() + text.size())
    {
    }

    bool isOneObject()
    {
        space();
        if (m_at == m_end || *m_at != '{' || !value(0))
            return false;
        space();
        return m_at == m_end;
    }

private:
    static constexpr int kMaxDepth = 1024;

    void space()
    {
        while (m_at != m_end && (*m_at == ' ' || *m_at == '\t' || *m_at == '\n' || *m_at == '\r'))
            ++m_at;
    }
    bool take(char c)
    {
        space();
        if (m_at == m_end || *m_at != c)
            return false;
        ++m_at;
        return true;
    }
    bool literal(const char *word)
    {
        for (; *word; ++word, ++m_at) {
            if (m_at == m_end || *m_at != *word)
                return false;
        }
        return true;
    }
    bool digits()
    {
        const char *start = m_at;
        while (m_at != m_end && *m_at >= '0' && *m_at <= '9')
            ++m_at;
        return m_at != start;
    }
    bool number()
    {
        const char *start = m_at;
        if (!numberSyntax())
            return false;
        // Qt refuses a number too large for a double; only a long one or one with an
        // exponent can be, so only those are converted.
        const auto length = std::size_t(m_at - start);
        if (length <= 15 && !std::memchr(start, 'e', length) && !std::memchr(start, 'E', length))
            return true;
        char buffer[64];
        if (length >= sizeof buffer)
            return false;
        std::memcpy(buffer, start, length);
        buffer[length] = '\0';
        return std::isfinite(std::strtod(buffer, nullptr));
    }
    bool numberSyntax()
    {
        if (*m_at == '-')
            ++m_at;
        if (m_at != m_end && *m_at == '0')
            ++m_at;
        else if (!digits())
            return false;
        if (m_at != m_end && *m_at == '.' && (++m_at, !digits()))
            return false;
        if (m_at != m_end && (*m_at == 'e' || *m_at == 'E')) {
            ++m_at;
            if (m_at != m_end && (*m_at == '+' || *m_at == '-'))
                ++m_at;
            if (!digits())
                return false;
        }
        return true;
    }
    bool string()
    {
        ++m_at; // the opening quote
        while (m_at != m_end) {
            const auto c = static_cast<unsigned char>(*m_at++);
            if (c == '"')
                return true;
            if (c < 0x20)
                return false;
            if (c >= 0x80 && !utf8Tail(c))
                return false;
            if (c != '\\')
                continue;
            if (m_at == m_end)
                return false;
            const char escaped = *m_at++;
            if (escaped == 'u') {
                for (int i = 0; i < 4; ++i, ++m_at) {
                    if (m_at == m_end || !std::isxdigit(static_cast<unsigned char>(*m_at)))
                        return false;
                }
            } else if (!std::strchr("\"\\/bfnrt", escaped) || escaped == '\0') {
                return false;
            }
        }
        return false;
    }
    // The rest of a UTF-8 sequence led by `lead`, as strictly as Qt reads it: no overlong
    // forms, no surrogates, nothing above U+10FFFF.
    bool utf8Tail(unsigned char lead)
    {
        int more = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            more = 1;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            more = 2;
            if (lead == 0xe0)
                low = 0xa0;
            else if (lead == 0xed)
                high = 0x9f;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            more = 3;
            if (lead == 0xf0)
                low = 0x90;
            else if (lead == 0xf4)
                high = 0x8f;
        } else {
            return false;
        }
        for (int i = 0; i < more; ++i, ++m_at) {
            if (m_at == m_end)
                return false;
            const auto c = static_cast<unsigned char>(*m_at);
            if (c < (i == 0 ? low : 0x80) || c > (i == 0 ? high : 0xbf))
                return false;
        }
        return true;
    }
    bool value(int depth)
    {
        space();
        if (m_at == m_end || depth > kMaxDepth)
            return false;
        switch (*m_at) {
        case '{':
            ++m_at;
            if (take('}'))
                return true;
            do {
                space();
                if (m_at == m_end || *m_at != '"' || !string() || !take(':') || !value(depth + 1))
                    return false;
            } while (take(','));
            return take('}');
        case '[':
            ++m_at;
            if (take(']'))
                return true;
            do {
                if (!value(depth + 1))
                    return false;
            } while (take(','));
            return take(']');
        case '"':
            return string();
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number();
        }
    }

    const char *m_at;
    const char *m_end;
};

void appendRecord(QByteArray &out, const QByteArray &stored)
{
    // HQ stores each record as QJsonDocument's compact object and it goes out as it is.
    // Text that is no JSON object (a row edited by hand, cut short) goes through Qt as
    // every record did before: an empty object, not an answer no device could read.
    if (JsonCheck(stored).isOneObject())
        out += stored;
    else
        out +=
            QJsonDocument(QJsonDocument::fromJson(stored).object()).toJson(QJsonDocument::Compact);
}

} // namespace

QByteArray pullAnswerJson(const ChangeFeed::Page &page, const QString &incarnation)
{
    qsizetype size = 64 + incarnation.size();
    for (const ChangeFeed::Page::Entry &change : page.changes)
        size +=
            64 + change.entity.size() + change.id.size() + change.op.size() + change.data.size();
    QByteArray out;
    out.reserve(size);
    // Keys in the order QJsonObject keeps them (sorted).
    out += "{\"changes\":[";
    for (std::size_t i = 0; i < page.changes.size(); ++i) {
        const ChangeFeed::Page::Entry &change = page.changes[i];
        if (i > 0)
            out += ',';
        out += "{\"data\":";
        appendRecord(out, change.data);
        out += ",\"entity\":";
        appendString(out, change.entity);
        out += ",\"id\":";
        appendString(out, change.id);
        out += ",\"op\":";
        appendString(out, change.op);
        out += ",\"seq\":";
        out += QByteArray::number(change.seq);
        out += '}';
    }
    out += "],\"cursor\":";
    out += QByteArray::number(page.cursor);
    if (!incarnation.isEmpty()) {
        out += ",\"";
        out += protocol::kIncarnationKey;
        out += "\":";
        out += jsonString(incarnation);
    }
    if (page.more)
        out += ",\"more\":true";
    out += '}';
    return out;
}

} // namespace onsite::hq
