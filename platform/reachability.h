#pragma once

#include <QObject>
#include <QUrl>

namespace onsite::platform {

// Whether HQ can be reached now — not merely whether some network is up: a tablet on
// hotel Wi-Fi or behind a captive portal has "a network" and still cannot sync. The
// sync scheduler uses it to try promptly when the line comes back; the UI shows it.
class Reachability : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool online READ isOnline NOTIFY onlineChanged)

public:
    using QObject::QObject;
    ~Reachability() override;

    virtual bool isOnline() const = 0;

    // The HQ base URL (what the sync client talks to), e.g. https://hq.example.cn/.
    // Empty means not configured yet (before the first sign-in): offline.
    virtual void setServerUrl(const QUrl &url) = 0;
    virtual QUrl serverUrl() const = 0;

    // Checks again now instead of at the next scheduled time, e.g. when the person
    // taps "sync now" or a sync request just failed.
    Q_INVOKABLE virtual void checkNow() = 0;

Q_SIGNALS:
    void onlineChanged(bool online);
};

} // namespace onsite::platform
