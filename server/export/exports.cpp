#include "exports.h"

#include "findingsworkbook.h"
#include "resultscsv.h"
#include "resultsreport.h"
#include "resultsworkbook.h"

namespace onsite::exports {

QByteArray resultsXlsx(const ExportInput &input)
{
    return ResultsWorkbook(input).build();
}

QByteArray resultsCsv(const ExportInput &input, CsvHeader header)
{
    return ResultsCsv(input, header == CsvHeader::Chinese).build();
}

QByteArray findingsXlsx(const ExportInput &input)
{
    return FindingsWorkbook(input).build();
}

QByteArray reportPdf(const ExportInput &input)
{
    return ResultsReport(input).build();
}

bool supports(Kind kind, Format format)
{
    switch (kind) {
    case Kind::Results:
        return format == Format::Xlsx || format == Format::Csv;
    case Kind::Findings:
        return format == Format::Xlsx;
    case Kind::Report:
        return format == Format::Pdf;
    }
    return false;
}

QByteArray build(Kind kind, Format format, const ExportInput &input, CsvHeader header)
{
    if (!supports(kind, format))
        throw ExportError("这种导出内容不提供该格式");
    switch (kind) {
    case Kind::Results:
        return format == Format::Csv ? resultsCsv(input, header) : resultsXlsx(input);
    case Kind::Findings:
        return findingsXlsx(input);
    case Kind::Report:
        break;
    }
    return reportPdf(input);
}

QString mimeType(Format format)
{
    switch (format) {
    case Format::Xlsx:
        return QStringLiteral("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    case Format::Csv:
        return QStringLiteral("text/csv; charset=utf-8");
    case Format::Pdf:
        break;
    }
    return QStringLiteral("application/pdf");
}

QString fileName(Kind kind, Format format, std::optional<int> version)
{
    const QString suffix = format == Format::Xlsx  ? QStringLiteral("xlsx")
                           : format == Format::Csv ? QStringLiteral("csv")
                                                   : QStringLiteral("pdf");
    if (kind == Kind::Findings)
        return QStringLiteral("问题清单.%1").arg(suffix);
    const QString base =
        kind == Kind::Results ? QStringLiteral("考评结果") : QStringLiteral("考评通报");
    const QString which = version ? QStringLiteral("第%1版").arg(*version) : QStringLiteral("实时");
    return QStringLiteral("%1-%2.%3").arg(base, which, suffix);
}

std::optional<Kind> kindFromName(const QString &name)
{
    if (name == QLatin1String("results"))
        return Kind::Results;
    if (name == QLatin1String("findings"))
        return Kind::Findings;
    if (name == QLatin1String("report"))
        return Kind::Report;
    return std::nullopt;
}

std::optional<Format> formatFromName(const QString &name)
{
    if (name == QLatin1String("xlsx"))
        return Format::Xlsx;
    if (name == QLatin1String("csv"))
        return Format::Csv;
    if (name == QLatin1String("pdf"))
        return Format::Pdf;
    return std::nullopt;
}

} // namespace onsite::exports
