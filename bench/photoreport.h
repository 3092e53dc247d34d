#pragma once

#include "photoruns.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace onsite::bench {

// The photo benchmark's figures: each kind of run (median over the rounds), the rates
// against curl's, and what the cut-link runs sent again; as text, JSON and the
// "Photos" section of docs/BENCHMARKS.md.
struct PhotoReport
{
    std::vector<PhotoRun> runs;
    qint64 appChunkBytes = 0;
    std::uint64_t cutEvery = 0;
    double loadBefore = 0;
    double loadAfter = 0;

    // Missing photos, failed requests, no cut in the cut run, or a resume that re-sent
    // more than one chunk: what makes the run (and the ctest smoke) fail.
    QStringList problems() const;
    QString summary() const;
    QJsonObject toJson() const;
    QString markdown() const;

    // What the cut-link runs sent again, summed over the rounds.
    struct Resends
    {
        int cuts = 0;
        int restarts = 0;
        qint64 chunkBytesAgain = 0; // chunk bodies read and sent beyond the files' bytes
        qint64 wireBytesAgain = 0;  // bytes up beyond the uncut run through the same proxy
        qint64 chunkBytes = 0;      // the largest chunk the uploader may send: the bound per cut
        double chunkPerRestart() const
        {
            return restarts > 0 ? double(chunkBytesAgain) / restarts : 0;
        }
        double chunkPerCut() const { return cuts > 0 ? double(chunkBytesAgain) / cuts : 0; }
        double wirePerCut() const { return cuts > 0 ? double(wireBytesAgain) / cuts : 0; }
    };
    // `prefix` "uploader" (fixed chunks) or "grow": its -cut run against its -proxy run.
    Resends resends(const QString &prefix) const;

private:
    std::vector<const PhotoRun *> of(const QString &kind) const;
    double medianRate(const QString &kind) const;
    double median(const QString &kind, double (*field)(const PhotoRun &)) const;
};

} // namespace onsite::bench
