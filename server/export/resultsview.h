#pragma once

#include "domain/campaignsetup.h"
#include "exportinput.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace onsite::exports {

// One unit of the results, typed. Totals and subtotals stay the 2-place decimal strings
// the engine prints (number() turns one into a cell's value); items are the values a
// spreadsheet cell holds, by the item's place among the set-up's items (ResultsView::itemIndex).
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
    QHash<QString, QString> subtotals;        // project code → points
    std::vector<std::optional<double>> items; // points, nothing when 未评
    std::vector<bool> vetoes;                 // beside items: the item's veto was triggered
};

// The results read for exporting, with the level-1 projects and their items from the
// set-up in file order: from a results document (server/hq/resultsjson.h; a published
// version), or straight from the engine's ranked results (live), with the same values.
class ResultsView
{
public:
    // Throws ExportError naming the field when the document is not a results document.
    ResultsView(const CampaignSetup &setup, const QJsonObject &results);
    // The input's live results when it has them, else its document; only the units
    // restrictToUnits kept. Items' points are read only `withItems` (the workbook's
    // item sheets); UnitRow::items stays empty otherwise.
    explicit ResultsView(const ExportInput &input, bool withItems = false);

    const QString &campaign() const { return m_campaign; }
    int itemCount() const { return m_itemCount; }
    const std::vector<UnitRow> &units() const { return m_units; } // by rank
    const QStringList &warnings() const { return m_warnings; }
    const std::vector<const Indicator *> &projects() const { return m_projects; }
    std::vector<const Indicator *> itemsOf(const Indicator &project) const
    {
        return m_setup.itemsOf(project.code);
    }
    // The place of an item's value in UnitRow::items (-1 for a code that is no item).
    int itemIndex(const QString &code) const { return m_itemIndex.value(code, -1); }

    static double number(const QString &points) { return points.toDouble(); }

private:
    void indexSetup();
    void readDocument(const QJsonObject &results, const QSet<QString> *only, bool withItems);
    void readLive(const CampaignResults &results, const QSet<QString> &submitted, const QSet<QString> *only,
                  bool withItems);

    const CampaignSetup &m_setup;
    QString m_campaign;
    int m_itemCount = 0;
    std::vector<UnitRow> m_units;
    QStringList m_warnings;
    std::vector<const Indicator *> m_projects;
    QHash<QString, int> m_itemIndex;
};

// Yes/no for people: 是 / 否.
QString yesNo(bool value);

} // namespace onsite::exports
