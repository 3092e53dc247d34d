#include "desktoppositionsource.h"

#include <QStringList>
#include <QTimer>

#include <cmath>

namespace onsite::platform {

namespace {

std::optional<double> parseNumber(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

} // namespace

DesktopPositionSource::DesktopPositionSource(QObject *parent)
    : PositionSource(parent), m_configured(qEnvironmentVariable(kFixedPositionVariable).trimmed())
{
    QString error; // worded in noFixReason(), when it is asked for
    if (!m_configured.isEmpty())
        m_fixed = parseFixedPosition(m_configured, &error);
}

bool DesktopPositionSource::hasPositioning() const { return m_fixed.has_value(); }

QString DesktopPositionSource::noFixReason() const
{
    if (m_configured.isEmpty())
        return tr("此设备没有定位功能");
    // A typo in a demo set-up should be visible, not silently look like "no GPS".
    QString error;
    parseFixedPosition(m_configured, &error);
    return tr("此设备没有定位功能；环境变量 %1 的值无效：%2")
        .arg(QLatin1String(kFixedPositionVariable), error);
}

void DesktopPositionSource::requestFix()
{
    // Queued even though the answer is known now: callers rely on the answer coming
    // later (see PositionSource), as it does on a real device.
    const std::optional<Position> fix = m_fixed;
    const QString reason = m_fixed ? QString() : noFixReason();
    QTimer::singleShot(0, this, [this, fix, reason] { Q_EMIT fixReady(fix, reason); });
}

std::optional<Position> DesktopPositionSource::parseFixedPosition(const QString &text, QString *error)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 2 && parts.size() != 3) {
        *error = tr("“%1”应为“纬度,经度”或“纬度,经度,精度（米）”").arg(text);
        return std::nullopt;
    }
    const std::optional<double> latitude = parseNumber(parts[0]);
    const std::optional<double> longitude = parseNumber(parts[1]);
    if (!latitude || *latitude < -90 || *latitude > 90) {
        *error = tr("纬度“%1”不是 -90 到 90 之间的数").arg(parts[0].trimmed());
        return std::nullopt;
    }
    if (!longitude || *longitude < -180 || *longitude > 180) {
        *error = tr("经度“%1”不是 -180 到 180 之间的数").arg(parts[1].trimmed());
        return std::nullopt;
    }
    Position position{*latitude, *longitude, std::nullopt};
    if (parts.size() == 3) {
        const std::optional<double> accuracy = parseNumber(parts[2]);
        if (!accuracy || *accuracy < 0) {
            *error = tr("精度“%1”不是非负的米数").arg(parts[2].trimmed());
            return std::nullopt;
        }
        position.accuracyMeters = *accuracy;
    }
    return position;
}

} // namespace onsite::platform
