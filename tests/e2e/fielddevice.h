#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace onsite::test {

struct FieldRun
{
    int exitCode = -1;
    QString output;
};

// One onsite-field device folder, driven through the real binary.
class FieldDevice
{
public:
    explicit FieldDevice(QString name) : m_name(std::move(name)) {}

    FieldRun run(const QStringList &arguments);
    // `onsite-field login` to the HQ at `server` as `account` with its sample password.
    FieldRun login(const QString &server, const QString &account);
    QString folder() const { return m_dir.filePath(m_name); }

    // Copies the whole device folder aside, as a backup (Android auto-backup, a copied
    // folder) would, and later puts that copy back in place of the current folder.
    bool backUp(const QString &backupName);
    bool restore(const QString &backupName);

private:
    QTemporaryDir m_dir;
    QString m_name;
};

} // namespace onsite::test
