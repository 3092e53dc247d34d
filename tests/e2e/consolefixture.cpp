#include "consolefixture.h"

#include "store/postgresconnection.h"
#include "store/sqliteconnection.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonArray>

namespace onsite::test {

ConsoleClient ConsoleEndToEnd::console(const QString &account)
{
    ConsoleClient client(hq->port());
    const RawReply reply = client.signIn(account, HqProcess::passwordOf(account));
    EXPECT_EQ(reply.status, 200) << account.toStdString() << ": " << reply.body.toStdString();
    return client;
}

std::unique_ptr<SqlConnection> ConsoleEndToEnd::database() const
{
    const QStringList arguments = hq->dataArguments();
    const qsizetype db = arguments.indexOf(QStringLiteral("--db"));
    if (db >= 0)
        return std::make_unique<PostgresConnection>(arguments.at(db + 1));
    return std::make_unique<SqliteConnection>(QDir(hq->dataFolder()).filePath(QStringLiteral("hq.sqlite")));
}

void ConsoleEndToEnd::importPaperScores()
{
    QString out;
    ASSERT_EQ(hq->admin({QStringLiteral("import-scores"), samplePath(QStringLiteral("scores-paper.csv"))}, &out), 0)
        << out.toStdString();
}

void ConsoleEndToEnd::pushAs(const QString &account, const QJsonArray &mutations)
{
    const QString device = QStringLiteral("dev-") + account;
    auto tablet = signIn(account, device);
    const ApiReply reply = tablet->post(QStringLiteral("/api/v1/sync/push"), pushBody(device, mutations));
    ASSERT_EQ(reply.status, 200) << reply.body.toStdString();
    for (const QJsonValue &result : reply.json.value(QStringLiteral("results")).toArray()) {
        EXPECT_EQ(result.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("applied"))
            << reply.body.toStdString();
    }
}

} // namespace onsite::test
