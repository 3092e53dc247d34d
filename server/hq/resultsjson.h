#pragma once

#include "domain/campaignsetup.h"
#include "scoring/scoringengine.h"
#include "store/sqlconnection.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace onsite::hq {

// The results document that `onsite-hq results --format json` prints, and that a
// published version (发布) freezes: {"campaign","item_count","units":[…],"warnings"}.
// Numbers are decimal strings with 2 places.
QJsonObject resultsJson(const CampaignSetup &setup, const CampaignResults &results, const QStringList &submittedUnits);

// The parts of that document, for ResultsCache: one unit without its rank and
// submission (which change when other units' scores do), then with them; the whole.
QJsonObject unitResultJson(const UnitResult &unit);
QJsonObject rankedUnitJson(QJsonObject unitJson, const UnitResult &unit, bool submitted);
QJsonObject resultsDocument(const CampaignSetup &setup, QJsonArray units, const QStringList &warnings);

// The same documents' bytes, exactly as QJsonDocument(…).toJson(Compact) writes them,
// without building the objects first (200,000 item objects at HQ scale cost more than
// computing the results). A unit's JSON comes in three parts around its rank and
// category rank (keys are written in QJsonObject's sorted order), so ResultsCache can
// keep a unit's bytes while other units' scores move its rank.
struct UnitJsonParts
{
    QByteArray head;   // {"category":…,"category_rank":
    QByteArray middle; // ,"grade":…,"items":[…],"rank":
    QByteArray tail;   // ,"subtotals":{…},"total":…,"unit":…,"unit_name":…,"unscored":…,"veto":…}
};
UnitJsonParts unitResultJsonParts(const UnitResult &unit);
// The same for many units at once, on several threads when there are many.
std::vector<UnitJsonParts> unitResultJsonParts(const std::vector<const UnitResult *> &units);
void appendRankedUnitJson(QByteArray &out, const UnitJsonParts &parts, const UnitResult &unit, bool submitted);
// At least what appendRankedUnitJson writes for `parts`, with the comma before it (to
// reserve a whole answer at once).
qsizetype rankedUnitJsonCapacity(const UnitJsonParts &parts);
// `unitsArray` is the "[…]" of ranked units.
QByteArray resultsDocumentBytes(const CampaignSetup &setup, const QByteArray &unitsArray, const QStringList &warnings);
QByteArray resultsJsonBytes(const CampaignSetup &setup, const CampaignResults &results,
                            const QStringList &submittedUnits);
// A string as QJsonDocument writes it, quotes included.
QByteArray jsonString(const QString &text);

// The same document for the scores HQ holds now, computed afresh (the command line;
// a serving HQ asks its ResultsCache).
QJsonObject currentResultsJson(SqlConnection &db, const CampaignSetup &setup);

} // namespace onsite::hq
