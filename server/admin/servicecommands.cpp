// onsite-hq commands for the HTTP service and its accounts: serve, set-password, revoke.
#include "admincommands.h"

#include "api/hqapi.h"
#include "commandline.h"
#include "console/consoleservice.h"
#include "console/consolesessions.h"
#include "http/httpserver.h"
#include "hq/scorehistory.h"
#include "store/walcheckpointer.h"
#include "store/writerqueue.h"

#include <boost/asio/ip/address.hpp>

#include <csignal>
#include <iostream>
#include <optional>
#include <pthread.h>
#include <string>
#include <thread>

namespace onsite {

namespace {

struct ListenAddress
{
    QString host;
    quint16 port = 0;
};

std::optional<ListenAddress> parseListen(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return std::nullopt;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    boost::system::error_code ec;
    boost::asio::ip::make_address(host.toStdString(), ec);
    if (!ok || port > 65535 || ec)
        return std::nullopt;
    return ListenAddress{host, static_cast<quint16>(port)};
}

} // namespace

int runSetPassword(const QStringList &arguments, const CommandIo &io)
{
    CommandLine cli(QStringLiteral("set-password"),
                    QStringLiteral("Set the password of ACCOUNT, read as the first line of standard input "
                                   "(at least 8 characters). Stored as an argon2id hash."));
    cli.addPositional(QStringLiteral("ACCOUNT"), QStringLiteral("An account of people.csv."));
    int exitCode = 0;
    if (!cli.parse(arguments, io.out, io.err, exitCode))
        return exitCode;
    return runGuarded(QStringLiteral("set-password"), io.err, [&] {
        const auto connection = cli.dataFolder().open();
        std::string line;
        if (!std::getline(std::cin, line))
            throw std::runtime_error("没有从标准输入读到新密码");
        QString password = QString::fromStdString(line);
        while (password.endsWith(QLatin1Char('\r')) || password.endsWith(QLatin1Char('\n')))
            password.chop(1);
        const QString account = cli.positional().at(0);
        hq::AccountStore(*connection).setPassword(account, password);
        writeText(io.out, QStringLiteral("已设置账号 %1 的密码。\n").arg(account));
        return 0;
    });
}

int runRevoke(const QStringList &arguments, const CommandIo &io)
{
    CommandLine cli(QStringLiteral("revoke"),
                    QStringLiteral("Revoke the sign-in of every device and browser console session of ACCOUNT "
                                   "(or only --device ID). Unsynced data stays on the device until someone signs in again."));
    cli.addPositional(QStringLiteral("ACCOUNT"), QStringLiteral("The account whose devices to sign out."));
    cli.parser().addOption(QCommandLineOption(QStringLiteral("device"), QStringLiteral("Only this device id."),
                                              QStringLiteral("ID")));
    int exitCode = 0;
    if (!cli.parse(arguments, io.out, io.err, exitCode))
        return exitCode;
    return runGuarded(QStringLiteral("revoke"), io.err, [&] {
        const auto connection = cli.dataFolder().open();
        const QString account = cli.positional().at(0);
        hq::AccountStore accounts(*connection);
        if (!accounts.accountExists(account))
            throw std::runtime_error(QStringLiteral("账号“%1”不存在").arg(account).toStdString());
        const int count = accounts.revoke(account, cli.value(QStringLiteral("device")), QDateTime::currentDateTimeUtc());
        writeText(io.out, QStringLiteral("已注销账号 %1 的 %2 台设备。\n").arg(account).arg(count));
        if (cli.value(QStringLiteral("device")).isEmpty()) {
            const int sessions = console::ConsoleSessions(*connection).endAllOf(account);
            writeText(io.out, QStringLiteral("已结束账号 %1 的 %2 个控制台登录。\n").arg(account).arg(sessions));
        }
        return 0;
    });
}

static int runSetAccountDisabled(const QStringList &arguments, const CommandIo &io, bool disabled)
{
    const QString name = disabled ? QStringLiteral("disable-account") : QStringLiteral("enable-account");
    CommandLine cli(name, disabled ? QStringLiteral("Disable ACCOUNT: it can no longer sign in, and every device and "
                                                    "browser session of it is signed out.")
                                   : QStringLiteral("Enable a disabled ACCOUNT again (it signs in anew)."));
    cli.addPositional(QStringLiteral("ACCOUNT"), QStringLiteral("The account."));
    int exitCode = 0;
    if (!cli.parse(arguments, io.out, io.err, exitCode))
        return exitCode;
    return runGuarded(name, io.err, [&] {
        const auto connection = cli.dataFolder().open();
        const QString account = cli.positional().at(0);
        hq::AccountStore accounts(*connection);
        if (!accounts.accountExists(account))
            throw std::runtime_error(QStringLiteral("账号“%1”不存在").arg(account).toStdString());
        accounts.setDisabled(account, disabled, QDateTime::currentDateTimeUtc());
        writeText(io.out, disabled ? QStringLiteral("已停用账号 %1，其所有设备和控制台登录均已注销。\n").arg(account)
                                   : QStringLiteral("已启用账号 %1。\n").arg(account));
        return 0;
    });
}

int runDisableAccount(const QStringList &arguments, const CommandIo &io)
{
    return runSetAccountDisabled(arguments, io, true);
}

int runEnableAccount(const QStringList &arguments, const CommandIo &io)
{
    return runSetAccountDisabled(arguments, io, false);
}

int runServe(const QStringList &arguments, const CommandIo &io)
{
    CommandLine cli(QStringLiteral("serve"), QStringLiteral("Run the HQ HTTP service for devices."));
    QCommandLineParser &parser = cli.parser();
    parser.addOption(QCommandLineOption(QStringLiteral("listen"),
                                        QStringLiteral("Address and port (default 127.0.0.1:8080; port 0 picks a free one)."),
                                        QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:8080")));
    parser.addOption(QCommandLineOption(QStringLiteral("tls-cert"), QStringLiteral("TLS certificate chain (PEM)."),
                                        QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(QStringLiteral("tls-key"), QStringLiteral("TLS private key (PEM)."),
                                        QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(QStringLiteral("insecure"),
                                        QStringLiteral("Allow plain HTTP on a non-loopback address.")));
    parser.addOption(QCommandLineOption(QStringLiteral("max-body"),
                                        QStringLiteral("Largest request body in bytes (default 8388608)."),
                                        QStringLiteral("BYTES"), QStringLiteral("8388608")));
    parser.addOption(QCommandLineOption(QStringLiteral("workers"),
                                        QStringLiteral("Handler threads (default 8; half of them at most check sign-in passwords at once)."),
                                        QStringLiteral("N"), QStringLiteral("8")));
    parser.addOption(QCommandLineOption(QStringLiteral("web-root"),
                                        QStringLiteral("Folder of the built web console (default: %1).")
                                            .arg(console::ConsoleService::defaultWebRoot()),
                                        QStringLiteral("DIR")));
    parser.addOption(QCommandLineOption(QStringLiteral("max-connections-per-address"),
                                        QStringLiteral("Open connections one remote address may hold (default 64)."),
                                        QStringLiteral("N"), QStringLiteral("64")));
    parser.addOption(QCommandLineOption(QStringLiteral("trusted-proxy"),
                                        QStringLiteral("Address of a reverse proxy (nginx) whose X-Forwarded-For names the "
                                                       "device's address; repeat for several. Without it the header is ignored."),
                                        QStringLiteral("ADDR")));
    int exitCode = 0;
    if (!cli.parse(arguments, io.out, io.err, exitCode))
        return exitCode;

    const auto listen = parseListen(cli.value(QStringLiteral("listen")));
    if (!listen) {
        writeText(io.err, QStringLiteral("onsite-hq serve: --listen 应为 HOST:PORT，例如 127.0.0.1:8080\n"));
        return 2;
    }
    http::ServerOptions options;
    options.host = listen->host;
    options.port = listen->port;
    options.tlsCertificateFile = cli.value(QStringLiteral("tls-cert"));
    options.tlsKeyFile = cli.value(QStringLiteral("tls-key"));
    options.maxBodyBytes = cli.value(QStringLiteral("max-body")).toULongLong();
    options.workerThreads = qBound(1, cli.value(QStringLiteral("workers")).toInt(), 64);
    options.maxConnectionsPerAddress =
        qBound(1, cli.value(QStringLiteral("max-connections-per-address")).toInt(), options.maxConnections);
    for (const QString &proxy : parser.values(QStringLiteral("trusted-proxy"))) {
        boost::system::error_code error;
        boost::asio::ip::make_address(proxy.trimmed().toStdString(), error);
        if (error) {
            writeText(io.err, QStringLiteral("onsite-hq serve: --trusted-proxy 应为 IP 地址，例如 127.0.0.1：%1\n").arg(proxy));
            return 2;
        }
        options.trustedProxies.push_back(proxy.trimmed().toStdString());
    }
    const bool tls = !options.tlsCertificateFile.isEmpty() || !options.tlsKeyFile.isEmpty();
    const bool loopback = boost::asio::ip::make_address(listen->host.toStdString()).is_loopback();
    if (!tls && !loopback && !parser.isSet(QStringLiteral("insecure"))) {
        writeText(io.err, QStringLiteral("onsite-hq serve: 拒绝在非本机地址 %1 上以明文 HTTP 提供服务；"
                                         "请用 --tls-cert/--tls-key 启用 TLS，或确认风险后加 --insecure\n")
                              .arg(listen->host));
        return 2;
    }
    if (options.maxBodyBytes < 1024) {
        writeText(io.err, QStringLiteral("onsite-hq serve: --max-body 至少为 1024\n"));
        return 2;
    }

    return runGuarded(QStringLiteral("serve"), io.err, [&] {
        const HqDataFolder folder = cli.dataFolder();
        folder.open(); // migrates once, before any worker connects
        hq::installHistoryKey(hq::historyKey(folder.path())); // keys the score history of every push
        // Signals are taken by sigwait below, so block them before any thread starts.
        sigset_t signals;
        sigemptyset(&signals);
        sigaddset(&signals, SIGINT);
        sigaddset(&signals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &signals, nullptr);

        // SQLite's writers queue here instead of sleeping in its busy handler (WriterQueue).
        const auto writers = std::make_shared<WriterQueue>();
        hq::ConnectionPool pool([folder, writers]() -> std::unique_ptr<SqlConnection> {
            auto connection = folder.connect();
            if (folder.usesPostgres())
                return connection;
            // A push writes several indexes at random places (record ids are UUIDs): in
            // SQLite's default 2 MiB page cache a batch spilled and re-read pages, more so
            // as HQ grew (docs/BENCHMARKS.md). The cache grows only as pages are used.
            // Checkpoints run on their own thread (WalCheckpointer below), not in a commit.
            connection->executeScript(QStringLiteral("PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 0;"));
            return std::make_unique<QueuedWriterConnection>(std::move(connection), writers);
        });
        std::optional<WalCheckpointer> checkpointer;
        if (!folder.usesPostgres())
            checkpointer.emplace(folder.connect(), std::chrono::milliseconds(200));
        hq::HqApi api(pool, folder.path(), options.workerThreads);
        const QString webRoot = parser.isSet(QStringLiteral("web-root")) ? cli.value(QStringLiteral("web-root"))
                                                                          : console::ConsoleService::defaultWebRoot();
        console::ConsoleService console(pool, api.loginThrottle(), folder.path(), webRoot, tls);
        options.screen = [&api, &console](const http::Request &header) {
            if (auto refusal = console.screen(header))
                return refusal;
            return api.screen(header);
        };
        http::HttpServer server(options, [&api, &console](const http::Request &request) {
            if (auto answer = console.handle(request))
                return std::move(*answer);
            return api.handle(request);
        });
        if (!console.site().hasBundle()) {
            writeText(io.out, QStringLiteral("onsite-hq: 未找到网页控制台（%1），浏览器访问将提示先构建控制台\n")
                                  .arg(webRoot));
        }
        server.listen();
        const QString scheme = server.usesTls() ? QStringLiteral("https") : QStringLiteral("http");
        const QString host = listen->host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(listen->host) : listen->host;
        writeText(io.out, QStringLiteral("onsite-hq listening on %1://%2:%3 (data: %4)\n")
                              .arg(scheme, host)
                              .arg(server.port())
                              .arg(folder.describeDatabase()));
        std::thread serving([&server] { server.run(); });
        std::thread warming([&console, &io] {
            try {
                console.warmUp();
            } catch (const std::exception &error) { // the first request computes them then
                writeText(io.err, QStringLiteral("onsite-hq: 预先计算结果失败：%1\n").arg(QString::fromUtf8(error.what())));
            }
        });
        int received = 0;
        sigwait(&signals, &received);
        writeText(io.err, QStringLiteral("onsite-hq: stopping\n"));
        server.stop();
        serving.join();
        warming.join();
        return 0;
    });
}

} // namespace onsite

namespace onsite {

int runConflicts(const QStringList &arguments, const CommandIo &io)
{
    CommandLine cli(QStringLiteral("conflicts"),
                    QStringLiteral("List edits that lost to a later concurrent edit of the same record. "
                                   "They are kept so that nobody's work disappears silently."));
    int exitCode = 0;
    if (!cli.parse(arguments, io.out, io.err, exitCode))
        return exitCode;
    return runGuarded(QStringLiteral("conflicts"), io.err, [&] {
        const auto connection = cli.dataFolder().open();
        const auto rows = connection->query(QStringLiteral(
            "SELECT recorded_at, entity, entity_id, unit_code, account, device_id, data FROM hq_conflicts ORDER BY recorded_at"));
        if (rows.empty()) {
            writeText(io.out, QStringLiteral("没有冲突记录。\n"));
            return 0;
        }
        for (const SqlRow &row : rows) {
            writeText(io.out, QStringLiteral("%1  %2 %3  单位 %4  %5（设备 %6）被覆盖的内容：%7\n")
                                  .arg(row[0].toString(), row[1].toString(), row[2].toString(), row[3].toString(),
                                       row[4].toString(), row[5].toString(), row[6].toString()));
        }
        writeText(io.out, QStringLiteral("共 %1 条冲突记录。\n").arg(rows.size()));
        return 0;
    });
}

} // namespace onsite
