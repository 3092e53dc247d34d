#pragma once

// Shared by the harnesses: an invariant that fails aborts, so libFuzzer and the smoke
// driver both report it as a crash with the input that caused it.

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #condition, __FILE__,      \
                         __LINE__);                                                                \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

namespace onsite::fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

// JSON compared as its compact text: Qt 6.4's QJsonObject::operator== can call equal
// objects different (a string kept as US-ASCII in one and as UTF-16 in the other), and
// the compact text is also what the product hashes (Mutation::digest).
inline QByteArray compact(const QJsonObject &json)
{
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

// Qt 6.4's JSON reader drops a U+FEFF that starts a string (it arrives as the escape
// "\ufeff" and is written back as raw UTF-8, which the reader then skips); in a key it
// also leaves the object's keys out of order (raw in the input too). Text holding one,
// as escape or raw, is not compared again.
inline bool hasLeadingByteOrderMark(const QByteArray &compactJson)
{
    return compactJson.contains("\"\xEF\xBB\xBF");
}

// Where the sample campaign lives (harnesses that need a valid set-up read it once).
inline QString sampleCampaignDir()
{
    if (const char *dir = std::getenv("ONSITE_FUZZ_CAMPAIGN_DIR"))
        return QString::fromLocal8Bit(dir);
    return QStringLiteral(ONSITE_SAMPLE_CAMPAIGN_DIR);
}

} // namespace onsite::fuzz
