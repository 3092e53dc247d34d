#pragma once

#include "domain/campaignsetup.h"

#include <QStringList>

namespace onsite {

// The units a person's role covers (DOMAIN.md §Roles): HQ every unit; a group leader
// or inspector the units of their group; a liaison their own unit. The one rule behind
// what a device syncs (hq/scope.h) and what the HQ console shows (consoleaccess.h).
QStringList unitsCoveredBy(const CampaignSetup &setup, const Person &person);

} // namespace onsite
