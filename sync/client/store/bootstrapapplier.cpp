#include "client/store/bootstrapapplier.h"

#include "client/store/outbox.h"
#include "client/photos/photofiles.h"
#include "client/photos/photouploads.h"
#include "protocol/protocol.h"
#include "client/store/setupcache.h"
#include "client/store/syncstate.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSet>

namespace onsite::sync {

namespace {

QVariant textOrNull(const QString &text) { return text.isEmpty() ? QVariant() : QVariant(text); }
QVariant numberOrNull(const std::optional<double> &value) { return value ? QVariant(*value) : QVariant(); }

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
    const Campaign &c = b.setup.campaign;
    m_db.execute(QStringLiteral("INSERT INTO campaign (id, name, start_date, end_date, excellent_line, good_line, "
                                "fair_line, trim_from_raters, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, start_date = excluded.start_date, "
                                "end_date = excluded.end_date, excellent_line = excluded.excellent_line, "
                                "good_line = excluded.good_line, fair_line = excluded.fair_line, "
                                "trim_from_raters = excluded.trim_from_raters, imported_at = excluded.imported_at"),
                 {c.id, c.name, c.startDate.toString(Qt::ISODate), c.endDate.toString(Qt::ISODate),
                  c.gradeLines.excellent.toPlainString(), c.gradeLines.good.toPlainString(),
                  c.gradeLines.fair.toPlainString(), c.trimFromRaters,
                  QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)});
    m_db.execute(QStringLiteral("UPDATE campaign SET check_in_required = ?, check_in_radius_m = ? WHERE id = ?"),
                 {c.presence.checkInRequired ? 1 : 0, c.presence.radiusMeters, c.id});
    deleteAbsent(QStringLiteral("campaign"), QStringLiteral("id"), {c.id});

    QStringList codes;
    int position = 0;
    for (const Unit &u : b.setup.units) {
        m_db.execute(QStringLiteral("INSERT INTO units (code, name, category, position) VALUES (?, ?, ?, ?) "
                                    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
                                    "category = excluded.category, position = excluded.position"),
                     {u.code, u.name, u.category, position++});
        codes << u.code;
    }
    deleteAbsent(QStringLiteral("units"), QStringLiteral("code"), codes);

    codes.clear();
    for (const Indicator &i : b.setup.indicators) {
        const QVariant method = i.rule ? QVariant(scoringMethodName(i.rule->method)) : QVariant();
        m_db.execute(QStringLiteral("INSERT INTO indicators (code, parent_code, title, max_score, content, method, "
                                    "rule_text, evidence, check_method, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                    "ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, "
                                    "title = excluded.title, max_score = excluded.max_score, content = excluded.content, "
                                    "method = excluded.method, rule_text = excluded.rule_text, "
                                    "evidence = excluded.evidence, check_method = excluded.check_method, "
                                    "position = excluded.position"),
                     {i.code, textOrNull(i.parentCode), i.title, i.maxScore.toPlainString(), i.content, method,
                      i.ruleText, i.evidence, i.checkMethod, i.position});
        codes << i.code;
    }
    deleteAbsent(QStringLiteral("indicators"), QStringLiteral("code"), codes);
    saveSites(b.setup.sites);
    saveGroupsAndPeople(b);
}

void BootstrapApplier::saveSites(const std::vector<Site> &sites)
{
    QStringList codes;
    int position = 0;
    m_db.execute(QStringLiteral("DELETE FROM site_indicators"));
    for (const Site &s : sites) {
        m_db.execute(QStringLiteral("INSERT INTO sites (code, unit_code, name, site_type, latitude, longitude, position) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
                                    "unit_code = excluded.unit_code, name = excluded.name, "
                                    "site_type = excluded.site_type, latitude = excluded.latitude, "
                                    "longitude = excluded.longitude, position = excluded.position"),
                     {s.code, s.unitCode, s.name, siteTypeName(s.type), numberOrNull(s.latitude),
                      numberOrNull(s.longitude), position++});
        int checkPosition = 0;
        for (const QString &indicator : s.indicatorCodes) {
            m_db.execute(QStringLiteral("INSERT INTO site_indicators (site_code, indicator_code, position) "
                                        "VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
                         {s.code, indicator, checkPosition++});
        }
        codes << s.code;
    }
    deleteAbsent(QStringLiteral("sites"), QStringLiteral("code"), codes);
}

void BootstrapApplier::saveGroupsAndPeople(const protocol::Bootstrap &b)
{
    QStringList names;
    int position = 0;
    m_db.execute(QStringLiteral("DELETE FROM group_units"));
    for (const InspectionGroup &g : b.setup.groups) {
        m_db.execute(QStringLiteral("INSERT INTO inspection_groups (name, position) VALUES (?, ?) "
                                    "ON CONFLICT (name) DO UPDATE SET position = excluded.position"),
                     {g.name, position++});
        int unitPosition = 0;
        for (const QString &unit : g.unitCodes) {
            m_db.execute(QStringLiteral("INSERT INTO group_units (group_name, unit_code, position) VALUES (?, ?, ?) "
                                        "ON CONFLICT DO NOTHING"),
                         {g.name, unit, unitPosition++});
        }
        names << g.name;
    }
    deleteAbsent(QStringLiteral("inspection_groups"), QStringLiteral("name"), names);

    // The signed-in person is always kept, even if the list of names leaves them out:
    // the device checks 回避 and roles against this row.
    std::vector<Person> people = b.setup.people;
    if (!b.setup.person(b.me.account))
        people.push_back(b.me);
    QStringList accounts;
    position = 0;
    for (const Person &p : people) {
        const Person &person = p.account == b.me.account ? b.me : p;
        m_db.execute(QStringLiteral("INSERT INTO people (account, name, role, home_unit_code, group_name, position) "
                                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account) DO UPDATE SET "
                                    "name = excluded.name, role = excluded.role, "
                                    "home_unit_code = excluded.home_unit_code, group_name = excluded.group_name, "
                                    "position = excluded.position"),
                     {person.account, person.name, roleName(person.role), textOrNull(person.homeUnitCode),
                      textOrNull(person.groupName), position++});
        accounts << person.account;
    }
    deleteAbsent(QStringLiteral("people"), QStringLiteral("account"), accounts);
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
