#include "paperscoreimporter.h"

#include "scoring/scoreinput.h"
#include "system/recordid.h"

#include <QFileInfo>

#include <limits>

namespace onsite {

namespace {

const QString kAccount = QStringLiteral("账号");
const QString kUnit = QStringLiteral("单位编码");
const QString kIndicator = QStringLiteral("指标编号");
const QString kKind = QStringLiteral("类型");
const QString kInput = QStringLiteral("评分输入");
const QString kReason = QStringLiteral("说明");

} // namespace

PaperScoreImporter::PaperScoreImporter(const CampaignSetup &setup) : m_setup(setup)
{
    for (const Person &person : setup.people)
        m_people.insert(person.account, static_cast<int>(m_people.size()));
    for (const Unit &unit : setup.units)
        m_units.insert(unit.code, static_cast<int>(m_units.size()));
    for (const Indicator &indicator : setup.indicators)
        m_indicators.insert(indicator.code, static_cast<int>(m_indicators.size()));
}

PaperScoreImporter::PaperScoreImporter(const CampaignSetup &setup, const std::vector<ScoreEntry> &existing)
    : PaperScoreImporter(setup)
{
    for (const ScoreEntry &entry : existing)
        addExisting(entry.account, entry.unitCode, entry.indicatorCode, entry.kind);
}

qint64 PaperScoreImporter::key(const QString &account, const QString &unitCode, const QString &indicatorCode,
                               ScoreKind kind) const
{
    const qint64 person = m_people.value(account, -1);
    const qint64 unit = m_units.value(unitCode, -1);
    const qint64 indicator = m_indicators.value(indicatorCode, -1);
    if (person < 0 || unit < 0 || indicator < 0)
        return -1;
    const qint64 units = m_units.size();
    const qint64 indicators = m_indicators.size();
    return ((person * units + unit) * indicators + indicator) * 2 + (kind == ScoreKind::Final ? 1 : 0);
}

void PaperScoreImporter::addExisting(const QString &account, const QString &unitCode, const QString &indicatorCode,
                                     ScoreKind kind)
{
    const qint64 k = key(account, unitCode, indicatorCode, kind);
    if (k >= 0)
        m_existing.insert(static_cast<quint64>(k), 0);
}

PaperScoreImporter::Stream::Stream(const PaperScoreImporter &importer, QByteArray bytes, const QString &fileName)
    : m_importer(importer),
      m_csv(std::make_unique<CsvStream>(std::move(bytes), fileName,
                                        QStringList{kAccount, kUnit, kIndicator, kKind, kInput, kReason})),
      m_seen(importer.m_existing), m_now(QDateTime::currentDateTimeUtc())
{
}

PaperScoreImporter::Stream PaperScoreImporter::streamFile(const QString &path) const
{
    const QString fileName = QFileInfo(path).fileName();
    return stream(readImportFile(path, fileName), fileName);
}

std::vector<ScoreEntry> PaperScoreImporter::Stream::next(std::size_t count, std::vector<int> *lines)
{
    std::vector<ScoreEntry> entries;
    if (lines)
        lines->clear();
    while (entries.size() < count) {
        const std::optional<CsvRow> row = m_csv->next();
        if (!row)
            break;
        entries.push_back(read(*row));
        if (lines)
            lines->push_back(row->line());
    }
    return entries;
}

ScoreEntry PaperScoreImporter::Stream::read(const CsvRow &row)
{
    const CampaignSetup &setup = m_importer.m_setup;
    ScoreEntry entry;
    entry.account = row.value(kAccount);
    const Person *person = setup.person(entry.account);
    if (!person)
        row.fail(kAccount, QStringLiteral("账号“%1”不在 people.csv 中").arg(entry.account));
    entry.unitCode = row.value(kUnit);
    const Unit *unit = setup.unit(entry.unitCode);
    if (!unit)
        row.fail(kUnit, QStringLiteral("单位编码“%1”不在 units.csv 中").arg(entry.unitCode));
    entry.indicatorCode = row.value(kIndicator);
    const Indicator *indicator = setup.indicator(entry.indicatorCode);
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
        if (!setup.assesses(*person, unit->code)) {
            row.fail(kUnit, QStringLiteral("%1（%2）所在的检查组不考评单位 %3").arg(person->name, person->account, unit->code));
        }
    } else {
        if (!person->canSetFinalValue())
            row.fail(kKind, QStringLiteral("只有检查组长或考评办可以核定，%1 是%2").arg(person->account, roleName(person->role)));
        if (person->role == Role::Leader && !setup.assesses(*person, unit->code))
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

    // Every code is known by now, so the key exists.
    const auto key = static_cast<quint64>(m_importer.key(entry.account, entry.unitCode, entry.indicatorCode, entry.kind));
    const auto seen = m_seen.constFind(key);
    if (seen != m_seen.constEnd()) {
        const int earlier = *seen;
        row.failRow(earlier > 0 ? QStringLiteral("与第 %1 行重复：同一账号、单位、指标和类型只能有一行").arg(earlier)
                                : QStringLiteral("%1 对 %2 指标 %3 的%4已经录入过").arg(entry.account, entry.unitCode,
                                                                                     entry.indicatorCode, kind));
    }
    m_seen.insert(key, row.line());

    entry.id = newRecordId();
    entry.recordedAt = m_now;
    entry.source = QStringLiteral("paper");
    return entry;
}

std::vector<ScoreEntry> PaperScoreImporter::importFile(const QString &path, std::vector<int> *lines) const
{
    const QString fileName = QFileInfo(path).fileName();
    return importBytes(readImportFile(path, fileName), fileName, lines);
}

std::vector<ScoreEntry> PaperScoreImporter::importBytes(const QByteArray &bytes, const QString &fileName,
                                                        std::vector<int> *lines) const
{
    Stream entries = stream(bytes, fileName);
    return entries.next(std::numeric_limits<std::size_t>::max(), lines);
}

} // namespace onsite
