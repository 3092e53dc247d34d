#pragma once

#include "importerror.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace onsite {

struct CsvRecord
{
    int line = 0; // the line the record starts on (1-based)
    QStringList fields;
};

// Parses RFC 4180 text: quoted fields with commas, doubled quotes and line breaks;
// CRLF, LF or CR line ends. Rows that are entirely empty (Excel writes ",,," for
// formatted blank rows) are skipped. Throws ImportException naming file, line and
// column for an unterminated quote or text after a closing quote.
std::vector<CsvRecord> parseCsv(const QString &text, const QString &fileName);

} // namespace onsite
