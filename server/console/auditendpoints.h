#pragma once

#include "consoleauth.h"
#include "consoleclock.h"

#include "hq/resultscache.h"
#include "http/httpmessage.h"
#include "store/sqlconnection.h"

namespace onsite::console {

// The console's read-outs built by other HQ modules: rater consistency and the score
// history with its verification (hq/raterconsistency.h, hq/scorehistory.h), and the
// 一表一单一图 exports (export/exports.h). Cut to the caller's units like every page.
class AuditEndpoints
{
public:
    AuditEndpoints(QString dataFolder, Clock clock, hq::ResultsCache &results)
        : m_dataFolder(std::move(dataFolder)), m_clock(std::move(clock)), m_results(results)
    {
    }

    // GET /api/v1/hq/integrity?threshold=0.2
    http::Response integrity(SqlConnection &db, const http::Request &request, const ConsoleCaller &caller);
    // GET /api/v1/hq/history?unit=&indicator=
    http::Response history(SqlConnection &db, const http::Request &request, const ConsoleCaller &caller);
    // GET /api/v1/hq/exports/{results.xlsx|results.csv|findings.xlsx|report.pdf}[?version=N]
    http::Response exportFile(SqlConnection &db, const http::Request &request, const ConsoleCaller &caller,
                              const QString &name);

    // GET /api/v1/hq/exports/{rectifications.xlsx|experiences.pdf|innovations.xlsx|dispatch.pdf[?week=]}
    http::Response followUpExport(SqlConnection &db, const http::Request &request, const ConsoleCaller &caller,
                                  const QString &name);
    // The folder's history key: installed by `serve`, read from the folder otherwise.
    QByteArray historyKey() const;

private:
    QString m_dataFolder;
    Clock m_clock;
    hq::ResultsCache &m_results;
};

} // namespace onsite::console
