#pragma once

#include "exportinput.h"

#include <QByteArray>

namespace onsite::exports {

// The results as CSV. Chinese (the default for exports): UTF-8 with a BOM, Chinese
// headers, CRLF line ends and 是/否, which Excel on Chinese Windows opens as it is.
// English: the columns, values and line ends of `onsite-hq results --format csv`, so
// scripts read an exported version exactly as they read live results.
class ResultsCsv
{
public:
    ResultsCsv(const ExportInput &input, bool chinese) : m_input(input), m_chinese(chinese) {}

    QByteArray build() const;

private:
    const ExportInput &m_input;
    bool m_chinese;
};

} // namespace onsite::exports
