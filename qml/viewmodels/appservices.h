#pragma once

#include "client/store/setupcache.h"

#include <QString>

#include <memory>

namespace onsite::sync {
class DeviceStore;
class SyncEngine;
} // namespace onsite::sync

namespace onsite::platform {
struct PlatformServices;
} // namespace onsite::platform

namespace onsite::app {

class Translations;

// The services main() builds, handed to the view models that QML creates. Set once
// before the QML engine loads; tests set their own.
struct AppServices
{
    sync::DeviceStore *store = nullptr;
    sync::SyncEngine *engine = nullptr;
    Translations *translations = nullptr;
    platform::PlatformServices *platform = nullptr; // position, photos, reachability
    QString defaultServerUrl;
    // The set-up read once for all view models and their writes (until they take a
    // FieldWorkspace, which owns one).
    std::shared_ptr<sync::SetupCache> setups = std::make_shared<sync::SetupCache>();

    static AppServices &instance();
};

} // namespace onsite::app
