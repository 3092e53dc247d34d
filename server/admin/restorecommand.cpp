// onsite-hq after-restore: gives HQ a new incarnation once its database was put back
// from a backup, so that devices re-send what HQ acknowledged after the backup and pull
// everything again (docs/DEPLOY.md §Restore).
#include "admincommands.h"

#include "commandline.h"
#include "hq/incarnation.h"

namespace onsite {

int runAfterRestore(const QStringList &arguments, const CommandIo &io)
{
    CommandLine cli(QStringLiteral("after-restore"),
                    QStringLiteral("Run once after restoring the database from a backup, before devices sync again: "
                                   "HQ takes a new incarnation id, and every device that sees it re-sends the records "
                                   "it made (HQ keeps each once) and the photos HQ lacks, and pulls everything again."));
    int exitCode = 0;
    if (!cli.parse(arguments, io.out, io.err, exitCode))
        return exitCode;
    return runGuarded(QStringLiteral("after-restore"), io.err, [&] {
        const auto connection = cli.dataFolder().open();
        const QString before = hq::Incarnation::current(*connection);
        const QString after = hq::Incarnation::renew(*connection, QDateTime::currentDateTimeUtc());
        writeText(io.out, QStringLiteral("总部数据的新标识：%1（原为 %2）。设备下次同步时会重新上传本机记录并重新下载全部数据；"
                                         "总部在备份之后自己录入的内容（补录、控制台操作）请重新录入。\n")
                              .arg(after, before));
        return 0;
    });
}

} // namespace onsite
