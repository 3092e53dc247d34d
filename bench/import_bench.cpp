// onsite-import-bench: `onsite-hq import-scores` at HQ scale (docs/BENCHMARKS.md,
// "Paper scores (补录) at scale").
//
// A generated campaign (bench/resultscampaign.h: units × 等次评价 items × raters) is
// written as scores-paper.csv; each onsite-hq given with --hq (e.g. a build before a
// change and one after) imports it into a fresh data folder holding the campaign, in
// turn, as its own process: lines/s, CPU and peak RSS from wait4. Beside them, the
// same rows inserted straight into score_entries in one transaction (the local
// limit, no rules, feed or history), and every row the import keeps for a line (score,
// history, feed change, clock) inserted the same way: its storage floor. After each import the data folder must hold every
// line once in score_entries, the change feed and the score history.
// --smoke (in ctest) imports a tiny file with the built onsite-hq and checks that.
#include "procstats.h"
#include "resultscampaign.h"

#include "hq/hqschema.h"
#include "hq/hqwriter.h"
#include "protocol/records.h"
#include "store/campaignstore.h"
#include "store/sqliteconnection.h"
#include "system/recordid.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>

#include <sqlite3.h>

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace onsite;
using namespace onsite::bench;

namespace {

QTextStream out(stdout);

struct Run
{
    QString what;
    int exitCode = -1;
    double wall = 0, cpu = 0, rssMb = 0;
    qint64 scores = 0, feed = 0, history = 0;
};

// Writes the campaign's scores as scores-paper.csv (UTF-8 with BOM, CRLF, as Excel saves it).
qint64 writePaperCsv(const QString &path, const CampaignSetup &setup, const ResultsShape &shape)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write("\xEF\xBB\xBF");
    file.write(QStringLiteral("账号,单位编码,指标编号,类型,评分输入,说明\r\n").toUtf8());
    qint64 lines = 0;
    generateResultsScores(setup, shape, 50000, [&](const std::vector<ScoreEntry> &chunk) {
        QByteArray text;
        for (const ScoreEntry &e : chunk) {
            text += QStringList{e.account, e.unitCode, e.indicatorCode,
                                e.kind == ScoreKind::Final ? QStringLiteral("核定") : QStringLiteral("评分"), e.input,
                                e.reason}
                        .join(QLatin1Char(','))
                        .toUtf8();
            text += "\r\n";
        }
        file.write(text);
        lines += static_cast<qint64>(chunk.size());
    });
    return lines;
}

// A data folder as `onsite-hq init` and `import-campaign` leave it: hq.sqlite with the campaign.
void makeDataFolder(const QString &dir, const CampaignSetup &setup)
{
    QDir().mkpath(dir);
    SqliteConnection db(QDir(dir).filePath(QStringLiteral("hq.sqlite")));
    hq::migrateHqDatabase(db);
    CampaignStore(db).saveSetup(setup);
}

Run runImport(const QString &hq, const QString &csv, const QString &dir)
{
    Run run;
    run.what = hq;
    const QByteArray program = QFile::encodeName(hq), command = "import-scores", file = QFile::encodeName(csv),
                     data = "--data", folder = QFile::encodeName(dir);
    char *argv[] = {const_cast<char *>(program.constData()), const_cast<char *>(command.constData()),
                    const_cast<char *>(file.constData()), const_cast<char *>(data.constData()),
                    const_cast<char *>(folder.constData()), nullptr};
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv, environ) != 0)
        qFatal("cannot start %s", argv[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    run.wall = timer.nsecsElapsed() / 1e9;
    run.cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
    run.rssMb = usage.ru_maxrss / 1024.0;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    SqliteConnection db(QDir(dir).filePath(QStringLiteral("hq.sqlite")));
    auto count = [&](const char *sql) { return db.query(QString::fromLatin1(sql)).front()[0].toLongLong(); };
    run.scores = count("SELECT COUNT(*) FROM score_entries WHERE source = 'paper'");
    run.feed = count("SELECT COUNT(*) FROM hq_changes WHERE entity = 'score'");
    run.history = count("SELECT COUNT(*) FROM score_history WHERE entity = 'score' AND origin = 'paper'");
    return run;
}

// A baseline: rows inserted straight into a fresh HQ database's tables, one prepared
// statement per table, one transaction (synchronous=FULL, as HQ commits), timed from the
// open to the end of the commit. Each statement takes what it needs of the numbered
// parameters: ?1 id, ?2 unit, ?3 item, ?4 account, ?5 kind, ?6 input, ?7 reason,
// ?8 recorded_at; with `feedFields` also ?9 now, ?10 seq, ?11 the score's JSON, ?12 clock.
struct RawBaseline
{
    QString what;
    const char *pragmas;
    std::vector<const char *> statements;
    bool feedFields = false;
};

Run rawInserts(const QString &dir, const CampaignSetup &setup, const ResultsShape &shape, const RawBaseline &baseline)
{
    makeDataFolder(dir, setup);
    Run run;
    run.what = baseline.what;
    const double cpu = cpuSeconds();
    QElapsedTimer timer;
    timer.start();
    sqlite3 *db = nullptr;
    sqlite3_open(QFile::encodeName(QDir(dir).filePath(QStringLiteral("hq.sqlite"))).constData(), &db);
    sqlite3_exec(db, baseline.pragmas, nullptr, nullptr, nullptr);
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    std::vector<sqlite3_stmt *> inserts;
    for (const char *text : baseline.statements) {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(db, text, -1, &statement, nullptr) != SQLITE_OK)
            qFatal("%s: %s", qPrintable(baseline.what), sqlite3_errmsg(db));
        inserts.push_back(statement);
    }
    const QByteArray now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    qint64 seq = 0;
    generateResultsScores(setup, shape, 50000, [&](const std::vector<ScoreEntry> &chunk) {
        for (const ScoreEntry &e : chunk) {
            ++seq;
            // The id as import-scores makes it (time-ordered), not the generator's.
            QByteArray fields[12] = {newRecordId().toUtf8(),
                                     e.unitCode.toUtf8(),
                                     e.indicatorCode.toUtf8(),
                                     e.account.toUtf8(),
                                     e.kind == ScoreKind::Final ? "final" : "rater",
                                     e.input.toUtf8(),
                                     e.reason.toUtf8(),
                                     e.recordedAt.toString(Qt::ISODateWithMs).toUtf8()};
            if (baseline.feedFields) {
                fields[8] = now;
                fields[10] = protocol::scoreJsonText(e).toUtf8();
                fields[11] = hq::HqWriter::clock(nowMs, seq).toUtf8();
            }
            for (sqlite3_stmt *insert : inserts) {
                const int parameters = sqlite3_bind_parameter_count(insert);
                for (int i = 0; i < parameters; ++i) {
                    if (i == 9)
                        sqlite3_bind_int64(insert, 10, seq);
                    else
                        sqlite3_bind_text(insert, i + 1, fields[i].constData(), static_cast<int>(fields[i].size()),
                                          SQLITE_TRANSIENT);
                }
                if (sqlite3_step(insert) != SQLITE_DONE)
                    qFatal("%s failed: %s", qPrintable(baseline.what), sqlite3_errmsg(db));
                sqlite3_reset(insert);
            }
            ++run.scores;
        }
    });
    for (sqlite3_stmt *insert : inserts)
        sqlite3_finalize(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    run.wall = timer.nsecsElapsed() / 1e9;
    run.cpu = cpuSeconds() - cpu;
    run.exitCode = 0;
    return run;
}

// The local limit: the score rows alone (no rules, feed or history).
const RawBaseline kScoreRows{QStringLiteral("raw INSERT into score_entries"),
                             "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
                             {"INSERT INTO score_entries (id, unit_code, indicator_code, account, kind, input, reason, "
                              "recorded_at, source, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'paper', ?8)"}};

// The import's storage floor: every row import-scores keeps for a line (the score, its
// history row, its feed change and its clock), with the import's page cache. No CSV,
// rules, JSON or MACs (the MAC column holds a fixed text; the feed's data is the score's
// JSON made before the row is bound, as the import makes it): what the import would cost
// if everything but its writes were free.
const RawBaseline kKeptRows{
    QStringLiteral("raw INSERT of every kept row (score, history, feed, clock)"),
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536;",
    {"INSERT INTO score_entries (id, unit_code, indicator_code, account, kind, input, reason, recorded_at, source, "
     "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'paper', ?9)",
     "INSERT INTO score_history (seq, entity, entity_id, unit_code, indicator_code, kind, action, account, origin, "
     "changed_at, new_value, reason, mac) VALUES (?10, 'score', ?1, ?2, ?3, ?5, 'create', ?4, 'paper', ?9, ?6, ?7, "
     "'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff')",
     "INSERT INTO hq_changes (seq, entity, entity_id, unit_code, op, data, account, changed_at) VALUES "
     "(?10, 'score', ?1, ?2, 'upsert', ?11, ?4, ?9)",
     "INSERT INTO hq_record_clocks (entity, entity_id, hlc, device_id, change_seq) VALUES ('score', ?1, ?12, "
     "'paper', ?10)"},
    true};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("onsite-hq import-scores at scale beside raw inserts."));
    parser.addHelpOption();
    const QCommandLineOption hqOption(QStringLiteral("hq"), QStringLiteral("An onsite-hq to time (repeat to compare builds)."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption unitsOption(QStringLiteral("units"), QStringLiteral("Units."), QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption itemsOption(QStringLiteral("items"), QStringLiteral("Items per unit."), QStringLiteral("M"), QStringLiteral("200"));
    const QCommandLineOption ratersOption(QStringLiteral("raters"), QStringLiteral("Raters per unit."), QStringLiteral("R"), QStringLiteral("10"));
    const QCommandLineOption workOption(QStringLiteral("work"), QStringLiteral("Folder for the file and the data folders."),
                                        QStringLiteral("DIR"), QDir::temp().filePath(QStringLiteral("onsite-import-bench")));
    const QCommandLineOption smokeOption(QStringLiteral("smoke"), QStringLiteral("Tiny file, checked (ctest)."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Write the figures here."), QStringLiteral("FILE"));
    parser.addOptions({hqOption, unitsOption, itemsOption, ratersOption, workOption, smokeOption, jsonOption});
    parser.process(app);

    const bool smoke = parser.isSet(smokeOption);
    ResultsShape shape{parser.value(unitsOption).toInt(), parser.value(itemsOption).toInt(), parser.value(ratersOption).toInt()};
    if (smoke)
        shape = ResultsShape{60, 40, 10}; // 24,000 lines: more than one chunk of import-scores
    const QStringList hqs = parser.values(hqOption);
    if (hqs.isEmpty()) {
        out << "onsite-import-bench: --hq PATH is needed\n";
        return 2;
    }
    const QString work = parser.value(workOption);
    QDir(work).removeRecursively();
    QDir().mkpath(work);
    const CampaignSetup setup = generateResultsSetup(shape);
    const QString csv = QDir(work).filePath(QStringLiteral("scores-paper.csv"));
    const qint64 lines = writePaperCsv(csv, setup, shape);
    out << QStringLiteral("scores-paper.csv: %1 lines, %2 MB (%3 units × %4 items × %5 raters)\n")
               .arg(lines).arg(QFileInfo(csv).size() / 1e6, 0, 'f', 1).arg(shape.units).arg(shape.items).arg(shape.raters);
    const double loadBefore = loadAverage();
    out << QStringLiteral("load average before: %1\n").arg(loadBefore);
    out.flush();

    std::vector<Run> runs;
    for (int i = 0; i < hqs.size(); ++i) {
        const QString dir = QDir(work).filePath(QStringLiteral("hq-%1").arg(i + 1));
        makeDataFolder(dir, setup);
        runs.push_back(runImport(hqs[i], csv, dir));
        QDir(dir).removeRecursively();
    }
    if (!smoke) {
        const QString dir = QDir(work).filePath(QStringLiteral("raw"));
        runs.push_back(rawInserts(dir, setup, shape, kScoreRows));
        QDir(dir).removeRecursively();
        const QString keptDir = QDir(work).filePath(QStringLiteral("kept"));
        runs.push_back(rawInserts(keptDir, setup, shape, kKeptRows));
        QDir(keptDir).removeRecursively();
    }
    bool ok = true;
    QJsonArray figures;
    for (const Run &run : runs) {
        const bool whole = run.exitCode == 0 && run.scores == lines &&
                           (run.what.startsWith(QLatin1String("raw")) || (run.feed == lines && run.history == lines));
        ok = ok && whole;
        out << QStringLiteral("%1: exit %2, %3 s, %4 lines/s (CPU %5 s, peak RSS %6 MB); scores %7, feed %8, history %9%10\n")
                   .arg(run.what).arg(run.exitCode).arg(run.wall, 0, 'f', 2).arg(lines / run.wall, 0, 'f', 0)
                   .arg(run.cpu, 0, 'f', 2).arg(run.rssMb, 0, 'f', 0).arg(run.scores).arg(run.feed).arg(run.history)
                   .arg(whole ? QString() : QStringLiteral(" — INCOMPLETE"));
        figures.append(QJsonObject{{QStringLiteral("what"), run.what},
                                   {QStringLiteral("seconds"), run.wall},
                                   {QStringLiteral("cpu_s"), run.cpu},
                                   {QStringLiteral("rss_mb"), run.rssMb},
                                   {QStringLiteral("lines_per_s"), lines / run.wall},
                                   {QStringLiteral("lines_per_cpu_s"), run.cpu > 0 ? lines / run.cpu : 0.0},
                                   {QStringLiteral("exit_code"), run.exitCode},
                                   {QStringLiteral("scores"), static_cast<double>(run.scores)},
                                   {QStringLiteral("feed"), static_cast<double>(run.feed)},
                                   {QStringLiteral("history"), static_cast<double>(run.history)},
                                   {QStringLiteral("whole"), whole}});
    }
    const double loadAfter = loadAverage();
    out << QStringLiteral("load average after: %1\n").arg(loadAfter);
    // --json FILE (bench/run-all.sh reads it; keep the keys stable):
    // {"lines": lines in scores-paper.csv, "units","items","raters": the campaign's shape,
    //  "load_before","load_after": load average (1 min) before and after the runs,
    //  "runs": [{"what": the onsite-hq path given with --hq, or "raw INSERT …" for the
    //            baseline, "seconds": wall, "cpu_s": user + system CPU of the import process,
    //            "rss_mb": its peak RSS, "lines_per_s", "lines_per_cpu_s", "exit_code",
    //            "scores","feed","history": rows stored afterwards, "whole": every line stored
    //            once in each}]}
    if (parser.isSet(jsonOption)) {
        QFile file(parser.value(jsonOption));
        if (file.open(QIODevice::WriteOnly))
            file.write(QJsonDocument(QJsonObject{{QStringLiteral("lines"), lines},
                                                 {QStringLiteral("units"), shape.units},
                                                 {QStringLiteral("items"), shape.items},
                                                 {QStringLiteral("raters"), shape.raters},
                                                 {QStringLiteral("load_before"), loadBefore},
                                                 {QStringLiteral("load_after"), loadAfter},
                                                 {QStringLiteral("runs"), figures}})
                           .toJson());
    }
    if (smoke) {
        // All or nothing across chunks: the same file with a bad last line stores nothing.
        QFile file(csv);
        file.open(QIODevice::Append);
        file.write(QStringLiteral("g1.r2,U00001,1.1,评分,极好,\r\n").toUtf8());
        file.close();
        const QString dir = QDir(work).filePath(QStringLiteral("bad"));
        makeDataFolder(dir, setup);
        const Run bad = runImport(hqs.front(), csv, dir);
        const bool nothing = bad.exitCode != 0 && bad.scores == 0 && bad.feed == 0 && bad.history == 0;
        out << QStringLiteral("a bad last line: exit %1, scores %2, feed %3, history %4%5\n")
                   .arg(bad.exitCode).arg(bad.scores).arg(bad.feed).arg(bad.history)
                   .arg(nothing ? QString() : QStringLiteral(" — SOMETHING WAS STORED"));
        ok = ok && nothing;
        QDir(work).removeRecursively();
    }
    return ok ? 0 : 1;
}
