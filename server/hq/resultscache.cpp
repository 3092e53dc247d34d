#include "resultscache.h"

#include "changefeed.h"
#include "protocol/protocol.h"
#include "resultsjson.h"
#include "store/campaignstore.h"
#include "store/unitsubmissions.h"

#include <QJsonDocument>
#include <QSet>

namespace onsite::hq {

namespace {

// Above this share of the units, one scan of every entry is cheaper than the look-ups.
constexpr int kFullScanDivisor = 4;

QStringList unitsChangedSince(SqlConnection &db, qint64 since, qint64 head)
{
    QStringList units;
    db.queryEach(QStringLiteral("SELECT DISTINCT unit_code FROM hq_changes WHERE seq > ? AND seq <= ? AND entity = ?"),
                 {since, head, protocol::entity::kScore},
                 [&](const SqlRow &row) { units << row.value(0).toString(); });
    return units;
}

} // namespace

QByteArray ResultsCache::unitsJson(SqlConnection &db, const CampaignSetup &setup,
                                  const std::function<bool(const QString &unitCode)> &include, QStringList *warnings)
{
    const QStringList locked = UnitSubmissions(db).lockedUnits();
    const QSet<QString> submitted(locked.begin(), locked.end());
    std::lock_guard lock(m_mutex);
    refresh(db, setup);
    qsizetype size = 2;
    for (const UnitJsonParts &parts : std::as_const(m_unitJson))
        size += hq::rankedUnitJsonCapacity(parts);
    QByteArray units;
    units.reserve(size); // one allocation for the whole answer (20 MB at 1,000 units × 200 items)
    units += '[';
    for (const UnitResult &unit : m_results->units) {
        if (include && !include(unit.unitCode))
            continue;
        if (units.size() > 1)
            units += ',';
        hq::appendRankedUnitJson(units, m_unitJson[unit.unitCode], unit, submitted.contains(unit.unitCode));
    }
    units += ']';
    if (warnings)
        *warnings = m_results->warnings;
    return units;
}

QByteArray ResultsCache::currentJsonBytes(SqlConnection &db, const CampaignSetup &setup)
{
    QStringList warnings;
    const QByteArray units = unitsJson(db, setup, {}, &warnings);
    return resultsDocumentBytes(setup, units, warnings);
}

QJsonObject ResultsCache::currentJson(SqlConnection &db, const CampaignSetup &setup)
{
    return QJsonDocument::fromJson(currentJsonBytes(db, setup)).object();
}

std::shared_ptr<const CampaignResults> ResultsCache::current(SqlConnection &db, const CampaignSetup &setup)
{
    std::lock_guard lock(m_mutex);
    refresh(db, setup);
    return m_results;
}

ResultsCache::Refresh ResultsCache::lastRefresh() const
{
    std::lock_guard lock(m_mutex);
    return m_lastRefresh;
}

void ResultsCache::refresh(SqlConnection &db, const CampaignSetup &setup)
{
    // The head first: every change numbered up to it has committed, so the rows read
    // next hold at least those changes; a later one is recomputed again next time.
    const qint64 head = ChangeFeed(db).head();
    if (m_setup == &setup && m_results && head == m_head) {
        m_lastRefresh = {head, 0};
        return;
    }
    const ScoringEngine engine(setup);
    QStringList changed;
    const bool whole = m_setup != &setup || !m_results || head < m_head;
    if (!whole) {
        changed = unitsChangedSince(db, m_head, head);
        if (changed.isEmpty()) { // visits, photos, submissions…: no total moved
            m_head = head;
            m_lastRefresh = {head, 0};
            return;
        }
    }

    std::vector<UnitResult> fresh;
    if (whole || changed.size() > static_cast<qsizetype>(setup.units.size()) / kFullScanDivisor) {
        fresh = engine.computeUnits(CampaignStore(db).loadScoreTable());
        m_units.clear();
        m_unitJson.clear();
    } else {
        fresh = engine.computeUnits(CampaignStore(db).loadScoreTable(changed),
                                    QSet<QString>(changed.begin(), changed.end()));
    }
    m_lastRefresh = {head, static_cast<int>(fresh.size())};

    if (m_units.empty()) {
        m_units = std::move(fresh);
    } else {
        QHash<QString, std::size_t> position;
        for (std::size_t i = 0; i < m_units.size(); ++i)
            position.insert(m_units[i].unitCode, i);
        for (UnitResult &unit : fresh) {
            const auto it = position.constFind(unit.unitCode);
            if (it != position.constEnd())
                m_units[*it] = std::move(unit);
        }
    }
    const QSet<QString> recomputed(changed.begin(), changed.end());
    std::vector<const UnitResult *> toWrite;
    for (const UnitResult &unit : m_units) {
        if (!m_unitJson.contains(unit.unitCode) || recomputed.contains(unit.unitCode))
            toWrite.push_back(&unit);
    }
    std::vector<UnitJsonParts> written = unitResultJsonParts(toWrite);
    for (std::size_t i = 0; i < toWrite.size(); ++i)
        m_unitJson.insert(toWrite[i]->unitCode, std::move(written[i]));
    m_results = std::make_shared<const CampaignResults>(rankResults(m_units));
    m_setup = &setup;
    m_head = head;
}

} // namespace onsite::hq
