#pragma once

#include "securestore.h"

namespace onsite {

// Desktop secret store: one file per key in a private folder (mode 0700), each file
// mode 0600 and replaced atomically, so a crash mid-write leaves the old token, never
// half of one. This is the protection ~/.ssh keys get: other users cannot read it,
// the same user's programs can. On Windows the folder sits in the user's profile,
// whose ACLs do the same job (the mode bits mean little there). The desktop app and
// onsite-field keep it in the data folder (`secrets/`), so a copy of the whole folder
// carries the key with it: on a desktop the encryption adds nothing against that copy
// (docs/ARCHITECTURE.md, "Data at rest on the device").
//
// Android Keystore and iOS Keychain implementations of SecureStore belong next to
// this one (androidsecurestore / iossecurestore) when those builds are made: there a
// file in the app sandbox would still be copied by backups and readable on a rooted
// device, which a hardware-backed key avoids.
class FileSecureStore : public SecureStore
{
public:
    explicit FileSecureStore(QString folder) : m_folder(std::move(folder)) {}

    bool store(const QString &key, const QByteArray &secret, QString *error) override;
    std::optional<QByteArray> load(const QString &key, QString *error) const override;
    bool remove(const QString &key, QString *error) override;

    QString folder() const { return m_folder; }
    QString filePathFor(const QString &key) const;

private:
    bool ensurePrivateFolder(QString *error) const;

    QString m_folder;
};

} // namespace onsite
