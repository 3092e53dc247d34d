#include "photosource.h"

namespace onsite::platform {

// Out of line so the vtable and moc output live in one translation unit.
PhotoSource::~PhotoSource() = default;

} // namespace onsite::platform
