#pragma once

#include "protocol/protocol.h"
#include "store/sqlconnection.h"

#include "domain/campaignsetup.h"
#include "domain/scoreentry.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>

#include <functional>
#include <optional>
#include <vector>

namespace onsite::hq {

// A record HQ writes in someone's name: a paper score (补录) of the rater who wrote it,
// or a final value or submission made at HQ by a leader or an HQ member.
struct HqChange
{
    QString account; // whose change it is; the rules of that person apply
    QString entity;  // protocol::entity
    QString id;
    QString op = protocol::op::kUpsert;
    QJsonObject data;
};

// HQ's own writes go through the same RecordWriter as device pushes, so the same score
// rules, clocks, conflict handling, change feed (devices in scope pull them) and keyed
// history apply. Each carries an HQ clock taken when it is written: an edit made on a
// device later wins over it, one made earlier (still offline) loses and is kept as a
// conflict, as between two devices.
class HqWriter
{
public:
    static inline const QString kPaperOrigin = QStringLiteral("paper"); // 补录 from scores-paper.csv
    static inline const QString kHqOrigin = QStringLiteral("hq");       // a change made at HQ (console)

    HqWriter(SqlConnection &db, const CampaignSetup &setup, QByteArray historyKey, QString origin)
        : m_db(db), m_setup(setup), m_historyKey(std::move(historyKey)), m_origin(std::move(origin))
    {
    }

    struct Refusal
    {
        qsizetype index; // of the change in the list
        protocol::MutationResult result;
    };

    // Runs first inside the write's transaction, so what it reads and locks holds until the
    // commit; what it throws rolls the write back (a state the caller checked before, re-read).
    using Guard = std::function<void()>;

    // All or nothing, in one transaction: on the first change refused or losing to a later
    // clock, nothing is stored and that change is returned.
    std::optional<Refusal> write(const std::vector<HqChange> &changes, const QDateTime &now,
                                 const Guard &guard = {});
    // The same for more changes than should be held at once (a paper file of millions
    // of lines): `next` fills the next chunk and returns false when none is left; every
    // chunk goes into the one transaction, and is written there before `next` is asked
    // for the following one. Refusal::index counts across chunks. An exception from
    // `next` (a bad line) rolls everything back too.
    using ChangeSource = std::function<bool(std::vector<HqChange> &changes)>;
    std::optional<Refusal> write(const ChangeSource &next, const QDateTime &now, const Guard &guard = {});

    // An HQ clock: the time in ms and a counter, in the devices' "<13 digits>-<5 digits>" form.
    static QString clock(qint64 milliseconds, qsizetype counter);
    static std::vector<HqChange> scoreChanges(const std::vector<ScoreEntry> &entries);

private:
    SqlConnection &m_db;
    const CampaignSetup &m_setup;
    QByteArray m_historyKey;
    QString m_origin;
};

} // namespace onsite::hq
