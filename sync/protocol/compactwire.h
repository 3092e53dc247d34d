#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace onsite::protocol::compact {

// Protocol 2's compact wire form of the push and pull bodies (docs/ARCHITECTURE.md
// §Protocol). A one-score sync is mostly keys, enum names, a UUID and an ISO time
// written out in full, twice; on a mobile link each sync's bytes are paid for. The
// compact form is the same JSON with:
// - the protocol's long keys written short ("data" → "d", "recorded_at" → "w", …),
// - the values of a few closed sets as one letter ("upsert" → "u", "score" → "s", …),
// - record times "2026-06-20T08:01:15.000Z" as milliseconds since 1970 (1781942475000),
//   and a clock stamp "1781942475000-00000" (the first of its millisecond) as 1781942475000,
// - record ids in canonical UUID form as 22 characters of base64url.
// Anything else passes unchanged; a key or a mapped value that could be read as a short
// form gets a "~" before it, so expand(compact(x)) is x without whitespace for every x
// whose time and clock keys hold text (a number there comes back as the text it names).
// Push answers that say "all applied" and pulls with nothing new come as 204 without a
// body (server/api/hqapi.cpp, SyncClient).
// Both sides keep using the plain records (Mutation, Change, …): the rewrite works on the
// JSON text alone, so neither side builds its objects twice.

// Devices that speak protocol 2 push and pull at protocol::pushPath(true) and
// pullPath(true); the path says the version, so these requests carry no X-Onsite-Protocol.
constexpr int kVersion = 2;

// JSON text (any whitespace) → its compact form without whitespace. Empty when `json`
// is not one well-formed JSON value.
QByteArray compactJson(QByteArrayView json);

// The compact form → the protocol's JSON (compact, no whitespace); nullopt when the
// text is not well-formed JSON or nests deeper than HQ reads.
std::optional<QByteArray> expandJson(QByteArrayView compact);
// The same, stopping once the expansion passes maxBytes (then nullopt and *tooLarge):
// HQ parses a push after expanding it, and its size cap is on the plain JSON.
std::optional<QByteArray> expandJson(QByteArrayView compact, qsizetype maxBytes, bool *tooLarge);

} // namespace onsite::protocol::compact
