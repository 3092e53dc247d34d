#include "securestore.h"

#include <QCoreApplication>

namespace onsite {

SecureStore::~SecureStore() = default;

bool SecureStore::isValidKey(const QString &key)
{
    // Keys become file names (desktop) or keychain item names: nothing that could
    // climb out of a folder or hide a file.
    if (key.isEmpty() || key.size() > 100 || key.startsWith(QLatin1Char('.')))
        return false;
    for (const QChar c : key) {
        const bool plain = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                           || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.')
                           || c == QLatin1Char('_') || c == QLatin1Char('-');
        if (!plain)
            return false;
    }
    return true;
}

bool SecureStore::checkKey(const QString &key, QString *error)
{
    if (isValidKey(key))
        return true;
    if (error)
        *error = QCoreApplication::translate(
                     "SecureStore", "密钥名称“%1”无效（只能用字母、数字、点、下划线和连字符）")
                     .arg(key);
    return false;
}

} // namespace onsite
