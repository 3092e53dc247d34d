#pragma once

#include "securestore.h"

#include <QHash>

namespace onsite {

// Secrets in memory only, gone with the object; for tests and throwaway demos.
class FakeSecureStore : public SecureStore
{
public:
    bool store(const QString &key, const QByteArray &secret, QString *error) override;
    std::optional<QByteArray> load(const QString &key, QString *error) const override;
    bool remove(const QString &key, QString *error) override;

    // While set, every call fails with this message (a locked keychain, a full disk).
    void setFailure(const QString &message) { m_failure = message; }
    qsizetype size() const { return m_secrets.size(); }

private:
    bool fail(QString *error) const;

    QHash<QString, QByteArray> m_secrets;
    QString m_failure;
};

} // namespace onsite
