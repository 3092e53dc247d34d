// 评分一致性: each rater's deviation from the group's trimmed mean and the items raters
// disagree on, checked against numbers worked out by hand from the sample's paper scores.
#include "hq/hqschema.h"
#include "hq/raterconsistency.h"
#include "import/campaignimporter.h"
#include "import/paperscoreimporter.h"
#include "store/campaignstore.h"
#include "store/sqliteconnection.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace onsite {
namespace {

class RaterConsistency : public ::testing::Test
{
protected:
    void SetUp() override
    {
        db = std::make_unique<SqliteConnection>(dir.filePath(QStringLiteral("hq.sqlite")));
        hq::migrateHqDatabase(*db);
        CampaignStore(*db).saveSetup(CampaignImporter::importFolder(test::sampleCampaignDir()));
        setup = *CampaignStore(*db).loadSetup();
    }

    // Stores the lines of scores-paper.csv given as "account,unit,item,kind,input,reason".
    void addPaperLines(const QList<QByteArray> &lines)
    {
        QByteArray csv = "账号,单位编码,指标编号,类型,评分输入,说明\r\n";
        for (const QByteArray &line : lines)
            csv += line + "\r\n";
        CampaignStore(*db).addScores(PaperScoreImporter(setup, {}).importBytes(csv, QStringLiteral("scores.csv")));
    }

    QJsonObject raterOf(const QJsonObject &report, const QString &account)
    {
        for (const QJsonValue &rater : report.value(QStringLiteral("raters")).toArray()) {
            if (rater.toObject().value(QStringLiteral("account")).toString() == account)
                return rater.toObject();
        }
        return {};
    }

    QTemporaryDir dir;
    std::unique_ptr<SqliteConnection> db;
    CampaignSetup setup;
};

// DC 1.4 (等次, 4 points): 好 好 好 较好 → 4, 4, 4, 3.2; mean 3.8 (4 raters: no trimming).
// DC 1.2 (达标 城区 18/0, 5 points): 15.4 16.8 18.5 16.7 → 4.2778, 4.6667, 5, 4.6389;
// mean 4.6458. Deviations (1.4; 1.2):
//   li    +0.2; −0.3681  → mean −0.0840, mean |d| 0.2840, max 0.3681
//   zhang +0.2; +0.0208  → mean +0.1104, max 0.2
//   liu   +0.2; +0.3542  → mean +0.2771, max 0.3542
//   chen  −0.6; −0.0069  → mean −0.3035, max 0.6
// Spreads: 1.4: 0.8 = 0.2 × 4; 1.2: 0.7222 = 0.1444 × 5.
const QList<QByteArray> kDcLines{
    "g1.li,DC,1.4,评分,好,",       "g1.zhang,DC,1.4,评分,好,",    "g1.liu,DC,1.4,评分,好,",
    "g1.chen,DC,1.4,评分,较好,",   "g1.li,DC,1.2,评分,15.4,",     "g1.zhang,DC,1.2,评分,16.8,",
    "g1.liu,DC,1.2,评分,18.5,",    "g1.chen,DC,1.2,评分,16.7,",
    // Neither a veto item (no points) nor a leader's final value moves the consensus.
    "g1.li,DC,7.1,评分,是,",       "g1.zhang,DC,7.1,评分,否,",    "g1.li,DC,1.2,核定,1,复核",
    // Another group's unit, not asked for.
    "g3.xu,HW,1.4,评分,好,",       "g3.sun,HW,1.4,评分,差,"};

TEST_F(RaterConsistency, DeviationsFromTheGroupMeanMatchHandComputedValues)
{
    addPaperLines(kDcLines);
    const QJsonObject report = hq::raterConsistencyReport(*db, setup, {QStringLiteral("DC")}, 0.15);
    const QJsonArray raters = report.value(QStringLiteral("raters")).toArray();
    ASSERT_EQ(raters.size(), 4) << "HW's raters were counted for DC";
    EXPECT_EQ(raters[0].toObject().value(QStringLiteral("account")).toString(), QStringLiteral("g1.li"));

    const QJsonObject li = raterOf(report, QStringLiteral("g1.li"));
    EXPECT_EQ(li.value(QStringLiteral("name")).toString(), QStringLiteral("李建国"));
    EXPECT_EQ(li.value(QStringLiteral("group")).toString(), QStringLiteral("第一检查组"));
    EXPECT_EQ(li.value(QStringLiteral("items")).toInt(), 2);
    EXPECT_EQ(li.value(QStringLiteral("mean_deviation")).toString(), QStringLiteral("-0.08"));
    EXPECT_EQ(li.value(QStringLiteral("mean_abs_deviation")).toString(), QStringLiteral("0.28"));
    EXPECT_EQ(li.value(QStringLiteral("max_deviation")).toString(), QStringLiteral("0.37"));
    EXPECT_EQ(raterOf(report, QStringLiteral("g1.zhang")).value(QStringLiteral("mean_deviation")).toString(),
              QStringLiteral("0.11"));
    EXPECT_EQ(raterOf(report, QStringLiteral("g1.zhang")).value(QStringLiteral("max_deviation")).toString(),
              QStringLiteral("0.20"));
    EXPECT_EQ(raterOf(report, QStringLiteral("g1.liu")).value(QStringLiteral("mean_deviation")).toString(),
              QStringLiteral("0.28"));
    EXPECT_EQ(raterOf(report, QStringLiteral("g1.liu")).value(QStringLiteral("max_deviation")).toString(),
              QStringLiteral("0.35"));
    EXPECT_EQ(raterOf(report, QStringLiteral("g1.chen")).value(QStringLiteral("mean_deviation")).toString(),
              QStringLiteral("-0.30"));
    EXPECT_EQ(raterOf(report, QStringLiteral("g1.chen")).value(QStringLiteral("max_deviation")).toString(),
              QStringLiteral("0.60"));

    // 0.15 × 4 = 0.6 < 0.8 (1.4 listed); 0.15 × 5 = 0.75 > 0.72 (1.2 not).
    const QJsonArray disagreements = report.value(QStringLiteral("disagreements")).toArray();
    ASSERT_EQ(disagreements.size(), 1);
    const QJsonObject item = disagreements[0].toObject();
    EXPECT_EQ(item.value(QStringLiteral("unit")).toString(), QStringLiteral("DC"));
    EXPECT_EQ(item.value(QStringLiteral("indicator")).toString(), QStringLiteral("1.4"));
    EXPECT_EQ(item.value(QStringLiteral("max_points")).toString(), QStringLiteral("4.00"));
    EXPECT_EQ(item.value(QStringLiteral("spread")).toString(), QStringLiteral("0.80"));
    const QJsonArray who = item.value(QStringLiteral("raters")).toArray();
    ASSERT_EQ(who.size(), 4);
    EXPECT_EQ(who[3].toObject().value(QStringLiteral("account")).toString(), QStringLiteral("g1.chen"));
    EXPECT_EQ(who[3].toObject().value(QStringLiteral("points")).toString(), QStringLiteral("3.20"));

    // A lower threshold lists 1.2 too, after 1.4 (0.1444 of its points < 0.2).
    const QJsonArray more = hq::raterConsistencyReport(*db, setup, {QStringLiteral("DC")}, 0.1)
                                .value(QStringLiteral("disagreements"))
                                .toArray();
    ASSERT_EQ(more.size(), 2);
    EXPECT_EQ(more[1].toObject().value(QStringLiteral("indicator")).toString(), QStringLiteral("1.2"));
    EXPECT_EQ(more[1].toObject().value(QStringLiteral("spread")).toString(), QStringLiteral("0.72"));
}

// YL 1.2 (达标 山区县 12/0, 5 points), five raters: 7.5 8.5 7.9 10.2 8.0 → 3.125, 3.5417,
// 3.2917, 4.25, 3.3333. Five raters: highest (zhu) and lowest (xu) dropped, trimmed mean
// (3.5417 + 3.2917 + 3.3333) / 3 = 3.3889. zhu +0.8611, xu −0.2639, sun +0.1528,
// ma −0.0972, hu −0.0556. Spread 1.125 > 0.2 × 5.
TEST_F(RaterConsistency, TheConsensusIsTheTrimmedMeanWhenEnoughRatersScored)
{
    addPaperLines({"g3.xu,YL,1.2,评分,7.5,", "g3.sun,YL,1.2,评分,8.5,", "g3.ma,YL,1.2,评分,7.9,",
                   "g3.zhu,YL,1.2,评分,10.2,", "g3.hu,YL,1.2,评分,8.0,"});
    const QJsonObject report = hq::raterConsistencyReport(*db, setup, {QStringLiteral("YL")}, 0.2);
    EXPECT_EQ(raterOf(report, QStringLiteral("g3.zhu")).value(QStringLiteral("mean_deviation")).toString(),
              QStringLiteral("0.86"));
    EXPECT_EQ(raterOf(report, QStringLiteral("g3.xu")).value(QStringLiteral("mean_deviation")).toString(),
              QStringLiteral("-0.26"));
    EXPECT_EQ(raterOf(report, QStringLiteral("g3.sun")).value(QStringLiteral("mean_deviation")).toString(),
              QStringLiteral("0.15"));
    EXPECT_EQ(raterOf(report, QStringLiteral("g3.ma")).value(QStringLiteral("mean_deviation")).toString(),
              QStringLiteral("-0.10"));
    EXPECT_EQ(raterOf(report, QStringLiteral("g3.hu")).value(QStringLiteral("max_deviation")).toString(),
              QStringLiteral("0.06"));
    const QJsonArray disagreements = report.value(QStringLiteral("disagreements")).toArray();
    ASSERT_EQ(disagreements.size(), 1);
    EXPECT_EQ(disagreements[0].toObject().value(QStringLiteral("spread")).toString(), QStringLiteral("1.13"));
    const QJsonArray who = disagreements[0].toObject().value(QStringLiteral("raters")).toArray();
    EXPECT_EQ(who[0].toObject().value(QStringLiteral("account")).toString(), QStringLiteral("g3.zhu"));
    EXPECT_EQ(who[4].toObject().value(QStringLiteral("points")).toString(), QStringLiteral("3.13"));
}

TEST_F(RaterConsistency, TheWholeSampleCountsEveryRaterOnTheItemsTheyScored)
{
    CampaignStore(*db).addScores(PaperScoreImporter(setup, {}).importFile(test::samplePath(QStringLiteral("scores-paper.csv"))));
    QStringList all;
    for (const Unit &unit : setup.units)
        all << unit.code;
    const QJsonObject report = hq::raterConsistencyReport(*db, setup, all, 0.25);
    EXPECT_EQ(report.value(QStringLiteral("raters")).toArray().size(), 13);
    // 20 items with points (7.1 is the veto) × 3 units; g3.hu does not score his home unit XC.
    EXPECT_EQ(raterOf(report, QStringLiteral("g1.li")).value(QStringLiteral("items")).toInt(), 60);
    EXPECT_EQ(raterOf(report, QStringLiteral("g3.hu")).value(QStringLiteral("items")).toInt(), 40);
    // Nobody out of scope: a leader's view of group 1 lists group 1's raters only.
    const QJsonObject group1 = hq::raterConsistencyReport(*db, setup, setup.group(QStringLiteral("第一检查组"))->unitCodes, 0.25);
    for (const QJsonValue &rater : group1.value(QStringLiteral("raters")).toArray())
        EXPECT_EQ(rater.toObject().value(QStringLiteral("group")).toString(), QStringLiteral("第一检查组"));
    EXPECT_EQ(group1.value(QStringLiteral("raters")).toArray().size(), 4);
}

} // namespace
} // namespace onsite
