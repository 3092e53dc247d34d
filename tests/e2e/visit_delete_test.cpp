// Deleting a visit (实地查看) through the normal push: a visit names its site, not its
// unit, so HQ scopes the delete by the unit it filed the visit under. The author deletes
// it, HQ no longer lists it and carries the delete to the group's devices; another
// group, a teammate who is not the author, or a visit with photos cannot be deleted.
#include "consolefixture.h"
#include "e2efixture.h"

#include <QJsonArray>

namespace onsite::test {
namespace {

class VisitDelete : public ConsoleEndToEnd
{
protected:
    static QJsonObject visitMutation(qint64 seq, const QString &id, const QString &site,
                                     const QString &account, qint64 clockMs)
    {
        return {{QStringLiteral("seq"), seq},
                {QStringLiteral("entity"), QStringLiteral("visit")},
                {QStringLiteral("id"), id},
                {QStringLiteral("op"), QStringLiteral("upsert")},
                {QStringLiteral("hlc"),
                 QStringLiteral("%1-00000").arg(clockMs, 13, 10, QLatin1Char('0'))},
                {QStringLiteral("data"),
                 QJsonObject{
                     {QStringLiteral("site"), site},
                     {QStringLiteral("account"), account},
                     {QStringLiteral("checked_in_at"), QStringLiteral("2026-06-20T09:00:00.000Z")},
                     {QStringLiteral("notes"), QStringLiteral("查看会议记录")}}}};
    }
    static QJsonObject deleteMutation(qint64 seq, const QString &id, qint64 clockMs)
    {
        return {{QStringLiteral("seq"), seq},
                {QStringLiteral("entity"), QStringLiteral("visit")},
                {QStringLiteral("id"), id},
                {QStringLiteral("op"), QStringLiteral("delete")},
                {QStringLiteral("hlc"),
                 QStringLiteral("%1-00000").arg(clockMs, 13, 10, QLatin1Char('0'))}};
    }
    static QJsonObject resultOf(const ApiReply &reply)
    {
        return reply.json.value(QStringLiteral("results")).toArray().first().toObject();
    }
    // The visit ids HQ's console lists for a unit.
    QStringList listedVisits(const QString &unit)
    {
        const RawReply reply =
            console(QStringLiteral("kpb.admin")).get(QStringLiteral("/api/v1/hq/units/") + unit);
        EXPECT_EQ(reply.status, 200) << reply.body.toStdString();
        QStringList ids;
        for (const QJsonValue &visit : reply.json.value(QStringLiteral("visits")).toArray())
            ids << visit.toObject().value(QStringLiteral("id")).toString();
        return ids;
    }
};

TEST_P(VisitDelete, TheAuthorDeletesAVisitAndHqNoLongerListsIt)
{
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    ASSERT_EQ(
        resultOf(li->post(QStringLiteral("/api/v1/sync/push"),
                          pushBody(QStringLiteral("dev-li"),
                                   {visitMutation(1, QStringLiteral("v-1"), QStringLiteral("DC-01"),
                                                  QStringLiteral("g1.li"), 1000)})))
            .value(QStringLiteral("status"))
            .toString(),
        QStringLiteral("applied"));
    ASSERT_EQ(listedVisits(QStringLiteral("DC")), QStringList{QStringLiteral("v-1")});

    // Another group's inspector: out of scope, whoever's visit it is.
    auto huang = signIn(QStringLiteral("g2.huang"), QStringLiteral("dev-huang"));
    const ApiReply foreign = huang->post(
        QStringLiteral("/api/v1/sync/push"),
        pushBody(QStringLiteral("dev-huang"), {deleteMutation(1, QStringLiteral("v-1"), 2000)}));
    ASSERT_EQ(foreign.status, 200) << foreign.body.toStdString();
    EXPECT_EQ(resultOf(foreign).value(QStringLiteral("status")).toString(),
              QStringLiteral("rejected"));
    EXPECT_EQ(resultOf(foreign).value(QStringLiteral("reason")).toString(),
              QStringLiteral("out_of_scope"));
    // A teammate, not the author.
    auto zhang = signIn(QStringLiteral("g1.zhang"), QStringLiteral("dev-zhang"));
    const ApiReply teammate = zhang->post(
        QStringLiteral("/api/v1/sync/push"),
        pushBody(QStringLiteral("dev-zhang"), {deleteMutation(1, QStringLiteral("v-1"), 2000)}));
    EXPECT_EQ(resultOf(teammate).value(QStringLiteral("reason")).toString(),
              QStringLiteral("not_owner"));
    EXPECT_EQ(listedVisits(QStringLiteral("DC")), QStringList{QStringLiteral("v-1")});

    // The author.
    const ApiReply own = li->post(
        QStringLiteral("/api/v1/sync/push"),
        pushBody(QStringLiteral("dev-li"), {deleteMutation(2, QStringLiteral("v-1"), 3000)}));
    ASSERT_EQ(own.status, 200) << own.body.toStdString();
    EXPECT_EQ(resultOf(own).value(QStringLiteral("status")).toString(), QStringLiteral("applied"))
        << own.body.toStdString();
    EXPECT_TRUE(listedVisits(QStringLiteral("DC")).isEmpty());
    EXPECT_TRUE(
        database()->query(QStringLiteral("SELECT id FROM visits WHERE id = 'v-1'")).empty());

    // The delete reaches the group's devices through the feed, filed under DC.
    const auto changes = pullAll(*zhang);
    ASSERT_FALSE(changes.empty());
    EXPECT_EQ(changes.back().id, QStringLiteral("v-1"));
    EXPECT_EQ(changes.back().op, QStringLiteral("delete"));
    EXPECT_TRUE(pullAll(*huang).empty()) << "another group hears nothing of it";
    const auto filed = database()->query(QStringLiteral(
        "SELECT unit_code, account FROM hq_changes WHERE entity = 'visit' AND op = 'delete'"));
    ASSERT_EQ(filed.size(), 1u);
    EXPECT_EQ(filed.front().value(0).toString(), QStringLiteral("DC"));
    EXPECT_EQ(filed.front().value(1).toString(), QStringLiteral("g1.li"));
}

TEST_P(VisitDelete, AVisitWithPhotosIsNotDeleted)
{
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    ASSERT_EQ(li->post(QStringLiteral("/api/v1/sync/push"),
                       pushBody(QStringLiteral("dev-li"),
                                {visitMutation(1, QStringLiteral("v-2"), QStringLiteral("DC-01"),
                                               QStringLiteral("g1.li"), 1000)}))
                  .status,
              200);
    // A photo row on the visit, as an upload and its record would leave it.
    database()->execute(
        QStringLiteral("INSERT INTO photos (id, sha256, visit_id, unit_code, account, captured_at, "
                       "mime_type, size_bytes) VALUES ('p-1', ?, 'v-2', 'DC', 'g1.li', "
                       "'2026-06-20T09:01:00.000Z', 'image/jpeg', 10)"),
        {QString(64, QLatin1Char('a'))});
    const ApiReply reply = li->post(
        QStringLiteral("/api/v1/sync/push"),
        pushBody(QStringLiteral("dev-li"), {deleteMutation(2, QStringLiteral("v-2"), 2000)}));
    EXPECT_EQ(resultOf(reply).value(QStringLiteral("reason")).toString(),
              QStringLiteral("not_deletable"))
        << reply.body.toStdString();
    EXPECT_EQ(listedVisits(QStringLiteral("DC")), QStringList{QStringLiteral("v-2")});
}

ONSITE_E2E_BACKENDS(VisitDelete);

} // namespace
} // namespace onsite::test
