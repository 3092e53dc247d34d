#pragma once

#include "positionsource.h"

#include <QVariantMap>

class QGeoPositionInfoSource;

namespace onsite::platform {

// The device's real position, through Qt Positioning: the platform's default source
// (Android and iOS location services; GeoClue on Linux), or a named plugin such as
// "nmea" reading a receiver, a socket or a recorded log. One fix per request, with a
// timeout, so GPS runs only while someone is checking in or taking a photo.
class QtPositionSource : public PositionSource
{
    Q_OBJECT

public:
    static constexpr int kFixTimeoutMs = 30000;

    // The platform's default source; hasPositioning() is false when there is none.
    explicit QtPositionSource(QObject *parent = nullptr);
    // A named Qt Positioning plugin with its parameters (e.g. "nmea", {"nmea.source": path}).
    QtPositionSource(const QString &pluginName, const QVariantMap &parameters, QObject *parent = nullptr);

    bool hasPositioning() const override { return source() != nullptr; }
    void requestFix() override;
    QString sourceName() const;

private:
    // Made at the first question, not with this object: loading the plugins (and, with
    // GeoClue, reaching D-Bus) took about 1 ms of the app's start, before any check-in.
    QGeoPositionInfoSource *source() const;
    void attach(QGeoPositionInfoSource *source);
    void answer(const std::optional<onsite::Position> &fix, const QString &errorText);

    QString m_pluginName; // empty: the platform's default source
    QVariantMap m_parameters;
    mutable QGeoPositionInfoSource *m_source = nullptr;
    mutable bool m_sourceMade = false;
    bool m_pending = false;
};

} // namespace onsite::platform
