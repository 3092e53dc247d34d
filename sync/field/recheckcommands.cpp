// onsite-field recheck: the 回头看 tasks HQ assigned to the group, and recording a result.
#include "client/store/devicestore.h"
#include "client/rules/fieldrecorder.h"
#include "client/store/localrechecks.h"
#include "fieldcommandline.h"
#include "fieldcommands.h"
#include "protocol/records.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace onsite::field {

using namespace onsite::sync;

namespace {

QString stateText(const LocalRecheckResult &result)
{
    if (result.syncState == QLatin1String("pending"))
        return QStringLiteral("待同步");
    if (result.syncState == QLatin1String("rejected"))
        return QStringLiteral("被拒绝：%1").arg(result.syncMessage);
    return QStringLiteral("已同步");
}

QJsonObject recheckJson(const LocalRecheck &local)
{
    QJsonObject json = protocol::recheckToJson(local.recheck);
    json.insert(QStringLiteral("id"), local.recheck.id);
    QJsonArray results;
    for (const LocalRecheckResult &r : local.results) {
        QJsonObject result = protocol::recheckResultToJson(r.result);
        result.insert(QStringLiteral("id"), r.result.id);
        result.insert(QStringLiteral("sync_state"), r.syncState.isEmpty() ? QStringLiteral("pulled") : r.syncState);
        result.insert(QStringLiteral("sync_reason"), r.syncMessage);
        results.append(result);
    }
    json.insert(QStringLiteral("results"), results);
    return json;
}

int runList(const QStringList &arguments)
{
    FieldCommandLine cl(QStringLiteral("recheck list"),
                        QStringLiteral("List the on-site re-checks (回头看) HQ assigned to your group, with the "
                                       "results recorded so far. One task per line: ID, unit, group, problem, "
                                       "results; --json prints them as a JSON array."));
    cl.addOption(QStringLiteral("unit"), QStringLiteral("Only this unit."), QStringLiteral("U"));
    cl.addOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
    int exitCode = kExitOk;
    if (!cl.parse(arguments, exitCode))
        return exitCode;
    return guarded([&] {
        DeviceStore store(cl.dataFolder());
        const auto rechecks = LocalRechecks(store.db()).forUnit(cl.value(QStringLiteral("unit")));
        if (cl.isSet(QStringLiteral("json"))) {
            QJsonArray list;
            for (const LocalRecheck &r : rechecks)
                list.append(recheckJson(r));
            writeText(stdout, QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Indented)));
            return kExitOk;
        }
        if (rechecks.empty())
            out(QStringLiteral("没有回头看任务（请先同步）"));
        for (const LocalRecheck &r : rechecks) {
            QStringList results;
            for (const LocalRecheckResult &result : r.results)
                results << QStringLiteral("%1（%2，%3）")
                               .arg(recheckOutcomeName(result.result.outcome), result.result.account, stateText(result));
            out(QStringLiteral("%1\t%2\t%3\t%4\t%5")
                    .arg(r.recheck.id, r.recheck.unitCode, r.recheck.groupName, r.recheck.problem,
                         results.isEmpty() ? QStringLiteral("待回头看") : results.join(QStringLiteral("；"))));
        }
        return kExitOk;
    });
}

int runRecord(const QStringList &arguments)
{
    FieldCommandLine cl(QStringLiteral("recheck record"),
                        QStringLiteral("Record what you found re-checking a task on site (works offline): "
                                       "--outcome done (整改到位) or not_done (未到位, needs --notes)."));
    cl.addPositional(QStringLiteral("ID"), QStringLiteral("The re-check's id (onsite-field recheck list)."));
    cl.addOption(QStringLiteral("outcome"), QStringLiteral("done / 整改到位, or not_done / 未到位."),
                 QStringLiteral("OUTCOME"));
    cl.addOption(QStringLiteral("notes"), QStringLiteral("What you saw."), QStringLiteral("TEXT"));
    cl.addOption(QStringLiteral("photo"), QStringLiteral("A photo file as evidence (repeatable)."),
                 QStringLiteral("FILE"));
    int exitCode = kExitOk;
    if (!cl.parse(arguments, exitCode) || !cl.require({QStringLiteral("outcome")}, exitCode))
        return exitCode;
    const QString outcomeText = cl.value(QStringLiteral("outcome"));
    std::optional<RecheckOutcome> outcome = recheckOutcomeFromKey(outcomeText);
    for (RecheckOutcome o : {RecheckOutcome::Done, RecheckOutcome::NotDone}) {
        if (outcomeText == recheckOutcomeName(o))
            outcome = o;
    }
    if (!outcome) {
        err(QStringLiteral("结果应为 done（整改到位）或 not_done（未到位），而不是“%1”").arg(outcomeText));
        return kExitUsage;
    }
    return guarded([&] {
        DeviceStore store(cl.dataFolder());
        FieldRecorder recorder(store.db(), store.photosFolder());
        const QString id = cl.positional().at(0);
        const auto recheck = LocalRechecks(store.db()).find(id);
        QStringList photoIds;
        for (const QString &file : cl.parser().values(QStringLiteral("photo"))) {
            if (!recheck) // the recorder names the missing task below
                break;
            const QFileInfo info(file);
            photoIds << recorder
                            .recordPhoto(info.filePath(), recheck->unitCode, {}, {},
                                         info.exists() ? info.lastModified().toUTC() : QDateTime())
                            .id;
        }
        const RecheckResult result =
            recorder.recordRecheckResult(id, *outcome, cl.value(QStringLiteral("notes")), photoIds);
        out(QStringLiteral("已记录回头看结果：%1 %2，%3 张照片，编号 %4（已保存在本机，待同步）")
                .arg(result.unitCode, recheckOutcomeName(result.outcome))
                .arg(result.photoIds.size())
                .arg(result.id));
        return kExitOk;
    });
}

} // namespace

int runRecheck(const QStringList &arguments)
{
    const QString sub = arguments.value(0);
    if (sub == QLatin1String("list"))
        return runList(arguments.mid(1));
    if (sub == QLatin1String("record"))
        return runRecord(arguments.mid(1));
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        out(QStringLiteral("Usage: onsite-field recheck list [--unit U] [--json]\n"
                           "       onsite-field recheck record ID --outcome done|not_done [--notes TEXT] "
                           "[--photo FILE]..."));
        return kExitOk;
    }
    err(QStringLiteral("onsite-field recheck：需要子命令 list 或 record\n用法见：onsite-field recheck --help"));
    return kExitUsage;
}

} // namespace onsite::field
