#include "csvparser.h"

#include <algorithm>

namespace onsite {

bool CsvReader::next(CsvRecord &record)
{
    while (m_pos < m_text.size()) {
        record.line = m_line;
        record.fields.clear();
        readRecord(record.fields);
        const bool blank = std::all_of(record.fields.begin(), record.fields.end(),
                                       [](const QString &f) { return f.trimmed().isEmpty(); });
        if (!blank)
            return true;
    }
    return false;
}

void CsvReader::readRecord(QStringList &fields)
{
    for (;;) {
        fields << readField(static_cast<int>(fields.size()) + 1);
        if (m_pos >= m_text.size())
            return;
        const QChar c = m_text.at(m_pos);
        if (c == QLatin1Char(',')) {
            ++m_pos;
            continue;
        }
        consumeLineEnd();
        return;
    }
}

QString CsvReader::readField(int column)
{
    if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char('"'))
        return readQuoted(column);
    const qsizetype start = m_pos;
    while (m_pos < m_text.size()) {
        const QChar c = m_text.at(m_pos);
        if (c == QLatin1Char(',') || c == QLatin1Char('\r') || c == QLatin1Char('\n'))
            break;
        if (c == QLatin1Char('"'))
            fail(column, QStringLiteral("未加引号的字段中出现了引号；含引号的字段应整体用英文双引号括起，并把引号写成两个"));
        ++m_pos;
    }
    return m_text.mid(start, m_pos - start);
}

QString CsvReader::readQuoted(int column)
{
    const int startLine = m_line;
    ++m_pos; // opening quote
    QString value;
    for (;;) {
        if (m_pos >= m_text.size()) {
            m_line = startLine;
            fail(column, QStringLiteral("引号没有闭合，文件在字段结束前就结束了"));
        }
        const QChar c = m_text.at(m_pos);
        if (c == QLatin1Char('"')) {
            if (m_pos + 1 < m_text.size() && m_text.at(m_pos + 1) == QLatin1Char('"')) {
                value += QLatin1Char('"');
                m_pos += 2;
                continue;
            }
            ++m_pos;
            break;
        }
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            // Keep line breaks inside cells as '\n', whatever the file used.
            consumeLineEnd();
            value += QLatin1Char('\n');
            continue;
        }
        value += c;
        ++m_pos;
    }
    if (m_pos < m_text.size()) {
        const QChar next = m_text.at(m_pos);
        if (next != QLatin1Char(',') && next != QLatin1Char('\r') && next != QLatin1Char('\n'))
            fail(column, QStringLiteral("右引号之后还有其他字符"));
    }
    return value;
}

void CsvReader::consumeLineEnd()
{
    if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char('\r'))
        ++m_pos;
    if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char('\n'))
        ++m_pos;
    ++m_line;
}

void CsvReader::fail(int column, const QString &message)
{
    throw ImportException(ImportError{m_file, m_line, column, {}, message});
}

std::vector<CsvRecord> parseCsv(const QString &text, const QString &fileName)
{
    CsvReader reader(text, fileName);
    std::vector<CsvRecord> records;
    CsvRecord record;
    while (reader.next(record))
        records.push_back(std::move(record));
    return records;
}

} // namespace onsite
