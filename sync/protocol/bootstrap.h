#pragma once

#include "domain/campaignsetup.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace onsite::protocol {

// GET /api/v1/bootstrap: what a signed-in person may see of the campaign set-up.
// Units and sites are cut to the person's scope; indicators are whole; people are
// those whose names the device shows (the person, their group, HQ).
struct Bootstrap
{
    Person me;
    QStringList scopeUnits; // units whose records this person may pull
    CampaignSetup setup;
    QString incarnation; // HQ's incarnation (protocol.h); empty from an HQ that has none

    QJsonObject toJson() const;
    static std::optional<Bootstrap> fromJson(const QJsonObject &json, QString *error);
};

} // namespace onsite::protocol
