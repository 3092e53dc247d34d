#pragma once

#include <QString>

#include <stdexcept>

namespace onsite {

// Where and why an import was rejected. Line and column are 1-based and count as
// a spreadsheet shows them (line 1 is the header row); 0 means "the whole file".
struct ImportError
{
    QString file;
    int line = 0;
    int column = 0;
    QString columnName;
    QString message;

    // "indicators.csv 第 5 行第 6 列（计分方法）：…"
    QString toString() const;
};

class ImportException : public std::runtime_error
{
public:
    explicit ImportException(ImportError error);
    const ImportError &error() const { return m_error; }

private:
    ImportError m_error;
};

} // namespace onsite
