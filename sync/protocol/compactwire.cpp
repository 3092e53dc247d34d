#include "compactwire.h"

#include "compactnames.h"
#include "compactvalues.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstring>
#include <limits>
#include <string_view>
#include <vector>

namespace onsite::protocol::compact {

using namespace names;
using namespace values;

namespace {

constexpr char kEscape = '~';
// HQ reads nothing nested deeper (a record's data is three levels down); a body of a
// million "[" must not take the stack.
constexpr int kMaxDepth = 64;

// ---- the rewriter: one pass over the JSON text ----

enum class Direction
{
    Compact,
    Expand
};

// The rewritten text: QByteArray's append checks sharing and capacity per call, and the
// rewrite appends a few bytes at a time.
class Output
{
public:
    explicit Output(qsizetype expected) { m_buffer.resize(std::max<qsizetype>(expected, 64)); }

    char *take(size_t n)
    {
        const auto count = static_cast<qsizetype>(n);
        if (m_length + count > m_buffer.size())
            m_buffer.resize(std::max(m_buffer.size() * 2, m_length + count));
        char *at = m_buffer.data() + m_length;
        m_length += count;
        return at;
    }
    void put(char c) { *take(1) = c; }
    void put(std::string_view text) { std::memcpy(take(text.size()), text.data(), text.size()); }
    qsizetype size() const { return m_length; }
    void truncate(qsizetype length) { m_length = length; }
    QByteArray finish()
    {
        m_buffer.truncate(m_length);
        return std::move(m_buffer);
    }

private:
    QByteArray m_buffer;
    qsizetype m_length = 0;
};

class Rewriter
{
public:
    Rewriter(QByteArrayView in, Direction direction,
             qsizetype limit = std::numeric_limits<qsizetype>::max())
        : m_in(in.data(), static_cast<size_t>(in.size())), m_direction(direction),
          m_out(std::min(direction == Direction::Compact ? in.size() : in.size() * 2, limit)),
          m_limit(limit)
    {
    }

    std::optional<QByteArray> run()
    {
        if (!value(nullptr, 0))
            return std::nullopt;
        skipSpace();
        if (m_pos != m_in.size())
            return std::nullopt;
        return m_out.finish();
    }

private:
    void skipSpace()
    {
        while (m_pos < m_in.size() && (m_in[m_pos] == ' ' || m_in[m_pos] == '\n' ||
                                       m_in[m_pos] == '\r' || m_in[m_pos] == '\t'))
            ++m_pos;
    }

    // The text between the quotes, escapes left as they are; m_pos on the opening quote.
    std::optional<std::string_view> string()
    {
        const size_t start = ++m_pos;
        while (m_pos < m_in.size()) {
            const unsigned char c = static_cast<unsigned char>(m_in[m_pos]);
            if (c == '"')
                return m_in.substr(start, m_pos++ - start);
            if (c < 0x20)
                return std::nullopt;
            if (c == '\\') {
                if (++m_pos >= m_in.size() || !std::strchr("\"\\/bfnrtu", m_in[m_pos]))
                    return std::nullopt;
                if (m_in[m_pos] == 'u') {
                    for (int i = 0; i < 4; ++i) {
                        if (++m_pos >= m_in.size() ||
                            !std::isxdigit(static_cast<unsigned char>(m_in[m_pos])))
                            return std::nullopt;
                    }
                }
            }
            ++m_pos;
        }
        return std::nullopt;
    }

    std::optional<std::string_view> number()
    {
        const size_t start = m_pos;
        auto digitsFrom = [this] {
            const size_t first = m_pos;
            while (m_pos < m_in.size() && m_in[m_pos] >= '0' && m_in[m_pos] <= '9')
                ++m_pos;
            return m_pos > first;
        };
        if (m_in[m_pos] == '-')
            ++m_pos;
        if (m_pos < m_in.size() && m_in[m_pos] == '0')
            ++m_pos;
        else if (!digitsFrom())
            return std::nullopt;
        if (m_pos < m_in.size() && m_in[m_pos] == '.') {
            ++m_pos;
            if (!digitsFrom())
                return std::nullopt;
        }
        if (m_pos < m_in.size() && (m_in[m_pos] == 'e' || m_in[m_pos] == 'E')) {
            ++m_pos;
            if (m_pos < m_in.size() && (m_in[m_pos] == '+' || m_in[m_pos] == '-'))
                ++m_pos;
            if (!digitsFrom())
                return std::nullopt;
        }
        return m_in.substr(start, m_pos - start);
    }

    void appendQuoted(std::string_view text)
    {
        char *at = m_out.take(text.size() + 2);
        *at = '"';
        std::memcpy(at + 1, text.data(), text.size());
        at[text.size() + 1] = '"';
    }

    void appendEscaped(std::string_view text)
    {
        m_out.put('"');
        m_out.put(kEscape);
        m_out.put(text);
        m_out.put('"');
    }

    // A key, mapped; returns what the key's value may be rewritten by.
    const KeyName *key(std::string_view raw)
    {
        if (m_direction == Direction::Compact) {
            if (const KeyName *found = keyByName(raw)) {
                appendQuoted(found->shortName);
                return found;
            }
            if (keyByShortName(raw) || (!raw.empty() && raw.front() == kEscape))
                appendEscaped(raw);
            else
                appendQuoted(raw);
            return nullptr;
        }
        if (!raw.empty() && raw.front() == kEscape) {
            appendQuoted(raw.substr(1));
            return nullptr;
        }
        if (const KeyName *found = keyByShortName(raw)) {
            appendQuoted(found->name);
            return found;
        }
        appendQuoted(raw);
        return nullptr;
    }

    void compactString(const KeyName *key, std::string_view raw)
    {
        const Rule rule = key ? key->rule : Rule::None;
        switch (rule) {
        case Rule::None:
            return appendQuoted(raw);
        case Rule::Time:
            if (const auto ms = canonicalTimeMs(raw)) {
                char digits[20];
                const auto end = std::to_chars(digits, digits + sizeof digits, *ms).ptr;
                m_out.put(std::string_view(digits, static_cast<size_t>(end - digits)));
                return;
            }
            return appendQuoted(raw); // a string under a time key stays one: nothing to mistake
        case Rule::Clock:
            // Most stamps are a device's first of their millisecond: "1781942475000-00000"
            // goes as 1781942475000.
            if (raw.size() == 19 && raw.substr(13) == "-00000" && allDigits(raw.substr(0, 13)) &&
                raw[0] != '0') {
                m_out.put(raw.substr(0, 13));
                return;
            }
            return appendQuoted(raw);
        case Rule::Id:
            if (const auto bytes = uuidBytes(raw)) {
                char *at = m_out.take(24);
                at[0] = at[23] = '"';
                writeShortId(at + 1, *bytes);
                return;
            }
            if (looksLikeShortId(raw) || (!raw.empty() && raw.front() == kEscape))
                return appendEscaped(raw);
            return appendQuoted(raw);
        default:
            if (const ValueName *value = valueByName(rule, raw))
                return appendQuoted(value->code);
            if (valueByCode(rule, raw) || (!raw.empty() && raw.front() == kEscape))
                return appendEscaped(raw);
            return appendQuoted(raw);
        }
    }

    void expandString(const KeyName *key, std::string_view raw)
    {
        const Rule rule = key ? key->rule : Rule::None;
        if (rule == Rule::None || rule == Rule::Time || rule == Rule::Clock)
            return appendQuoted(raw);
        if (!raw.empty() && raw.front() == kEscape)
            return appendQuoted(raw.substr(1));
        if (rule == Rule::Id) {
            const qsizetype before = m_out.size();
            char *at = m_out.take(38);
            if (writeUuid(at + 1, raw)) {
                at[0] = at[37] = '"';
                return;
            }
            m_out.truncate(before);
            return appendQuoted(raw);
        }
        if (const ValueName *value = valueByCode(rule, raw))
            return appendQuoted(value->name);
        appendQuoted(raw);
    }

    void expandNumber(const KeyName *key, std::string_view raw)
    {
        if (key && key->rule == Rule::Clock && raw.size() == 13 && raw[0] != '0' &&
            allDigits(raw)) {
            m_out.put('"');
            m_out.put(raw.substr(0, 13));
            m_out.put("-00000\"");
            return;
        }
        if (key && key->rule == Rule::Time && !raw.empty() && raw.size() <= 15 && allDigits(raw) &&
            (raw[0] != '0' || raw.size() == 1)) {
            qint64 ms = 0;
            std::from_chars(raw.data(), raw.data() + raw.size(), ms);
            if (ms <= kLastMs)
                return writeTime(m_out.take(26), ms);
        }
        m_out.put(raw);
    }

    bool literal(std::string_view word)
    {
        if (m_in.substr(m_pos, word.size()) != word)
            return false;
        m_pos += word.size();
        m_out.put(word);
        return true;
    }

    bool value(const KeyName *key, int depth)
    {
        // A value grows a few times at most when expanded ("w":0 is a 40-byte time), so
        // this stops a body of such values soon after it passes the limit.
        if (m_out.size() > m_limit) {
            m_tooLarge = true;
            return false;
        }
        skipSpace();
        if (m_pos >= m_in.size())
            return false;
        switch (m_in[m_pos]) {
        case '{':
            return object(depth + 1);
        case '[':
            return array(depth + 1);
        case '"': {
            const auto raw = string();
            if (!raw)
                return false;
            m_direction == Direction::Compact ? compactString(key, *raw) : expandString(key, *raw);
            return true;
        }
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default: {
            const auto raw = number();
            if (!raw)
                return false;
            if (m_direction == Direction::Expand)
                expandNumber(key, *raw);
            else
                m_out.put(*raw);
            return true;
        }
        }
    }

    // Opens a container; *closed when it ends right away ("{}", "[]").
    bool enter(int depth, char opening, char closing, bool *closed)
    {
        if (depth > kMaxDepth)
            return false;
        ++m_pos;
        m_out.put(opening);
        skipSpace();
        *closed = m_pos < m_in.size() && m_in[m_pos] == closing;
        if (*closed) {
            ++m_pos;
            m_out.put(closing);
        }
        return true;
    }

    // After a member or an element: a comma goes on, the closing bracket ends the
    // container (*closed); anything else is broken text.
    bool next(char closing, bool *closed)
    {
        skipSpace();
        if (m_pos >= m_in.size())
            return false;
        const char c = m_in[m_pos++];
        m_out.put(c);
        *closed = c == closing;
        return *closed || c == ',';
    }

    bool object(int depth)
    {
        bool closed = false;
        if (!enter(depth, '{', '}', &closed))
            return false;
        while (!closed) {
            skipSpace();
            if (m_pos >= m_in.size() || m_in[m_pos] != '"')
                return false;
            const auto raw = string();
            if (!raw)
                return false;
            const KeyName *mapped = key(*raw);
            skipSpace();
            if (m_pos >= m_in.size() || m_in[m_pos] != ':')
                return false;
            ++m_pos;
            m_out.put(':');
            if (!value(mapped, depth) || !next('}', &closed))
                return false;
        }
        return true;
    }

    bool array(int depth)
    {
        bool closed = false;
        if (!enter(depth, '[', ']', &closed))
            return false;
        while (!closed) {
            if (!value(nullptr, depth) || !next(']', &closed))
                return false;
        }
        return true;
    }

    std::string_view m_in;
    Direction m_direction;
    size_t m_pos = 0;
    Output m_out;
    qsizetype m_limit;
    bool m_tooLarge = false;

public:
    bool tooLarge() const { return m_tooLarge || m_out.size() > m_limit; }
};

} // namespace

QByteArray compactJson(QByteArrayView json)
{
    return Rewriter(json, Direction::Compact).run().value_or(QByteArray());
}

std::optional<QByteArray> expandJson(QByteArrayView compact)
{
    return Rewriter(compact, Direction::Expand).run();
}

std::optional<QByteArray> expandJson(QByteArrayView compact, qsizetype maxBytes, bool *tooLarge)
{
    Rewriter rewriter(compact, Direction::Expand, maxBytes);
    auto expanded = rewriter.run();
    *tooLarge = rewriter.tooLarge();
    if (*tooLarge)
        return std::nullopt;
    return expanded;
}

} // namespace onsite::protocol::compact
