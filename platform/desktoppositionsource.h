#pragma once

#include "positionsource.h"

namespace onsite::platform {

// Desktops and laptops have no GPS (and Qt Positioning is not a dependency here), so
// there is no fix — unless one is configured with the environment variable
// ONSITE_FIXED_POSITION="lat,lon[,accuracy]", which makes demos and end-to-end tests
// check in at a known place.
class DesktopPositionSource : public PositionSource
{
    Q_OBJECT

public:
    static constexpr const char *kFixedPositionVariable = "ONSITE_FIXED_POSITION";

    // Reads ONSITE_FIXED_POSITION once, here.
    explicit DesktopPositionSource(QObject *parent = nullptr);

    bool hasPositioning() const override;
    void requestFix() override;

    // "lat,lon" or "lat,lon,accuracyMeters", decimal degrees (WGS84). Empty, with a
    // Chinese message in `error`, when the text is not that or out of range.
    static std::optional<onsite::Position> parseFixedPosition(const QString &text, QString *error);

private:
    std::optional<onsite::Position> m_fixed;
    QString m_noFixReason;
};

} // namespace onsite::platform
