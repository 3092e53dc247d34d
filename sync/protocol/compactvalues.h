#pragma once

#include <QtGlobal>

#include <array>
#include <optional>
#include <string_view>

// The value forms of protocol 2's compact wire (compactwire.h): record ids and times.
namespace onsite::protocol::compact::values {

constexpr qint64 kLastMs = 253'402'300'799'999; // 9999-12-31T23:59:59.999Z

bool allDigits(std::string_view text);

// The 16 bytes of a UUID written in canonical form (lower-case hex, dashes at 8, 13, 18
// and 23); nullopt for any other text.
std::optional<std::array<unsigned char, 16>> uuidBytes(std::string_view text);
// 22 characters of base64url: the form a UUID takes, or text that could be mistaken for it.
bool looksLikeShortId(std::string_view text);
// Writes the 22 characters.
void writeShortId(char *out, const std::array<unsigned char, 16> &bytes);
// Writes the 36 characters of the canonical UUID text of an id writeShortId wrote; false
// (nothing written) for any other text.
bool writeUuid(char *out, std::string_view shortId);

// The time's milliseconds when `text` is exactly the form every record time is written
// in (isoUtcText) and names a real moment from 1970 on; nullopt otherwise.
std::optional<qint64> canonicalTimeMs(std::string_view text);
// Writes that form, quoted (26 characters), for 0 ≤ ms ≤ kLastMs.
void writeTime(char *out, qint64 ms);

} // namespace onsite::protocol::compact::values
