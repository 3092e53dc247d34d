#pragma once

#include "domain/fieldwork.h"
#include "store/sqlconnection.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace onsite::hq {

struct ResultVersionInfo
{
    int version = 0;
    QDateTime publishedAt;
    QString account; // who published
    QString note;
};

// Published results (发布): each version freezes the results document of the moment
// (see resultsjson.h) and never changes; publishing again adds the next version. The
// findings and highlights the version's exports show (the 通报) are frozen with it.
class ResultVersions
{
public:
    explicit ResultVersions(SqlConnection &connection) : m_db(connection) {}

    // Freezes the current results as the next version (1, 2, …) and returns it.
    // Throws std::runtime_error when no campaign has been imported.
    // `snapshot` gives the results document inside the publishing transaction (a
    // serving HQ's ResultsCache); by default they are computed afresh.
    int publish(const QString &note, const QString &account, const QDateTime &now,
                const std::function<QJsonObject()> &snapshot = {});
    // Oldest first.
    std::vector<ResultVersionInfo> list();
    std::optional<ResultVersionInfo> info(int version);
    // The frozen results document of `version`, or nothing for an unknown version.
    std::optional<QJsonObject> load(int version);
    // The findings and highlights of `version` (a finding's photos: those HQ holds), as
    // frozen with it; for a version published before records were frozen (`frozen` false),
    // rebuilt from the change feed: each record as HQ had last received it by the
    // publication, deletions by then left out (a record the feed never carried: as stored
    // now, if recorded by then). Nothing for an unknown version.
    struct Records
    {
        std::vector<Finding> findings;
        std::vector<Highlight> highlights;
        bool frozen = true;
    };
    std::optional<Records> records(int version);

private:
    SqlConnection &m_db;
};

} // namespace onsite::hq
