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
    // message for people in `error`, when the text is not that or out of range.
    static std::optional<onsite::Position> parseFixedPosition(const QString &text, QString *error);

private:
    // Worded per request, not in the constructor: the app creates this source before
    // it installs its translator, and the language can change while it runs.
    QString noFixReason() const;

    QString m_configured; // ONSITE_FIXED_POSITION as read at construction
    std::optional<onsite::Position> m_fixed;
};

} // namespace onsite::platform
