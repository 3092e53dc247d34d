#include "compactvalues.h"

namespace onsite::protocol::compact::values {

// ---- record ids: canonical UUID text ↔ 22 characters of base64url ----

constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static int base64UrlValue(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '-')
        return 62;
    if (c == '_')
        return 63;
    return -1;
}

static int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1; // upper case is not canonical: such an id passes as it is
}

static bool isDashPosition(size_t i)
{
    return i == 8 || i == 13 || i == 18 || i == 23;
}

std::optional<std::array<unsigned char, 16>> uuidBytes(std::string_view text)
{
    if (text.size() != 36)
        return std::nullopt;
    std::array<unsigned char, 16> bytes{};
    size_t n = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (isDashPosition(i)) {
            if (text[i] != '-')
                return std::nullopt;
            continue;
        }
        const int high = hexValue(text[i]);
        const int low = hexValue(text[++i]);
        if (high < 0 || low < 0 || isDashPosition(i))
            return std::nullopt;
        bytes[n++] = static_cast<unsigned char>(high << 4 | low);
    }
    return bytes;
}

bool looksLikeShortId(std::string_view text)
{
    if (text.size() != 22)
        return false;
    for (char c : text) {
        if (base64UrlValue(c) < 0)
            return false;
    }
    return true;
}

void writeShortId(char *out, const std::array<unsigned char, 16> &bytes)
{
    unsigned buffer = 0;
    int bits = 0;
    for (unsigned char byte : bytes) {
        buffer = buffer << 8 | byte;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            *out++ = kBase64Url[(buffer >> bits) & 63];
        }
    }
    *out = kBase64Url[(buffer << (6 - bits)) & 63]; // 128 = 21 × 6 + 2
}

// Only the form writeShortId writes (the last character's 4 spare bits zero).
bool writeUuid(char *out, std::string_view shortId)
{
    if (!looksLikeShortId(shortId) || (base64UrlValue(shortId.back()) & 15) != 0)
        return false;
    std::array<unsigned char, 16> bytes{};
    unsigned buffer = 0;
    int bits = 0;
    size_t n = 0;
    for (char c : shortId) {
        buffer = buffer << 6 | static_cast<unsigned>(base64UrlValue(c));
        bits += 6;
        if (bits >= 8 && n < bytes.size()) {
            bits -= 8;
            bytes[n++] = static_cast<unsigned char>(buffer >> bits);
        }
    }
    static constexpr char kHex[] = "0123456789abcdef";
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *out++ = '-';
        *out++ = kHex[bytes[i] >> 4];
        *out++ = kHex[bytes[i] & 15];
    }
    return true;
}

// ---- record times: "2026-06-20T08:01:15.000Z" ↔ milliseconds since 1970 ----

constexpr qint64 kMsPerDay = 86'400'000;

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's civil algorithms).
static qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = y / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<qint64>(doe) - 719468;
}

static void civilFromDays(qint64 z, int *year, unsigned *month, unsigned *day)
{
    z += 719468;
    const qint64 era = z / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *day = doy - (153 * mp + 2) / 5 + 1;
    *month = mp < 10 ? mp + 3 : mp - 9;
    *year = static_cast<int>(static_cast<qint64>(yoe) + era * 400 + (*month <= 2));
}

bool allDigits(std::string_view text)
{
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

static int digits(std::string_view text, size_t from, size_t count)
{
    int value = 0;
    for (size_t i = from; i < from + count; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

std::optional<qint64> canonicalTimeMs(std::string_view text)
{
    if (text.size() != 24 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':' || text[19] != '.' || text[23] != 'Z')
        return std::nullopt;
    const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    const int hour = digits(text, 11, 2), minute = digits(text, 14, 2),
              second = digits(text, 17, 2);
    const int ms = digits(text, 20, 3);
    if (year < 1970 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 ||
        minute > 59 || second < 0 || second > 59 || ms < 0)
        return std::nullopt;
    const qint64 days =
        daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    int y = 0;
    unsigned m = 0, d = 0;
    civilFromDays(days, &y, &m, &d);
    if (static_cast<int>(d) != day) // 30 February and the like
        return std::nullopt;
    return days * kMsPerDay + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

static char *writeDigits(char *out, unsigned value, int width)
{
    for (int i = width - 1; i >= 0; --i, value /= 10)
        out[i] = static_cast<char>('0' + value % 10);
    return out + width;
}

void writeTime(char *out, qint64 ms)
{
    int year = 0;
    unsigned month = 0, day = 0;
    civilFromDays(ms / kMsPerDay, &year, &month, &day);
    const auto inDay = static_cast<unsigned>(ms % kMsPerDay);
    *out++ = '"';
    out = writeDigits(out, static_cast<unsigned>(year), 4);
    *out++ = '-';
    out = writeDigits(out, month, 2);
    *out++ = '-';
    out = writeDigits(out, day, 2);
    *out++ = 'T';
    out = writeDigits(out, inDay / 3'600'000, 2);
    *out++ = ':';
    out = writeDigits(out, inDay / 60'000 % 60, 2);
    *out++ = ':';
    out = writeDigits(out, inDay / 1000 % 60, 2);
    *out++ = '.';
    out = writeDigits(out, inDay % 1000, 3);
    *out++ = 'Z';
    *out = '"';
}

} // namespace onsite::protocol::compact::values
