// onsite-hq verify-history: checks the keyed score history end to end.
#include "admincommands.h"

#include "commandline.h"
#include "hq/scorehistory.h"

#include <QFile>
#include <QJsonDocument>

namespace onsite {

int runVerifyHistory(const QStringList &arguments, const CommandIo &io)
{
    CommandLine cli(QStringLiteral("verify-history"),
                    QStringLiteral("Check the score history's keyed chain (history.key in the data folder) and that "
                                   "every score and submission is the value its history ends with. Exit code 0: "
                                   "intact; 3: broken (where is printed); 1: could not check."));
    cli.parser().addOption(QCommandLineOption(QStringLiteral("format"), QStringLiteral("Output: text (default) or json."),
                                              QStringLiteral("FORMAT"), QStringLiteral("text")));
    int exitCode = 0;
    if (!cli.parse(arguments, io.out, io.err, exitCode))
        return exitCode;
    return runGuarded(QStringLiteral("verify-history"), io.err, [&] {
        const HqDataFolder folder = cli.dataFolder();
        const auto connection = folder.open();
        const bool hasRows =
            connection->query(QStringLiteral("SELECT COUNT(*) FROM score_history")).front()[0].toLongLong() > 0;
        if (hasRows && !QFile::exists(hq::historyKeyPath(folder.path())))
            throw std::runtime_error(QStringLiteral("历史记录密钥文件 %1 不存在，无法核验评分历史；请从备份恢复该文件")
                                         .arg(hq::historyKeyPath(folder.path()))
                                         .toStdString());
        const QJsonObject report = hq::ScoreHistory(*connection, hq::historyKey(folder.path())).verify();
        const bool ok = report.value(QStringLiteral("ok")).toBool();
        const qint64 entries = report.value(QStringLiteral("entries")).toInteger();
        if (cli.value(QStringLiteral("format")) == QLatin1String("json")) {
            writeText(io.out, QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
        } else if (ok) {
            writeText(io.out, QStringLiteral("评分历史完整：共 %1 条记录，密钥链与当前评分一致。\n").arg(entries));
        } else {
            const QJsonObject at = report.value(QStringLiteral("first_break")).toObject();
            writeText(io.err, QStringLiteral("评分历史已被改动（共 %1 条记录）：在第 %2 条处断开：%3\n")
                                  .arg(entries)
                                  .arg(at.value(QStringLiteral("seq")).toInteger())
                                  .arg(at.value(QStringLiteral("reason")).toString()));
        }
        return ok ? 0 : 3;
    });
}

} // namespace onsite
