// The scoring engine at scale gives exactly what it gave before it was made linear:
// a generated campaign with every method, re-entered scores, ties on time, bad inputs,
// final values, unscored items and vetoes is computed by the engine (from entries and
// from the store) and by the engine's former per-unit scan, kept here as the reference.
#include "scoring/scoreinput.h"
#include "scoringenginetesting.h"
#include "store/campaignstore.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <map>

namespace {

using namespace onsite::test;

// ---- the reference: the engine as it was (O(units × entries)), unchanged in logic ----

std::vector<const ScoreEntry *> referenceLatest(const std::vector<const ScoreEntry *> &entries, ScoreKind kind)
{
    std::map<QString, const ScoreEntry *> latest;
    for (const ScoreEntry *entry : entries) {
        if (entry->kind != kind)
            continue;
        auto &slot = latest[entry->account];
        if (!slot || slot->recordedAt <= entry->recordedAt)
            slot = entry;
    }
    std::vector<const ScoreEntry *> result;
    for (const auto &[account, entry] : latest)
        result.push_back(entry);
    return result;
}

ItemResult referenceItem(const CampaignSetup &setup, const Unit &unit, const Indicator &item,
                         const std::vector<const ScoreEntry *> &entries, QStringList &warnings)
{
    ItemResult result;
    result.indicatorCode = item.code;
    std::vector<Decimal> raterPoints;
    for (const ScoreEntry *entry : referenceLatest(entries, ScoreKind::Rater)) {
        const InputEvaluation evaluation = evaluateRaterInput(item, unit.category, entry->input);
        if (!evaluation.value) {
            warnings << QStringLiteral("%1 对 %2 指标 %3 的评分被忽略：%4").arg(entry->account, unit.code, item.code, evaluation.error);
            continue;
        }
        raterPoints.push_back(evaluation.value->points);
        result.vetoTriggered = result.vetoTriggered || evaluation.value->vetoTriggered;
    }
    result.raterCount = static_cast<int>(raterPoints.size());
    if (!raterPoints.empty()) {
        std::sort(raterPoints.begin(), raterPoints.end());
        auto first = raterPoints.begin();
        auto last = raterPoints.end();
        if (result.raterCount >= setup.campaign.trimFromRaters && result.raterCount >= 3) {
            ++first;
            --last;
            result.trimmed = true;
        }
        Decimal sum;
        for (auto it = first; it != last; ++it)
            sum += *it;
        result.points = sum / Decimal(static_cast<int>(last - first));
    }
    const ScoreEntry *final = nullptr;
    for (const ScoreEntry *candidate : referenceLatest(entries, ScoreKind::Final)) {
        if (!final || final->recordedAt <= candidate->recordedAt)
            final = candidate;
    }
    if (final) {
        const InputEvaluation evaluation = evaluateFinalInput(item, final->input);
        if (evaluation.value) {
            result.points = evaluation.value->points;
            result.finalValue = true;
            result.vetoTriggered = result.vetoTriggered || evaluation.value->vetoTriggered;
        } else {
            warnings << QStringLiteral("%1 对 %2 指标 %3 的核定被忽略：%4").arg(final->account, unit.code, item.code, evaluation.error);
        }
    }
    return result;
}

void referenceRanks(std::vector<UnitResult *> &units, int UnitResult::*field)
{
    const auto ahead = [](const UnitResult &a, const UnitResult &b) { return a.veto != b.veto ? !a.veto : a.total > b.total; };
    for (UnitResult *unit : units)
        unit->*field = 1 + static_cast<int>(std::count_if(units.begin(), units.end(), [&](const UnitResult *o) { return ahead(*o, *unit); }));
}

CampaignResults referenceResults(const CampaignSetup &setup, const std::vector<ScoreEntry> &entries)
{
    CampaignResults results;
    for (const Unit &unit : setup.units) {
        UnitResult result;
        result.unitCode = unit.code;
        result.unitName = unit.name;
        result.category = unit.category;
        std::map<QString, std::vector<const ScoreEntry *>> byIndicator;
        for (const ScoreEntry &entry : entries) {
            if (entry.unitCode == unit.code)
                byIndicator[entry.indicatorCode].push_back(&entry);
        }
        for (const Indicator &project : setup.indicators) {
            if (!project.isProject())
                continue;
            const auto items = setup.itemsOf(project.code);
            Decimal subtotal;
            for (const Indicator *item : items) {
                ItemResult itemResult = referenceItem(setup, unit, *item, byIndicator[item->code], results.warnings);
                if (itemResult.points)
                    subtotal += *itemResult.points;
                else
                    ++result.unscoredCount;
                result.veto = result.veto || itemResult.vetoTriggered;
                result.items.push_back(std::move(itemResult));
            }
            if (!items.empty() && std::all_of(items.begin(), items.end(), [](const Indicator *i) { return i->method() == ScoringMethod::Bonus; }))
                subtotal = Decimal::min(subtotal, project.maxScore);
            result.subtotals.push_back({project.code, subtotal});
            result.exactTotal += subtotal;
        }
        result.total = result.exactTotal.rounded(2);
        const GradeLines &lines = setup.campaign.gradeLines;
        result.grade = result.veto ? Grade::Poor
            : result.total >= lines.excellent ? Grade::Excellent
            : result.total >= lines.good ? Grade::Good
            : result.total >= lines.fair ? Grade::Fair : Grade::Poor;
        results.units.push_back(std::move(result));
    }
    std::vector<UnitResult *> all;
    std::map<QString, std::vector<UnitResult *>> byCategory;
    for (UnitResult &unit : results.units) {
        all.push_back(&unit);
        byCategory[unit.category].push_back(&unit);
    }
    referenceRanks(all, &UnitResult::rank);
    for (auto &[category, members] : byCategory)
        referenceRanks(members, &UnitResult::categoryRank);
    std::stable_sort(results.units.begin(), results.units.end(), [](const UnitResult &a, const UnitResult &b) { return a.rank < b.rank; });
    return results;
}

// ---- the generated campaign ----

quint64 mix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

CampaignSetup generatedSetup(int units)
{
    SetupBuilder b;
    b.project("1", 40)
        .gradedItem("1.1")
        .item("1.2", ScoringMethod::Checklist, "有计划:2;有台账:3;有总结:5", 10)
        .item("1.3", ScoringMethod::Threshold, "城区:95/60;山区县:80/40;默认:90/50;单位:%", 10)
        .item("1.4", ScoringMethod::Deduction, "每项:1.5", 10);
    b.project("2", 30).gradedItem("2.1").directItem("2.2", 10).item("2.3", ScoringMethod::Veto, "", 10);
    b.project("3", 10)
        .item("3.1", ScoringMethod::Bonus, "省级表彰推广:3;国家级表彰推广:5;上限:8", 10)
        .item("3.2", ScoringMethod::Bonus, "市级:1", 4);
    const char *categories[] = {"城区", "山区县", "川区县"};
    for (int u = 0; u < units; ++u) {
        const QByteArray code = "U" + QByteArray::number(1000 + u);
        b.unit(code.constData(), categories[u % 3]);
    }
    b.setup.people.push_back(Person{QStringLiteral("hq"), QStringLiteral("考评办"), Role::Hq, {}, {}});
    for (int r = 0; r < 9; ++r)
        b.setup.people.push_back(Person{QStringLiteral("r%1").arg(r), QStringLiteral("评委%1").arg(r), Role::Inspector, {}, {}});
    b.setup.indexUnits();
    return b.setup;
}

QString inputFor(const QString &item, quint64 draw)
{
    static const std::map<QString, QStringList> choices = {
        {QStringLiteral("1.1"), {u8("好"), u8("较好"), u8("一般"), u8("差"), u8(" 较好 ")}},
        {QStringLiteral("1.2"), {u8("有计划;有台账"), u8(""), u8("有总结"), u8("有计划；有总结"), u8("有计划;有计划")}},
        {QStringLiteral("1.3"), {u8("95"), u8("70.5"), u8("41"), u8("100"), u8("abc")}},
        {QStringLiteral("1.4"), {u8("0"), u8("2"), u8("7"), u8("1"), u8("-1")}},
        {QStringLiteral("2.1"), {u8("好"), u8("差"), u8("较好"), u8("一般"), u8("优")}},
        {QStringLiteral("2.2"), {u8("9.99"), u8("3.335"), u8("10"), u8("0"), u8("7.125")}},
        {QStringLiteral("2.3"), {u8("否"), u8("否"), u8("否"), u8("否"), u8("是")}},
        {QStringLiteral("3.1"), {u8("省级表彰推广:1"), u8(""), u8("国家级表彰推广:1;省级表彰推广:1"), u8("省级表彰推广"), u8("x:1")}},
        {QStringLiteral("3.2"), {u8("市级:3"), u8("市级:1"), u8(""), u8("市级:9"), u8("市级:2")}},
    };
    const QStringList &list = choices.at(item);
    // Mostly valid inputs, a bad one now and then (left out with a warning).
    return list[static_cast<int>(draw % 97 < 90 ? draw % 4 : 4)];
}

std::vector<ScoreEntry> generatedEntries(const CampaignSetup &setup)
{
    std::vector<ScoreEntry> entries;
    quint64 serial = 0;
    const QDateTime start(QDate(2026, 6, 20), QTime(9, 0), Qt::UTC);
    for (const Unit &unit : setup.units) {
        for (const Indicator &item : setup.indicators) {
            if (item.isProject())
                continue;
            const quint64 shape = mix(++serial);
            if (shape % 23 == 0)
                continue; // nobody scored it: 未评
            const int raters = static_cast<int>(shape % 9) + 1; // 1..9: trimmed from 5 on
            for (int r = 0; r < raters; ++r) {
                const quint64 draw = mix(++serial);
                ScoreEntry e;
                e.id = QStringLiteral("e%1").arg(serial);
                e.unitCode = unit.code;
                e.indicatorCode = item.code;
                e.account = QStringLiteral("r%1").arg((r * 7 + shape) % 9);
                e.input = inputFor(item.code, draw);
                // Few distinct minutes, so equal times happen and order must decide.
                e.recordedAt = start.addSecs(static_cast<qint64>(draw % 5) * 60);
                e.source = QStringLiteral("paper");
                entries.push_back(e);
            }
            if (shape % 7 == 0) { // a final value, sometimes two at the same time, sometimes invalid
                const QString value = item.method() == ScoringMethod::Veto ? u8(shape % 2 ? "是" : "否")
                                    : shape % 5 == 0 ? u8("99") : u8("2.5");
                for (const char *leader : {"hq", "r0"}) {
                    ScoreEntry f{QStringLiteral("f%1%2").arg(++serial).arg(QString::fromUtf8(leader)), unit.code, item.code,
                                 QString::fromUtf8(leader), ScoreKind::Final, value, u8("现场复核"),
                                 start.addSecs(3600), QStringLiteral("paper")};
                    entries.push_back(f);
                    if (shape % 3)
                        break;
                }
            }
        }
    }
    return entries;
}

std::string describe(const CampaignResults &r)
{
    std::string out;
    for (const UnitResult &u : r.units) {
        out += u.unitCode.toStdString() + " " + u.category.toStdString() + " total=" + u.exactTotal.toPlainString().toStdString()
            + "/" + u.total.toString(2).toStdString() + " grade=" + gradeName(u.grade).toStdString()
            + " rank=" + std::to_string(u.rank) + "/" + std::to_string(u.categoryRank) + " veto=" + std::to_string(u.veto)
            + " unscored=" + std::to_string(u.unscoredCount) + "\n";
        for (const ProjectSubtotal &s : u.subtotals)
            out += "  " + s.projectCode.toStdString() + "=" + s.subtotal.toPlainString().toStdString() + "\n";
        for (const ItemResult &i : u.items) {
            out += "  " + i.indicatorCode.toStdString() + " " + (i.points ? i.points->toPlainString().toStdString() : "-")
                + " n=" + std::to_string(i.raterCount) + " t=" + std::to_string(i.trimmed) + " f=" + std::to_string(i.finalValue)
                + " v=" + std::to_string(i.vetoTriggered) + "\n";
        }
    }
    for (const QString &w : r.warnings)
        out += "warning: " + w.toStdString() + "\n";
    return out;
}

// A table's rows as text, names resolved, in the table's order.
std::vector<std::string> rowsAsText(const ScoreTable &table)
{
    std::vector<std::string> rows;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const ScoreTable::Row &r = table.row(i);
        rows.push_back((table.units()[r.unit] + u'|' + table.indicators()[r.indicator] + u'|' + table.accounts()[r.account]
                        + u'|' + (table.kind(i) == ScoreKind::Final ? u'F' : u'R') + u'|' + table.inputs()[r.input] + u'|'
                        + QString::number(r.recordedAt))
                           .toStdString());
    }
    return rows;
}

} // namespace

TEST(ScoringScale, GeneratedCampaignMatchesTheFormerEngine)
{
    const CampaignSetup setup = generatedSetup(90);
    std::vector<ScoreEntry> entries = generatedEntries(setup);
    // Re-entered scores: the same account again for some items, earlier, equal and later.
    for (std::size_t i = 0; i < entries.size(); i += 11) {
        ScoreEntry again = entries[i];
        again.id += QStringLiteral("b");
        again.input = inputFor(again.indicatorCode, mix(i));
        again.recordedAt = again.recordedAt.addSecs(static_cast<qint64>(i % 3) * 60 - 60);
        entries.push_back(again);
    }
    ASSERT_GT(entries.size(), 3000u);
    const std::string expected = describe(referenceResults(setup, entries));
    EXPECT_NE(expected.find("warning:"), std::string::npos);
    EXPECT_NE(expected.find("veto=1"), std::string::npos);
    EXPECT_EQ(describe(ScoringEngine(setup).compute(entries)), expected);
}

TEST(ScoringScale, StoredCampaignGivesTheSameResultsThroughTheTable)
{
    const CampaignSetup setup = generatedSetup(60);
    const std::vector<ScoreEntry> entries = generatedEntries(setup);
    SqliteConnection db(QStringLiteral(":memory:"));
    migrateSchema(db);
    CampaignStore store(db);
    store.saveSetup(setup);
    store.addScores(entries);

    const std::vector<ScoreEntry> loaded = store.loadScores();
    ASSERT_EQ(loaded.size(), entries.size());
    std::map<QString, const ScoreEntry *> byId;
    for (const ScoreEntry &e : entries)
        byId[e.id] = &e;
    for (const ScoreEntry &e : loaded) { // read back as QDateTime read them, without its parser
        ASSERT_EQ(e.recordedAt, byId.at(e.id)->recordedAt) << e.id.toStdString();
        ASSERT_EQ(e.recordedAt.timeSpec(), Qt::UTC);
        ASSERT_EQ(e.input, byId.at(e.id)->input);
    }
    const std::string expected = describe(referenceResults(setup, loaded));
    EXPECT_EQ(describe(ScoringEngine(setup).compute(store.loadScoreTable())), expected);
    EXPECT_EQ(describe(ScoringEngine(setup).compute(loaded)), expected);
}

TEST(ScoringScale, TimestampsReadLikeQDateTime)
{
    for (const char *text : {"2026-06-20T09:00:00.000Z", "2024-02-29T23:59:59.999Z", "2023-02-29T10:00:00.000Z",
                             "1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "2026-12-31T24:00:00.000Z",
                             "2026-06-20T09:00:00Z", "2026-06-20T09:00:00.000+08:00", "0000-01-01T00:00:00.000Z",
                             "2026-13-01T00:00:00.000Z", "garbage", ""}) {
        const QDateTime time = QDateTime::fromString(QString::fromUtf8(text), Qt::ISODateWithMs);
        EXPECT_EQ(ScoreTable::parseTimestamp(QString::fromUtf8(text)),
                  time.isValid() ? time.toMSecsSinceEpoch() : ScoreTable::kInvalidTime)
            << text;
    }
}

TEST(ScoringScale, UnitsComputedInSlicesOnSeveralThreadsMatchEachUnitComputedAlone)
{
    // Above the engine's threshold (100,000 entries) the units are computed in slices
    // on several threads; each unit alone is one slice on the calling thread.
    const CampaignSetup setup = generatedSetup(2400);
    const ScoreTable table = ScoreTable::fromEntries(generatedEntries(setup));
    ASSERT_GT(table.size(), 100000u);
    const ScoringEngine engine(setup);
    const std::vector<UnitResult> all = engine.computeUnits(table);
    ASSERT_EQ(all.size(), setup.units.size());
    for (std::size_t i = 0; i < all.size(); ++i)
        ASSERT_EQ(all[i].unitCode, setup.units[i].code) << "set-up order at " << i;
    for (std::size_t i = 0; i < all.size(); i += 97) {
        const std::vector<UnitResult> alone = engine.computeUnits(table, {setup.units[i].code});
        ASSERT_EQ(alone.size(), 1u);
        EXPECT_EQ(describe(CampaignResults{{all[i]}, all[i].warnings}), describe(CampaignResults{alone, alone[0].warnings}))
            << setup.units[i].code.toStdString();
    }
    // The last unit of every slice too (slices split the units evenly).
    const std::vector<UnitResult> last = engine.computeUnits(table, {setup.units.back().code});
    EXPECT_EQ(describe(CampaignResults{{all.back()}, {}}), describe(CampaignResults{last, {}}));
}

TEST(ScoringScale, TablesAppendedKeepEveryRowAndNameInOrder)
{
    const CampaignSetup setup = generatedSetup(30);
    const std::vector<ScoreEntry> entries = generatedEntries(setup);
    // The second part starts mid-unit, so it shares names with the first and brings new ones.
    const std::size_t cut = entries.size() / 2 + 3;
    ScoreTable first = ScoreTable::fromEntries({entries.begin(), entries.begin() + cut});
    const ScoreTable second = ScoreTable::fromEntries({entries.begin() + cut, entries.end()});
    first.append(second);
    EXPECT_EQ(rowsAsText(first), rowsAsText(ScoreTable::fromEntries(entries)));
    EXPECT_EQ(first.units().size(), setup.units.size()) << "a name in both parts is kept once";

    ScoreTable empty;
    empty.append(second);
    EXPECT_EQ(rowsAsText(empty), rowsAsText(second));
}

TEST(ScoringScale, LargeStoredTableReadInTwoHalvesAtOnceEqualsOneRead)
{
    // From rowid 200,000 on SQLite reads the table's halves on two connections at once.
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    SqliteConnection db(QDir(dir.path()).filePath(QStringLiteral("hq.sqlite")));
    migrateSchema(db);
    CampaignStore store(db);
    const CampaignSetup setup = generatedSetup(60);
    store.saveSetup(setup);
    store.addScores(generatedEntries(setup));
    // Every third row far up, so both halves hold rows of every unit, in mixed order.
    db.execute(QStringLiteral("UPDATE score_entries SET rowid = rowid + 400000 WHERE rowid % 3 = 0"));

    const ScoreTable inHalves = store.loadScoreTable();
    db.begin(); // inside a transaction the read stays on this one connection
    const ScoreTable inOne = store.loadScoreTable();
    db.rollback();
    ASSERT_EQ(inHalves.size(), inOne.size());
    EXPECT_EQ(rowsAsText(inHalves), rowsAsText(inOne));
    EXPECT_EQ(describe(ScoringEngine(setup).compute(inHalves)),
              describe(referenceResults(setup, store.loadScores())));
}
