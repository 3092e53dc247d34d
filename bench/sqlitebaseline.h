#pragma once

#include "domain/scoreentry.h"

#include <QString>

#include <vector>

namespace onsite::bench {

// The local limit: the same rows written straight into a SQLite file the way the
// store is set up (WAL, synchronous=NORMAL), one transaction, one prepared
// statement. No HTTP, no JSON, no per-record checks: what any sync path must exceed.
// Returns the seconds from BEGIN to the end of COMMIT; throws on a SQLite error.
double insertScoresDirectly(const QString &path, const std::vector<ScoreEntry> &scores, const QString &source);

} // namespace onsite::bench
