#pragma once

// FakeSecureStore moved to core (store/fakesecurestore.h): the device store in sync needs it to open
// its encrypted database. Kept here under its platform name for platform code.
#include "securestore.h"
#include "store/fakesecurestore.h"

namespace onsite::platform {
using FakeSecureStore = onsite::FakeSecureStore;
} // namespace onsite::platform
