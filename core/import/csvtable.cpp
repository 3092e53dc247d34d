#include "csvtable.h"

#include "textdecoding.h"

#include <QFile>

#include <utility>

namespace onsite {

QString CsvRow::value(const QString &column) const
{
    const int index = m_table.columnIndex(column);
    if (index < 0 || index >= m_record.fields.size())
        return {};
    return m_record.fields.at(index).trimmed();
}

void CsvRow::fail(const QString &column, const QString &message) const
{
    m_table.fail(m_record.line, column, message);
}

void CsvRow::failRow(const QString &message) const
{
    throw ImportException(ImportError{m_table.fileName(), m_record.line, 0, {}, message});
}

namespace {

QString decodedText(const QByteArray &bytes, const QString &fileName)
{
    auto decoded = decodeSpreadsheetText(bytes);
    if (!decoded) {
        throw ImportException(ImportError{fileName, 0, 0, {},
                                          QStringLiteral("文件编码无法识别（应为 UTF-8 或 GBK/GB18030）")});
    }
    return std::move(decoded->text);
}

[[noreturn]] void failEmpty(const QString &fileName)
{
    throw ImportException(ImportError{fileName, 0, 0, {}, QStringLiteral("文件为空，缺少表头行")});
}

} // namespace

CsvTable CsvTable::withHeader(const CsvRecord &header, const QString &fileName,
                              const QStringList &requiredColumns)
{
    CsvTable table;
    table.m_fileName = fileName;
    for (int i = 0; i < header.fields.size(); ++i) {
        QString name = header.fields.at(i).trimmed();
        if (name.isEmpty())
            continue;
        if (table.m_columns.contains(name)) {
            throw ImportException(ImportError{fileName, header.line, i + 1, name,
                                              QStringLiteral("表头中列名重复")});
        }
        table.m_columns.insert(name, i);
    }
    for (const QString &required : requiredColumns) {
        if (!table.m_columns.contains(required)) {
            throw ImportException(ImportError{fileName, header.line, 0, required,
                                              QStringLiteral("表头缺少“%1”列").arg(required)});
        }
    }
    return table;
}

CsvTable CsvTable::fromBytes(const QByteArray &bytes, const QString &fileName,
                             const QStringList &requiredColumns)
{
    std::vector<CsvRecord> records = parseCsv(decodedText(bytes, fileName), fileName);
    if (records.empty())
        failEmpty(fileName);
    CsvTable table = withHeader(records.front(), fileName, requiredColumns);
    records.erase(records.begin());
    table.m_records = std::move(records);
    return table;
}

CsvStream::CsvStream(QByteArray bytes, const QString &fileName, const QStringList &requiredColumns)
    : m_text(decodedText(std::exchange(bytes, {}), fileName)), m_reader(m_text, fileName)
{
    if (!m_reader.next(m_record))
        failEmpty(fileName);
    m_table = CsvTable::withHeader(m_record, fileName, requiredColumns);
}

std::optional<CsvRow> CsvStream::next()
{
    if (!m_reader.next(m_record))
        return std::nullopt;
    return CsvRow(m_table, m_record);
}

QByteArray readImportFile(const QString &path, const QString &fileName)
{
    QFile file(path);
    if (!file.exists())
        throw ImportException(ImportError{fileName, 0, 0, {}, QStringLiteral("文件不存在：%1").arg(path)});
    if (!file.open(QIODevice::ReadOnly))
        throw ImportException(ImportError{fileName, 0, 0, {}, QStringLiteral("无法读取：%1").arg(file.errorString())});
    return file.readAll();
}

std::vector<CsvRow> CsvTable::rows() const
{
    std::vector<CsvRow> rows;
    rows.reserve(m_records.size());
    for (const CsvRecord &record : m_records)
        rows.emplace_back(*this, record);
    return rows;
}

void CsvTable::fail(int line, const QString &column, const QString &message) const
{
    const int index = columnIndex(column);
    throw ImportException(ImportError{m_fileName, line, index < 0 ? 0 : index + 1, column, message});
}

} // namespace onsite
