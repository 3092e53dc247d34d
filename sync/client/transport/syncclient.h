#pragma once

#include "client/transport/apitransport.h"
#include "protocol/bootstrap.h"
#include "protocol/protocol.h"

#include <functional>

namespace onsite::sync {

struct LoginAnswer
{
    QString token;
    QString account;
    QString name;
    QString role;
    int protocol = 0;
};

struct PhotoState
{
    qint64 received = 0;
    bool complete = false;
};

// The device's calls to onsite-hq (docs/ARCHITECTURE.md §Protocol), one method per
// endpoint, each answering once through its callback with either an error or a value.
class SyncClient
{
public:
    template <typename T>
    using Done = std::function<void(const SyncError &, const T &)>;
    using Finished = std::function<void(const SyncError &)>;

    ApiTransport &transport() { return m_transport; }
    // The incarnation id the device holds (HqRestore): pushes and pulls name it by its
    // tag, and HQ leaves its id out of answers when it is the same.
    void setKnownIncarnation(const QString &incarnation) { m_incarnationTag = protocol::incarnationTag(incarnation); }

    void login(const QString &account, const QString &password, const QString &deviceId, const QString &deviceName,
               Done<LoginAnswer> done);
    void bootstrap(Done<protocol::Bootstrap> done);
    void push(const protocol::PushRequest &request, Done<protocol::PushResponse> done);
    void pull(qint64 since, int limit, Done<protocol::PullResponse> done);
    // Pages until the server says there is no more. `onPage` stores a page (with its
    // cursor) and returns an error to stop; the next page starts at the page's cursor.
    void pullAll(qint64 since, int limit, std::function<SyncError(const protocol::PullResponse &)> onPage,
                 Finished done);
    void photoStatus(const QString &sha256, Done<PhotoState> done);
    void putPhotoChunk(const QString &sha256, qint64 offset, qint64 total, const QByteArray &bytes,
                       Done<PhotoState> done);

    // Whether pushes and pulls go in protocol 2's compact form (protocol/compactwire.h).
    bool compactWire() const { return m_compact; }

private:
    void pushAs(ApiTransport::Wire wire, const protocol::PushRequest &request, Done<protocol::PushResponse> done);
    void pullAs(ApiTransport::Wire wire, qint64 since, int limit, Done<protocol::PullResponse> done);
    // An HQ before protocol 2 answers 404 to the compact paths: from then on, plain.
    bool fellBackToPlain(ApiTransport::Wire wire, const ApiReply &reply);

    ApiTransport m_transport;
    QString m_incarnationTag;
    // Until HQ's login answer or a 404 says otherwise, HQ is taken to speak protocol 2.
    bool m_compact = true;
};

} // namespace onsite::sync
