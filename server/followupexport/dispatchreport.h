#pragma once

#include "isoweek.h"

#include "domain/campaignsetup.h"
#include "domain/followup.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>

#include <vector>

namespace onsite::exports {

class ResultsView;

// The weekly 调度 report, one A4 page: 一、考评排名进展 (rank, total, grade and how far
// scoring and submission have come per unit, from the live results), 二、整改进展 (items
// per unit by state, overdue, added and closed in the week), 三、排名图 (the report's
// ranking chart). Counts are as of `now`; the week names the period and bounds the
// added/closed columns. Text shrinks until the page holds everything.
class DispatchReport
{
public:
    DispatchReport(const CampaignSetup &setup, QJsonObject results,
                   std::vector<RectificationItem> items, QStringList unitCodes, IsoWeek week,
                   QDateTime now);

    // Needs a QGuiApplication; see exports.h about threads.
    QByteArray build() const;

private:
    // The report at this text size, or nothing when it takes more than one page.
    std::optional<QByteArray> render(const ResultsView &view, double points, bool lastTry) const;
    QString rankingHtml(const ResultsView &view) const;
    QString rectificationHtml() const;

    const CampaignSetup &m_setup;
    QJsonObject m_results;
    std::vector<RectificationItem> m_items;
    QStringList m_unitCodes;
    IsoWeek m_week;
    QDateTime m_now;
};

} // namespace onsite::exports
