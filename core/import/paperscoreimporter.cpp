#include "paperscoreimporter.h"

#include "csvtable.h"
#include "scoring/scoreinput.h"

#include <QFileInfo>
#include <QHash>
#include <QUuid>

namespace onsite {

namespace {

const QString kAccount = QStringLiteral("账号");
const QString kUnit = QStringLiteral("单位编码");
const QString kIndicator = QStringLiteral("指标编号");
const QString kKind = QStringLiteral("类型");
const QString kInput = QStringLiteral("评分输入");
const QString kReason = QStringLiteral("说明");

QString entryKey(const QString &account, const QString &unit, const QString &indicator, ScoreKind kind)
{
    return QStringList{account, unit, indicator, kind == ScoreKind::Final ? QStringLiteral("F") : QStringLiteral("R")}
        .join(QChar(0x1F));
}

} // namespace

std::vector<ScoreEntry> PaperScoreImporter::importFile(const QString &path, std::vector<int> *lines) const
{
    const QString fileName = QFileInfo(path).fileName();
    return importBytes(readImportFile(path, fileName), fileName, lines);
}

std::vector<ScoreEntry> PaperScoreImporter::importBytes(const QByteArray &bytes, const QString &fileName,
                                                        std::vector<int> *lines) const
{
    const CsvTable table =
        CsvTable::fromBytes(bytes, fileName, {kAccount, kUnit, kIndicator, kKind, kInput, kReason});

    QHash<QString, int> seen; // key -> line
    for (const ScoreEntry &entry : m_existing)
        seen.insert(entryKey(entry.account, entry.unitCode, entry.indicatorCode, entry.kind), 0);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    std::vector<ScoreEntry> entries;
    for (const CsvRow &row : table.rows()) {
        ScoreEntry entry;
        entry.account = row.value(kAccount);
        const Person *person = m_setup.person(entry.account);
        if (!person)
            row.fail(kAccount, QStringLiteral("账号“%1”不在 people.csv 中").arg(entry.account));
        entry.unitCode = row.value(kUnit);
        const Unit *unit = m_setup.unit(entry.unitCode);
        if (!unit)
            row.fail(kUnit, QStringLiteral("单位编码“%1”不在 units.csv 中").arg(entry.unitCode));
        entry.indicatorCode = row.value(kIndicator);
        const Indicator *indicator = m_setup.indicator(entry.indicatorCode);
        if (!indicator || indicator->isProject())
            row.fail(kIndicator, QStringLiteral("“%1”不是 indicators.csv 中的二级指标").arg(entry.indicatorCode));

        const QString kind = row.value(kKind);
        if (kind == QStringLiteral("评分"))
            entry.kind = ScoreKind::Rater;
        else if (kind == QStringLiteral("核定"))
            entry.kind = ScoreKind::Final;
        else
            row.fail(kKind, QStringLiteral("类型应为“评分”或“核定”，而不是“%1”").arg(kind));

        entry.reason = row.value(kReason);
        if (entry.kind == ScoreKind::Rater) {
            if (!m_setup.assesses(*person, unit->code)) {
                row.fail(kUnit, QStringLiteral("%1（%2）所在的检查组不考评单位 %3")
                                    .arg(person->name, person->account, unit->code));
            }
        } else {
            if (!person->canSetFinalValue())
                row.fail(kKind, QStringLiteral("只有检查组长或考评办可以核定，%1 是%2").arg(person->account, roleName(person->role)));
            if (person->role == Role::Leader && !m_setup.assesses(*person, unit->code))
                row.fail(kUnit, QStringLiteral("%1 所在的检查组不考评单位 %2").arg(person->account, unit->code));
            if (entry.reason.isEmpty())
                row.fail(kReason, QStringLiteral("核定必须写明理由"));
        }
        if (person->homeUnitCode == unit->code)
            row.fail(kUnit, QStringLiteral("回避：%1（%2）来自 %3，不能为本单位评分").arg(person->name, person->account, unit->code));

        entry.input = row.value(kInput);
        const InputEvaluation evaluation = entry.kind == ScoreKind::Rater
                                               ? evaluateRaterInput(*indicator, unit->category, entry.input)
                                               : evaluateFinalInput(*indicator, entry.input);
        if (!evaluation.value)
            row.fail(kInput, evaluation.error);

        const QString key = entryKey(entry.account, entry.unitCode, entry.indicatorCode, entry.kind);
        if (seen.contains(key)) {
            const int earlier = seen.value(key);
            row.failRow(earlier > 0 ? QStringLiteral("与第 %1 行重复：同一账号、单位、指标和类型只能有一行").arg(earlier)
                                    : QStringLiteral("%1 对 %2 指标 %3 的%4已经录入过").arg(entry.account, entry.unitCode,
                                                                                         entry.indicatorCode, kind));
        }
        seen.insert(key, row.line());

        entry.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        entry.recordedAt = now;
        entry.source = QStringLiteral("paper");
        entries.push_back(std::move(entry));
        if (lines)
            lines->push_back(row.line());
    }
    return entries;
}

} // namespace onsite
