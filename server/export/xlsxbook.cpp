#include "xlsxbook.h"

#include "cellsafety.h"
#include "exports.h"
#include "system/beijingtime.h"

#include <QFile>

#include <algorithm>
#include <cmath>

#include <xlsxwriter.h>

namespace onsite::exports {

namespace {

void check(lxw_error error, const char *what)
{
    if (error != LXW_NO_ERROR)
        throw ExportError(QStringLiteral("生成 Excel 文件失败（%1）：%2")
                              .arg(QLatin1String(what), QString::fromUtf8(lxw_strerror(error)))
                              .toStdString());
}

// Excel measures columns in widths of "0" in the default font; a CJK character takes
// about two.
double textWidth(const QString &text)
{
    double widest = 0;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        double width = 0;
        for (const char32_t c : line.toUcs4())
            width += c >= 0x2E80 ? 2.1 : 1.1;
        widest = std::max(widest, width);
    }
    return widest;
}

// The width of a number printed with `decimals` places, without making the text.
double numberWidth(double value, int decimals)
{
    int digits = 1;
    for (double magnitude = std::abs(value); magnitude >= 10 && digits < 20; magnitude /= 10)
        ++digits;
    const int characters = digits + (decimals > 0 ? decimals + 1 : 0) + (value < 0 ? 1 : 0);
    return characters * 1.1;
}

lxw_format *newFormat(lxw_workbook *workbook)
{
    lxw_format *format = workbook_add_format(workbook);
    format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
    return format;
}

} // namespace

void XlsxSheet::title(int lastColumn, const QString &text)
{
    const QByteArray utf8 = safeCellText(text).toUtf8();
    if (lastColumn > 0) {
        check(worksheet_merge_range(m_sheet, 0, 0, 0, static_cast<lxw_col_t>(lastColumn),
                                    utf8.constData(), m_book.titleFormat()),
              "title");
    } else {
        check(worksheet_write_string(m_sheet, 0, 0, utf8.constData(), m_book.titleFormat()),
              "title");
    }
    worksheet_set_row(m_sheet, 0, 24, nullptr);
}

int XlsxSheet::table(const QString &text, int headerRow, const QStringList &headers)
{
    const int lastColumn = static_cast<int>(headers.size()) - 1;
    title(lastColumn, text);
    for (int c = 0; c <= lastColumn; ++c)
        header(headerRow, c, headers[c]);
    return lastColumn;
}

XlsxText::XlsxText(const QString &text)
{
    const QString safe = safeCellText(text);
    utf8 = safe.toUtf8();
    width = textWidth(safe);
}

void XlsxSheet::header(int row, int column, const QString &text)
{
    // Long headers wrap (the header format does) instead of widening every column; the
    // row's height comes first, as a row-by-row book cannot change a row once left.
    if (m_headerRow != row)
        worksheet_set_row(m_sheet, static_cast<lxw_row_t>(row), 48, nullptr);
    m_headerRow = row;
    check(worksheet_write_string(m_sheet, static_cast<lxw_row_t>(row),
                                 static_cast<lxw_col_t>(column),
                                 safeCellText(text).toUtf8().constData(), m_book.headerFormat()),
          "header");
    // Headers wrap (up to three lines) rather than widen a column of short numbers.
    double &width = m_widths[column];
    width = std::max(width, std::min(textWidth(text), 16.0));
}

void XlsxSheet::text(int row, int column, const QString &text, bool wrap)
{
    const QString safe = safeCellText(text);
    check(worksheet_write_string(m_sheet, static_cast<lxw_row_t>(row),
                                 static_cast<lxw_col_t>(column), safe.toUtf8().constData(),
                                 wrap ? m_book.wrapFormat() : nullptr),
          "text");
    grow(column, safe);
}

void XlsxSheet::text(int row, int column, const XlsxText &text)
{
    check(worksheet_write_string(m_sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column),
                                 text.utf8.constData(), nullptr),
          "text");
    grow(column, text.width);
}

void XlsxSheet::note(int row, const QString &text)
{
    check(worksheet_write_string(m_sheet, static_cast<lxw_row_t>(row), 0,
                                 safeCellText(text).toUtf8().constData(), nullptr),
          "note");
}

void XlsxSheet::points(int row, int column, double value)
{
    check(worksheet_write_number(m_sheet, static_cast<lxw_row_t>(row),
                                 static_cast<lxw_col_t>(column), value, m_book.pointsFormat()),
          "number");
    grow(column, numberWidth(value, 2));
}

void XlsxSheet::integer(int row, int column, double value)
{
    check(worksheet_write_number(m_sheet, static_cast<lxw_row_t>(row),
                                 static_cast<lxw_col_t>(column), value, m_book.integerFormat()),
          "number");
    grow(column, numberWidth(value, 0));
}

void XlsxSheet::dateTime(int row, int column, const QDateTime &time)
{
    if (!time.isValid())
        return;
    const QDateTime local = beijingTime(time);
    lxw_datetime value{local.date().year(),   local.date().month(),
                       local.date().day(),    local.time().hour(),
                       local.time().minute(), static_cast<double>(local.time().second())};
    check(worksheet_write_datetime(m_sheet, static_cast<lxw_row_t>(row),
                                   static_cast<lxw_col_t>(column), &value, m_book.dateTimeFormat()),
          "date");
    grow(column, QStringLiteral("2026-01-01 00:00"));
}

void XlsxSheet::fixWidth(int column, double width)
{
    m_fixed[column] = width;
}

void XlsxSheet::grow(int column, const QString &text)
{
    grow(column, textWidth(text));
}

void XlsxSheet::grow(int column, double width)
{
    double &widest = m_widths[column];
    widest = std::max(widest, width);
}

void XlsxSheet::freezeAndFit(int headerRow, int frozenColumns)
{
    worksheet_freeze_panes(m_sheet, static_cast<lxw_row_t>(headerRow + 1),
                           static_cast<lxw_col_t>(frozenColumns));
    // The rows kept on screen head every printed page too.
    check(worksheet_repeat_rows(m_sheet, 0, static_cast<lxw_row_t>(headerRow)), "print titles");
    for (const auto &[column, width] : m_widths) {
        const auto fixed = m_fixed.find(column);
        const double chosen =
            fixed != m_fixed.end() ? fixed->second : std::clamp(width + 2.0, 6.0, 45.0);
        check(worksheet_set_column(m_sheet, static_cast<lxw_col_t>(column),
                                   static_cast<lxw_col_t>(column), chosen, nullptr),
              "column");
    }
}

void XlsxSheet::autoFilter(int headerRow, int lastRow, int lastColumn)
{
    if (lastRow > headerRow) {
        check(worksheet_autofilter(m_sheet, static_cast<lxw_row_t>(headerRow), 0,
                                   static_cast<lxw_row_t>(lastRow),
                                   static_cast<lxw_col_t>(lastColumn)),
              "filter");
    }
}

XlsxBook::XlsxBook(bool rowByRow)
{
    if (!m_dir.isValid())
        throw ExportError(
            QStringLiteral("无法创建临时文件夹：%1").arg(m_dir.errorString()).toStdString());
    m_path = m_dir.filePath(QStringLiteral("export.xlsx"));
    const QByteArray tmpdir = QFile::encodeName(m_dir.path());
    lxw_workbook_options options{rowByRow ? LXW_TRUE : LXW_FALSE, const_cast<char *>(tmpdir.constData()),
                                 LXW_FALSE};
    m_workbook = workbook_new_opt(QFile::encodeName(m_path).constData(), &options);
    if (!m_workbook)
        throw ExportError(QStringLiteral("无法创建 Excel 文件 %1").arg(m_path).toStdString());

    m_title = newFormat(m_workbook);
    format_set_bold(m_title);
    format_set_font_size(m_title, 14);
    m_header = newFormat(m_workbook);
    format_set_bold(m_header);
    format_set_text_wrap(m_header);
    format_set_align(m_header, LXW_ALIGN_CENTER);
    format_set_bg_color(m_header, 0xD9D9D9);
    format_set_border(m_header, LXW_BORDER_THIN);
    m_wrap = newFormat(m_workbook);
    format_set_text_wrap(m_wrap);
    format_set_align(m_wrap, LXW_ALIGN_VERTICAL_TOP);
    m_points = newFormat(m_workbook);
    format_set_num_format(m_points, "0.00");
    m_integer = newFormat(m_workbook);
    format_set_num_format(m_integer, "0");
    m_dateTime = newFormat(m_workbook);
    format_set_num_format(m_dateTime, "yyyy-mm-dd hh:mm");
}

XlsxBook::~XlsxBook()
{
    if (m_workbook)
        workbook_close(m_workbook); // frees it; the half-written file goes with the folder
}

XlsxSheet XlsxBook::addSheet(const QString &name)
{
    QString clean;
    for (const QChar c : name) {
        if (!QStringLiteral("[]:*?/\\").contains(c) && c.unicode() >= 0x20)
            clean.append(c);
    }
    clean = clean.trimmed().left(31);
    while (clean.startsWith(QLatin1Char('\'')))
        clean.remove(0, 1);
    if (clean.isEmpty())
        clean = QStringLiteral("Sheet%1").arg(m_sheetNames.size() + 1);
    QString unique = clean;
    for (int n = 2; m_sheetNames.contains(unique, Qt::CaseInsensitive); ++n)
        unique =
            clean.left(31 - 1 - QString::number(n).size()) + QLatin1Char('~') + QString::number(n);
    m_sheetNames << unique;
    lxw_worksheet *sheet = workbook_add_worksheet(m_workbook, unique.toUtf8().constData());
    if (!sheet)
        throw ExportError(QStringLiteral("无法添加工作表“%1”").arg(unique).toStdString());
    // Printed for meetings: landscape A4, every column on the page's width.
    worksheet_set_paper(sheet, 9); // A4
    worksheet_set_landscape(sheet);
    worksheet_fit_to_pages(sheet, 1, 0);
    return XlsxSheet(*this, sheet);
}

QByteArray XlsxBook::finish()
{
    lxw_workbook *workbook = m_workbook;
    m_workbook = nullptr;
    check(workbook_close(workbook), "close");
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        throw ExportError(QStringLiteral("无法读取生成的 Excel 文件 %1").arg(m_path).toStdString());
    return file.readAll();
}

} // namespace onsite::exports
