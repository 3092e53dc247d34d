// onsite-hq release-findings / import-items: the follow-up ledger from the command line,
// through the same store (and history) as the console.
#include "admincommands.h"

#include "commandline.h"
#include "followup/rectificationledger.h"
#include "hq/scorehistory.h"
#include "import/csvtable.h"
#include "store/campaignstore.h"

#include <QFileInfo>

namespace onsite {

int runReleaseFindings(const QStringList &arguments, const CommandIo &io)
{
    CommandLine cli(QStringLiteral("release-findings"),
                    QStringLiteral("Release units' findings to their liaisons (下发整改): every finding not yet in the "
                                   "rectification ledger becomes an item 待认领. Releasing again adds findings that "
                                   "arrived since."));
    cli.addPositional(QStringLiteral("UNITS"), QStringLiteral("Unit codes (units.csv) separated by commas, or \"all\"."));
    int exitCode = 0;
    if (!cli.parse(arguments, io.out, io.err, exitCode))
        return exitCode;
    return runGuarded(QStringLiteral("release-findings"), io.err, [&] {
        HqDataFolder folder = cli.dataFolder();
        const auto connection = folder.open();
        CampaignStore store(*connection);
        const CampaignSetup setup = requireSetup(store, folder.path());
        QStringList units = cli.positional().at(0).split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (units == QStringList{QStringLiteral("all")}) {
            units.clear();
            for (const Unit &unit : setup.units)
                units << unit.code;
        }
        followup::RectificationLedger ledger(*connection, setup, hq::historyKey(folder.path()), folder.path());
        for (const QString &unit : units) {
            if (!setup.unit(unit))
                throw std::runtime_error(QStringLiteral("没有被考评单位“%1”（见 units.csv）").arg(unit).toStdString());
        }
        for (const QString &unit : units) {
            const int created = ledger.release(unit, QStringLiteral("onsite-hq"), QDateTime::currentDateTimeUtc());
            writeText(io.out, QStringLiteral("%1：下发 %2 条整改事项。\n").arg(unit).arg(created));
        }
        return 0;
    });
}

int runImportItems(const QStringList &arguments, const CommandIo &io)
{
    CommandLine cli(QStringLiteral("import-items"),
                    QStringLiteral("Import rectification items from other sources (巡视反馈, 大通报, 其他): columns "
                                   "单位编码,来源,类型,指标编号,问题,整改建议,时限. The whole file is rejected if any "
                                   "line is invalid."));
    cli.addPositional(QStringLiteral("FILE"), QStringLiteral("The items CSV file."));
    int exitCode = 0;
    if (!cli.parse(arguments, io.out, io.err, exitCode))
        return exitCode;
    return runGuarded(QStringLiteral("import-items"), io.err, [&] {
        HqDataFolder folder = cli.dataFolder();
        const auto connection = folder.open();
        CampaignStore store(*connection);
        const CampaignSetup setup = requireSetup(store, folder.path());
        const QString path = cli.positional().at(0);
        const QByteArray bytes = readImportFile(path, QFileInfo(path).fileName());
        followup::RectificationLedger ledger(*connection, setup, hq::historyKey(folder.path()), folder.path());
        try {
            const int created = ledger.import(bytes, QStringLiteral("onsite-hq"), QDateTime::currentDateTimeUtc());
            writeText(io.out, QStringLiteral("已导入 %1 条整改事项。\n").arg(created));
        } catch (const followup::FollowUpError &error) {
            throw std::runtime_error(error.message().toStdString());
        }
        return 0;
    });
}

} // namespace onsite
