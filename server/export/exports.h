#pragma once

#include "exportinput.h"

#include <QByteArray>
#include <QString>

#include <stdexcept>

// The 一表一单一图 exports, as bytes ready to write to a file or send as an HTTP body.
// `onsite-hq export` and the console's /api/v1/hq/exports/… call these (docs/API.md).
//
// Typical use (the console, for GET /api/v1/hq/exports/results.xlsx?version=2):
//   auto results = hq::ResultVersions(db).load(2);           // or hq::currentResultsJson(db,
//   *setup) auto input = exports::loadExportInput(db, setup, *results, 2, info->publishedAt);
//   input.restrictToUnits(groupUnits);                        // a leader sees their group only
//   QByteArray body = exports::resultsXlsx(input);
//   // Content-Type: exports::mimeType(Format::Xlsx),
//   // Content-Disposition: attachment; filename*=UTF-8''<percent-encoded exports::fileName(…)>
//
// Every text cell that comes from people (names, findings, suggestions, highlights) is
// neutralised against formula injection in XLSX and CSV (cellsafety.h).
//
// Threads: every function may be called from any thread. The PDF needs a
// QGuiApplication in the process (fonts and painting are QtGui); `onsite-hq` creates
// one on the headless `offscreen` platform for `export` and `serve`. Qt 6 paints on a
// QPdfWriter and lays out a QTextDocument outside the main thread (both are used only
// on the calling thread, never shared); reports are still rendered one at a time, as
// Qt's font database is global and a report is rare.
namespace onsite::exports {

class ExportError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

enum class Kind
{
    Results,
    Findings,
    Report
};
enum class Format
{
    Xlsx,
    Csv,
    Pdf
};
enum class CsvHeader
{
    Chinese,
    English
};

// 考评结果 workbook: sheet 考评结果 (units × level-1 subtotals, total, grade, ranks, veto,
// unscored, submitted) and one sheet per level-1 indicator with its items' points.
QByteArray resultsXlsx(const ExportInput &input);
// Chinese: UTF-8 with BOM, Chinese headers, CRLF (Excel on Chinese Windows). English:
// exactly the columns and bytes of `onsite-hq results --format csv`, for scripts.
QByteArray resultsCsv(const ExportInput &input, CsvHeader header = CsvHeader::Chinese);
// 问题清单 workbook: every finding with its unit, group, site, indicator and photos.
QByteArray findingsXlsx(const ExportInput &input);
// 通报 report, A4 PDF with CJK fonts embedded: ranking table and chart, then per unit its
// subtotals, findings and highlights. Throws ExportError without a QGuiApplication.
QByteArray reportPdf(const ExportInput &input);

// Which formats a kind comes in: results xlsx/csv, findings xlsx, report pdf.
bool supports(Kind kind, Format format);
QByteArray build(Kind kind, Format format, const ExportInput &input,
                 CsvHeader header = CsvHeader::Chinese);

QString mimeType(Format format);
// A file name for people, e.g. "考评结果-第2版.xlsx", "问题清单.xlsx", "考评通报-实时.pdf".
QString fileName(Kind kind, Format format, std::optional<int> version);

std::optional<Kind> kindFromName(const QString &name);     // results, findings, report
std::optional<Format> formatFromName(const QString &name); // xlsx, csv, pdf

} // namespace onsite::exports
