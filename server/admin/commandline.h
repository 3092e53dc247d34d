#pragma once

#include "hqdatafolder.h"
#include "import/importerror.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <cstdio>

namespace onsite {

void writeText(FILE *stream, const QString &text);

// Runs a command body, turning any failure into a message on stderr and exit code 1.
template <typename Body>
int runGuarded(const QString &command, FILE *err, Body body)
{
    try {
        return body();
    } catch (const ImportException &e) {
        writeText(err, QStringLiteral("onsite-hq %1: 导入被拒绝，未写入任何数据。\n%2\n").arg(command, e.error().toString()));
    } catch (const std::exception &e) {
        writeText(err, QStringLiteral("onsite-hq %1: %2\n").arg(command, QString::fromUtf8(e.what())));
    }
    return 1;
}

// A QCommandLineParser set up for one onsite-hq command, with --help and --data.
class CommandLine
{
public:
    CommandLine(const QString &command, const QString &description);

    QCommandLineParser &parser() { return m_parser; }
    void addPositional(const QString &name, const QString &description);

    // Parses; prints help or the error. Returns false when the command should stop,
    // with `exitCode` set (0 after --help, 2 after a usage error).
    bool parse(const QStringList &arguments, FILE *out, FILE *err, int &exitCode);
    HqDataFolder dataFolder() const;
    QString value(const QString &option) const { return m_parser.value(option); }
    QStringList positional() const { return m_parser.positionalArguments(); }

private:
    QString m_command;
    QCommandLineParser m_parser;
    int m_positionalCount = 0;
};

} // namespace onsite
