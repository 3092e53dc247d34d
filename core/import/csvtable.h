#pragma once

#include "csvparser.h"
#include "importerror.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace onsite {

class CsvTable;

// Reads a whole file; a missing or unreadable file is an ImportException.
QByteArray readImportFile(const QString &path, const QString &fileName);

// One data row, with errors that point at its cells.
class CsvRow
{
public:
    CsvRow(const CsvTable &table, const CsvRecord &record) : m_table(table), m_record(record) {}

    int line() const { return m_record.line; }
    // The trimmed cell of a named column ("" when the row is short).
    QString value(const QString &column) const;
    // Throws an ImportException pointing at the named column of this row.
    [[noreturn]] void fail(const QString &column, const QString &message) const;
    [[noreturn]] void failRow(const QString &message) const;

private:
    const CsvTable &m_table;
    const CsvRecord &m_record;
};

// A decoded, parsed CSV file with a header row of (Chinese) column names.
class CsvTable
{
public:
    // Decodes, parses and checks that every required column is present.
    static CsvTable fromBytes(const QByteArray &bytes, const QString &fileName,
                              const QStringList &requiredColumns);

    const QString &fileName() const { return m_fileName; }
    int columnIndex(const QString &name) const { return m_columns.value(name, -1); }
    std::vector<CsvRow> rows() const;

    [[noreturn]] void fail(int line, const QString &column, const QString &message) const;

private:
    friend class CsvStream;
    // The table of a header row: its columns, checked; no data rows yet.
    static CsvTable withHeader(const CsvRecord &header, const QString &fileName,
                               const QStringList &requiredColumns);

    QString m_fileName;
    QHash<QString, int> m_columns;
    std::vector<CsvRecord> m_records; // data rows, header excluded
};

// The same file read row by row: the header is checked when it is opened, and each
// data row is parsed only when asked for, so a file of millions of lines is never
// held parsed whole (only its decoded text).
class CsvStream
{
public:
    CsvStream(QByteArray bytes, const QString &fileName, const QStringList &requiredColumns);
    CsvStream(const CsvStream &) = delete;
    CsvStream &operator=(const CsvStream &) = delete;

    // The next data row, valid until the next call; nothing at the end of the file.
    std::optional<CsvRow> next();
    const CsvTable &table() const { return m_table; }

private:
    QString m_text;
    CsvReader m_reader;
    CsvTable m_table;
    CsvRecord m_record;
};

} // namespace onsite
