#pragma once

#include "domain/campaignsetup.h"

#include <QStringList>

namespace onsite {

// The units a person's role covers (DOMAIN.md §Roles): HQ every unit; a group leader
// or inspector the units of their group; a liaison their own unit. The one rule behind
// what a device syncs (hq/scope.h) and what the HQ console shows (consoleaccess.h).
QStringList unitsCoveredBy(const CampaignSetup &setup, const Person &person);

// 回避: whether what others recorded for a covered unit reaches the person. Not for a
// leader's or inspector's home unit, whose assessment they take no part in, seeing how
// teammates scored it included; on the tablet and in the console alike. (A liaison's
// home unit is their unit.)
bool readsRecordsOf(const Person &person, const QString &unitCode);

// The units whose records reach the person in the console and the follow-up, in units.csv
// order: those their role covers, less a leader's or inspector's home unit (回避).
QStringList unitsReadBy(const CampaignSetup &setup, const Person &person);

} // namespace onsite
