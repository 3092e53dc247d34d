#pragma once

// SecureStore moved to core (store/securestore.h): the device store in sync needs it to open
// its encrypted database. Kept here under its platform name for platform code.
#include "store/securestore.h"

namespace onsite::platform {
using SecureStore = onsite::SecureStore;
} // namespace onsite::platform
