#pragma once

#include "client/store/devicestore.h"
#include "client/transport/syncclient.h"
#include "client/transport/syncerror.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace onsite::sync {

// Signing in on a device: check that no other person's changes wait, log in, keep
// the token, download the set-up and apply it. Used by the app and onsite-field.
class SignInFlow : public QObject
{
    Q_OBJECT
public:
    explicit SignInFlow(DeviceStore &store, QObject *parent = nullptr);
    ~SignInFlow() override;

    // Starts; progress() reports steps, finished() the outcome (empty error text on success).
    void start(const QUrl &server, const QString &account, const QString &password, const QString &deviceName,
               const QString &caCertificateFile = {});

    // The reason signing in as `account` at `server` would strand someone's unsynced
    // changes, or "" when it is safe.
    QString identityChangeRefusal(const QString &server, const QString &account) const;

Q_SIGNALS:
    void progress(double fraction, const QString &text);
    // `errorDetail`: HQ's status, code and words apart from `errorText` (SyncError::detail).
    void finished(const QString &errorText, const QString &displayName, const QString &errorDetail);

private:
    void downloadSetup(const QString &displayName);

    DeviceStore &m_store;
    std::unique_ptr<SyncClient> m_client;
};

} // namespace onsite::sync
