#include "exportinput.h"

#include "system/beijingtime.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>

namespace onsite::exports {

namespace {

QDateTime parseTime(const QVariant &value)
{
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time : QDateTime::fromString(value.toString(), Qt::ISODate);
}

// Units in units.csv order, then time recorded: how people read a list per unit.
template <typename Record> void sortByUnit(const CampaignSetup &setup, std::vector<Record> &records)
{
    auto position = [&](const QString &code) {
        return setup.unitPositions.value(code, static_cast<std::size_t>(setup.units.size()));
    };
    std::stable_sort(records.begin(), records.end(), [&](const Record &a, const Record &b) {
        const auto pa = position(a.unitCode);
        const auto pb = position(b.unitCode);
        if (pa != pb)
            return pa < pb;
        return a.recordedAt < b.recordedAt;
    });
}

std::vector<Finding> loadFindings(SqlConnection &db)
{
    QHash<QString, QStringList> photos;
    // Only photos HQ holds: a finding may name photos its tablet has not sent yet.
    for (const SqlRow &row :
         db.query(QStringLiteral("SELECT fp.finding_id, fp.photo_id FROM finding_photos fp JOIN "
                                 "photos p ON p.id = fp.photo_id")))
        photos[row.value(0).toString()] << row.value(1).toString();
    std::vector<Finding> findings;
    for (const SqlRow &row : db.query(QStringLiteral(
             "SELECT id, unit_code, site_code, indicator_code, kind, description, suggestion, "
             "account, recorded_at FROM findings ORDER BY recorded_at, id"))) {
        Finding finding;
        finding.id = row.value(0).toString();
        finding.unitCode = row.value(1).toString();
        finding.siteCode = row.value(2).toString();
        finding.indicatorCode = row.value(3).toString();
        finding.kind = findingKindFromName(row.value(4).toString()).value_or(FindingKind::Problem);
        finding.description = row.value(5).toString();
        finding.suggestion = row.value(6).toString();
        finding.account = row.value(7).toString();
        finding.recordedAt = parseTime(row.value(8));
        finding.photoIds = photos.value(finding.id);
        findings.push_back(std::move(finding));
    }
    return findings;
}

std::vector<Highlight> loadHighlights(SqlConnection &db)
{
    std::vector<Highlight> highlights;
    for (const SqlRow &row :
         db.query(QStringLiteral("SELECT id, unit_code, site_code, title, description, account, "
                                 "recorded_at FROM highlights ORDER BY recorded_at, id"))) {
        highlights.push_back(Highlight{row.value(0).toString(), row.value(1).toString(),
                                       row.value(2).toString(), row.value(3).toString(),
                                       row.value(4).toString(), row.value(5).toString(),
                                       parseTime(row.value(6))});
    }
    return highlights;
}

QString text(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

// The records frozen with a published version (hq::ResultVersions::records).
void readFrozen(const QJsonObject &records, ExportInput &input)
{
    for (const QJsonValue &value : records.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = value.toObject();
        Finding finding;
        finding.id = text(f, "id");
        finding.unitCode = text(f, "unit");
        finding.siteCode = text(f, "site");
        finding.indicatorCode = text(f, "indicator");
        finding.kind = findingKindFromName(text(f, "kind")).value_or(FindingKind::Problem);
        finding.description = text(f, "description");
        finding.suggestion = text(f, "suggestion");
        finding.account = text(f, "account");
        finding.recordedAt = parseTime(f.value(QStringLiteral("recorded_at")).toVariant());
        for (const QJsonValue &photo : f.value(QStringLiteral("photos")).toArray())
            finding.photoIds << photo.toString();
        input.findings.push_back(std::move(finding));
    }
    for (const QJsonValue &value : records.value(QStringLiteral("highlights")).toArray()) {
        const QJsonObject h = value.toObject();
        input.highlights.push_back(
            Highlight{text(h, "id"), text(h, "unit"), text(h, "site"), text(h, "title"),
                      text(h, "description"), text(h, "account"),
                      parseTime(h.value(QStringLiteral("recorded_at")).toVariant())});
    }
}

} // namespace

QString ExportInput::versionLabel() const
{
    if (version)
        return QStringLiteral("第 %1 版（%2 发布）").arg(*version).arg(beijingMinutes(asOf));
    return QStringLiteral("实时（%1 生成，未发布）").arg(beijingMinutes(asOf));
}

void ExportInput::restrictToUnits(const QStringList &unitCodes)
{
    onlyUnits = QSet<QString>(unitCodes.begin(), unitCodes.end());
    QJsonArray kept;
    for (const QJsonValue &unit : results.value(QStringLiteral("units")).toArray()) {
        if (unitCodes.contains(unit.toObject().value(QStringLiteral("unit")).toString()))
            kept.append(unit);
    }
    results.insert(QStringLiteral("units"), kept);
    std::erase_if(findings, [&](const Finding &f) { return !unitCodes.contains(f.unitCode); });
    std::erase_if(highlights, [&](const Highlight &h) { return !unitCodes.contains(h.unitCode); });
}

ExportInput loadExportInput(SqlConnection &db, std::shared_ptr<const CampaignSetup> setup,
                            QJsonObject results, std::optional<int> version, QDateTime asOf,
                            const std::optional<QJsonObject> &versionRecords, bool recordsRebuilt)
{
    ExportInput input;
    input.setup = std::move(setup);
    input.results = std::move(results);
    input.version = version;
    input.asOf = std::move(asOf);
    if (version && versionRecords) {
        readFrozen(*versionRecords, input);
        input.recordsReconstructed = recordsRebuilt;
    } else {
        input.findings = loadFindings(db);
        input.highlights = loadHighlights(db);
    }
    sortByUnit(*input.setup, input.findings);
    sortByUnit(*input.setup, input.highlights);
    return input;
}

ExportInput loadLiveExportInput(SqlConnection &db, std::shared_ptr<const CampaignSetup> setup,
                                std::shared_ptr<const CampaignResults> results, const QStringList &submittedUnits,
                                QDateTime asOf)
{
    ExportInput input = loadExportInput(db, std::move(setup), {}, std::nullopt, std::move(asOf));
    input.live = std::move(results);
    input.submittedUnits = QSet<QString>(submittedUnits.begin(), submittedUnits.end());
    return input;
}

} // namespace onsite::exports
