// One feed for every write: paper scores imported at HQ (补录) reach the raters' tablets
// through the normal pull and meet the normal conflict rules; every change lands in the
// keyed score history, and `onsite-hq verify-history` finds any tampering with it.
#include "e2efixture.h"

#include "store/postgresconnection.h"
#include "store/sqliteconnection.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

namespace onsite::test {
namespace {

class HistoryAndFeed : public HqEndToEnd
{
protected:
    // Writes a scores-paper.csv (UTF-8 with BOM, CRLF) and imports it into the running HQ.
    int importScores(const QList<QByteArray> &lines, QString *out)
    {
        QByteArray csv = "\xEF\xBB\xBF账号,单位编码,指标编号,类型,评分输入,说明\r\n";
        for (const QByteArray &line : lines)
            csv += line + "\r\n";
        const QString path = QDir(hq->dataFolder()).filePath(QStringLiteral("../scores-paper.csv"));
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(csv);
        file.close();
        return hq->admin({QStringLiteral("import-scores"), path}, out);
    }

    QJsonArray historyOf(const QString &unit, const QString &indicator)
    {
        // The same history the console shows, read straight from the database.
        auto db = connectDatabase();
        QJsonArray entries;
        for (const SqlRow &row : db->query(QStringLiteral("SELECT action, origin, old_value, new_value, account FROM "
                                                          "score_history WHERE unit_code = ? AND indicator_code = ? "
                                                          "ORDER BY seq"),
                                           {unit, indicator}))
            entries.append(QJsonObject{{QStringLiteral("action"), row[0].toString()},
                                       {QStringLiteral("origin"), row[1].toString()},
                                       {QStringLiteral("old"), row[2].toString()},
                                       {QStringLiteral("new"), row[3].toString()},
                                       {QStringLiteral("account"), row[4].toString()}});
        return entries;
    }

    std::unique_ptr<SqlConnection> connectDatabase()
    {
        const QStringList arguments = hq->dataArguments();
        const qsizetype db = arguments.indexOf(QStringLiteral("--db"));
        if (db >= 0)
            return std::make_unique<PostgresConnection>(arguments.at(db + 1));
        return std::make_unique<SqliteConnection>(QDir(hq->dataFolder()).filePath(QStringLiteral("hq.sqlite")));
    }

    int verifyHistory(QString *out) { return hq->admin({QStringLiteral("verify-history")}, out); }
};

const PulledChange *scoreIn(const std::vector<PulledChange> &changes, const QString &unit, const QString &indicator,
                            const QString &account)
{
    for (const PulledChange &change : changes) {
        if (change.entity == QLatin1String("score") && change.data.value(QStringLiteral("unit")).toString() == unit &&
            change.data.value(QStringLiteral("indicator")).toString() == indicator &&
            change.data.value(QStringLiteral("account")).toString() == account)
            return &change;
    }
    return nullptr;
}

QJsonObject resultItem(HqProcess &hq, const QString &unit, const QString &indicator)
{
    return itemOf(resultsOf(hq), unit, indicator);
}

// The conflict rules the test relies on (docs/ARCHITECTURE.md §One feed): a paper score
// carries HQ's clock at import time. A tablet edit made after the rater pulled it has a
// later clock and wins (the paper value stays in the history as the old value); an edit
// made on a tablet before the import (offline, synced later) has an earlier clock and
// loses: HQ keeps the paper value, the tablet's edit is kept as a conflict and the tablet
// is told the winner.
TEST_P(HistoryAndFeed, PaperScoresReachTheRatersTabletsAndMeetTheConflictRules)
{
    auto zhang = signIn(QStringLiteral("g1.zhang"), QStringLiteral("dev-zhang"));
    qint64 cursor = 0;
    EXPECT_TRUE(pullAll(*zhang, 0, 500, &cursor).empty());
    const qint64 beforeImport = QDateTime::currentMSecsSinceEpoch() - 60000; // an offline edit a minute ago

    QString out;
    ASSERT_EQ(importScores({"g1.zhang,DC,1.4,评分,好,", "g1.zhang,DC,1.2,评分,15.4,", "g1.li,DC,1.4,评分,较好,"}, &out), 0)
        << out.toStdString();

    // The rater's tablet pulls HQ's paper scores like any other change in its scope.
    const auto pulled = pullAll(*zhang, cursor);
    const PulledChange *paper = scoreIn(pulled, QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("g1.zhang"));
    ASSERT_NE(paper, nullptr) << "the tablet does not see the paper score";
    EXPECT_EQ(paper->data.value(QStringLiteral("input")).toString(), QStringLiteral("好"));
    EXPECT_NE(scoreIn(pulled, QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("g1.zhang")), nullptr);
    EXPECT_NE(scoreIn(pulled, QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("g1.li")), nullptr);
    EXPECT_EQ(pulled.size(), 3u);
    // Another group's tablet does not.
    auto yang = signIn(QStringLiteral("g2.yang"), QStringLiteral("dev-yang"));
    EXPECT_TRUE(pullAll(*yang).empty());

    // Later on the tablet: the rater changes the pulled score (same record, later clock): it wins.
    const ApiReply edit = zhang->post(QStringLiteral("/api/v1/sync/push"),
                                      pushBody(QStringLiteral("dev-zhang"),
                                               {scoreMutation(1, paper->id, QStringLiteral("DC"), QStringLiteral("1.4"),
                                                              QStringLiteral("g1.zhang"), QStringLiteral("一般"),
                                                              QDateTime::currentMSecsSinceEpoch())}));
    ASSERT_EQ(edit.status, 200) << edit.body.toStdString();
    const QJsonObject editResult = edit.json.value(QStringLiteral("results")).toArray()[0].toObject();
    EXPECT_EQ(editResult.value(QStringLiteral("status")).toString(), QStringLiteral("applied")) << edit.body.toStdString();
    // DC 1.4 (4 points): mean(一般 0.6 × 4, 较好 0.8 × 4) = 2.80.
    EXPECT_EQ(resultItem(*hq, QStringLiteral("DC"), QStringLiteral("1.4")).value(QStringLiteral("points")).toString(),
              QStringLiteral("2.80"));

    // A second tablet of the same rater, offline since before the import, scored DC 1.2 then:
    // its edit is older than HQ's paper value, so it loses and is kept as a conflict.
    auto stale = signIn(QStringLiteral("g1.zhang"), QStringLiteral("dev-zhang-old"));
    const ApiReply late = stale->post(QStringLiteral("/api/v1/sync/push"),
                                      pushBody(QStringLiteral("dev-zhang-old"),
                                               {scoreMutation(1, QStringLiteral("old-tablet-1"), QStringLiteral("DC"),
                                                              QStringLiteral("1.2"), QStringLiteral("g1.zhang"),
                                                              QStringLiteral("18"), beforeImport)}));
    ASSERT_EQ(late.status, 200) << late.body.toStdString();
    const QJsonObject lateResult = late.json.value(QStringLiteral("results")).toArray()[0].toObject();
    EXPECT_EQ(lateResult.value(QStringLiteral("status")).toString(), QStringLiteral("conflict")) << late.body.toStdString();
    EXPECT_EQ(lateResult.value(QStringLiteral("reason")).toString(), QStringLiteral("concurrent_edit"));
    // DC 1.2 (城区 18/0, 5 points): still the paper value 15.4 → 5 × 15.4 / 18 = 4.28.
    EXPECT_EQ(resultItem(*hq, QStringLiteral("DC"), QStringLiteral("1.2")).value(QStringLiteral("points")).toString(),
              QStringLiteral("4.28"));
    ASSERT_EQ(hq->admin({QStringLiteral("conflicts")}, &out), 0);
    EXPECT_TRUE(out.contains(QStringLiteral("dev-zhang-old"))) << out.toStdString();

    // Both changes are in the history, with where they came from.
    const QJsonArray history = historyOf(QStringLiteral("DC"), QStringLiteral("1.4"));
    ASSERT_EQ(history.size(), 3);
    EXPECT_EQ(history[0].toObject().value(QStringLiteral("origin")).toString(), QStringLiteral("paper"));
    EXPECT_EQ(history[2].toObject().value(QStringLiteral("action")).toString(), QStringLiteral("update"));
    EXPECT_EQ(history[2].toObject().value(QStringLiteral("origin")).toString(), QStringLiteral("dev-zhang"));
    EXPECT_EQ(history[2].toObject().value(QStringLiteral("old")).toString(), QStringLiteral("好"));
    EXPECT_EQ(history[2].toObject().value(QStringLiteral("new")).toString(), QStringLiteral("一般"));

    // Importing the same paper line again is refused as already recorded, whole file.
    EXPECT_NE(importScores({"g1.liu,DC,1.4,评分,好,", "g1.zhang,DC,1.2,评分,15.4,"}, &out), 0);
    EXPECT_TRUE(out.contains(QStringLiteral("第 3 行"))) << out.toStdString();
    EXPECT_EQ(pullAll(*zhang, cursor).size(), 4u) << "a refused import still reached the feed";
    ASSERT_EQ(verifyHistory(&out), 0) << out.toStdString();
}

// The same with the real field client: the demo's complaint was a tablet showing DC
// unscored while HQ ranked it from paper scores.
TEST_P(HistoryAndFeed, TheFieldClientDownloadsPaperScoresAndItsLaterEditWins)
{
    QTemporaryDir deviceDir;
    const auto field = [&](const QStringList &arguments) {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(ONSITE_FIELD_BINARY),
                      arguments + QStringList{QStringLiteral("--data"), deviceDir.filePath(QStringLiteral("zhang"))});
        process.waitForFinished(120000);
        const QString output = QString::fromUtf8(process.readAll());
        EXPECT_EQ(process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, 0) << output.toStdString();
        return output;
    };
    field({QStringLiteral("login"), QStringLiteral("--server"), hq->baseUrl(), QStringLiteral("--user"),
           QStringLiteral("g1.zhang"), QStringLiteral("--password"), HqProcess::passwordOf(QStringLiteral("g1.zhang"))});
    QString out;
    ASSERT_EQ(importScores({"g1.zhang,DC,1.4,评分,好,", "g1.zhang,DC,1.2,评分,15.4,", "g1.li,DC,1.4,评分,较好,"}, &out), 0)
        << out.toStdString();
    const QString pulled = field({QStringLiteral("sync")});
    EXPECT_TRUE(pulled.contains(QStringLiteral("下载服务器更改 3 条"))) << pulled.toStdString();

    field({QStringLiteral("score"), QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("一般")});
    const QString pushed = field({QStringLiteral("sync")});
    EXPECT_TRUE(pushed.contains(QStringLiteral("接受 1"))) << pushed.toStdString();
    EXPECT_TRUE(pushed.contains(QStringLiteral("冲突 0"))) << pushed.toStdString();
    EXPECT_EQ(resultItem(*hq, QStringLiteral("DC"), QStringLiteral("1.4")).value(QStringLiteral("points")).toString(),
              QStringLiteral("2.80"));
    const QJsonArray history = historyOf(QStringLiteral("DC"), QStringLiteral("1.4"));
    ASSERT_EQ(history.size(), 3);
    EXPECT_EQ(history[2].toObject().value(QStringLiteral("old")).toString(), QStringLiteral("好"));
    EXPECT_EQ(history[2].toObject().value(QStringLiteral("new")).toString(), QStringLiteral("一般"));
}

TEST_P(HistoryAndFeed, VerifyHistoryFindsEveryKindOfTampering)
{
    QString out;
    ASSERT_EQ(importScores({"g1.zhang,DC,1.4,评分,好,", "g1.liu,DC,1.4,评分,较好,", "g1.li,DC,1.2,评分,15,"}, &out), 0)
        << out.toStdString();
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const ApiReply push = li->post(
        QStringLiteral("/api/v1/sync/push"),
        pushBody(QStringLiteral("dev-li"),
                 {scoreMutation(1, QStringLiteral("li-1"), QStringLiteral("BH"), QStringLiteral("1.4"),
                                QStringLiteral("g1.li"), QStringLiteral("好"), now),
                  scoreMutation(2, QStringLiteral("li-1"), QStringLiteral("BH"), QStringLiteral("1.4"),
                                QStringLiteral("g1.li"), QStringLiteral("差"), now + 1),
                  QJsonObject{{QStringLiteral("seq"), 3},
                              {QStringLiteral("entity"), QStringLiteral("score")},
                              {QStringLiteral("id"), QStringLiteral("li-1")},
                              {QStringLiteral("op"), QStringLiteral("delete")},
                              {QStringLiteral("hlc"), QStringLiteral("%1-00000").arg(now + 2, 13, 10, QLatin1Char('0'))},
                              {QStringLiteral("data"), QJsonObject{}}}}));
    ASSERT_EQ(push.status, 200) << push.body.toStdString();
    ASSERT_EQ(verifyHistory(&out), 0) << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("共 6 条"))) << out.toStdString();

    auto db = connectDatabase();
    const auto rowsOf = [&] {
        return db->query(QStringLiteral("SELECT seq, entity, entity_id, unit_code, indicator_code, kind, action, account, "
                                        "origin, changed_at, old_value, new_value, reason, mac, legacy_hash FROM "
                                        "score_history ORDER BY seq"));
    };
    const auto original = rowsOf();
    ASSERT_EQ(original.size(), 6u);
    const auto restore = [&] {
        db->execute(QStringLiteral("DELETE FROM score_history"));
        for (const SqlRow &row : original)
            db->execute(QStringLiteral("INSERT INTO score_history (seq, entity, entity_id, unit_code, indicator_code, "
                                       "kind, action, account, origin, changed_at, old_value, new_value, reason, mac, "
                                       "legacy_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        row);
    };
    struct Tamper
    {
        const char *what;
        QStringList statements;
        int brokenAt;
    };
    const std::vector<Tamper> tampers{
        {"edit a row", {QStringLiteral("UPDATE score_history SET new_value = '差' WHERE seq = 2")}, 2},
        {"delete a row", {QStringLiteral("DELETE FROM score_history WHERE seq = 4")}, 4},
        {"delete the last row", {QStringLiteral("DELETE FROM score_history WHERE seq = 6")}, 6},
        {"reorder rows",
         {QStringLiteral("UPDATE score_history SET seq = 100 WHERE seq = 1"),
          QStringLiteral("UPDATE score_history SET seq = 1 WHERE seq = 2"),
          QStringLiteral("UPDATE score_history SET seq = 2 WHERE seq = 100")},
         1},
        // The row changed and its MAC recomputed by someone without history.key.
        {"recompute a MAC without the key",
         {QStringLiteral("UPDATE score_history SET new_value = '好', mac = '%1' WHERE seq = 5").arg(QString(64, QLatin1Char('a')))},
         5},
    };
    for (const Tamper &tamper : tampers) {
        SCOPED_TRACE(tamper.what);
        for (const QString &statement : tamper.statements)
            db->execute(statement);
        const int code = verifyHistory(&out);
        EXPECT_NE(code, 0) << out.toStdString();
        EXPECT_TRUE(out.contains(QStringLiteral("第 %1 条").arg(tamper.brokenAt))) << out.toStdString();
        restore();
        ASSERT_EQ(verifyHistory(&out), 0) << out.toStdString();
    }
    // A score changed in its table, around the history.
    db->execute(QStringLiteral("UPDATE score_entries SET input = '差' WHERE unit_code = 'DC' AND indicator_code = '1.4' "
                               "AND account = 'g1.zhang'"));
    EXPECT_NE(verifyHistory(&out), 0);
    EXPECT_TRUE(out.contains(QStringLiteral("绕过历史"))) << out.toStdString();
}

ONSITE_E2E_BACKENDS(HistoryAndFeed);

} // namespace
} // namespace onsite::test
