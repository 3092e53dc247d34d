#include "client/store/bootstrapapplier.h"

#include "client/store/outbox.h"
#include "client/photos/photofiles.h"
#include "client/photos/photouploads.h"
#include "protocol/protocol.h"
#include "client/store/setupcache.h"
#include "client/store/syncstate.h"
#include "store/setuprows.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSet>

namespace onsite::sync {

namespace {

const QString kInScope = QStringLiteral("(SELECT unit_code FROM scope_units)");

} // namespace

BootstrapOutcome BootstrapApplier::apply(const protocol::Bootstrap &bootstrap)
{
    BootstrapOutcome outcome;
    SyncState state(m_db);
    SqlTransaction transaction(m_db);
    SetupCache::stamp(m_db); // before and after the rewrite: see SetupCache
    const QStringList before = state.scopeUnits();
    for (const QString &unit : bootstrap.scopeUnits)
        outcome.scopeGrew = outcome.scopeGrew || !before.contains(unit);
    for (const QString &unit : before) {
        if (!bootstrap.scopeUnits.contains(unit))
            outcome.removedUnits << unit;
    }
    saveSetup(bootstrap);
    state.setScopeUnits(bootstrap.scopeUnits);
    outcome.rejectedPending = removeOutOfScope();
    outcome.removedPhotoFiles = PhotoUploads(m_db).removeUnreferenced();
    // Changes of a unit that just came into scope lie behind the cursor: start over.
    // Pulled upserts are idempotent, and pending local edits are protected from them.
    if (outcome.scopeGrew && !before.isEmpty())
        state.setCursor(0);
    state.setLastBootstrap(QDateTime::currentDateTimeUtc());
    SetupCache::stamp(m_db);
    transaction.commit();

    const PhotoFiles files(m_photosFolder);
    for (const QString &sha : std::as_const(outcome.removedPhotoFiles))
        files.remove(sha);
    return outcome;
}

void BootstrapApplier::deleteAbsent(const QString &table, const QString &column, const QStringList &keep)
{
    const QSet<QString> wanted(keep.begin(), keep.end());
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT %1 FROM %2").arg(column, table))) {
        if (!wanted.contains(row.value(0).toString()))
            m_db.execute(QStringLiteral("DELETE FROM %1 WHERE %2 = ?").arg(table, column), {row.value(0)});
    }
}

void BootstrapApplier::saveSetup(const protocol::Bootstrap &b)
{
    SetupRows rows(m_db);
    rows.writeCampaign(b.setup.campaign, true);
    deleteAbsent(QStringLiteral("campaign"), QStringLiteral("id"), {b.setup.campaign.id});
    deleteAbsent(QStringLiteral("units"), QStringLiteral("code"), rows.writeUnits(b.setup.units));
    deleteAbsent(QStringLiteral("indicators"), QStringLiteral("code"), rows.writeIndicators(b.setup.indicators));
    deleteAbsent(QStringLiteral("sites"), QStringLiteral("code"), rows.writeSites(b.setup.sites));
    deleteAbsent(QStringLiteral("inspection_groups"), QStringLiteral("name"), rows.writeGroups(b.setup.groups));
    // The signed-in person is always kept, even if the list of names leaves them out:
    // the device checks 回避 and roles against this row.
    std::vector<Person> people = b.setup.people;
    if (!b.setup.person(b.me.account))
        people.push_back(b.me);
    for (Person &person : people) {
        if (person.account == b.me.account)
            person = b.me;
    }
    deleteAbsent(QStringLiteral("people"), QStringLiteral("account"), rows.writePeople(people));
}

int BootstrapApplier::removeOutOfScope()
{
    // Unsynced changes of a lost unit could never be accepted any more; they stay
    // listed as rejected so the person sees what happened, but their content goes.
    Outbox outbox(m_db);
    int rejected = 0;
    const QStringList scope = SyncState(m_db).scopeUnits();
    for (const QString &state : {outboxstate::kPending, outboxstate::kApplied, outboxstate::kRejected,
                                 outboxstate::kConflict}) {
        for (const OutboxEntry &e : outbox.entries(state)) {
            QString unit = e.mutation.data.value(QStringLiteral("unit")).toString();
            if (e.mutation.entity == protocol::entity::kVisit) {
                const auto site = m_db.query(QStringLiteral("SELECT unit_code FROM sites WHERE code = ?"),
                                             {e.mutation.data.value(QStringLiteral("site")).toString()});
                unit = site.empty() ? QString() : site.front().value(0).toString();
            }
            if (e.mutation.data.isEmpty() || scope.contains(unit))
                continue;
            m_db.execute(QStringLiteral("UPDATE outbox SET data = '{}' WHERE seq = ?"), {e.mutation.seq});
            if (state == outboxstate::kPending) {
                outbox.resolve(e.mutation.seq, outboxstate::kRejected, QStringLiteral("out_of_scope"),
                               QCoreApplication::translate("BootstrapApplier", "已失去单位 %1 的考评权限，这条未同步的记录已从本机移除")
                                   .arg(unit.isEmpty() ? QCoreApplication::translate("BootstrapApplier", "（未知）") : unit));
                ++rejected;
            }
        }
    }
    m_db.execute(QStringLiteral("DELETE FROM finding_photos WHERE finding_id IN (SELECT id FROM findings WHERE "
                                "unit_code NOT IN %1) OR photo_id IN (SELECT id FROM photos WHERE unit_code NOT IN %1)")
                     .arg(kInScope));
    m_db.execute(QStringLiteral("DELETE FROM recheck_result_photos WHERE result_id IN (SELECT id FROM recheck_results "
                                "WHERE unit_code NOT IN %1)")
                     .arg(kInScope));
    for (const char *table : {"findings", "photos", "highlights", "score_entries", "unit_submissions", "rechecks",
                              "recheck_results"})
        m_db.execute(QStringLiteral("DELETE FROM %1 WHERE unit_code NOT IN %2").arg(QLatin1String(table), kInScope));
    m_db.execute(QStringLiteral("DELETE FROM visits WHERE site_code NOT IN (SELECT code FROM sites WHERE unit_code IN %1)")
                     .arg(kInScope));
    return rejected;
}

} // namespace onsite::sync
