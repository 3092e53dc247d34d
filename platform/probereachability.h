#pragma once

#include "reachability.h"

#include <QList>
#include <QPointer>
#include <QSslCertificate>
#include <QString>
#include <QTimer>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace onsite::platform {

// Online means: the last GET <server>/api/v1/status answered 200 with a JSON body.
// Asking HQ itself is the only answer that matters for sync, and it works the same
// on every platform (QtNetwork), so this is not a desktop-only implementation.
//
// Probes every interval() while online and every retryInterval() (shorter) while
// offline, so a returning line is noticed soon without polling hard when all is well.
class ProbeReachability : public Reachability
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kDefaultInterval{20000};
    static constexpr std::chrono::milliseconds kDefaultRetryInterval{5000};
    static constexpr std::chrono::milliseconds kDefaultTimeout{10000};

    explicit ProbeReachability(QObject *parent = nullptr);
    ~ProbeReachability() override;

    bool isOnline() const override { return m_online; }
    // Probes at once, then on schedule; a different server starts out offline.
    void setServerUrl(const QUrl &url) override;
    QUrl serverUrl() const override { return m_serverUrl; }
    void checkNow() override;

    void setInterval(std::chrono::milliseconds interval) { m_interval = interval; }
    std::chrono::milliseconds interval() const { return m_interval; }
    void setRetryInterval(std::chrono::milliseconds interval) { m_retryInterval = interval; }
    std::chrono::milliseconds retryInterval() const { return m_retryInterval; }
    // How long one probe may take before it counts as "no answer".
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    // Trusted besides the system's, for HQ deployments with their own CA (as the sync
    // client's --ca option); otherwise such a server would always look offline.
    void setCaCertificates(const QList<QSslCertificate> &certificates) { m_extraCas = certificates; }

    // Also probe as soon as the operating system reports a network change (Wi-Fi
    // back, mobile data on), where Qt has a backend for it (Android, NetworkManager).
    // The system's verdict never decides `online` by itself. False when no backend.
    bool followSystemNetwork();

    // Why the last probe failed (translated, for a status line); empty while online.
    QString lastError() const { return m_lastError; }
    int probeCount() const { return m_probeCount; }

private:
    void probe();
    void probeFinished(QNetworkReply *reply);
    void settle(bool online, const QString &error);
    QUrl statusUrl() const;

    QNetworkAccessManager *m_network;
    QTimer m_timer;
    QPointer<QNetworkReply> m_reply;
    QUrl m_serverUrl;
    QList<QSslCertificate> m_extraCas;
    std::chrono::milliseconds m_interval = kDefaultInterval;
    std::chrono::milliseconds m_retryInterval = kDefaultRetryInterval;
    std::chrono::milliseconds m_timeout = kDefaultTimeout;
    bool m_online = false;
    QString m_lastError;
    int m_probeCount = 0;
};

} // namespace onsite::platform
