#include "positionsource.h"

namespace onsite::platform {

// Out of line so the vtable and moc output live in one translation unit.
PositionSource::~PositionSource() = default;

} // namespace onsite::platform
