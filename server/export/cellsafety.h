#pragma once

#include <QString>

namespace onsite::exports {

// Text from people made safe for a spreadsheet cell (XLSX or CSV): control characters
// other than tab and line breaks are removed (NUL and friends break XML and confuse
// readers), and text a spreadsheet would take for a formula — starting with =, +, -,
// @, tab or CR — gets a leading apostrophe, so "=HYPERLINK(…)" stays text
// (OWASP CSV injection advice).
QString safeCellText(const QString &text);

// Text with control characters other than tab and line breaks removed (also for the PDF,
// where they would print as boxes).
QString withoutControlCharacters(const QString &text);

} // namespace onsite::exports
