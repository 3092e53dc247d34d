#pragma once

#include "policy/consoleaccess.h"

#include <QJsonArray>
#include <QJsonObject>

namespace onsite::console {

// GET /api/v1/hq/campaign: the campaign, its indicator tree, and the units and groups
// the caller may see.
QJsonObject campaignJson(const CampaignSetup &setup, const ConsoleAccess &access);

// [{"code","name","points"}] of the level-1 indicators (项目), in file order.
QJsonArray projectsJson(const CampaignSetup &setup);

} // namespace onsite::console
