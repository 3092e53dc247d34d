#pragma once

#include "domain/campaignsetup.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace onsite::exports {

// How the follow-up exports print times and names. Times are Beijing time (the day the
// ledger counts overdue by, RectificationLedger::today), whatever zone the server runs
// in, so a printed 销号时间 and its 逾期天数 agree.
QString beijingTime(const QDateTime &time);                // 2026-07-02 10:30, "" when invalid
QString beijingTime(const std::optional<QDateTime> &time); // "" when none
QString isoDate(const QDate &date);                        // 2026-09-30, "" when invalid
QString unitName(const CampaignSetup &setup, const QString &unitCode); // the code when unknown
// The unit's position in units.csv (unknown units last), for sorting.
int unitOrder(const CampaignSetup &setup, const QString &unitCode);
// The account's name from people.csv, else the account.
QString personName(const CampaignSetup &setup, const QString &account);

} // namespace onsite::exports
