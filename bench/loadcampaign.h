#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace onsite::bench {

// The load benchmark's campaign: inspection groups of five people (a leader and four
// inspectors), each group covering five units with two sites each, so N devices are
// N people in N/5 groups — shaped like the sample, at the size of a province.
struct LoadPerson
{
    QString account;
    QString group;
    QStringList units; // the group's units, in order
    int indexInGroup = 0;
};

struct LoadCampaign
{
    std::vector<LoadPerson> people; // one per simulated device
    QStringList indicators;         // scored items, in campaign order
    QHash<QString, QString> inputs; // item -> a valid rater input (from the sample's paper scores)
};

// Writes a campaign folder for `onsite-hq import-campaign` with at least `devices`
// people (campaign.csv and indicators.csv copied from the sample). Deterministic.
LoadCampaign writeLoadCampaign(const QString &fixtureFolder, const QString &target, int devices);

// One thing a device sends during its day.
// JPEG-signed pseudo-random content, distinct per photo; made again from its seed when
// sent, so a thousand devices' photos are not all held in memory.
struct LoadPhoto
{
    quint32 seed = 0;
    qsizetype size = 0;
    QString sha256;

    QByteArray bytes() const;
};

struct LoadMutation
{
    QString entity;
    QString id;
    QJsonObject data;
};

// A step of the day: optionally a photo whose content goes up first (resumable
// chunks), then a small push batch, then a pull until nothing is left.
struct LoadStep
{
    std::vector<LoadPhoto> photos;
    std::vector<LoadMutation> mutations;
};

// A realistic day of one inspector at one unit of their group (unit `day` places on
// from their own, so every day scores fresh keys): check-in at both sites, a score
// for every item, two photos, two findings (one with the photos as evidence), a
// highlight, check-out at both sites. Mutations go in batches of `batch`.
std::vector<LoadStep> makeDay(const LoadCampaign &campaign, const LoadPerson &person, int day,
                              int batch, int photoBytes);

// Site codes of a unit (two per unit).
QStringList sitesOf(const QString &unit);

} // namespace onsite::bench
