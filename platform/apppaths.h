#pragma once

#include <QString>

namespace onsite::platform {

// Where the app keeps its own files. One data folder holds everything (database,
// photos, secrets), so a test or a second instance can be pointed elsewhere with one
// setting, and "delete the app's data" is one folder.
class AppPaths
{
public:
    static constexpr const char *kDataFolderVariable = "ONSITE_APP_DATA";

    explicit AppPaths(QString dataFolder);

    // ONSITE_APP_DATA when set, else QStandardPaths::AppDataLocation: the app's
    // private storage on Android and iOS, ~/.local/share/<org>/<app> on Linux. Call
    // after QCoreApplication's organization and application names are set.
    static AppPaths fromEnvironment();

    QString dataFolder() const { return m_dataFolder; }
    QString photosFolder() const;
    QString secretsFolder() const; // for FileSecureStore; made private (0700) by it

    // Creates the data and photos folders when missing. False, with a translated
    // message, when that fails (or no data location is known at all).
    bool ensureExist(QString *error = nullptr) const;

private:
    QString m_dataFolder;
};

} // namespace onsite::platform
