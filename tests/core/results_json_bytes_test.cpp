// The results document written straight to bytes (hq::resultsJsonBytes) is exactly what
// QJsonDocument(resultsJson(…)).toJson(Compact) writes, also for names that need escapes.
#include "hq/resultsjson.h"
#include "import/campaignimporter.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

namespace onsite {
namespace {

QByteArray qtBytes(const QJsonObject &document) { return QJsonDocument(document).toJson(QJsonDocument::Compact); }

CampaignResults sampleResults(const CampaignSetup &setup)
{
    // Every unit, some items scored, one unscored, a final value and a veto flag.
    CampaignResults results;
    int rank = 0;
    for (const Unit &unit : setup.units) {
        UnitResult result;
        result.unitCode = unit.code;
        result.unitName = unit.name;
        result.category = unit.category;
        for (const Indicator &indicator : setup.indicators) {
            if (indicator.isProject()) {
                result.subtotals.push_back({indicator.code, *Decimal::parse(QStringLiteral("12.345"))});
                continue;
            }
            ItemResult item;
            item.indicatorCode = indicator.code;
            if (result.items.size() % 7 != 3)
                item.points = Decimal::fraction(static_cast<qint64>(result.items.size()) * 7, 3);
            item.raterCount = static_cast<int>(result.items.size() % 6);
            item.trimmed = item.raterCount >= 5;
            item.finalValue = result.items.size() % 11 == 0;
            item.vetoTriggered = result.items.size() == 4 && rank == 2;
            result.items.push_back(item);
        }
        result.total = *Decimal::parse(rank % 2 ? QStringLiteral("-3.5") : QStringLiteral("98.76"));
        result.grade = static_cast<Grade>(rank % 4);
        result.veto = rank == 2;
        result.rank = ++rank;
        result.categoryRank = rank / 2 + 1;
        result.unscoredCount = rank % 3;
        results.units.push_back(std::move(result));
    }
    results.warnings << QStringLiteral("a \"quoted\" \\ warning\n\t与中文");
    return results;
}

TEST(ResultsJsonBytes, AreWhatQtWritesForTheSampleCampaign)
{
    const CampaignSetup setup = CampaignImporter::importFolder(test::sampleCampaignDir());
    const CampaignResults results = sampleResults(setup);
    const QStringList submitted{setup.units.front().code};
    EXPECT_EQ(hq::resultsJsonBytes(setup, results, submitted), qtBytes(hq::resultsJson(setup, results, submitted)));
}

TEST(ResultsJsonBytes, EscapeNamesAsQtDoes)
{
    CampaignSetup setup = CampaignImporter::importFolder(test::sampleCampaignDir());
    // Quotes, backslashes, every control character, DEL, Chinese, a character outside
    // the BMP and a lone surrogate: each written as Qt writes it.
    QString awkward = QStringLiteral("\"引号\" \\ / \x7f 😀 ");
    for (char16_t c = 0; c < 0x20; ++c)
        awkward += QChar(c);
    awkward += QChar(char16_t(0xd800));
    setup.campaign.name = awkward;
    setup.units.front().name = awkward + QStringLiteral("名");
    setup.units.back().code = QStringLiteral("X\"Y");
    setup.units[1].category = QStringLiteral("类\\别");
    CampaignResults results = sampleResults(setup);
    results.units.front().items.front().indicatorCode = QStringLiteral("1.1\n");
    results.warnings << awkward;
    const QByteArray bytes = hq::resultsJsonBytes(setup, results, {});
    EXPECT_EQ(bytes, qtBytes(hq::resultsJson(setup, results, {})));
    EXPECT_TRUE(QJsonDocument::fromJson(bytes).isObject()) << "the bytes parse back";

    for (const QString &text : {QString(), QStringLiteral("plain 1.2"), awkward, QStringLiteral("\u2028")}) {
        const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
        EXPECT_EQ(hq::jsonString(text), array.mid(1, array.size() - 2));
    }
}

TEST(ResultsJsonBytes, AnEmptyCampaignHasNoUnits)
{
    CampaignSetup setup = CampaignImporter::importFolder(test::sampleCampaignDir());
    const CampaignResults none;
    EXPECT_EQ(hq::resultsJsonBytes(setup, none, {}), qtBytes(hq::resultsJson(setup, none, {})));
}

TEST(ResultsJsonBytes, ManyUnitsWrittenOnSeveralThreadsKeepTheirOrder)
{
    // From 200 units the units' parts are written in slices on several threads.
    CampaignSetup setup = CampaignImporter::importFolder(test::sampleCampaignDir());
    const Unit model = setup.units.front();
    setup.units.clear();
    for (int u = 0; u < 450; ++u) {
        Unit unit = model;
        unit.code = QStringLiteral("U%1").arg(u, 4, 10, QLatin1Char('0'));
        unit.name = QStringLiteral("单位%1").arg(u);
        setup.units.push_back(unit);
    }
    const CampaignResults results = sampleResults(setup);
    const QStringList submitted{QStringLiteral("U0007"), QStringLiteral("U0449")};
    const QByteArray bytes = hq::resultsJsonBytes(setup, results, submitted);
    EXPECT_EQ(bytes, qtBytes(hq::resultsJson(setup, results, submitted)));
    const QJsonArray units = QJsonDocument::fromJson(bytes).object().value(QStringLiteral("units")).toArray();
    ASSERT_EQ(units.size(), 450);
    EXPECT_EQ(units.at(449).toObject().value(QStringLiteral("unit")).toString(), QStringLiteral("U0449"));
}

} // namespace
} // namespace onsite
