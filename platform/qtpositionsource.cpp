#include "qtpositionsource.h"

#include <QGeoPositionInfoSource>
#include <QTimer>

#include <cmath>

namespace onsite::platform {

QtPositionSource::QtPositionSource(QObject *parent) : PositionSource(parent) {}

QtPositionSource::QtPositionSource(const QString &pluginName, const QVariantMap &parameters, QObject *parent)
    : PositionSource(parent), m_pluginName(pluginName), m_parameters(parameters)
{
}

QString QtPositionSource::sourceName() const { return source() ? source()->sourceName() : QString(); }

QGeoPositionInfoSource *QtPositionSource::source() const
{
    if (!m_sourceMade) {
        m_sourceMade = true;
        auto *self = const_cast<QtPositionSource *>(this); // the Qt source is this object's child
        m_source = m_pluginName.isEmpty() ? QGeoPositionInfoSource::createDefaultSource(self)
                                          : QGeoPositionInfoSource::createSource(m_pluginName, m_parameters, self);
        if (m_source)
            self->attach(m_source);
    }
    return m_source;
}

void QtPositionSource::attach(QGeoPositionInfoSource *source)
{
    connect(source, &QGeoPositionInfoSource::positionUpdated, this, [this](const QGeoPositionInfo &info) {
        const QGeoCoordinate c = info.coordinate();
        if (!c.isValid())
            return; // a sentence without a fix; wait for the next or the timeout
        Position position{c.latitude(), c.longitude(), std::nullopt};
        if (info.hasAttribute(QGeoPositionInfo::HorizontalAccuracy)) {
            const double accuracy = info.attribute(QGeoPositionInfo::HorizontalAccuracy);
            if (std::isfinite(accuracy) && accuracy >= 0)
                position.accuracyMeters = accuracy;
        }
        answer(position, {});
    });
    connect(source, &QGeoPositionInfoSource::errorOccurred, this, [this](QGeoPositionInfoSource::Error error) {
        switch (error) {
        case QGeoPositionInfoSource::AccessError:
            return answer(std::nullopt, tr("没有定位权限，请在系统设置中允许本应用使用位置信息"));
        case QGeoPositionInfoSource::ClosedError:
            return answer(std::nullopt, tr("定位服务已关闭，请在系统设置中打开"));
        case QGeoPositionInfoSource::UpdateTimeoutError:
            return answer(std::nullopt, tr("%1 秒内没有取得定位，请到开阔处再试").arg(kFixTimeoutMs / 1000));
        case QGeoPositionInfoSource::NoError:
            return;
        case QGeoPositionInfoSource::UnknownSourceError:
            break;
        }
        answer(std::nullopt, tr("定位出错，请稍后再试"));
    });
}

void QtPositionSource::requestFix()
{
    if (!source()) {
        QTimer::singleShot(0, this, [this] { Q_EMIT fixReady(std::nullopt, tr("此设备没有定位功能")); });
        return;
    }
    if (m_pending)
        return; // answered together with the one already asked for
    m_pending = true;
    // Queued: some plugins report an error from inside requestUpdate(), and
    // PositionSource promises never to answer from inside requestFix().
    QTimer::singleShot(0, this, [this] {
        if (m_pending)
            m_source->requestUpdate(kFixTimeoutMs);
    });
}

void QtPositionSource::answer(const std::optional<Position> &fix, const QString &errorText)
{
    if (!m_pending)
        return; // a late update after the timeout, or a stream's next sentence
    m_pending = false;
    Q_EMIT fixReady(fix, errorText);
}

} // namespace onsite::platform
