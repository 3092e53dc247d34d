#pragma once

#include "domain/campaignsetup.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace onsite::exports {

// One unit of the results document, typed. Points stay the 2-place decimal strings
// the engine printed; number() turns one into the value a spreadsheet cell holds.
struct UnitRow
{
    QString code;
    QString name;
    QString category;
    QString total;
    QString grade;
    int rank = 0;
    int categoryRank = 0;
    bool veto = false;
    int unscored = 0;
    bool submitted = false;
    QHash<QString, QString> subtotals;            // project code → points
    QHash<QString, std::optional<QString>> items; // item code → points, nothing when 未评
};

// The results document (server/hq/resultsjson.h) read for exporting, with the
// level-1 projects and their items from the set-up in file order.
class ResultsView
{
public:
    // Throws ExportError naming the field when the document is not a results document.
    ResultsView(const CampaignSetup &setup, const QJsonObject &results);

    const QString &campaign() const { return m_campaign; }
    int itemCount() const { return m_itemCount; }
    const std::vector<UnitRow> &units() const { return m_units; } // by rank
    const QStringList &warnings() const { return m_warnings; }
    const std::vector<const Indicator *> &projects() const { return m_projects; }
    std::vector<const Indicator *> itemsOf(const Indicator &project) const
    {
        return m_setup.itemsOf(project.code);
    }

    static double number(const QString &points) { return points.toDouble(); }

private:
    const CampaignSetup &m_setup;
    QString m_campaign;
    int m_itemCount = 0;
    std::vector<UnitRow> m_units;
    QStringList m_warnings;
    std::vector<const Indicator *> m_projects;
};

// Yes/no for people: 是 / 否.
QString yesNo(bool value);

} // namespace onsite::exports
