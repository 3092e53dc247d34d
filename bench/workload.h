#pragma once

#include "domain/scoreentry.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace onsite::bench {

// The benchmark's data: a synthetic campaign large enough for N distinct score
// records, and the records themselves. HQ keeps one record per (unit, indicator,
// account, kind), so distinct records need distinct units; the sample campaign has
// only 3 units per group, hence the synthetic one.
struct Workload
{
    QString rater;          // pushes everything (a group leader: also a rater)
    QString reader;         // pulls everything (same group)
    QStringList unitCodes;  // all in the rater's group
    QStringList indicators; // the items scored, in the sample's order
    std::vector<ScoreEntry> scores; // records 0..N-1: the bulk; record N: the one-score sync
};

// Reads one valid rater input per item from the sample's scores-paper.csv, so every
// generated record passes the server's per-method input check.
// Throws std::runtime_error on a missing or unreadable file.
// A record id as the app makes them (newRecordId: time-ordered), made at `madeAt`; its
// random part is derived from `name`, so every run sends the same ids.
QString benchRecordId(const QString &name, const QDateTime &madeAt);

QHash<QString, QString> sampleInputs(const QString &fixtureFolder);

// Builds the workload: enough units of the rater's group for records + 1 keys.
// Ids (benchRecordId) and times are fixed, so every run (and the PouchDB side,
// which reads the exported documents) sees the same records.
Workload makeWorkload(const QString &fixtureFolder, int records);

// Writes campaign.csv and indicators.csv copied from the sample, and units.csv,
// groups.csv, people.csv and sites.csv for the workload's single large group.
void writeCampaignFolder(const Workload &workload, const QString &fixtureFolder, const QString &target);

// One JSON document per line, as PouchDB stores them: {"_id", fields of scoreToJson}.
void exportDocuments(const Workload &workload, const QString &path);

// The app benchmark's campaign: many units with many sites each, all in one group,
// so one inspector's device holds the whole campaign (the app's worst case).
struct SiteCampaign
{
    QString inspector; // 检查组员 of the one group, no home unit (no unit is locked)
    int units = 0;
    int sites = 0;
};

// Writes a complete campaign folder for onsite-hq import-campaign: campaign.csv and
// indicators.csv copied from the sample, `units` units named like the sample's
// (codes "DC001", names "东城区第1片区", the sample's categories) and `sitesPerUnit`
// sites per unit, each checking two of the sample's items. Deterministic.
SiteCampaign writeSiteCampaignFolder(const QString &fixtureFolder, const QString &target, int units, int sitesPerUnit);

} // namespace onsite::bench
