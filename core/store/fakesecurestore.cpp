#include "fakesecurestore.h"

namespace onsite {

bool FakeSecureStore::fail(QString *error) const
{
    if (m_failure.isEmpty())
        return false;
    if (error)
        *error = m_failure;
    return true;
}

bool FakeSecureStore::store(const QString &key, const QByteArray &secret, QString *error)
{
    if (!checkKey(key, error) || fail(error))
        return false;
    m_secrets.insert(key, secret);
    return true;
}

std::optional<QByteArray> FakeSecureStore::load(const QString &key, QString *error) const
{
    if (!checkKey(key, error) || fail(error))
        return std::nullopt;
    const auto found = m_secrets.constFind(key);
    if (found == m_secrets.constEnd())
        return std::nullopt;
    return *found;
}

bool FakeSecureStore::remove(const QString &key, QString *error)
{
    if (!checkKey(key, error) || fail(error))
        return false;
    m_secrets.remove(key);
    return true;
}

} // namespace onsite
