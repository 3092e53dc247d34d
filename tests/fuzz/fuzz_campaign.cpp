// The six campaign files HQ imports (onsite-hq import, console upload). The input is the
// files in CampaignImporter::fileNames() order, separated by a line "--8<--"; missing
// files stay missing, so the importer's own "缺少此文件" path is reached as well.

#include "fuzzcheck.h"

#include "import/campaignimporter.h"
#include "import/importerror.h"
#include "protocol/bootstrap.h"

#include <QJsonDocument>

using namespace onsite;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QByteArray separator("\n--8<--\n");
    const QByteArray input = fuzz::bytes(data, size);
    QMap<QString, QByteArray> files;
    qsizetype start = 0;
    for (const QString &name : CampaignImporter::fileNames()) {
        if (start > input.size())
            break;
        const qsizetype end = input.indexOf(separator, start);
        files.insert(name, input.mid(start, end < 0 ? -1 : end - start));
        start = end < 0 ? input.size() + 1 : end + separator.size();
    }

    CampaignSetup setup;
    try {
        setup = CampaignImporter::importFiles(files);
    } catch (const ImportException &e) {
        FUZZ_CHECK(!e.error().file.isEmpty());
        FUZZ_CHECK(!e.error().toString().isEmpty());
        return 0;
    }

    // An accepted set-up is whole: every lookup by code finds what was read, and
    // every person's group and home unit exist.
    for (const Unit &unit : setup.units)
        FUZZ_CHECK(setup.unit(unit.code) != nullptr);
    for (const Indicator &indicator : setup.indicators)
        FUZZ_CHECK(setup.indicator(indicator.code) != nullptr);
    for (const Person &person : setup.people) {
        FUZZ_CHECK(setup.person(person.account) != nullptr);
        if (!person.homeUnitCode.isEmpty())
            FUZZ_CHECK(setup.unit(person.homeUnitCode) != nullptr);
        for (const Unit &unit : setup.units)
            (void)setup.assesses(person, unit.code);
    }

    // What HQ sends a device (bootstrap) reads back as the same set-up.
    if (!setup.people.empty()) {
        QStringList units;
        for (const Unit &unit : setup.units)
            units << unit.code;
        const protocol::Bootstrap bootstrap{setup.people.front(), units, setup, {}};
        const QJsonObject json = bootstrap.toJson();
        QString error;
        const auto again = protocol::Bootstrap::fromJson(
            QJsonDocument::fromJson(QJsonDocument(json).toJson(QJsonDocument::Compact)).object(),
            &error);
        FUZZ_CHECK(again.has_value());
        FUZZ_CHECK(fuzz::compact(again->toJson()) == fuzz::compact(json));
    }
    return 0;
}
