// onsite-hq: the HQ service and its admin commands.
#include "admin/admincommands.h"
#include "admin/commandline.h"
#include "export/headlessgui.h"
#include "system/hugepages.h"

#include <QCoreApplication>

#include <sys/stat.h>

#include <functional>
#include <map>
#include <memory>

namespace {

const char *const kUsage = R"(Usage: onsite-hq COMMAND [options]

Commands:
  init                 Create an empty HQ data folder.
  import-campaign DIR  Import a campaign's CSV files (all or nothing).
  import-scores FILE   Import paper scores (补录) from a CSV file (all or nothing).
  results              Print totals, ranks and grades (--format table|csv|json).
  serve                Run the HTTP service for devices (--listen HOST:PORT).
  set-password ACCOUNT Set an account's password (read from standard input).
  revoke ACCOUNT       Sign out every device of an account (or --device ID).
  disable-account ACCOUNT / enable-account ACCOUNT
                       Stop an account from signing in (signing it out everywhere), or allow it again.
  conflicts            List edits that lost to a later concurrent edit.
  export KIND          Export results (xlsx|csv), findings (xlsx) or the report (pdf)
                       to --out FILE, live or a published --version N; or the follow-up:
                       rectifications, experiences, innovations, dispatch [--week 2026-W27].
  verify-history       Check the keyed score history; non-zero exit on any break.
  after-restore        Run once after putting the database back from a backup: devices
                       then re-send what HQ lost and pull everything again.
  release-findings U   Release units' findings to their liaisons as rectification items
                       (U: DC,QS or all); 整改 then follows in the console.
  import-items FILE    Add rectification items from 巡视反馈, 大通报 or other sources (CSV).

Every command takes --data DIR (the HQ data folder), --db URL (PostgreSQL instead
of the folder's SQLite file) and --help.
)";

} // namespace

int main(int argc, char *argv[])
{
    onsite::restartWithHugePages(argv); // before anything is allocated or opened
    // Scores, accounts, photos and keys are for HQ's own user only: every file and
    // folder onsite-hq creates is private (0600/0700) whatever the caller's umask.
    ::umask(0077);
    // The PDF report (export, and the console's exports under serve) paints text with
    // QtGui, which needs a QGuiApplication; it stays headless on the offscreen platform.
    const bool needsGui = argc > 1 && (qstrcmp(argv[1], "export") == 0 || qstrcmp(argv[1], "serve") == 0);
    const std::unique_ptr<QCoreApplication> app =
        needsGui ? onsite::exports::createHeadlessGuiApplication(argc, argv)
                 : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("onsite-hq"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ONSITE_VERSION));

    using Command = std::function<int(const QStringList &, const onsite::CommandIo &)>;
    const std::map<QString, Command> commands = {
        {QStringLiteral("init"), onsite::runInit},
        {QStringLiteral("import-campaign"), onsite::runImportCampaign},
        {QStringLiteral("import-scores"), onsite::runImportScores},
        {QStringLiteral("results"), onsite::runResults},
        {QStringLiteral("serve"), onsite::runServe},
        {QStringLiteral("set-password"), onsite::runSetPassword},
        {QStringLiteral("revoke"), onsite::runRevoke},
        {QStringLiteral("disable-account"), onsite::runDisableAccount},
        {QStringLiteral("enable-account"), onsite::runEnableAccount},
        {QStringLiteral("conflicts"), onsite::runConflicts},
        {QStringLiteral("export"), onsite::runExport},
        {QStringLiteral("verify-history"), onsite::runVerifyHistory},
        {QStringLiteral("after-restore"), onsite::runAfterRestore},
        {QStringLiteral("release-findings"), onsite::runReleaseFindings},
        {QStringLiteral("import-items"), onsite::runImportItems},
    };

    QStringList arguments = QCoreApplication::arguments().mid(1);
    if (arguments.isEmpty() || arguments.front() == QLatin1String("--help") || arguments.front() == QLatin1String("-h")) {
        onsite::writeText(arguments.isEmpty() ? stderr : stdout, QString::fromUtf8(kUsage));
        return arguments.isEmpty() ? 2 : 0;
    }
    if (arguments.front() == QLatin1String("--version")) {
        onsite::writeText(stdout, QStringLiteral("onsite-hq %1\n").arg(QCoreApplication::applicationVersion()));
        return 0;
    }
    const QString name = arguments.takeFirst();
    const auto command = commands.find(name);
    if (command == commands.end()) {
        onsite::writeText(stderr, QStringLiteral("onsite-hq: 未知的命令“%1”\n\n%2").arg(name, QString::fromUtf8(kUsage)));
        return 2;
    }
    return command->second(arguments, onsite::CommandIo{});
}
