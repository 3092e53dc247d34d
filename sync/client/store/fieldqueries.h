#pragma once

#include "domain/fieldwork.h"
#include "domain/person.h"
#include "store/sqlconnection.h"

#include <QDateTime>
#include <QHash>
#include <QStringList>

#include <optional>
#include <vector>

namespace onsite::sync {

// The device store's reads for the app's screens, each a typed answer: the screens
// show what the person recorded here and what arrived from HQ, without knowing tables.
class FieldQueries
{
public:
    explicit FieldQueries(SqlConnection &db) : m_db(db) {}

    // The person of the stored set-up with `account`, or nothing (no set-up, no such
    // person): one row, where FieldRules::load reads the whole set-up.
    std::optional<Person> person(const QString &account) const;
    // Per unit: how many items `account` has scored (rater entries).
    QHash<QString, int> scoredItemsPerUnit(const QString &account) const;
    // Per unit: photos whose content has not reached HQ yet.
    QHash<QString, int> photosWaitingPerUnit() const;
    // Per item of `unit`: `account`'s rater input.
    QHash<QString, QString> raterInputs(const QString &unit, const QString &account) const;
    // Per item of `unit`: how many raters have scored it.
    QHash<QString, int> raterCounts(const QString &unit) const;

    struct VisitRow
    {
        QString id;
        QDateTime checkedInAt;
        std::optional<Position> position;
        QString notes;
        std::optional<double> distanceMeters; // from the site, when both have a position
        QDateTime checkedOutAt;               // invalid until 签退
    };
    // `account`'s latest check-in at `site`.
    std::optional<VisitRow> latestVisit(const QString &site, const QString &account) const;

    struct PhotoRow
    {
        QString id;
        QString sha256;
        QString indicatorCode;
        QDateTime capturedAt;
        bool uploaded = true; // the content has reached HQ (or was pulled from it)
        QString account;
    };
    // The unit's photos, oldest first.
    std::vector<PhotoRow> unitPhotos(const QString &unit) const;

    struct FindingRow
    {
        QString id;
        QString kind;
        QString description;
        QString suggestion;
        QString indicatorCode;
        int photoCount = 0;
        QStringList photoIds;
        QString account;
    };
    std::vector<FindingRow> findings(const QString &unit) const;

    struct HighlightRow
    {
        QString id;
        QString title;
        QString description;
        QString account;
    };
    std::vector<HighlightRow> highlights(const QString &unit) const;

private:
    SqlConnection &m_db;
};

} // namespace onsite::sync
