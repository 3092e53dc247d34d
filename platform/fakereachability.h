#pragma once

#include "reachability.h"

namespace onsite::platform {

// Online when told so; for tests and for showing the offline UI on a desktop.
class FakeReachability : public Reachability
{
    Q_OBJECT

public:
    explicit FakeReachability(bool online = true, QObject *parent = nullptr);

    bool isOnline() const override { return m_online; }
    void setServerUrl(const QUrl &url) override { m_serverUrl = url; }
    QUrl serverUrl() const override { return m_serverUrl; }
    void checkNow() override { ++m_checkCount; }

    // Emits onlineChanged() only on a change, like the real one.
    void setOnline(bool online);
    int checkCount() const { return m_checkCount; }

private:
    bool m_online;
    QUrl m_serverUrl;
    int m_checkCount = 0;
};

} // namespace onsite::platform
