// What encrypting the device database costs (docs/BENCHMARKS.md, "Data at rest"):
// the same work on a plain SQLite file and on one opened through EncryptedVfs, in
// alternating rounds so machine load falls on both alike. The work is the device's:
// open and migrate the core schema, score one entry per transaction (synchronous=FULL,
// as the app commits each score), and load a unit's score list again and again.
//
//   onsite-atrest-bench [--writes N] [--loads N] [--rounds N] [--dir DIR] [--json FILE]
#include "store/encryptedvfs.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace onsite;

namespace {

struct Figures
{
    double openMs = 0;
    double writesMs = 0;
    double loadsMs = 0;
    double reopenMs = 0;
    double coldLoadsMs = 0; // each on a new connection: every page read (and decrypted) again
    qint64 fileBytes = 0;
};

Figures runOnce(const QString &path, const QByteArray &key, int writes, int loads)
{
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
    Figures f;
    QElapsedTimer timer;
    timer.start();
    auto db = std::make_unique<SqliteConnection>(path, key);
    db->executeScript(QStringLiteral("PRAGMA foreign_keys = OFF"));
    migrateSchema(*db);
    f.openMs = timer.nsecsElapsed() / 1e6;

    const int units = 50;
    const int indicators = writes / units + 1;
    timer.restart();
    for (int i = 0; i < writes; ++i) {
        SqlTransaction transaction(*db);
        db->execute(QStringLiteral("INSERT INTO score_entries (id, unit_code, indicator_code, account, kind, input, "
                                   "reason, recorded_at, source) VALUES (?, ?, ?, 'g1.zhang', 'rater', ?, '', ?, 'device') "
                                   "ON CONFLICT (id) DO UPDATE SET input = excluded.input"),
                    {QStringLiteral("s-%1").arg(i), QStringLiteral("U%1").arg(i % units),
                     QStringLiteral("%1.%2").arg(i / units % indicators).arg(i % 7), QString::number(60 + i % 40),
                     QStringLiteral("2026-06-01T08:00:00.000Z")});
        transaction.commit();
    }
    f.writesMs = timer.nsecsElapsed() / 1e6;

    timer.restart();
    qint64 rows = 0;
    for (int i = 0; i < loads; ++i)
        rows += static_cast<qint64>(
            db->query(QStringLiteral("SELECT indicator_code, input, recorded_at FROM score_entries WHERE unit_code = ? "
                                     "ORDER BY indicator_code"),
                      {QStringLiteral("U%1").arg(i % units)})
                .size());
    f.loadsMs = timer.nsecsElapsed() / 1e6;
    if (rows == 0)
        std::fprintf(stderr, "no rows loaded\n");
    db.reset();

    timer.restart();
    SqliteConnection reopened(path, key);
    reopened.query(QStringLiteral("SELECT count(*) FROM score_entries"));
    f.reopenMs = timer.nsecsElapsed() / 1e6;
    f.fileBytes = QFile(path).size();

    timer.restart();
    for (int i = 0; i < loads / 10; ++i) {
        SqliteConnection cold(path, key);
        cold.query(QStringLiteral("SELECT unit_code, indicator_code, input FROM score_entries ORDER BY unit_code"));
    }
    f.coldLoadsMs = timer.nsecsElapsed() / 1e6;
    return f;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int writes = 10000;
    int loads = 2000;
    int rounds = 3;
    QString folder;
    QString json;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--writes"))
            writes = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--loads"))
            loads = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--rounds"))
            rounds = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--dir"))
            folder = args[i + 1];
        else if (args[i] == QLatin1String("--json"))
            json = args[i + 1];
    }
    QTemporaryDir temporary;
    if (folder.isEmpty())
        folder = temporary.path();
    QDir().mkpath(folder);
    const QByteArray key = EncryptedVfs::newKey();

    std::vector<double> open[2], write[2], load[2], reopen[2], cold[2];
    qint64 bytes[2] = {0, 0};
    for (int r = 0; r < rounds; ++r) {
        for (int variant = 0; variant < 2; ++variant) {
            const bool encrypted = ((variant ^ r) & 1) == 1; // who goes first alternates
            const int slot = encrypted ? 1 : 0;
            const Figures f = runOnce(QDir(folder).filePath(encrypted ? QStringLiteral("encrypted.sqlite")
                                                                      : QStringLiteral("plain.sqlite")),
                                      encrypted ? key : QByteArray(), writes, loads);
            open[slot].push_back(f.openMs);
            write[slot].push_back(f.writesMs);
            load[slot].push_back(f.loadsMs);
            reopen[slot].push_back(f.reopenMs);
            cold[slot].push_back(f.coldLoadsMs);
            bytes[slot] = f.fileBytes;
            std::printf("round %d %-9s open %7.1f ms  %d writes %8.1f ms  %d loads %7.1f ms  reopen %5.1f ms  "
                        "%d cold full loads %7.1f ms\n",
                        r + 1, encrypted ? "encrypted" : "plain", f.openMs, writes, f.writesMs, loads, f.loadsMs,
                        f.reopenMs, loads / 10, f.coldLoadsMs);
        }
    }
    auto line = [](const char *what, const std::vector<double> &plain, const std::vector<double> &sealed) {
        const double p = median(plain);
        const double e = median(sealed);
        std::printf("%-28s plain %9.1f ms  encrypted %9.1f ms  ratio %.2f\n", what, p, e, p > 0 ? e / p : 0.0);
    };
    std::printf("\nmedians of %d rounds\n", rounds);
    line("open + schema", open[0], open[1]);
    line("score writes (1 per commit)", write[0], write[1]);
    line("unit score list loads", load[0], load[1]);
    line("reopen + count", reopen[0], reopen[1]);
    line("cold full-table loads", cold[0], cold[1]);
    std::printf("%-28s plain %9lld B   encrypted %9lld B\n", "file size", static_cast<long long>(bytes[0]),
                static_cast<long long>(bytes[1]));
    if (!json.isEmpty()) {
        // Medians in milliseconds, for bench/write-report.js.
        auto pair = [](const std::vector<double> &plain, const std::vector<double> &sealed) {
            return QJsonObject{{QStringLiteral("plain_ms"), median(plain)},
                               {QStringLiteral("encrypted_ms"), median(sealed)}};
        };
        const QJsonObject figures{
            {QStringLiteral("writes"), writes},
            {QStringLiteral("loads"), loads},
            {QStringLiteral("rounds"), rounds},
            {QStringLiteral("open"), pair(open[0], open[1])},
            {QStringLiteral("score_writes"), pair(write[0], write[1])},
            {QStringLiteral("unit_loads"), pair(load[0], load[1])},
            {QStringLiteral("reopen"), pair(reopen[0], reopen[1])},
            {QStringLiteral("cold_loads"), pair(cold[0], cold[1])},
            {QStringLiteral("file_bytes"), QJsonObject{{QStringLiteral("plain"), bytes[0]},
                                                       {QStringLiteral("encrypted"), bytes[1]}}}};
        QFile file(json);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(QJsonDocument(figures).toJson()) < 0) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(json));
            return 1;
        }
    }
    return 0;
}
