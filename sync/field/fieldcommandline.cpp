#include "fieldcommandline.h"

#include <QCoreApplication>
#include <QDir>

namespace onsite::field {

void writeText(FILE *stream, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, static_cast<size_t>(utf8.size()), stream);
    std::fflush(stream);
}

QString FieldCommandLine::defaultDataFolder()
{
    const QString fromEnvironment = qEnvironmentVariable("ONSITE_FIELD_DATA");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QDir::home().filePath(QStringLiteral(".local/share/onsite-field"));
}

FieldCommandLine::FieldCommandLine(const QString &command, const QString &description) : m_command(command)
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addOption(QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")));
    m_parser.addOption(QCommandLineOption(
        QStringLiteral("data"),
        QStringLiteral("Device data folder (default: $ONSITE_FIELD_DATA, else ~/.local/share/onsite-field)."),
        QStringLiteral("DIR")));
}

void FieldCommandLine::addPositional(const QString &name, const QString &description)
{
    m_parser.addPositionalArgument(name, description);
    ++m_positionalCount;
}

void FieldCommandLine::addOption(const QString &name, const QString &description, const QString &valueName)
{
    m_parser.addOption(QCommandLineOption(name, description, valueName));
}

bool FieldCommandLine::parse(const QStringList &arguments, int &exitCode)
{
    const QString usage = QStringLiteral("onsite-field ") + m_command;
    if (!m_parser.parse(QStringList{usage} + arguments)) {
        err(QStringLiteral("onsite-field %1：%2\n用法见：onsite-field %1 --help").arg(m_command, m_parser.errorText()));
        exitCode = kExitUsage;
        return false;
    }
    if (m_parser.isSet(QStringLiteral("help"))) {
        // Qt names the binary by its path; people type "onsite-field COMMAND".
        QString help = m_parser.helpText();
        const QString program = QCoreApplication::arguments().value(0);
        if (!program.isEmpty())
            help.replace(QStringLiteral("Usage: ") + program, QStringLiteral("Usage: ") + usage);
        writeText(stdout, help);
        exitCode = kExitOk;
        return false;
    }
    if (m_parser.positionalArguments().size() != m_positionalCount) {
        err(QStringLiteral("onsite-field %1：需要 %2 个参数，实际给了 %3 个\n用法见：onsite-field %1 --help")
                .arg(m_command)
                .arg(m_positionalCount)
                .arg(m_parser.positionalArguments().size()));
        exitCode = kExitUsage;
        return false;
    }
    return true;
}

bool FieldCommandLine::require(const QStringList &options, int &exitCode)
{
    for (const QString &option : options) {
        if (m_parser.value(option).isEmpty()) {
            err(QStringLiteral("onsite-field %1：缺少 --%2\n用法见：onsite-field %1 --help").arg(m_command, option));
            exitCode = kExitUsage;
            return false;
        }
    }
    return true;
}

QString FieldCommandLine::dataFolder() const
{
    const QString value = m_parser.value(QStringLiteral("data"));
    return value.isEmpty() ? defaultDataFolder() : value;
}

} // namespace onsite::field
