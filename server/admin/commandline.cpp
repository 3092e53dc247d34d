#include "commandline.h"

#include "hqdatafolder.h"

namespace onsite {

void writeText(FILE *stream, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, static_cast<size_t>(utf8.size()), stream);
    std::fflush(stream);
}

CommandLine::CommandLine(const QString &command, const QString &description) : m_command(command)
{
    m_parser.setApplicationDescription(description);
    m_parser.addOption(QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")},
                                          QStringLiteral("Show this help.")));
    m_parser.addOption(QCommandLineOption(QStringLiteral("data"),
                                          QStringLiteral("HQ data folder (default: %1).").arg(HqDataFolder::defaultPath()),
                                          QStringLiteral("DIR")));
    m_parser.addOption(QCommandLineOption(QStringLiteral("db"),
                                          QStringLiteral("Keep the data in PostgreSQL (postgresql://user:password@host/db) "
                                                         "instead of the folder's SQLite file."),
                                          QStringLiteral("URL")));
}

void CommandLine::addPositional(const QString &name, const QString &description)
{
    m_parser.addPositionalArgument(name, description);
    ++m_positionalCount;
}

bool CommandLine::parse(const QStringList &arguments, FILE *out, FILE *err, int &exitCode)
{
    const QString usage = QStringLiteral("onsite-hq ") + m_command;
    if (!m_parser.parse(QStringList{usage} + arguments)) {
        writeText(err, QStringLiteral("onsite-hq %1: %2\n用法见：onsite-hq %1 --help\n").arg(m_command, m_parser.errorText()));
        exitCode = 2;
        return false;
    }
    if (m_parser.isSet(QStringLiteral("help"))) {
        QString help = m_parser.helpText();
        help.replace(QStringLiteral("Usage: ") + usage + QStringLiteral(" [options]"),
                     QStringLiteral("Usage: ") + usage + QStringLiteral(" [options]"));
        writeText(out, help);
        exitCode = 0;
        return false;
    }
    if (m_parser.positionalArguments().size() != m_positionalCount) {
        writeText(err, QStringLiteral("onsite-hq %1: 需要 %2 个参数，实际给了 %3 个\n用法见：onsite-hq %1 --help\n")
                           .arg(m_command)
                           .arg(m_positionalCount)
                           .arg(m_parser.positionalArguments().size()));
        exitCode = 2;
        return false;
    }
    return true;
}

HqDataFolder CommandLine::dataFolder() const
{
    const QString value = m_parser.value(QStringLiteral("data"));
    HqDataFolder folder(value.isEmpty() ? HqDataFolder::defaultPath() : value);
    folder.setDatabaseUrl(m_parser.value(QStringLiteral("db")));
    return folder;
}

} // namespace onsite
