#pragma once

#include "domain/scoreentry.h"
#include "protocol/protocol.h"

#include <QString>

#include <vector>

namespace onsite::bench {

// The local limit: the same rows written straight into a SQLite file the way the
// store is set up (WAL, synchronous=NORMAL), one transaction, one prepared
// statement. No HTTP, no JSON, no per-record checks: what any sync path must exceed.
// Returns the seconds from BEGIN to the end of COMMIT; throws on a SQLite error.
double insertScoresDirectly(const QString &path, const std::vector<ScoreEntry> &scores, const QString &source);

// The storage floor of a push: every row HQ keeps for one applied score (the score, its
// history row, its feed change, its clock and the device's stored outcome), written the
// same way into the tables as HQ itself defines them (tables and indexes copied from the
// HQ database `hqDatabase`, which must not be in use). No HTTP, JSON, checks or MACs
// (the MAC column holds a fixed text): what a push would cost if all but its writes were
// free. `mutations[i]` is the push of `scores[i]`. Same timing and errors as above.
double insertKeptRowsDirectly(const QString &path, const QString &hqDatabase, const std::vector<ScoreEntry> &scores,
                              const std::vector<protocol::Mutation> &mutations, const QString &source);

// The rows insertKeptRowsDirectly writes per score.
constexpr int kKeptRowsPerScore = 5;

} // namespace onsite::bench
