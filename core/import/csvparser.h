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

// The same parser one record at a time, so a file of millions of lines is never held
// parsed whole. `text` must outlive the reader.
class CsvReader
{
public:
    CsvReader(const QString &text, const QString &fileName) : m_text(text), m_file(fileName) {}

    // The next record that is not entirely blank; false at the end of the text.
    bool next(CsvRecord &record);

private:
    void readRecord(QStringList &fields);
    QString readField(int column);
    QString readQuoted(int column);
    void consumeLineEnd();
    [[noreturn]] void fail(int column, const QString &message);

    const QString &m_text;
    const QString m_file;
    qsizetype m_pos = 0;
    int m_line = 1;
};

} // namespace onsite
