#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <cstdio>

namespace onsite::field {

void writeText(FILE *stream, const QString &text);
inline void out(const QString &text) { writeText(stdout, text + QLatin1Char('\n')); }
inline void err(const QString &text) { writeText(stderr, text + QLatin1Char('\n')); }

// Exit codes of onsite-field.
constexpr int kExitOk = 0;
constexpr int kExitFailed = 1; // refused, unreachable, invalid input
constexpr int kExitUsage = 2;

// A QCommandLineParser set up for one onsite-field command, with --help and --data.
class FieldCommandLine
{
public:
    FieldCommandLine(const QString &command, const QString &description);

    QCommandLineParser &parser() { return m_parser; }
    void addPositional(const QString &name, const QString &description);
    void addOption(const QString &name, const QString &description, const QString &valueName = {});

    // Parses; prints help or the error. Returns false when the command should stop,
    // with `exitCode` set (0 after --help, 2 after a usage error).
    bool parse(const QStringList &arguments, int &exitCode);
    // Fails the parse (exit code 2) when one of these options is missing.
    bool require(const QStringList &options, int &exitCode);

    QString dataFolder() const;
    bool isSet(const QString &option) const { return m_parser.isSet(option); }
    QString value(const QString &option) const { return m_parser.value(option); }
    QStringList positional() const { return m_parser.positionalArguments(); }

    static QString defaultDataFolder();

private:
    QString m_command;
    QCommandLineParser m_parser;
    int m_positionalCount = 0;
};

} // namespace onsite::field
