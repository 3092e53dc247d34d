#pragma once

#include "domain/campaignsetup.h"
#include "scoring/scoringengine.h"

#include <QString>
#include <QStringList>

namespace onsite {

enum class ResultsFormat { Csv, Json, Table };

// Renders campaign results for people (an aligned table) or tools (CSV, JSON).
// The CSV starts with the columns of expected-results.csv:
// unit,total,grade,rank,category_rank,veto, then unit_name, category, one
// subtotal_<project> per level-1 indicator, unscored, and submitted (1 when the group
// leader has submitted and locked the unit).
class ResultsFormatter
{
public:
    ResultsFormatter(const CampaignSetup &setup, const CampaignResults &results, QStringList submittedUnits = {})
        : m_setup(setup), m_results(results), m_submitted(std::move(submittedUnits))
    {
    }

    QString format(ResultsFormat format) const;
    QString csv() const;
    QString json() const;
    QString table() const;

private:
    QStringList projectCodes() const;
    int itemCount() const;

    const CampaignSetup &m_setup;
    const CampaignResults &m_results;
    QStringList m_submitted;
};

// Columns a string takes in a terminal: CJK and full-width characters take two.
int displayWidth(const QString &text);

} // namespace onsite
