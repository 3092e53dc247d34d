#include "client/store/devicestore.h"
#include "client/rules/fielderror.h"
#include "client/rules/fieldrecordedits.h"
#include "client/rules/fieldrecorder.h"
#include "fieldcommandline.h"
#include "fieldcommands.h"

#include <QFileInfo>

namespace onsite::field {

using namespace onsite::sync;

namespace {

const QString kPendingNote = QStringLiteral("（已保存在本机，待同步）");

QString sizeText(qint64 bytes) { return QStringLiteral("%1 KB").arg((bytes + 1023) / 1024); }

} // namespace

int runScore(const QStringList &arguments)
{
    FieldCommandLine cl(QStringLiteral("score"),
                        QStringLiteral("Record your score for one item of a unit (works offline). INPUT follows the "
                                       "item's method: a level (较好), held items joined by ';', a value (15.4), a "
                                       "count (2), item:count pairs, or 是/否. --final records a group leader's final "
                                       "value (组长核定) and needs --reason."));
    cl.addPositional(QStringLiteral("UNIT"), QStringLiteral("Unit code, e.g. DC."));
    cl.addPositional(QStringLiteral("INDICATOR"), QStringLiteral("Level-2 indicator, e.g. 1.2."));
    cl.addPositional(QStringLiteral("INPUT"), QStringLiteral("The score input."));
    cl.addOption(QStringLiteral("reason"), QStringLiteral("Why (required with --final)."), QStringLiteral("TEXT"));
    cl.addOption(QStringLiteral("final"), QStringLiteral("A leader's final value replacing the raters' mean."));
    int exitCode = kExitOk;
    if (!cl.parse(arguments, exitCode))
        return exitCode;
    const QStringList args = cl.positional();
    return guarded([&] {
        DeviceStore store(cl.dataFolder());
        const ScoreKind kind = cl.isSet(QStringLiteral("final")) ? ScoreKind::Final : ScoreKind::Rater;
        const RecordedScore recorded = FieldRecorder(store.db(), store.photosFolder())
                                           .recordScore(args[0], args[1], args[2], kind, cl.value(QStringLiteral("reason")));
        const QString what = kind == ScoreKind::Final ? QStringLiteral("核定") : QStringLiteral("评分");
        QString value = recorded.value.points.toString(2) + QStringLiteral(" 分");
        if (recorded.value.vetoTriggered)
            value = QStringLiteral("一票否决");
        out(QStringLiteral("已%1%2：%3 指标 %4 输入“%5”→ %6%7")
                .arg(recorded.updated ? QStringLiteral("更新") : QStringLiteral("保存"), what, args[0], args[1],
                     recorded.entry.input, value, kPendingNote));
        return kExitOk;
    });
}

int runVisit(const QStringList &arguments)
{
    FieldCommandLine cl(QStringLiteral("visit"), QStringLiteral("Check in at a site (实地查看), offline."));
    cl.addPositional(QStringLiteral("SITE"), QStringLiteral("Site code, e.g. DC-01."));
    cl.addOption(QStringLiteral("notes"), QStringLiteral("Notes about the visit."), QStringLiteral("TEXT"));
    int exitCode = kExitOk;
    if (!cl.parse(arguments, exitCode))
        return exitCode;
    return guarded([&] {
        DeviceStore store(cl.dataFolder());
        const Visit visit = FieldRecorder(store.db(), store.photosFolder())
                                .recordVisit(cl.positional().at(0), cl.value(QStringLiteral("notes")));
        out(QStringLiteral("已签到点位 %1，记录编号 %2%3").arg(visit.siteCode, visit.id, kPendingNote));
        return kExitOk;
    });
}

int runPhoto(const QStringList &arguments)
{
    FieldCommandLine cl(QStringLiteral("photo"),
                        QStringLiteral("Add a photo as evidence (JPEG, PNG, WebP or HEIF). The file is copied into the "
                                       "data folder and uploaded at the next sync."));
    cl.addPositional(QStringLiteral("FILE"), QStringLiteral("The photo file."));
    cl.addOption(QStringLiteral("unit"), QStringLiteral("Unit code."), QStringLiteral("U"));
    cl.addOption(QStringLiteral("indicator"), QStringLiteral("Indicator the photo supports."), QStringLiteral("I"));
    cl.addOption(QStringLiteral("visit"), QStringLiteral("Id of the visit it was taken on."), QStringLiteral("ID"));
    int exitCode = kExitOk;
    if (!cl.parse(arguments, exitCode) || !cl.require({QStringLiteral("unit")}, exitCode))
        return exitCode;
    return guarded([&] {
        DeviceStore store(cl.dataFolder());
        const QFileInfo file(cl.positional().at(0));
        // The file's time is the closest thing to the capture time a file carries.
        const QDateTime captured = file.exists() ? file.lastModified().toUTC() : QDateTime();
        const PhotoEvidence photo = FieldRecorder(store.db(), store.photosFolder())
                                        .recordPhoto(file.filePath(), cl.value(QStringLiteral("unit")),
                                                     cl.value(QStringLiteral("indicator")),
                                                     cl.value(QStringLiteral("visit")), captured);
        out(QStringLiteral("已保存照片 %1（%2，%3），编号 %4%5")
                .arg(photo.sha256.left(12), photo.mimeType, sizeText(photo.sizeBytes), photo.id, kPendingNote));
        return kExitOk;
    });
}

int runFinding(const QStringList &arguments)
{
    FieldCommandLine cl(QStringLiteral("finding"),
                        QStringLiteral("Record a problem, shortcoming or weak point with a suggestion."));
    cl.addOption(QStringLiteral("unit"), QStringLiteral("Unit code."), QStringLiteral("U"));
    cl.addOption(QStringLiteral("kind"), QStringLiteral("问题, 短板 or 弱项."), QStringLiteral("KIND"));
    cl.addOption(QStringLiteral("description"), QStringLiteral("What was found."), QStringLiteral("TEXT"));
    cl.addOption(QStringLiteral("suggestion"), QStringLiteral("Suggestion (对策建议)."), QStringLiteral("TEXT"));
    cl.addOption(QStringLiteral("indicator"), QStringLiteral("Indicator it concerns."), QStringLiteral("I"));
    cl.addOption(QStringLiteral("site"), QStringLiteral("Site where it was found."), QStringLiteral("S"));
    cl.addOption(QStringLiteral("photo"), QStringLiteral("Id of a photo showing it (repeatable)."), QStringLiteral("ID"));
    int exitCode = kExitOk;
    if (!cl.parse(arguments, exitCode) ||
        !cl.require({QStringLiteral("unit"), QStringLiteral("kind"), QStringLiteral("description")}, exitCode))
        return exitCode;
    const auto kind = findingKindFromName(cl.value(QStringLiteral("kind")));
    if (!kind) {
        err(QStringLiteral("问题类型应为“问题”“短板”或“弱项”，而不是“%1”").arg(cl.value(QStringLiteral("kind"))));
        return kExitUsage;
    }
    return guarded([&] {
        DeviceStore store(cl.dataFolder());
        Finding draft;
        draft.unitCode = cl.value(QStringLiteral("unit"));
        draft.siteCode = cl.value(QStringLiteral("site"));
        draft.indicatorCode = cl.value(QStringLiteral("indicator"));
        draft.kind = *kind;
        draft.description = cl.value(QStringLiteral("description"));
        draft.suggestion = cl.value(QStringLiteral("suggestion"));
        draft.photoIds = cl.parser().values(QStringLiteral("photo"));
        const Finding finding = FieldRecorder(store.db(), store.photosFolder()).recordFinding(draft);
        out(QStringLiteral("已记录%1：%2，编号 %3%4")
                .arg(findingKindName(finding.kind), finding.unitCode, finding.id, kPendingNote));
        return kExitOk;
    });
}

int runHighlight(const QStringList &arguments)
{
    FieldCommandLine cl(QStringLiteral("highlight"), QStringLiteral("Record a highlight (亮点/典型经验)."));
    cl.addOption(QStringLiteral("unit"), QStringLiteral("Unit code."), QStringLiteral("U"));
    cl.addOption(QStringLiteral("title"), QStringLiteral("Short title."), QStringLiteral("TEXT"));
    cl.addOption(QStringLiteral("description"), QStringLiteral("What is worth promoting."), QStringLiteral("TEXT"));
    cl.addOption(QStringLiteral("site"), QStringLiteral("Site where it was seen."), QStringLiteral("S"));
    int exitCode = kExitOk;
    if (!cl.parse(arguments, exitCode) || !cl.require({QStringLiteral("unit"), QStringLiteral("title")}, exitCode))
        return exitCode;
    return guarded([&] {
        DeviceStore store(cl.dataFolder());
        Highlight draft;
        draft.unitCode = cl.value(QStringLiteral("unit"));
        draft.siteCode = cl.value(QStringLiteral("site"));
        draft.title = cl.value(QStringLiteral("title"));
        draft.description = cl.value(QStringLiteral("description"));
        const Highlight highlight = FieldRecorder(store.db(), store.photosFolder()).recordHighlight(draft);
        out(QStringLiteral("已记录亮点“%1”：%2，编号 %3%4").arg(highlight.title, highlight.unitCode, highlight.id, kPendingNote));
        return kExitOk;
    });
}

int runSubmit(const QStringList &arguments)
{
    FieldCommandLine cl(QStringLiteral("submit"),
                        QStringLiteral("Submit and lock a unit (组长提交), or reopen it with --reopen and a reason."));
    cl.addPositional(QStringLiteral("UNIT"), QStringLiteral("Unit code, e.g. DC."));
    cl.addOption(QStringLiteral("reopen"), QStringLiteral("Reopen a submitted unit (撤回提交)."));
    cl.addOption(QStringLiteral("reason"), QStringLiteral("Why the unit is reopened (required with --reopen)."),
                 QStringLiteral("TEXT"));
    int exitCode = kExitOk;
    if (!cl.parse(arguments, exitCode))
        return exitCode;
    return guarded([&] {
        DeviceStore store(cl.dataFolder());
        FieldRecorder recorder(store.db(), store.photosFolder());
        const QString unit = cl.positional().at(0);
        if (cl.isSet(QStringLiteral("reopen"))) {
            recorder.reopenUnit(unit, cl.value(QStringLiteral("reason")));
            out(QStringLiteral("已撤回单位 %1 的提交%2").arg(unit, kPendingNote));
        } else {
            recorder.submitUnit(unit);
            out(QStringLiteral("已提交并锁定单位 %1%2").arg(unit, kPendingNote));
        }
        return kExitOk;
    });
}

int runDelete(const QStringList &arguments)
{
    FieldCommandLine cl(QStringLiteral("delete"),
                        QStringLiteral("Delete one of your own records before the unit is submitted: a visit (no "
                                       "photos taken on it), a photo, a finding or a highlight. The delete reaches "
                                       "onsite-hq at the next sync."));
    cl.addPositional(QStringLiteral("KIND"), QStringLiteral("visit, photo, finding or highlight."));
    cl.addPositional(QStringLiteral("ID"), QStringLiteral("The record's id, as printed when it was recorded."));
    int exitCode = kExitOk;
    if (!cl.parse(arguments, exitCode))
        return exitCode;
    const QString kind = cl.positional().at(0);
    const QString id = cl.positional().at(1);
    const QStringList kinds{QStringLiteral("visit"), QStringLiteral("photo"), QStringLiteral("finding"),
                            QStringLiteral("highlight")};
    if (!kinds.contains(kind)) {
        err(QStringLiteral("记录类型应为 visit、photo、finding 或 highlight，而不是“%1”").arg(kind));
        return kExitUsage;
    }
    return guarded([&] {
        DeviceStore store(cl.dataFolder());
        if (kind == QLatin1String("visit"))
            FieldRecorder(store.db(), store.photosFolder()).deleteVisit(id);
        else
            FieldRecordEdits(store.db()).remove(kind, id);
        out(QStringLiteral("已删除记录 %1%2").arg(id, kPendingNote));
        return kExitOk;
    });
}

} // namespace onsite::field
