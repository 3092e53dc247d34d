// Calls the follow-up export library the way the console does, for the export test:
// a leader's units, an unknown name, a malformed week — what `onsite-hq export` (always
// every unit, names checked first) cannot reach.
//
//   onsite_followup_export DATA_DIR DB_URL|- NAME UNITS|- WEEK|- NOW OUT
// prints "<file name>\t<MIME type>" and writes OUT; exit 3 for an unknown name (the
// console's 404), 4 with the message for an ExportError (400), 1 for anything else.
#include "admin/hqdatafolder.h"
#include "export/exports.h"
#include "export/headlessgui.h"
#include "followupexport/followupexport.h"
#include "store/campaignstore.h"

#include <QFile>

#include <cstdio>

using namespace onsite;

int main(int argc, char *argv[])
{
    const auto app = exports::createHeadlessGuiApplication(argc, argv);
    const QStringList args = app->arguments();
    if (args.size() != 8) {
        std::fprintf(
            stderr,
            "usage: onsite_followup_export DATA_DIR DB_URL|- NAME UNITS|- WEEK|- NOW OUT\n");
        return 2;
    }
    const auto optional = [&](int i) {
        return args.at(i) == QLatin1String("-") ? QString() : args.at(i);
    };
    try {
        HqDataFolder folder(args.at(1));
        folder.setDatabaseUrl(optional(2));
        const auto db = folder.open();
        auto setup = CampaignStore(*db).loadSetup();
        if (!setup)
            throw std::runtime_error("no campaign in the data folder");
        setup->indexUnits();
        const QStringList units =
            optional(4).isEmpty() ? QStringList() : optional(4).split(QLatin1Char(','));
        const auto file =
            exports::followUpExport(*db, *setup, folder.path(), args.at(3), units, optional(5),
                                    QDateTime::fromString(args.at(6), Qt::ISODateWithMs));
        if (!file) {
            std::fprintf(stderr, "unknown export\n");
            return 3;
        }
        QFile out(args.at(7));
        if (!out.open(QIODevice::WriteOnly) || out.write(file->bytes) != file->bytes.size())
            throw std::runtime_error("cannot write the file");
        std::printf("%s\t%s\n", file->fileName.toUtf8().constData(),
                    file->mimeType.toUtf8().constData());
        return 0;
    } catch (const exports::ExportError &e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 4;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "onsite_followup_export: %s\n", e.what());
        return 1;
    }
}
