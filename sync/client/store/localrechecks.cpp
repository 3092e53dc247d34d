#include "client/store/localrechecks.h"

#include "protocol/protocol.h"

namespace onsite::sync {

namespace {

const QString kRecheckColumns = QStringLiteral("id, item_id, unit_code, group_name, problem, suggestion, measures, note, "
                                               "assigned_by, assigned_at");

QDateTime timeOf(const QVariant &value) { return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC(); }

Recheck recheckOf(const SqlRow &r)
{
    return {r[0].toString(), r[1].toString(), r[2].toString(), r[3].toString(), r[4].toString(),
            r[5].toString(), r[6].toString(), r[7].toString(), r[8].toString(), timeOf(r[9])};
}

} // namespace

std::optional<Recheck> LocalRechecks::find(const QString &id) const
{
    const auto rows = m_db.query(QStringLiteral("SELECT %1 FROM rechecks WHERE id = ?").arg(kRecheckColumns), {id});
    if (rows.empty())
        return std::nullopt;
    return recheckOf(rows.front());
}

std::vector<LocalRecheck> LocalRechecks::forUnit(const QString &unitCode) const
{
    const auto rows =
        unitCode.isEmpty()
            ? m_db.query(QStringLiteral("SELECT %1 FROM rechecks ORDER BY assigned_at DESC, id").arg(kRecheckColumns))
            : m_db.query(QStringLiteral("SELECT %1 FROM rechecks WHERE unit_code = ? ORDER BY assigned_at DESC, id")
                             .arg(kRecheckColumns),
                         {unitCode});
    std::vector<LocalRecheck> rechecks;
    for (const SqlRow &row : rows) {
        LocalRecheck recheck{recheckOf(row), {}};
        recheck.results = resultsOf(recheck.recheck.id);
        rechecks.push_back(std::move(recheck));
    }
    return rechecks;
}

std::vector<LocalRecheckResult> LocalRechecks::resultsOf(const QString &recheckId) const
{
    std::vector<LocalRecheckResult> results;
    const auto rows = m_db.query(QStringLiteral("SELECT r.id, r.unit_code, r.outcome, r.notes, r.account, r.recorded_at, "
                                                "COALESCE(p.name, r.account) FROM recheck_results r LEFT JOIN people p "
                                                "ON p.account = r.account WHERE r.recheck_id = ? "
                                                "ORDER BY r.recorded_at, r.id"),
                                 {recheckId});
    for (const SqlRow &r : rows) {
        LocalRecheckResult local;
        RecheckResult &result = local.result;
        result.id = r[0].toString();
        result.recheckId = recheckId;
        result.unitCode = r[1].toString();
        result.outcome = recheckOutcomeFromKey(r[2].toString()).value_or(RecheckOutcome::NotDone);
        result.notes = r[3].toString();
        result.account = r[4].toString();
        result.recordedAt = timeOf(r[5]);
        local.authorName = r[6].toString();
        for (const SqlRow &photo : m_db.query(QStringLiteral("SELECT rp.photo_id, COALESCE(p.sha256, '') FROM "
                                                             "recheck_result_photos rp LEFT JOIN photos p ON "
                                                             "p.id = rp.photo_id WHERE rp.result_id = ? "
                                                             "ORDER BY rp.photo_id"),
                                              {result.id})) {
            result.photoIds << photo[0].toString();
            local.photos.push_back({photo[0].toString(), photo[1].toString()});
        }
        const auto state = m_db.query(QStringLiteral("SELECT state, message FROM outbox WHERE entity = ? AND "
                                                     "entity_id = ? ORDER BY seq DESC LIMIT 1"),
                                      {protocol::entity::kRecheckResult, result.id});
        if (!state.empty()) {
            local.syncState = state.front()[0].toString();
            local.syncMessage = state.front()[1].toString();
        }
        results.push_back(std::move(local));
    }
    return results;
}

std::vector<LocalPhoto> LocalRechecks::unitPhotos(const QString &unitCode) const
{
    std::vector<LocalPhoto> photos;
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT id, sha256 FROM photos WHERE unit_code = ? "
                                                       "ORDER BY captured_at, id"),
                                        {unitCode}))
        photos.push_back({row[0].toString(), row[1].toString()});
    return photos;
}

} // namespace onsite::sync
