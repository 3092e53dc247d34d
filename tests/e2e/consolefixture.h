#pragma once

#include "consoleclient.h"
#include "e2efixture.h"

#include "store/sqlconnection.h"

#include <memory>

namespace onsite::test {

// An onsite-hq with the sample campaign, reached as the browser console reaches it.
class ConsoleEndToEnd : public HqEndToEnd
{
protected:
    // A console client signed in as `account` (fails the test otherwise).
    ConsoleClient console(const QString &account);
    ConsoleClient signedOut() const { return ConsoleClient(hq->port()); }
    // The server's own database (SQLite file or PostgreSQL), to look behind the API.
    std::unique_ptr<SqlConnection> database() const;
    // Imports the sample's paper scores (883 entries) through the admin command.
    void importPaperScores();
    // Pushes mutations from a tablet signed in as `account`; fails on any non-applied one.
    void pushAs(const QString &account, const QJsonArray &mutations);
};

} // namespace onsite::test
