#pragma once

// FileSecureStore moved to core (store/filesecurestore.h): the device store in sync needs it to open
// its encrypted database. Kept here under its platform name for platform code.
#include "securestore.h"
#include "store/filesecurestore.h"

namespace onsite::platform {
using FileSecureStore = onsite::FileSecureStore;
} // namespace onsite::platform
