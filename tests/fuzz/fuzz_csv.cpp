// The campaign and paper-score files arrive from HQ staff's Excel or from anyone who can
// upload: text decoding (UTF-8 with or without BOM, GB18030) and the RFC 4180 reader.

#include "fuzzcheck.h"

#include "import/csvparser.h"
#include "import/csvtable.h"
#include "import/importerror.h"
#include "import/textdecoding.h"

using namespace onsite;

namespace {

QString quoted(QString field)
{
    field.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + field + QLatin1Char('"');
}

// Writes records back as CSV, every field quoted, so any text survives.
QString writeCsv(const std::vector<CsvRecord> &records)
{
    QString text;
    for (const CsvRecord &record : records) {
        QStringList fields;
        for (const QString &field : record.fields)
            fields << quoted(field);
        text += fields.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const auto decoded = decodeSpreadsheetText(input);
    if (decoded) {
        // Decoding loses nothing: the text encodes back to the very bytes, but for one
        // byte order mark that Qt drops after the first (UTF-8) or at the start (GB18030).
        QByteArray encoded;
        QByteArray bom;
        switch (decoded->encoding) {
        case TextEncoding::Utf8WithBom:
            encoded = QByteArray("\xEF\xBB\xBF") + decoded->text.toUtf8();
            bom = "\xEF\xBB\xBF";
            break;
        case TextEncoding::Utf8:
            encoded = decoded->text.toUtf8();
            break;
        case TextEncoding::Gb18030: {
            const auto again = encodeGb18030(decoded->text);
            FUZZ_CHECK(again.has_value());
            encoded = *again;
            bom = "\x84\x31\x95\x33";
            break;
        }
        }
        if (encoded != input) {
            const qsizetype at = decoded->encoding == TextEncoding::Utf8WithBom ? 3 : 0;
            FUZZ_CHECK(!bom.isEmpty() && input.mid(at).startsWith(bom));
            FUZZ_CHECK(encoded == input.left(at) + input.mid(at + bom.size()));
        }

        std::vector<CsvRecord> records;
        bool parsed = true;
        try {
            records = parseCsv(decoded->text, QStringLiteral("fuzz.csv"));
        } catch (const ImportException &e) {
            parsed = false;
            FUZZ_CHECK(e.error().line >= 1 && e.error().column >= 1);
            FUZZ_CHECK(!e.error().toString().isEmpty());
        }
        if (parsed) {
            int previousLine = 0;
            for (const CsvRecord &record : records) {
                FUZZ_CHECK(!record.fields.isEmpty());
                FUZZ_CHECK(record.line > previousLine); // records start on rising lines
                previousLine = record.line;
            }
            // Written back and read again, the same records with the same fields.
            const auto again = parseCsv(writeCsv(records), QStringLiteral("again.csv"));
            FUZZ_CHECK(again.size() == records.size());
            for (std::size_t i = 0; i < records.size(); ++i)
                FUZZ_CHECK(again[i].fields == records[i].fields);
        }
    }

    // The table reader on top: header lookup and cell access never go out of bounds.
    try {
        const CsvTable table =
            CsvTable::fromBytes(input, QStringLiteral("fuzz.csv"), {QStringLiteral("账号")});
        FUZZ_CHECK(table.columnIndex(QStringLiteral("账号")) >= 0);
        for (const CsvRow &row : table.rows()) {
            (void)row.value(QStringLiteral("账号"));
            FUZZ_CHECK(row.value(QStringLiteral("没有这一列")).isEmpty());
            FUZZ_CHECK(row.line() >= 2);
        }
    } catch (const ImportException &e) {
        FUZZ_CHECK(!e.error().toString().isEmpty());
    }
    return 0;
}
