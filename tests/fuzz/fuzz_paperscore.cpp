// scores-paper.csv (补录): typed in at HQ from paper forms, checked against the sample
// campaign's set-up. An accepted file must hold only entries HQ's rules allow.

#include "fuzzcheck.h"

#include "import/campaignimporter.h"
#include "import/importerror.h"
#include "import/paperscoreimporter.h"
#include "scoring/scoreinput.h"

#include <QSet>

using namespace onsite;

namespace {

const CampaignSetup &sampleSetup()
{
    static const CampaignSetup setup = [] {
        CampaignSetup s = CampaignImporter::importFolder(fuzz::sampleCampaignDir());
        s.indexUnits();
        return s;
    }();
    return setup;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const CampaignSetup &setup = sampleSetup();
    static const std::vector<ScoreEntry> existing;
    const PaperScoreImporter importer(setup, existing);
    std::vector<int> lines;
    std::vector<ScoreEntry> entries;
    try {
        entries = importer.importBytes(fuzz::bytes(data, size), QStringLiteral("scores-paper.csv"),
                                       &lines);
    } catch (const ImportException &e) {
        FUZZ_CHECK(e.error().file == QStringLiteral("scores-paper.csv"));
        FUZZ_CHECK(!e.error().toString().isEmpty());
        return 0;
    }
    FUZZ_CHECK(lines.size() == entries.size());
    QSet<QString> keys;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const ScoreEntry &entry = entries[i];
        if (i > 0)
            FUZZ_CHECK(lines[i] > lines[i - 1]);
        const Person *person = setup.person(entry.account);
        const Unit *unit = setup.unit(entry.unitCode);
        const Indicator *indicator = setup.indicator(entry.indicatorCode);
        FUZZ_CHECK(person && unit && indicator && !indicator->isProject());
        FUZZ_CHECK(person->homeUnitCode != unit->code); // 回避
        if (entry.kind == ScoreKind::Rater) {
            FUZZ_CHECK(setup.assesses(*person, unit->code));
            FUZZ_CHECK(
                evaluateRaterInput(*indicator, unit->category, entry.input).value.has_value());
        } else {
            FUZZ_CHECK(person->canSetFinalValue() && !entry.reason.isEmpty());
            FUZZ_CHECK(evaluateFinalInput(*indicator, entry.input).value.has_value());
        }
        const QString key =
            entry.account + QChar(0x1F) + entry.unitCode + QChar(0x1F) + entry.indicatorCode +
            (entry.kind == ScoreKind::Final ? QStringLiteral("F") : QStringLiteral("R"));
        FUZZ_CHECK(!keys.contains(key)); // no entry twice
        keys.insert(key);
    }
    return 0;
}
