#include "reachability.h"

namespace onsite::platform {

// Out of line so the vtable and moc output live in one translation unit.
Reachability::~Reachability() = default;

} // namespace onsite::platform
