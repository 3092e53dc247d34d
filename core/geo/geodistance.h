#pragma once

#include "domain/fieldwork.h"
#include "domain/site.h"

#include <optional>

namespace onsite {

// Great-circle distance in metres between two WGS84 points (haversine on a sphere of
// the Earth's mean radius). Good to about 0.5 % — far finer than a tablet's fix, and
// the same figure on the device and at HQ because both call this.
double distanceMeters(double latitude1, double longitude1, double latitude2, double longitude2);

// How far `position` is from the site's coordinates; empty when either is unknown.
std::optional<double> distanceFromSite(const Site &site, const std::optional<Position> &position);

} // namespace onsite
