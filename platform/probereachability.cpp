#include "probereachability.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkInformation>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>

#include <algorithm>

namespace onsite::platform {

namespace {

// The status answer is small; anything big is not HQ (and not worth reading).
constexpr qint64 kMaxStatusBytes = 64 * 1024;

QString failureText(QNetworkReply *reply, const QString &host)
{
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return ProbeReachability::tr("无法连接服务器 %1（连接被拒绝）").arg(host);
    case QNetworkReply::HostNotFoundError:
        return ProbeReachability::tr("找不到服务器 %1（请检查地址和网络）").arg(host);
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // what a transfer timeout reports
        return ProbeReachability::tr("服务器 %1 没有及时响应").arg(host);
    case QNetworkReply::SslHandshakeFailedError:
        return ProbeReachability::tr("与服务器 %1 的安全连接失败（证书不受信任）").arg(host);
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
        return ProbeReachability::tr("网络不可用");
    default:
        return ProbeReachability::tr("无法连接服务器 %1：%2").arg(host, reply->errorString());
    }
}

} // namespace

ProbeReachability::ProbeReachability(QObject *parent)
    : Reachability(parent), m_network(new QNetworkAccessManager(this))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ProbeReachability::probe);
    // A captive portal answers the probe with a redirect to its login page; following
    // it would turn "hotel Wi-Fi login" into "online". A redirect is not HQ answering.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

ProbeReachability::~ProbeReachability()
{
    // Nobody is listening any more: no finished() handler may run half-destroyed.
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void ProbeReachability::setServerUrl(const QUrl &url)
{
    if (url == m_serverUrl)
        return;
    m_serverUrl = url;
    // An answer from the previous server says nothing about this one.
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    m_timer.stop();
    if (!url.isValid() || url.isEmpty()) {
        settle(false, tr("尚未设置服务器地址"));
        return;
    }
    settle(false, tr("正在检查与服务器的连接"));
    probe();
}

void ProbeReachability::checkNow()
{
    // A probe already on its way answers soon enough; two at once would only race.
    if (m_reply || m_serverUrl.isEmpty())
        return;
    m_timer.stop();
    probe();
}

bool ProbeReachability::followSystemNetwork()
{
    if (!QNetworkInformation::instance()
        && !QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability))
        return false;
    connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
            &ProbeReachability::checkNow, Qt::UniqueConnection);
    return true;
}

QUrl ProbeReachability::statusUrl() const
{
    // Keeps a base path (HQ behind a reverse proxy at https://host/hq/).
    QUrl url = m_serverUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + QStringLiteral("/api/v1/status"));
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

void ProbeReachability::probe()
{
    if (m_serverUrl.isEmpty() || m_reply)
        return;
    ++m_probeCount;
    QNetworkRequest request(statusUrl());
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setTransferTimeout(int(m_timeout.count()));
    if (!m_extraCas.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_extraCas);
        request.setSslConfiguration(tls);
    }
    QNetworkReply *reply = m_network->get(request);
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { probeFinished(reply); });
}

void ProbeReachability::probeFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_reply = nullptr;

    const QString host = m_serverUrl.host();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        settle(false, failureText(reply, host));
    } else if (status != 200) {
        settle(false, tr("服务器 %1 暂时不可用（HTTP %2）").arg(host).arg(status));
    } else {
        // A portal or proxy may answer 200 with its own HTML page; HQ answers JSON.
        const QByteArray body = reply->read(kMaxStatusBytes);
        if (QJsonDocument::fromJson(body).isObject())
            settle(true, {});
        else
            settle(false, tr("%1 的应答不是 Onsite 服务器（可能需要先登录网络）").arg(host));
    }
    m_timer.start(m_online ? m_interval : std::min(m_retryInterval, m_interval));
}

void ProbeReachability::settle(bool online, const QString &error)
{
    m_lastError = error;
    if (online == m_online)
        return;
    m_online = online;
    Q_EMIT onlineChanged(online);
}

} // namespace onsite::platform
