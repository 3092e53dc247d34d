#pragma once

#include "domain/campaignsetup.h"
#include "scoring/scoringengine.h"

#include <QString>

namespace onsite {

enum class ResultsFormat { Csv, Json, Table };

// Renders campaign results for people (an aligned table) or tools (CSV, JSON).
// The CSV starts with the columns of expected-results.csv:
// unit,total,grade,rank,category_rank,veto, then unit_name, category, one
// subtotal_<project> per level-1 indicator, and unscored.
class ResultsFormatter
{
public:
    ResultsFormatter(const CampaignSetup &setup, const CampaignResults &results)
        : m_setup(setup), m_results(results)
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
};

// Columns a string takes in a terminal: CJK and full-width characters take two.
int displayWidth(const QString &text);

} // namespace onsite
