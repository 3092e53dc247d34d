#pragma once

#include <QString>
#include <QStringList>

namespace onsite::bench {

// The app benchmark's scores: a scores-paper.csv for `onsite-hq import-scores` that
// fills the generated site campaign (writeSiteCampaignFolder) with `count` rater
// scores, so a device of the group pulls them all (issue 12: 200,000 scores on the
// device). One unit × item × rater key per line; the campaign's inspector and leader
// rate first, then as many extra inspectors as the count needs, who are appended to
// the campaign's people.csv (so this runs after writeSiteCampaignFolder and before
// import-campaign). Inputs are the sample's valid rater inputs, one per item.
// Returns the raters used. Throws std::runtime_error on an unreadable or unwritable file.
QStringList writeAppScores(const QString &fixtureFolder, const QString &campaignFolder, const QString &csvPath,
                           qint64 count);

} // namespace onsite::bench
