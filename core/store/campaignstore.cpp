#include "campaignstore.h"

#include "fieldrecordrows.h"
#include "setuprows.h"
#include "scoretablebuilder.h"
#include "system/parallel.h"

#include <QDateTime>
#include <QHash>
#include <QStringList>

#include <algorithm>
#include <thread>

namespace onsite {

namespace {

std::optional<double> toOptionalReal(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<double>(value.toDouble());
}

Decimal toDecimal(const QVariant &value)
{
    const auto parsed = Decimal::parse(value.toString());
    if (!parsed)
        throw SqlError(QStringLiteral("stored value \"%1\" is not a decimal").arg(value.toString()).toStdString());
    return *parsed;
}

QString timestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

// The inverse of timestamp() without QDateTime's parser for the form it writes (HQ
// reads millions of these); any other text as QDateTime::fromString reads it.
QDateTime fromTimestamp(const QString &text)
{
    if (text.size() == 24 && text.endsWith(QLatin1Char('Z'))) {
        const qint64 ms = ScoreTable::parseTimestamp(text);
        if (ms != ScoreTable::kInvalidTime)
            return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    }
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

} // namespace

bool CampaignStore::hasCampaign()
{
    return !m_db.query(QStringLiteral("SELECT id FROM campaign")).empty();
}

QString CampaignStore::campaignName()
{
    const auto rows = m_db.query(QStringLiteral("SELECT name FROM campaign"));
    return rows.empty() ? QString() : rows.front().value(0).toString();
}

void CampaignStore::saveSetup(const CampaignSetup &setup)
{
    SqlTransaction transaction(m_db);
    if (hasCampaign())
        throw SqlError("this data folder already holds a campaign");
    const Campaign &c = setup.campaign;
    SetupRows rows(m_db);
    rows.writeCampaign(c, c.presence.checkInRequired || c.presence.radiusMeters != PresenceRule::kDefaultRadiusMeters);
    rows.writeUnits(setup.units);
    rows.writeIndicators(setup.indicators);
    rows.writeSites(setup.sites);
    rows.writeGroups(setup.groups);
    rows.writePeople(setup.people);
    transaction.commit();
}

std::optional<CampaignSetup> CampaignStore::loadSetup()
{
    const auto rows = m_db.query(QStringLiteral("SELECT id, name, start_date, end_date, excellent_line, good_line, "
                                                "fair_line, trim_from_raters, check_in_required, check_in_radius_m "
                                                "FROM campaign"));
    if (rows.empty())
        return std::nullopt;
    CampaignSetup setup;
    const SqlRow &r = rows.front();
    setup.campaign = Campaign{r[0].toString(),
                              r[1].toString(),
                              QDate::fromString(r[2].toString(), Qt::ISODate),
                              QDate::fromString(r[3].toString(), Qt::ISODate),
                              GradeLines{toDecimal(r[4]), toDecimal(r[5]), toDecimal(r[6])},
                              r[7].toInt(),
                              PresenceRule{r[8].toInt() != 0, r[9].toInt()}};
    for (const SqlRow &u : m_db.query(QStringLiteral("SELECT code, name, category FROM units ORDER BY position")))
        setup.units.push_back(Unit{u[0].toString(), u[1].toString(), u[2].toString()});
    loadIndicators(setup);
    loadSites(setup);
    loadGroupsAndPeople(setup);
    return setup;
}

void CampaignStore::loadIndicators(CampaignSetup &setup)
{
    const auto rows = m_db.query(QStringLiteral("SELECT code, parent_code, title, max_score, content, method, rule_text, "
                                                "evidence, check_method, position FROM indicators ORDER BY position"));
    for (const SqlRow &r : rows) {
        Indicator indicator;
        indicator.code = r[0].toString();
        indicator.parentCode = r[1].toString();
        indicator.title = r[2].toString();
        indicator.maxScore = toDecimal(r[3]);
        indicator.content = r[4].toString();
        indicator.ruleText = r[6].toString();
        indicator.evidence = r[7].toString();
        indicator.checkMethod = r[8].toString();
        indicator.position = r[9].toInt();
        if (!r[5].isNull()) {
            const auto method = scoringMethodFromName(r[5].toString());
            const RuleParseResult parsed = method ? parseScoringRule(*method, indicator.ruleText, indicator.maxScore)
                                                  : RuleParseResult{std::nullopt, QStringLiteral("unknown method")};
            if (!parsed.rule)
                throw SqlError(QStringLiteral("stored rule of indicator %1 is invalid: %2")
                                   .arg(indicator.code, parsed.error)
                                   .toStdString());
            indicator.rule = parsed.rule;
        }
        setup.indicators.push_back(std::move(indicator));
    }
}

void CampaignStore::loadSites(CampaignSetup &setup)
{
    // Tens of thousands of sites and their checks, read when a device opens its first
    // screen: both tables are read as stored and put in order here. With ORDER BY, SQLite
    // sorted every row (and looked each check's position up row by row), which was most
    // of the read; a hash of every check by its site's code cost as much again.
    struct Check
    {
        qint64 position;
        QString indicator;
    };
    struct Placed
    {
        qint64 position;
        Site site;
        std::vector<Check> checks;
    };
    std::vector<Placed> sites;
    m_db.queryEach(QStringLiteral("SELECT code, unit_code, name, site_type, latitude, longitude, position FROM sites"),
                   {}, [&](const SqlRow &r) {
                       sites.push_back({r[6].toLongLong(),
                                        Site{r[0].toString(), r[1].toString(), r[2].toString(),
                                             siteTypeFromName(r[3].toString()).value_or(SiteType::Ordinary),
                                             toOptionalReal(r[4]), toOptionalReal(r[5]), {}},
                                        {}});
                   });
    QHash<QString, std::size_t> byCode;
    byCode.reserve(qsizetype(sites.size()));
    for (std::size_t i = 0; i < sites.size(); ++i)
        byCode.insert(sites[i].site.code, i);
    QByteArray lastSite;
    std::vector<Check> *siteChecks = nullptr;
    m_db.queryEachText(QStringLiteral("SELECT site_code, indicator_code, position FROM site_indicators"), {},
                       [&](const SqlTextRow &c) {
                           if (lastSite.isNull() || c[0] != lastSite) { // a site's checks are usually together
                               lastSite = c[0].toByteArray();
                               const auto found = byCode.constFind(QString::fromUtf8(lastSite));
                               siteChecks = found != byCode.cend() ? &sites[*found].checks : nullptr;
                           }
                           if (siteChecks) // the schema's foreign key keeps this true
                               siteChecks->push_back({c[2].toLongLong(), QString::fromUtf8(c[1])});
                       });
    const auto byPosition = [](const auto &a, const auto &b) { return a.position < b.position; };
    std::stable_sort(sites.begin(), sites.end(), byPosition);
    setup.sites.reserve(setup.sites.size() + sites.size());
    for (Placed &placed : sites) {
        std::stable_sort(placed.checks.begin(), placed.checks.end(), byPosition);
        placed.site.indicatorCodes.reserve(qsizetype(placed.checks.size()));
        for (Check &check : placed.checks)
            placed.site.indicatorCodes << std::move(check.indicator);
        setup.sites.push_back(std::move(placed.site));
    }
}

void CampaignStore::loadGroupsAndPeople(CampaignSetup &setup)
{
    QHash<QString, QStringList> members;
    for (const SqlRow &u :
         m_db.query(QStringLiteral("SELECT group_name, unit_code FROM group_units "
                                   "ORDER BY group_name, position")))
        members[u[0].toString()] << u[1].toString();
    for (const SqlRow &g : m_db.query(QStringLiteral("SELECT name FROM inspection_groups ORDER BY position"))) {
        const QString name = g[0].toString();
        setup.groups.push_back(InspectionGroup{name, members.take(name)});
    }
    const auto people = m_db.query(
        QStringLiteral("SELECT account, name, role, home_unit_code, group_name FROM people ORDER BY position"));
    for (const SqlRow &p : people) {
        setup.people.push_back(Person{p[0].toString(), p[1].toString(),
                                      roleFromName(p[2].toString()).value_or(Role::Inspector), p[3].toString(),
                                      p[4].toString()});
    }
}

void CampaignStore::addScores(const std::vector<ScoreEntry> &entries)
{
    SqlTransaction transaction(m_db);
    FieldRecordRows rows(m_db);
    for (const ScoreEntry &e : entries)
        rows.writeScore(e, timestamp(e.recordedAt), false);
    transaction.commit();
}

std::size_t CampaignStore::scoreCount()
{
    return static_cast<std::size_t>(
        m_db.query(QStringLiteral("SELECT COUNT(*) FROM score_entries")).front().front().toLongLong());
}

std::vector<ScoreEntry> CampaignStore::loadScores()
{
    // Rows are streamed, and the few distinct codes, accounts, inputs and sources are
    // shared between entries instead of copied into each: at HQ scale (millions of
    // entries) the rows read whole as variants took gigabytes.
    QHash<QString, QString> shared;
    auto share = [&shared](const QVariant &value) {
        const QString text = value.toString();
        const auto it = shared.constFind(text);
        return it != shared.constEnd() ? it.value() : shared.insert(text, text).value();
    };
    std::vector<ScoreEntry> entries;
    entries.reserve(scoreCount()); // no copy of millions of entries as the vector grows
    m_db.queryEach(QStringLiteral("SELECT id, unit_code, indicator_code, account, kind, input, reason, "
                                  "recorded_at, source FROM score_entries ORDER BY recorded_at, id"),
                   {}, [&](const SqlRow &r) {
                       entries.push_back(ScoreEntry{
                           r[0].toString(), share(r[1]), share(r[2]), share(r[3]),
                           r[4].toString() == QLatin1String("final") ? ScoreKind::Final : ScoreKind::Rater,
                           share(r[5]), share(r[6]), fromTimestamp(r[7].toString()),
                           share(r[8])});
                   });
    return entries;
}

namespace {

void readScoreRows(SqlConnection &db, const QString &sql, const QVariantList &params, ScoreTableBuilder &table)
{
    // As text: a QVariant and a QString per column cost more than the rest of the read.
    db.queryEachText(sql, params, [&](const SqlTextRow &r) { table.add(r); });
}

const QString kScoreTableColumns = QStringLiteral("SELECT unit_code, indicator_code, account, kind, input, recorded_at "
                                                  "FROM score_entries");

} // namespace

ScoreTable CampaignStore::loadScoreTable()
{
    // HQ's first results request reads millions of rows. On SQLite the table's two halves
    // (by rowid) are read at once on two connections that see one snapshot; rows keep
    // the table's order. Any middle splits correctly: rows added since it was taken land
    // in the upper half, which the snapshot holds whole.
    constexpr qint64 kSplitFromRowid = 200000;
    const qint64 lastRowid = std::thread::hardware_concurrency() > 1 && m_db.hasSnapshotReaders()
                               ? m_db.query(QStringLiteral("SELECT MAX(rowid) FROM score_entries")).front().value(0).toLongLong()
                               : 0;
    const std::vector<std::unique_ptr<SqlConnection>> readers =
        lastRowid >= kSplitFromRowid ? m_db.openSnapshotReaders(2) : decltype(readers){};
    if (readers.size() == 2) {
        const qint64 middle = lastRowid / 2;
        const QString halves[2] = {QStringLiteral(" WHERE rowid <= ?"), QStringLiteral(" WHERE rowid > ?")};
        ScoreTable parts[2];
        forEachSlice(2, 1, [&](std::size_t begin, std::size_t end) {
            for (std::size_t half = begin; half < end; ++half) {
                // Rowids bound the rows; the lower half takes the upper one in too. Capped:
                // gaps left by deleted rows make the bound loose.
                constexpr qint64 kMostReserved = qint64(1) << 26;
                const auto bound = std::size_t(std::min(half == 0 ? lastRowid : lastRowid - middle, kMostReserved));
                ScoreTableBuilder rows(false, bound); // both processors are reading
                readScoreRows(*readers[half], kScoreTableColumns + halves[half], {middle}, rows);
                parts[half] = rows.finish();
            }
        });
        parts[0].append(parts[1]);
        return std::move(parts[0]);
    }
    ScoreTableBuilder table; // not reserved: counting the rows first costs more than growing 24-byte rows
    readScoreRows(m_db, kScoreTableColumns, {}, table);
    return table.finish();
}

ScoreTable CampaignStore::loadScoreTable(const QStringList &unitCodes)
{
    ScoreTableBuilder table;
    // In slices, so no statement exceeds an engine's limit on parameters.
    constexpr qsizetype kSlice = 500;
    for (qsizetype from = 0; from < unitCodes.size(); from += kSlice) {
        const QStringList slice = unitCodes.mid(from, kSlice);
        QStringList marks;
        QVariantList params;
        for (const QString &code : slice) {
            marks << QStringLiteral("?");
            params << code;
        }
        readScoreRows(m_db, kScoreTableColumns + QStringLiteral(" WHERE unit_code IN (%1)").arg(marks.join(u',')),
                      params, table);
    }
    return table.finish();
}

} // namespace onsite
