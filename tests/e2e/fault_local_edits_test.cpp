// R2 of the reliability suite during local edits (docs/RELIABILITY.md): `onsite-field
// score` and `finding` are SIGKILLed at random points of their run — start-up, opening
// the database, inside the write transaction, after commit — many times over. After
// every kill the device database passes `PRAGMA integrity_check`; every edit whose
// command returned success is in the device's tables and outbox; an edit killed midway
// is either wholly there (record and outbox entry) or not at all. Then the device syncs
// and the checker finds HQ holding exactly what the device holds (lost 0, duplicated 0).
//
// ctest runs tens of kills; scripts/fault-suite.sh runs hundreds (ONSITE_FAULT_LOCAL_KILLS).
#include "consolefixture.h"
#include "faultchecker.h"
#include "fielddevice.h"

#include "store/filesecurestore.h"
#include "store/sqliteconnection.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>

namespace onsite::test {
namespace {

int setting(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariable(name).toInt(&ok);
    return ok && value > 0 ? value : fallback;
}

const QStringList kUnits{QStringLiteral("DC"), QStringLiteral("BH"), QStringLiteral("SM")};
const QStringList kItems{QStringLiteral("1.4"), QStringLiteral("2.4"), QStringLiteral("2.5")};
const QStringList kLevels{QStringLiteral("好"), QStringLiteral("较好"), QStringLiteral("一般"),
                          QStringLiteral("差")};

// One edit as the test asked for it; `acknowledged` when its command returned 0.
struct Edit
{
    bool score = true;
    QString unit, item, value; // a score's key and level, or a finding's unit and description
    bool acknowledged = false;
};

struct DeviceView
{
    QString integrity;
    std::map<QString, QString> scores;               // unit/item → level (the rater's own row)
    std::multiset<QString> outboxScores;             // unit/item=level, one per edit
    std::multiset<QString> findings, outboxFindings; // descriptions
    int outbox = 0;
};

// The device database as onsite-field opens it: encrypted, its key in the folder's secure store.
SqliteConnection openDevice(const QString &folder)
{
    const QDir dir(folder);
    const auto key = FileSecureStore(dir.filePath(QStringLiteral("secrets")))
                         .load(QStringLiteral("device-key"), nullptr);
    return SqliteConnection(dir.filePath(QStringLiteral("device.sqlite")),
                            key.value_or(QByteArray()));
}

DeviceView read(const QString &folder)
{
    DeviceView view;
    SqliteConnection db = openDevice(folder);
    view.integrity = integrityOf(db);
    for (const SqlRow &row :
         db.query(QStringLiteral("SELECT unit_code, indicator_code, input FROM score_entries "
                                 "WHERE kind = 'rater' AND account = 'g1.zhang'")))
        view.scores[row[0].toString() + QLatin1Char('/') + row[1].toString()] = row[2].toString();
    for (const SqlRow &row : db.query(QStringLiteral("SELECT description FROM findings")))
        view.findings.insert(row[0].toString());
    for (const SqlRow &row : db.query(QStringLiteral("SELECT entity, data FROM outbox"))) {
        ++view.outbox;
        const QJsonObject data = QJsonDocument::fromJson(row[1].toString().toUtf8()).object();
        if (row[0].toString() == QLatin1String("score"))
            view.outboxScores.insert(
                data.value(QStringLiteral("unit")).toString() + QLatin1Char('/') +
                data.value(QStringLiteral("indicator")).toString() + QLatin1Char('=') +
                data.value(QStringLiteral("input")).toString());
        else if (row[0].toString() == QLatin1String("finding"))
            view.outboxFindings.insert(data.value(QStringLiteral("description")).toString());
    }
    return view;
}

class FaultSuiteLocalEdits : public ConsoleEndToEnd
{
};

TEST_P(FaultSuiteLocalEdits, DeviceKilledDuringLocalWritesKeepsEveryAcknowledgedWrite)
{
    const int kills = setting("ONSITE_FAULT_LOCAL_KILLS", 20);
    const quint32 seed = static_cast<quint32>(setting(
        "ONSITE_FAULT_SEED", static_cast<int>(QRandomGenerator::global()->bounded(1 << 30))));
    std::cout << "[fault suite] local edits: seed " << seed << ", " << kills << " kills\n";
    QRandomGenerator random(seed);
    FieldDevice device(QStringLiteral("g1.zhang"));
    const FieldRun login = device.run({QStringLiteral("login"), QStringLiteral("--server"),
                                       hq->baseUrl(), QStringLiteral("--user"),
                                       QStringLiteral("g1.zhang"), QStringLiteral("--password"),
                                       HqProcess::passwordOf(QStringLiteral("g1.zhang"))});
    ASSERT_EQ(login.exitCode, 0) << login.output.toStdString();

    std::vector<Edit> edits;
    auto arguments = [&](Edit &edit, int n) {
        edit.score = random.bounded(3) != 0;
        edit.unit = kUnits[random.bounded(3)];
        if (edit.score) {
            edit.item = kItems[random.bounded(3)];
            edit.value = kLevels[random.bounded(4)];
            return QStringList{QStringLiteral("score"), edit.unit, edit.item, edit.value};
        }
        edit.value = QStringLiteral("kill %1 #%2").arg(seed).arg(n);
        return QStringList{QStringLiteral("finding"),
                           QStringLiteral("--unit"),
                           edit.unit,
                           QStringLiteral("--kind"),
                           QStringLiteral("问题"),
                           QStringLiteral("--description"),
                           edit.value};
    };

    // How long one edit runs unharmed, so the kills spread over all of it.
    std::vector<qint64> runs;
    for (int i = 0; i < 3; ++i) {
        Edit edit;
        const QStringList args = arguments(edit, -1 - i);
        QElapsedTimer timer;
        timer.start();
        const FieldRun run = device.run(args);
        runs.push_back(timer.elapsed());
        ASSERT_EQ(run.exitCode, 0) << run.output.toStdString();
        edit.acknowledged = true;
        edits.push_back(edit);
    }
    // How long an edit runs now: the median of the latest unharmed runs. It follows the
    // machine's load as it changes, so the kills keep landing inside the runs (measured
    // once, on a busy moment, the later edits finished before most kills came). No floor
    // above the runs themselves: an edit takes 7 ms on a fast machine, and a floor of
    // 20 ms let most of them finish before their kill came.
    auto currentSpan = [&runs] {
        std::vector<qint64> latest(runs.end() - std::min<size_t>(runs.size(), 5), runs.end());
        std::sort(latest.begin(), latest.end());
        return static_cast<int>(std::max<qint64>(latest[latest.size() / 2], 2));
    };

    int killed = 0, finished = 0, committedAnyway = 0, rolledBack = 0, broken = 0;
    int outbox = read(device.folder()).outbox;
    for (int n = 0; killed < kills && n < kills * 8; ++n) {
        Edit edit;
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        QElapsedTimer timer;
        timer.start();
        process.start(QStringLiteral(ONSITE_FIELD_BINARY),
                      arguments(edit, n) + QStringList{QStringLiteral("--data"), device.folder()});
        ASSERT_TRUE(process.waitForStarted(10000));
        // Start-up is most of a run: the kills fall from 30 % of a run on, where the
        // database is open, and a little past its end, so some edits finish unharmed.
        const int span = currentSpan();
        if (!process.waitForFinished(span * 3 / 10 + static_cast<int>(random.bounded(span * 9 / 10 + 1)))) {
            process.kill(); // SIGKILL wherever it is
            process.waitForFinished(10000);
            ++killed;
        } else {
            ASSERT_EQ(process.exitCode(), 0) << process.readAll().toStdString();
            runs.push_back(timer.elapsed());
            edit.acknowledged = true;
            ++finished;
        }
        edits.push_back(edit);
        const DeviceView view = read(device.folder());
        if (view.integrity != QLatin1String("ok"))
            ++broken;
        EXPECT_EQ(view.integrity, QStringLiteral("ok")) << "after edit " << n;
        // The record and its outbox entry land together or not at all: one more entry at most.
        EXPECT_GE(view.outbox, outbox) << "after edit " << n;
        EXPECT_LE(view.outbox, outbox + 1) << "after edit " << n;
        if (!edit.acknowledged)
            (view.outbox > outbox ? committedAnyway : rolledBack) += 1;
        EXPECT_TRUE(!edit.acknowledged || view.outbox == outbox + 1)
            << "an acknowledged edit left no outbox entry";
        outbox = view.outbox;
    }

    // Every acknowledged edit is in the tables and the outbox; a score's row holds the
    // last acknowledged level of its key or that of a later edit killed after commit.
    const DeviceView view = read(device.folder());
    std::multiset<QString> wantedScores, wantedFindings;
    std::map<QString, QStringList> possible; // unit/item → levels its row may hold
    int acknowledged = 0, missing = 0;
    for (const Edit &edit : edits) {
        const QString key = edit.unit + QLatin1Char('/') + edit.item;
        if (edit.score && edit.acknowledged)
            possible[key] = {edit.value};
        else if (edit.score && possible.count(key))
            possible[key] << edit.value;
        if (!edit.acknowledged)
            continue;
        ++acknowledged;
        if (edit.score) {
            wantedScores.insert(key + QLatin1Char('=') + edit.value);
        } else if (!view.findings.count(edit.value) || !view.outboxFindings.count(edit.value)) {
            ++missing;
            ADD_FAILURE() << "finding lost: " << edit.value.toStdString();
        }
    }
    for (const QString &entry : wantedScores) {
        if (view.outboxScores.count(entry) < wantedScores.count(entry)) {
            ++missing;
            ADD_FAILURE() << "score edit missing from the outbox: " << entry.toStdString();
        }
    }
    for (const auto &[key, levels] : possible) {
        const auto row = view.scores.find(key);
        if (row == view.scores.end() || !levels.contains(row->second)) {
            ++missing;
            ADD_FAILURE() << "score " << key.toStdString() << " holds "
                          << (row == view.scores.end() ? std::string("nothing")
                                                       : row->second.toStdString())
                          << ", acknowledged " << levels.join(QLatin1Char(',')).toStdString();
        }
    }

    // Then to HQ: everything the device holds arrives once.
    const FieldRun sync =
        device.run({QStringLiteral("sync"), QStringLiteral("--timeout"), QStringLiteral("30")});
    ASSERT_EQ(sync.exitCode, 0) << sync.output.toStdString();
    auto hqDatabase = database();
    SqliteConnection db = openDevice(device.folder());
    const FaultTally tally = checkDevice(db, *hqDatabase, QStringLiteral("g1.zhang"), kUnits);
    std::cout << "[fault suite] local edits: " << edits.size() << " edits, SIGKILLed " << killed
              << " (committed " << committedAnyway << ", rolled back " << rolledBack
              << "), finished " << finished + 3 << "; acknowledged by the command " << acknowledged
              << ", missing " << missing << ", integrity failures " << broken
              << "; at HQ: acknowledged " << tally.acknowledged << ", lost " << tally.lost
              << ", duplicated " << tally.duplicated << ", diverged " << tally.diverged
              << std::endl;
    EXPECT_EQ(killed, kills) << "the edits ran faster than the kills could land";
    EXPECT_GT(committedAnyway + rolledBack, 0);
    const std::string examples = tally.examples.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(tally.lost, 0) << examples;
    EXPECT_EQ(tally.duplicated, 0) << examples;
    EXPECT_EQ(tally.diverged, 0) << examples;
    EXPECT_EQ(tally.unresolved, 0) << examples;
    EXPECT_EQ(tally.acknowledged, view.outbox) << "every outbox entry applied once at HQ";
}

ONSITE_E2E_BACKENDS(FaultSuiteLocalEdits);

} // namespace
} // namespace onsite::test
