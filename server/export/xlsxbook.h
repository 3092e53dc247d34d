#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <map>
#include <memory>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace onsite::exports {

class XlsxBook;

// A text cell written many times (a unit's code and name on every sheet): made safe,
// encoded and measured once.
struct XlsxText
{
    explicit XlsxText(const QString &text);
    QByteArray utf8;
    double width = 0;
};

// Writes one worksheet: text through safeCellText, numbers as numbers, and column
// widths that fit what was written (CJK characters count double).
class XlsxSheet
{
public:
    XlsxSheet(XlsxBook &book, lxw_worksheet *sheet) : m_book(book), m_sheet(sheet) {}

    void title(int lastColumn, const QString &text); // row 0, merged across the columns
    // The title in row 0 and the headers in `headerRow`; returns the last column.
    int table(const QString &title, int headerRow, const QStringList &headers);
    void header(int row, int column, const QString &text);
    void text(int row, int column, const QString &text, bool wrap = false);
    void text(int row, int column, const XlsxText &text);
    // A line of notes under a table: spills over empty cells, widens no column.
    void note(int row, const QString &text);
    void points(int row, int column, double value); // two decimals: "0.00"
    void integer(int row, int column, double value);
    void dateTime(int row, int column, const QDateTime &time); // local time, yyyy-mm-dd hh:mm
    // Wrapped columns get a fixed width; the others are sized when the sheet is done.
    void fixWidth(int column, double width);
    // Panes below headerRow, rows 0 to headerRow printed on every page; column widths.
    void freezeAndFit(int headerRow, int frozenColumns);
    void autoFilter(int headerRow, int lastRow, int lastColumn);

private:
    void grow(int column, const QString &text);
    void grow(int column, double width);

    XlsxBook &m_book;
    lxw_worksheet *m_sheet;
    std::map<int, double> m_widths;
    std::map<int, double> m_fixed;
    int m_headerRow = -1;
};

// A libxlsxwriter workbook written to a private temporary folder (libxlsxwriter 1.1
// writes only to files) and read back as bytes. Throws ExportError on any failure.
// `rowByRow`: libxlsxwriter's constant_memory mode — each row goes to the sheet's file
// once the next one starts (cells are not kept, strings are written inline), so rows
// must be written in order and a row's height set before its cells.
class XlsxBook
{
public:
    explicit XlsxBook(bool rowByRow = false);
    ~XlsxBook();
    XlsxBook(const XlsxBook &) = delete;
    XlsxBook &operator=(const XlsxBook &) = delete;

    // Sheet names lose the characters Excel forbids ([]:*?/\), keep 31 characters and
    // are made unique. Sheets print on landscape A4, fitted to the page's width.
    XlsxSheet addSheet(const QString &name);
    QByteArray finish();

    lxw_format *titleFormat() const { return m_title; }
    lxw_format *headerFormat() const { return m_header; }
    lxw_format *wrapFormat() const { return m_wrap; }
    lxw_format *pointsFormat() const { return m_points; }
    lxw_format *integerFormat() const { return m_integer; }
    lxw_format *dateTimeFormat() const { return m_dateTime; }

private:
    QTemporaryDir m_dir;
    QString m_path;
    lxw_workbook *m_workbook = nullptr;
    lxw_format *m_title = nullptr;
    lxw_format *m_header = nullptr;
    lxw_format *m_wrap = nullptr;
    lxw_format *m_points = nullptr;
    lxw_format *m_integer = nullptr;
    lxw_format *m_dateTime = nullptr;
    QStringList m_sheetNames;
};

} // namespace onsite::exports
