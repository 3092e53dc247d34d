#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace onsite {

// Small secrets (the device token HQ issues at sign-in, the key that encrypts the
// device's database and photos) kept where other apps and other users cannot read
// them. Synchronous: secrets are tiny and read at start-up. The interface and the
// portable file store live in core because the device store (sync) opens its database
// with the key; native stores (Android Keystore, iOS Keychain) belong in platform.
//
// Keys are short names of letters, digits, '.', '_' and '-' (not starting with '.'),
// the same for every implementation, so code tested against the fake runs on devices.
// `error` may be null when the caller does not want the message.
class SecureStore
{
public:
    virtual ~SecureStore();

    // Replaces any secret stored under `key`. False, with a translated message, on failure.
    virtual bool store(const QString &key, const QByteArray &secret, QString *error) = 0;
    // Empty with `error` left empty when nothing is stored under `key`; empty with
    // `error` set when it could not be read.
    virtual std::optional<QByteArray> load(const QString &key, QString *error) const = 0;
    // Removing what is not there succeeds: the goal (no secret) is reached.
    virtual bool remove(const QString &key, QString *error) = 0;

    static bool isValidKey(const QString &key);

protected:
    // Sets `error` and returns false when `key` is not valid.
    static bool checkKey(const QString &key, QString *error);
};

} // namespace onsite
