#include "modelbench.h"

#include "client/fieldworkspace.h"
#include "domain/site.h"
#include "viewmodels/sitelistmodel.h"
#include "viewmodels/unitlistmodel.h"

#include <memory>

namespace onsite::bench {

namespace {

using app::UnitListModel;

// One home-page card as both sides produce it; compared field by field.
struct UnitRow
{
    QString code, name, category;
    int scored = 0, total = 0, photosWaiting = 0, sites = 0;
    bool locked = false;
    bool operator==(const UnitRow &) const = default;
};

std::vector<UnitRow> rowsOf(const UnitListModel &model)
{
    std::vector<UnitRow> rows;
    for (int i = 0; i < model.rowCount(); ++i) {
        const QModelIndex index = model.index(i);
        const auto value = [&](UnitListModel::Role role) { return model.data(index, role); };
        rows.push_back({value(UnitListModel::CodeRole).toString(), value(UnitListModel::NameRole).toString(),
                        value(UnitListModel::CategoryRole).toString(), value(UnitListModel::ScoredRole).toInt(),
                        value(UnitListModel::TotalRole).toInt(), value(UnitListModel::PhotosWaitingRole).toInt(),
                        value(UnitListModel::SiteCountRole).toInt(), value(UnitListModel::LockedRole).toBool()});
    }
    return rows;
}

// The filter's baseline: UnitListModel::applyFilter's test on plain strings, with no
// model around it (no reset, no signals).
std::vector<int> scanUnits(const std::vector<UnitRow> &units, const QString &filter)
{
    std::vector<int> hits;
    const QString needle = filter.trimmed();
    for (std::size_t i = 0; i < units.size(); ++i) {
        const UnitRow &u = units[i];
        if (needle.isEmpty() || u.code.contains(needle, Qt::CaseInsensitive) || u.name.contains(needle) ||
            u.category.contains(needle))
            hits.push_back(static_cast<int>(i));
    }
    return hits;
}

// The home-list baseline: the same cards from plain SQL over the same store (the item
// count, then one statement for all cards).
std::vector<UnitRow> queryUnits(SqlConnection &db, const QString &account)
{
    const int total = db.query(QStringLiteral("SELECT COUNT(*) FROM indicators WHERE parent_code IS NOT NULL AND "
                                              "parent_code <> ''"))
                          .front()
                          .value(0)
                          .toInt();
    const auto rows = db.query(
        QStringLiteral("SELECT u.code, u.name, u.category, COALESCE(e.n, 0), COALESCE(p.n, 0), COALESCE(s.n, 0), "
                       "u.code = COALESCE(me.home_unit_code, '') "
                       "FROM people me JOIN group_units g ON g.group_name = me.group_name "
                       "JOIN units u ON u.code = g.unit_code JOIN scope_units sc ON sc.unit_code = u.code "
                       "LEFT JOIN (SELECT unit_code, COUNT(*) AS n FROM sites GROUP BY unit_code) s "
                       "  ON s.unit_code = u.code "
                       "LEFT JOIN (SELECT unit_code, COUNT(DISTINCT indicator_code) AS n FROM score_entries "
                       "  WHERE account = ?1 AND kind = 'rater' GROUP BY unit_code) e ON e.unit_code = u.code "
                       "LEFT JOIN (SELECT ph.unit_code, COUNT(*) AS n FROM photos ph JOIN photo_uploads up "
                       "  ON up.sha256 = ph.sha256 WHERE up.complete = 0 GROUP BY ph.unit_code) p ON p.unit_code = u.code "
                       "WHERE me.account = ?1 ORDER BY u.position"),
        {account});
    std::vector<UnitRow> units;
    units.reserve(rows.size());
    for (const SqlRow &r : rows)
        units.push_back({r[0].toString(), r[1].toString(), r[2].toString(), r[3].toInt(), total, r[4].toInt(),
                         r[5].toInt(), r[6].toBool()});
    return units;
}

// The unit-page baseline: SiteListModel's list for one unit from one SQL statement.
QVariantList querySites(SqlConnection &db, const QString &account, const QString &unitCode)
{
    const auto rows = db.query(
        QStringLiteral("SELECT s.code, s.name, s.site_type, si.indicator_code, EXISTS (SELECT 1 FROM score_entries e "
                       "WHERE e.unit_code = s.unit_code AND e.indicator_code = si.indicator_code AND e.account = ? "
                       "AND e.kind = 'rater') "
                       "FROM sites s LEFT JOIN site_indicators si ON si.site_code = s.code "
                       "WHERE s.unit_code = ? ORDER BY s.position, si.position"),
        {account, unitCode});
    QVariantList sites;
    for (std::size_t i = 0; i < rows.size();) {
        const SqlRow &first = rows[i];
        QStringList codes;
        int scored = 0;
        for (; i < rows.size() && rows[i][0] == first[0]; ++i) {
            if (!rows[i][3].isNull()) {
                codes << rows[i][3].toString();
                scored += rows[i][4].toInt();
            }
        }
        const SiteType type = siteTypeFromName(first[2].toString()).value_or(SiteType::Ordinary);
        sites.append(QVariantMap{{QStringLiteral("code"), first[0].toString()},
                                 {QStringLiteral("name"), first[1].toString()},
                                 {QStringLiteral("type"), siteTypeName(type)},
                                 {QStringLiteral("items"), codes.join(QStringLiteral("、"))},
                                 {QStringLiteral("itemCount"), codes.size()},
                                 {QStringLiteral("scored"), scored}});
    }
    return sites;
}

// What an inspector types into the home page's search field, one setFilter per
// change: a code prefix (as typed, and lower case), a category word, a unit's name
// character by character (an input method commits whole characters), a name that
// is not there, and clearing the field. No two neighbours are equal, and the last
// differs from the first, so setFilter never returns early.
QStringList querySeries(const std::vector<UnitRow> &units)
{
    QStringList series{QStringLiteral("DC"), QStringLiteral("dc01"), QStringLiteral("县")};
    const QString name = units.empty() ? QStringLiteral("青山县") : units[units.size() / 2].name;
    for (qsizetype n = 1; n <= name.size(); ++n)
        series << name.left(n);
    series << QStringLiteral("不存在的单位") << QString();
    return series;
}

QJsonObject sideBySide(const Samples &model, const Samples &baseline)
{
    return {{QStringLiteral("model"), model.toJson()}, {QStringLiteral("baseline"), baseline.toJson()}};
}

QJsonObject measureFilter(UnitListModel &model, const std::vector<UnitRow> &units, int rounds)
{
    const QStringList queries = querySeries(units);
    const auto n = static_cast<std::size_t>(queries.size());
    std::vector<Samples> modelMs(n), baselineMs(n);
    std::vector<int> matches(n, 0);
    Samples allModel, allBaseline;
    std::size_t checksum = 0; // keeps the compiler from dropping the baseline's work
    for (int round = 0; round < rounds; ++round) {
        for (std::size_t q = 0; q < n; ++q) {
            double modelTime = 0, baselineTime = 0;
            std::size_t hits = 0;
            // Alternate which runs first, so neither always finds the other's data in cache.
            for (int turn = 0; turn < 2; ++turn) {
                const auto start = Clock::now();
                if ((turn == 0) == (round % 2 == 0)) {
                    model.setFilter(queries[static_cast<qsizetype>(q)]);
                    modelTime = msSince(start);
                } else {
                    hits = scanUnits(units, queries[static_cast<qsizetype>(q)]).size();
                    baselineTime = msSince(start);
                }
            }
            checksum += hits;
            modelMs[q].add(modelTime);
            baselineMs[q].add(baselineTime);
            allModel.add(modelTime);
            allBaseline.add(baselineTime);
            if (round == 0) {
                matches[q] = model.rowCount();
                if (hits != static_cast<std::size_t>(model.rowCount()))
                    problem(QStringLiteral("filter \"%1\": the model shows %2 units, the plain scan finds %3")
                                .arg(queries[static_cast<qsizetype>(q)])
                                .arg(model.rowCount())
                                .arg(hits));
            }
        }
    }
    QJsonArray perQuery;
    for (std::size_t q = 0; q < n; ++q) {
        QJsonObject entry = sideBySide(modelMs[q], baselineMs[q]);
        entry.insert(QStringLiteral("query"), queries[static_cast<qsizetype>(q)]);
        entry.insert(QStringLiteral("matches"), matches[q]);
        perQuery.append(entry);
    }
    QJsonObject result = sideBySide(allModel, allBaseline);
    result.insert(QStringLiteral("rounds"), rounds);
    result.insert(QStringLiteral("queries"), perQuery);
    result.insert(QStringLiteral("checksum"), static_cast<qint64>(checksum));
    return result;
}

} // namespace

QJsonObject measureModels(sync::FieldWorkspace &workspace, const ModelBenchOptions &options)
{
    sync::DeviceStore &store = workspace.store();
    const QString account = workspace.account();
    QJsonObject result;

    // Home list load: a new model each time, as the home page creates one when it opens.
    progress(QStringLiteral("models: UnitListModel load, %1 rounds").arg(options.loadRounds));
    Samples unitModel, unitBaseline;
    std::unique_ptr<UnitListModel> model;
    std::vector<UnitRow> units;
    for (int round = 0; round < options.loadRounds; ++round) {
        for (int turn = 0; turn < 2; ++turn) {
            const auto start = Clock::now();
            if ((turn == 0) == (round % 2 == 0)) {
                model.reset(); // the previous page's model is gone before the next opens
                model = std::make_unique<UnitListModel>();
                model->setWorkspace(&workspace); // as QML sets it, after construction
                unitModel.add(msSince(start));
            } else {
                units = queryUnits(store.db(), account);
                unitBaseline.add(msSince(start));
            }
        }
        if (round == 0 && rowsOf(*model) != units)
            problem(QStringLiteral("UnitListModel shows %1 units, the SQL baseline %2, or their fields differ")
                        .arg(model->rowCount())
                        .arg(units.size()));
    }
    if (units.empty() || model->rowCount() == 0) {
        problem(QStringLiteral("the device shows no units: is it signed in as an inspector?"));
        return result;
    }
    QJsonObject unitLoad = sideBySide(unitModel, unitBaseline);
    unitLoad.insert(QStringLiteral("rounds"), options.loadRounds);
    unitLoad.insert(QStringLiteral("units"), model->rowCount());
    result.insert(QStringLiteral("unit_list_load"), unitLoad);
    result.insert(QStringLiteral("units"), model->rowCount());
    result.insert(QStringLiteral("sites"), store.db().query(QStringLiteral("SELECT COUNT(*) FROM sites")).front().value(0).toInt());

    progress(QStringLiteral("models: UnitListModel::setFilter, %1 rounds").arg(options.filterRounds));
    result.insert(QStringLiteral("filter"), measureFilter(*model, rowsOf(*model), options.filterRounds));

    // Unit page: the first, a middle and the last unit of the list, a new model each
    // time as the page creates one.
    const QStringList opened{units.front().code, units[units.size() / 2].code, units.back().code};
    progress(QStringLiteral("models: SiteListModel load, %1 rounds of %2").arg(options.loadRounds).arg(opened.join(QLatin1Char(' '))));
    Samples siteModel, siteBaseline;
    int sitesShown = 0;
    for (int round = 0; round < options.loadRounds; ++round) {
        for (const QString &code : opened) {
            QVariantList fromModel, fromSql;
            for (int turn = 0; turn < 2; ++turn) {
                const auto start = Clock::now();
                if ((turn == 0) == (round % 2 == 0)) {
                    app::SiteListModel sites;
                    sites.setWorkspace(&workspace);
                    sites.setUnitCode(code);
                    fromModel = sites.sites();
                    siteModel.add(msSince(start));
                } else {
                    fromSql = querySites(store.db(), account, code);
                    siteBaseline.add(msSince(start));
                }
            }
            sitesShown = static_cast<int>(fromModel.size());
            if (round == 0 && fromModel != fromSql)
                problem(QStringLiteral("SiteListModel for %1 lists %2 sites, the SQL baseline %3, or their fields differ")
                            .arg(code)
                            .arg(fromModel.size())
                            .arg(fromSql.size()));
        }
    }
    QJsonObject siteLoad = sideBySide(siteModel, siteBaseline);
    siteLoad.insert(QStringLiteral("rounds"), options.loadRounds);
    siteLoad.insert(QStringLiteral("units_opened"), QJsonArray::fromStringList(opened));
    siteLoad.insert(QStringLiteral("sites_per_unit"), sitesShown);
    result.insert(QStringLiteral("site_list_load"), siteLoad);

    model.reset();
    return result;
}

} // namespace onsite::bench
