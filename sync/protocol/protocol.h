#pragma once

#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

#include <optional>
#include <vector>

namespace onsite::protocol {

// Sync protocol between devices and onsite-hq; see docs/ARCHITECTURE.md §Protocol.
// Changes are additive; a device that speaks an older version than the server's minimum
// is answered 426 "protocol_too_old" and keeps its unsynced data. Version 2 adds the
// compact push and pull (compactwire.h) under /api/v2/sync/, whose path says the version;
// every other request is version 1's and says so in X-Onsite-Protocol. Login and status
// answers name kVersion, so a device knows whether HQ takes the compact form.
constexpr int kVersion = 2;
constexpr int kPlainVersion = 1;
constexpr int kMinimumVersion = 1;
inline const char *const kVersionHeader = "X-Onsite-Protocol";

// Entities that travel through push and pull.
namespace entity {
inline const QString kScore = QStringLiteral("score");         // a rater score or a leader's final value
inline const QString kVisit = QStringLiteral("visit");         // check-in at a site
inline const QString kPhoto = QStringLiteral("photo");         // photo metadata; content goes through /photos
inline const QString kFinding = QStringLiteral("finding");     // 问题/短板/弱项 with suggestion
inline const QString kHighlight = QStringLiteral("highlight"); // 亮点
inline const QString kSubmission = QStringLiteral("submission"); // a unit submitted and locked, or reopened
inline const QString kRecheck = QStringLiteral("recheck"); // 回头看 HQ assigned to a group (written only by HQ)
inline const QString kRecheckResult = QStringLiteral("recheck_result"); // what an inspector found on re-checking
} // namespace entity

namespace op {
inline const QString kUpsert = QStringLiteral("upsert");
inline const QString kDelete = QStringLiteral("delete");
} // namespace op

// A device's change, numbered by the device (1, 2, 3, …, never reused).
struct Mutation
{
    qint64 seq = 0;
    QString entity;
    QString id; // client-generated UUID of the record
    QString op; // upsert | delete
    QString hlc; // hybrid logical clock of the edit: total order with the device id
    QJsonObject data; // the record's fields (for delete: may be empty)

    QJsonObject toJson() const;
    // toJson() as Qt's compact writer puts it, without `seq` when !withSeq (the digest's
    // form), written without building the object.
    void appendJsonText(QByteArray &out, bool withSeq) const;
    static std::optional<Mutation> fromJson(const QJsonObject &json, QString *error);
    // SHA-256 (hex) of everything but the number: proves that a replayed number carries
    // the same change, whatever order the JSON keys arrived in.
    QString digest() const;
};

// A hybrid logical clock stamp "<13-digit ms>-<5-digit counter>": fixed width, so text
// order is clock order. Anything else (a trailing newline included) is no stamp.
struct HlcStamp
{
    qint64 milliseconds = 0;
    int counter = 0;
};
std::optional<HlcStamp> parseHlc(const QString &text);

// How far ahead of HQ's clock a device's stamp may be: a tablet set by hand drifts, but
// a stamp far in the future would outvote every later edit, HQ's own included.
constexpr qint64 kMaxClockAheadMs = 60 * 60 * 1000;

// Reason of a mutation whose number HQ already processed with other content (a device
// folder restored from a backup, or copied): the device renumbers it and pushes again.
inline const QString kSequenceReused = QStringLiteral("sequence_reused");

enum class MutationStatus {
    Applied,   // stored and visible to others
    Duplicate, // replay of an already processed seq: the original outcome is returned
    Rejected,  // can never apply (reason given); does not block later mutations
    Conflict,  // a concurrent edit with a later clock won; this edit is kept as a conflict record
};
QString statusName(MutationStatus status);
std::optional<MutationStatus> statusFromName(const QString &name);

struct MutationResult
{
    qint64 seq = 0;
    MutationStatus status = MutationStatus::Applied;
    QString reason; // code, e.g. "conflict_of_interest"
    QString message; // for people, in Chinese
    // For conflict (and a rejected edit of an existing record): the record as the
    // server holds it, so the device can show the winner instead of its own edit.
    QJsonObject current;

    QJsonObject toJson() const;
    static MutationResult fromJson(const QJsonObject &json);
};

// HQ's incarnation: a random id HQ keeps in its database, made at `init` and replaced by
// `onsite-hq after-restore` once the database was put back from a backup. Push, pull and
// bootstrap answers carry it (an HQ before this field sends none); a device that sees
// another id than the one it synced with knows HQ may have lost what it acknowledged
// after the backup, and re-sends its own records and pulls everything again.
inline const char *const kIncarnationKey = "incarnation";
// The id is ~50 bytes of every answer. A device names the id it holds by a short tag
// (`inc` in the push body and the pull query); HQ then answers the id only when its own
// differs, so a restore is still seen on the next push or pull. 8 characters (48 bits of
// SHA-256): a new random id has the same tag once in 2^48 restores, and the bootstrap
// answer, asked for every few hours, always carries the whole id. Empty for no id.
inline const char *const kIncarnationTagKey = "inc";
QString incarnationTag(const QString &incarnation);

// HQ's pull page when the request names no limit (as every HQ so far): a device asking
// for this many leaves `limit` out.
constexpr int kDefaultPullLimit = 500;

// Where a device pushes and pulls, and the pull's query as it sends it and HQ reads it:
// protocol 2 (compactwire.h) names since, limit and inc by their compact keys. A device
// asking for HQ's default page sends no limit; the tag goes when it holds an incarnation.
QString pushPath(bool compact);
QString pullPath(bool compact);
struct PullQueryKeys
{
    QString since;
    QString limit;
    QString incarnationTag;
};
PullQueryKeys pullQueryKeys(bool compact);
QUrlQuery pullQuery(qint64 since, int limit, const QString &incarnationTag, bool compact);

struct PushRequest
{
    QString deviceId;
    std::vector<Mutation> mutations; // ascending seq
    // The batch holds records re-sent after HQ was restored: HQ answers a mutation whose
    // exact content (Mutation::digest) it already processed for this device with that
    // outcome instead of applying it again, so each edit is stored once.
    bool resend = false;
    QString incarnationTag; // incarnationTag() of the id the device holds; empty: none known

    QJsonObject toJson() const;
    // The same bytes as QJsonDocument(toJson()).toJson(Compact), device_id left out when
    // !withDeviceId (protocol 2: the token names the device), written without the tree.
    QByteArray toJsonText(bool withDeviceId = true) const;
    static std::optional<PushRequest> fromJson(const QJsonObject &json, QString *error);
};

struct PushResponse
{
    qint64 lastProcessedSeq = 0; // everything up to here is processed: the device may drop it
    std::vector<MutationResult> results;
    QString incarnation; // empty from an HQ that has none

    QJsonObject toJson() const;
    static PushResponse fromJson(const QJsonObject &json);
};

// One committed change as a device pulls it, numbered by the server.
struct Change
{
    qint64 seq = 0;
    QString entity;
    QString id;
    QString op;
    QJsonObject data; // full record after the change; empty for a delete (tombstone)

    QJsonObject toJson() const;
    static Change fromJson(const QJsonObject &json);
};

struct PullResponse
{
    std::vector<Change> changes; // ascending seq, all with seq > the requested cursor
    qint64 cursor = 0;           // pass as ?since= next time
    bool more = false;           // another page is waiting (sent only when true)
    QString incarnation;         // empty from an HQ that has none

    QJsonObject toJson() const;
    static PullResponse fromJson(const QJsonObject &json);
};

// Error body of every non-2xx answer.
QJsonObject errorBody(const QString &code, const QString &message);

} // namespace onsite::protocol
