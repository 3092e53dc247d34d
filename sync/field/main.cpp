// onsite-field: the headless field client. It records scores, photos and findings in
// the device store (offline) and syncs them with onsite-hq.
#include "fieldcommandline.h"
#include "fieldcommands.h"

#include <QCoreApplication>

#include <functional>
#include <map>

using namespace onsite::field;

namespace {

struct Command
{
    std::function<int(const QStringList &)> run;
    const char *summary;
};

const std::map<QString, Command> &commands()
{
    static const std::map<QString, Command> table = {
        {QStringLiteral("login"), {runLogin, "sign in to onsite-hq and load the campaign set-up"}},
        {QStringLiteral("units"), {runUnits, "list the units you may assess (CODE<TAB>name)"}},
        {QStringLiteral("score"), {runScore, "record a score: UNIT INDICATOR INPUT [--final --reason TEXT]"}},
        {QStringLiteral("visit"), {runVisit, "check in at a site: SITE [--notes TEXT]"}},
        {QStringLiteral("photo"), {runPhoto, "add a photo as evidence: FILE --unit U [--indicator I]"}},
        {QStringLiteral("finding"), {runFinding, "record a problem (问题/短板/弱项) with a suggestion"}},
        {QStringLiteral("highlight"), {runHighlight, "record a highlight (亮点) worth promoting"}},
        {QStringLiteral("submit"), {runSubmit, "leader: submit and lock a unit: UNIT [--reopen --reason TEXT]"}},
        {QStringLiteral("delete"), {runDelete, "delete your own record before submission: visit|photo|finding|highlight ID"}},
        {QStringLiteral("recheck"), {runRecheck, "回头看: list the group's re-checks, or record a result offline"}},
        {QStringLiteral("sync"), {runSync, "send local changes to onsite-hq and fetch the group's"}},
        {QStringLiteral("status"), {runStatus, "pending changes and photos, last sync, refused items"}},
    };
    return table;
}

void printUsage(FILE *stream)
{
    QString text = QStringLiteral("Usage: onsite-field COMMAND [options]   (onsite-field COMMAND --help for details)\n\n"
                                  "Commands:\n");
    for (const auto &[name, command] : commands())
        text += QStringLiteral("  %1  %2\n").arg(name, -10).arg(QString::fromUtf8(command.summary));
    text += QStringLiteral("\nEvery command takes --data DIR (default: $ONSITE_FIELD_DATA, else "
                           "~/.local/share/onsite-field).\n");
    writeText(stream, text);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("onsite-field"));
    QStringList arguments = QCoreApplication::arguments().mid(1);
    if (arguments.isEmpty()) {
        printUsage(stderr);
        return kExitUsage;
    }
    const QString name = arguments.takeFirst();
    if (name == QLatin1String("--help") || name == QLatin1String("-h") || name == QLatin1String("help")) {
        printUsage(stdout);
        return kExitOk;
    }
    const auto found = commands().find(name);
    if (found == commands().end()) {
        err(QStringLiteral("onsite-field：未知命令“%1”").arg(name));
        printUsage(stderr);
        return kExitUsage;
    }
    return found->second.run(arguments);
}
