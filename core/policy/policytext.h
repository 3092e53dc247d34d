#pragma once

#include "domain/person.h"

#include <QString>

namespace onsite {

// The role as people read it in a refusal (考评办, 检查组长, …), translated on the device.
QString roleTitle(Role role);

// The policies' refusal messages are written once, here in core, for the device and HQ
// alike: Chinese source text under the translation contexts the device always used
// ("FieldRules", "FieldRecorder"; lupdate needs them literal), so the tablet shows the
// translation and HQ the text as written.

} // namespace onsite
