// What a leader submitted (提交) stays as it was: after the lock a tablet can still add
// evidence to the unit, but not change the photos, findings and highlights it holds, and
// no record ever moves to another unit (which would also take it out of a locked one).
#include "consolefixture.h"
#include "consolerecords.h"

#include <QJsonArray>

namespace onsite::test {
namespace {

class LockedEvidence : public ConsoleEndToEnd
{
protected:
    QString upload(ApiClient &tablet, const QByteArray &image)
    {
        const QString sha = sha256Hex(image);
        const ApiReply put =
            tablet.put(QStringLiteral("/api/v1/photos/%1?offset=0&total=%2").arg(sha).arg(image.size()), image);
        EXPECT_EQ(put.status, 200) << put.body.toStdString();
        return sha;
    }

    // One push from g1.zhang's tablet; the result of each mutation as "status reason".
    QStringList push(const QJsonArray &mutations)
    {
        const ApiReply reply = zhang->post(QStringLiteral("/api/v1/sync/push"), pushBody(kDevice, mutations));
        EXPECT_EQ(reply.status, 200) << reply.body.toStdString();
        QStringList outcomes;
        for (const QJsonValue &result : reply.json.value(QStringLiteral("results")).toArray())
            outcomes << (result[QStringLiteral("status")].toString() + u' ' + result[QStringLiteral("reason")].toString())
                            .trimmed();
        return outcomes;
    }

    QVariantList row(const QString &sql, const QString &id)
    {
        const auto rows = database()->query(sql, {id});
        return rows.empty() ? QVariantList() : rows.front();
    }

    const QString kDevice = QStringLiteral("dev-zhang");
    std::unique_ptr<ApiClient> zhang;
};

TEST_P(LockedEvidence, StaysAsSubmittedAndNoRecordChangesItsUnit)
{
    importPaperScores(); // every item of DC scored, so the leader can submit it
    zhang = signIn(QStringLiteral("g1.zhang"), kDevice);
    const QByteArray first = jpegImage(320, 240, 1);
    const QByteArray second = jpegImage(320, 240, 2);
    const QString firstSha = upload(*zhang, first);
    const QString secondSha = upload(*zhang, second);
    const QString account = QStringLiteral("g1.zhang");
    QJsonObject photo = photoData(firstSha, QStringLiteral("DC"), account, first.size());
    QJsonObject finding = findingData(QStringLiteral("DC"), QStringLiteral("DC-01"), account,
                                      QStringLiteral("台账未按月统计"), {QStringLiteral("p-1")});
    const QJsonObject highlight = highlightData(QStringLiteral("DC"), account, QStringLiteral("党群服务有特色"));
    ASSERT_EQ(push({recordMutation(1, QStringLiteral("photo"), QStringLiteral("p-1"), photo),
                    recordMutation(2, QStringLiteral("finding"), QStringLiteral("f-1"), finding),
                    recordMutation(3, QStringLiteral("highlight"), QStringLiteral("h-1"), highlight)}),
              QStringList({QStringLiteral("applied"), QStringLiteral("applied"), QStringLiteral("applied")}));

    // While DC is open its author may change them, but not move one to another unit.
    photo[QStringLiteral("indicator")] = QStringLiteral("2.3");
    QJsonObject moved = finding;
    moved[QStringLiteral("unit")] = QStringLiteral("BH");
    moved[QStringLiteral("site")] = QString();
    EXPECT_EQ(push({recordMutation(4, QStringLiteral("photo"), QStringLiteral("p-1"), photo),
                    recordMutation(5, QStringLiteral("finding"), QStringLiteral("f-1"), moved)}),
              QStringList({QStringLiteral("applied"), QStringLiteral("rejected unit_changed")}));

    ConsoleClient leader = console(QStringLiteral("g1.li"));
    const RawReply submitted = leader.send("POST", QStringLiteral("/api/v1/hq/units/DC/submission"),
                                           {{QStringLiteral("locked"), true}});
    ASSERT_EQ(submitted.status, 200) << submitted.body.toStdString();

    // Submitted: another item, another image, a new text, another unit: all refused.
    QJsonObject otherItem = photo;
    otherItem[QStringLiteral("indicator")] = QStringLiteral("5.2");
    QJsonObject otherImage = photo;
    otherImage[QStringLiteral("sha256")] = secondSha;
    otherImage[QStringLiteral("size_bytes")] = second.size();
    QJsonObject rewritten = finding;
    rewritten[QStringLiteral("description")] = QStringLiteral("提交后改写");
    QJsonObject newTitle = highlight;
    newTitle[QStringLiteral("title")] = QStringLiteral("提交后改写");
    EXPECT_EQ(push({recordMutation(6, QStringLiteral("photo"), QStringLiteral("p-1"), otherItem),
                    recordMutation(7, QStringLiteral("photo"), QStringLiteral("p-1"), otherImage),
                    recordMutation(8, QStringLiteral("finding"), QStringLiteral("f-1"), rewritten),
                    recordMutation(9, QStringLiteral("finding"), QStringLiteral("f-1"), moved),
                    recordMutation(10, QStringLiteral("highlight"), QStringLiteral("h-1"), newTitle),
                    // New evidence for the submitted unit is still welcome.
                    recordMutation(11, QStringLiteral("photo"), QStringLiteral("p-2"),
                                   photoData(secondSha, QStringLiteral("DC"), account, second.size()))}),
              QStringList({QStringLiteral("rejected unit_locked"), QStringLiteral("rejected unit_locked"),
                           QStringLiteral("rejected unit_locked"), QStringLiteral("rejected unit_changed"),
                           QStringLiteral("rejected unit_locked"), QStringLiteral("applied")}));

    EXPECT_EQ(row(QStringLiteral("SELECT sha256, unit_code, indicator_code FROM photos WHERE id = ?"),
                  QStringLiteral("p-1")),
              QVariantList({firstSha, QStringLiteral("DC"), QStringLiteral("2.3")}));
    EXPECT_EQ(row(QStringLiteral("SELECT unit_code, description FROM findings WHERE id = ?"), QStringLiteral("f-1")),
              QVariantList({QStringLiteral("DC"), QStringLiteral("台账未按月统计")}));
}

ONSITE_E2E_BACKENDS(LockedEvidence);

} // namespace
} // namespace onsite::test
