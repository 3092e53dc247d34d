#include "followupexport.h"

#include "dispatchreport.h"
#include "experiencebook.h"
#include "followupformat.h"
#include "innovationworkbook.h"
#include "isoweek.h"
#include "rectificationworkbook.h"

#include "export/exports.h"
#include "followup/experiencelibrary.h"
#include "followup/innovationprojects.h"
#include "followup/rectificationledger.h"
#include "hq/photostore.h"
#include "hq/resultsjson.h"

namespace onsite::exports {

namespace {

const QString kRectifications = QStringLiteral("rectifications.xlsx");
const QString kExperiences = QStringLiteral("experiences.pdf");
const QString kInnovations = QStringLiteral("innovations.xlsx");
const QString kDispatch = QStringLiteral("dispatch.pdf");

// Exports only read: the store's history key matters to writes alone.
const QByteArray kNoHistoryKey;

// The caller's units in units.csv order (all of them when `units` is empty). The store's
// filters take "no units" as "every unit", so what they return is filtered again by
// these: a leader whose units match none sees nothing, not everything.
QStringList visibleUnits(const CampaignSetup &setup, const QStringList &units)
{
    QStringList codes;
    for (const Unit &unit : setup.units) {
        if (units.isEmpty() || units.contains(unit.code))
            codes << unit.code;
    }
    return codes;
}

IsoWeek weekOf(const QString &text, const QDate &today)
{
    if (text.trimmed().isEmpty())
        return IsoWeek::containing(today);
    const auto week = IsoWeek::parse(text);
    if (!week)
        throw ExportError(
            QStringLiteral("周次“%1”无效：应为 ISO 周，如 2026-W27（第 1 至 52 或 53 周）")
                .arg(text.left(40))
                .toStdString());
    return *week;
}

ExportFile rectifications(SqlConnection &db, const CampaignSetup &setup, const QString &dataFolder,
                          const QStringList &units, const QDate &today, const QDateTime &now)
{
    followup::RectificationLedger ledger(db, setup, kNoHistoryKey, dataFolder);
    const QHash<QString, QString> closeNotes = ledger.closeNotes();
    const QHash<QString, QStringList> merged = ledger.mergedCodes();
    followup::ItemFilter filter;
    filter.units = units;
    std::vector<LedgerRow> rows;
    for (RectificationItem &item : ledger.items(filter)) {
        if (!units.contains(item.unitCode))
            continue;
        LedgerRow line;
        for (const ProgressReport &report : ledger.reports(item.id)) {
            if (!line.lastReport || report.reportedAt > *line.lastReport)
                line.lastReport = report.reportedAt;
        }
        line.returnReason = item.returnReason; // cleared by a 销号, as the console shows it
        line.closeNote = closeNotes.value(item.id);
        line.mergedCodes = merged.value(item.id);
        line.item = std::move(item);
        rows.push_back(std::move(line));
    }
    return {RectificationWorkbook(setup, std::move(rows), units, today, now).build(),
            QStringLiteral("整改台账-%1.xlsx").arg(isoDate(today)), mimeType(Format::Xlsx)};
}

ExportFile experiences(SqlConnection &db, const CampaignSetup &setup, const QString &dataFolder,
                       const QStringList &units, const QDate &today, const QDateTime &now)
{
    followup::ExperienceLibrary library(db, setup, kNoHistoryKey, dataFolder);
    followup::ExperienceFilter filter;
    filter.units = units;
    filter.status = ReviewStatus::Selected;
    std::vector<Experience> selected;
    for (Experience &experience : library.list(filter)) {
        if (units.contains(experience.unitCode))
            selected.push_back(std::move(experience));
    }
    const hq::PhotoStore photos(dataFolder);
    FileReader read = [&photos](const QString &sha256) -> std::optional<QByteArray> {
        return hq::PhotoStore::isSha256(sha256) ? photos.read(sha256) : std::nullopt;
    };
    return {ExperienceBook(setup, std::move(selected), read, now).build(),
            QStringLiteral("典型经验汇编-%1.pdf").arg(isoDate(today)), mimeType(Format::Pdf)};
}

ExportFile innovations(SqlConnection &db, const CampaignSetup &setup, const QStringList &units,
                       const QDate &today, const QDateTime &now)
{
    followup::InnovationProjects projects(db, setup, kNoHistoryKey);
    std::vector<InnovationProject> listed;
    for (InnovationProject &project : projects.list(units)) {
        if (units.contains(project.unitCode))
            listed.push_back(std::move(project));
    }
    return {InnovationWorkbook(setup, std::move(listed), units, now).build(),
            QStringLiteral("创新项目清单-%1.xlsx").arg(isoDate(today)), mimeType(Format::Xlsx)};
}

ExportFile dispatch(SqlConnection &db, const CampaignSetup &setup, const QString &dataFolder,
                    const QStringList &units, const IsoWeek &week, const QDateTime &now)
{
    followup::RectificationLedger ledger(db, setup, kNoHistoryKey, dataFolder);
    followup::ItemFilter filter;
    filter.units = units;
    std::vector<RectificationItem> items;
    for (RectificationItem &item : ledger.items(filter)) {
        if (units.contains(item.unitCode))
            items.push_back(std::move(item));
    }
    return {
        DispatchReport(setup, hq::currentResultsJson(db, setup), std::move(items), units, week, now)
            .build(),
        QStringLiteral("调度-%1.pdf").arg(week.key()), mimeType(Format::Pdf)};
}

} // namespace

QStringList followUpExportNames()
{
    return {kRectifications, kExperiences, kInnovations, kDispatch};
}

QString followUpExportName(const QString &kind)
{
    for (const QString &name : followUpExportNames()) {
        if (name.section(QLatin1Char('.'), 0, 0) == kind)
            return name;
    }
    return {};
}

std::optional<ExportFile> followUpExport(SqlConnection &db, const CampaignSetup &setup,
                                         const QString &dataFolder, const QString &name,
                                         const QStringList &units, const QString &week,
                                         const QDateTime &now)
{
    if (!followUpExportNames().contains(name))
        return std::nullopt;
    const QDate today = followup::RectificationLedger::today(now);
    // Checked before any work, so a bad week is refused whatever else is wrong.
    const IsoWeek period = weekOf(name == kDispatch ? week : QString(), today);
    const QStringList codes = visibleUnits(setup, units);
    if (name == kRectifications)
        return rectifications(db, setup, dataFolder, codes, today, now);
    if (name == kExperiences)
        return experiences(db, setup, dataFolder, codes, today, now);
    if (name == kInnovations)
        return innovations(db, setup, codes, today, now);
    return dispatch(db, setup, dataFolder, codes, period, now);
}

} // namespace onsite::exports
