#include "geodistance.h"

#include <cmath>
#include <numbers>

namespace onsite {

namespace {

constexpr double kEarthMeanRadiusMeters = 6371008.8; // IUGG mean radius

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

} // namespace

double distanceMeters(double latitude1, double longitude1, double latitude2, double longitude2)
{
    const double phi1 = radians(latitude1);
    const double phi2 = radians(latitude2);
    const double dPhi = radians(latitude2 - latitude1);
    const double dLambda = radians(longitude2 - longitude1);
    const double h = std::sin(dPhi / 2) * std::sin(dPhi / 2) +
                     std::cos(phi1) * std::cos(phi2) * std::sin(dLambda / 2) * std::sin(dLambda / 2);
    // min(): rounding can push h a hair above 1 for antipodal points, and asin(>1) is NaN.
    return 2 * kEarthMeanRadiusMeters * std::asin(std::sqrt(std::min(1.0, h)));
}

std::optional<double> distanceFromSite(const Site &site, const std::optional<Position> &position)
{
    if (!position || !site.latitude || !site.longitude)
        return std::nullopt;
    return distanceMeters(*site.latitude, *site.longitude, position->latitude, position->longitude);
}

} // namespace onsite
