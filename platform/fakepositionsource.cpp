#include "fakepositionsource.h"

#include <QTimer>

namespace onsite::platform {

FakePositionSource::FakePositionSource(QObject *parent) : PositionSource(parent)
{
    // A plausible default so a fake wired into the app works without set-up.
    m_fix = Position{39.9042, 116.4074, 10.0};
}

void FakePositionSource::setHasPositioning(bool hasPositioning)
{
    if (m_hasPositioning == hasPositioning)
        return;
    m_hasPositioning = hasPositioning;
    Q_EMIT hasPositioningChanged(hasPositioning);
}

void FakePositionSource::setNextResult(const std::optional<Position> &fix, const QString &errorText)
{
    m_fix = fix;
    m_errorText = fix ? QString() : (errorText.isEmpty() ? tr("无法获取位置") : errorText);
}

void FakePositionSource::requestFix()
{
    ++m_requestCount;
    // The result is captured now: a test that changes it afterwards is setting up
    // the next request, not rewriting this one.
    const std::optional<Position> fix = m_hasPositioning ? m_fix : std::nullopt;
    const QString error = m_hasPositioning ? m_errorText : tr("此设备没有定位功能");
    QTimer::singleShot(m_delay, this, [this, fix, error] { Q_EMIT fixReady(fix, error); });
}

} // namespace onsite::platform
