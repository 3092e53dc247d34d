// 整改事项 from a CSV HQ prepares in Excel (巡视反馈, 大通报, 其他): RectificationLedger::import.
#include "rectificationledger.h"

#include "import/csvtable.h"

namespace onsite::followup {

namespace {

const QString kFileName = QStringLiteral("整改事项.csv");
const QString kUnit = QStringLiteral("单位编码");
const QString kSource = QStringLiteral("来源");
const QString kKind = QStringLiteral("类型");
const QString kIndicator = QStringLiteral("指标编号");
const QString kProblem = QStringLiteral("问题");
const QString kSuggestion = QStringLiteral("整改建议");
const QString kDeadline = QStringLiteral("时限");

QString joinMessages(const std::vector<ImportError> &errors)
{
    QStringList lines;
    for (const ImportError &error : errors)
        lines << error.toString();
    return QStringLiteral("整改事项未导入（共 %1 处错误，一条也没有导入）：%2").arg(errors.size()).arg(lines.join(QLatin1Char('\n')));
}

ItemDraft draftOf(const CsvRow &row, const CampaignSetup &setup)
{
    ItemDraft draft;
    draft.unitCode = row.value(kUnit);
    if (!setup.unit(draft.unitCode))
        row.fail(kUnit, QStringLiteral("单位编码“%1”不在 units.csv 中").arg(draft.unitCode));
    const auto source = itemSourceFromName(row.value(kSource));
    if (!source || *source == ItemSource::Finding)
        row.fail(kSource, QStringLiteral("来源应为“巡视反馈”“大通报”或“其他”，而不是“%1”").arg(row.value(kSource)));
    draft.source = *source;
    const QString kind = row.value(kKind);
    const auto findingKind = kind.isEmpty() ? std::optional(FindingKind::Problem) : findingKindFromName(kind);
    if (!findingKind)
        row.fail(kKind, QStringLiteral("类型应为“问题”“短板”或“弱项”，而不是“%1”").arg(kind));
    draft.kind = *findingKind;
    draft.indicatorCode = row.value(kIndicator);
    if (const QString problem = RectificationLedger::indicatorProblem(setup, draft.indicatorCode); !problem.isEmpty())
        row.fail(kIndicator, problem);
    draft.problem = row.value(kProblem);
    if (draft.problem.isEmpty())
        row.fail(kProblem, QStringLiteral("问题不能为空"));
    if (draft.problem.size() > 4000)
        row.fail(kProblem, QStringLiteral("问题最多 4000 字"));
    draft.suggestion = row.value(kSuggestion);
    if (draft.suggestion.size() > 4000)
        row.fail(kSuggestion, QStringLiteral("整改建议最多 4000 字"));
    const QString deadline = row.value(kDeadline);
    if (!deadline.isEmpty()) {
        draft.deadline = QDate::fromString(deadline, Qt::ISODate);
        if (!draft.deadline.isValid())
            draft.deadline = QDate::fromString(deadline, QStringLiteral("yyyy/M/d"));
        if (!draft.deadline.isValid())
            row.fail(kDeadline, QStringLiteral("时限应为日期，如 2026-09-30，而不是“%1”").arg(deadline));
    }
    return draft;
}

} // namespace

ItemImportFailed::ItemImportFailed(std::vector<ImportError> errors)
    : FollowUpError(QStringLiteral("import_failed"), joinMessages(errors)), m_errors(std::move(errors))
{
}

int RectificationLedger::import(const QByteArray &csv, const QString &account, const QDateTime &now)
{
    std::vector<ItemDraft> drafts;
    std::vector<ImportError> errors;
    try {
        const CsvTable table =
            CsvTable::fromBytes(csv, kFileName, {kUnit, kSource, kKind, kIndicator, kProblem, kSuggestion, kDeadline});
        for (const CsvRow &row : table.rows()) {
            try {
                drafts.push_back(draftOf(row, m_setup));
            } catch (const ImportException &e) {
                errors.push_back(e.error()); // every bad line is named, not only the first
            }
        }
    } catch (const ImportException &e) {
        errors.push_back(e.error());
    }
    if (errors.empty() && drafts.empty())
        errors.push_back({kFileName, 0, 0, {}, QStringLiteral("文件中没有整改事项")});
    if (!errors.empty())
        throw ItemImportFailed(std::move(errors));
    SqlTransaction transaction(m_db);
    for (const ItemDraft &draft : drafts)
        insertDraft(draft, account, now, QStringLiteral("import"));
    transaction.commit();
    return int(drafts.size());
}

} // namespace onsite::followup
