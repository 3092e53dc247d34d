// The console's exports (docs/API.md §Exports): a published version's 通报 keeps the
// findings and highlights of its publication and is dated then, while the live report
// moves on; parameters that do not apply and unknown exports are refused by name.
#include "consolefixture.h"
#include "consolerecords.h"
#include "testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace onsite::test {
namespace {

using ConsoleExports = ConsoleEndToEnd;

// pdftotext's text of a PDF, without spaces and line breaks (table cells wrap).
QString pdfText(const QByteArray &pdf)
{
    return pdfToText(pdf).remove(QRegularExpression(QStringLiteral("\\s")));
}

QJsonObject deleteMutation(qint64 seq, const QString &entity, const QString &id)
{
    QJsonObject mutation = recordMutation(seq, entity, id, {});
    mutation.insert(QStringLiteral("op"), QStringLiteral("delete"));
    return mutation;
}

QJsonObject finding(const QString &description)
{
    return findingData(QStringLiteral("DC"), QStringLiteral("DC-01"), QStringLiteral("g1.li"),
                       description);
}

QJsonObject highlight(const QString &title)
{
    return highlightData(QStringLiteral("DC"), QStringLiteral("g1.li"), title);
}

// Publishes the results as they are (发布); the answer's status.
int publish(ConsoleClient &admin, const QString &note)
{
    return admin.send("POST", QStringLiteral("/api/v1/hq/publications"), {{QStringLiteral("note"), note}})
        .status;
}

TEST_P(ConsoleExports, APublishedReportKeepsItsFindingsHighlightsAndDate)
{
    pushAs(QStringLiteral("g1.li"),
           {recordMutation(1, QStringLiteral("finding"), QStringLiteral("f-kept"),
                           finding(QStringLiteral("发布时的会议记录问题"))),
            recordMutation(2, QStringLiteral("finding"), QStringLiteral("f-gone"),
                           finding(QStringLiteral("发布后删除的台账问题"))),
            recordMutation(3, QStringLiteral("highlight"), QStringLiteral("h-kept"),
                           highlight(QStringLiteral("发布时的亮点标题"))),
            recordMutation(4, QStringLiteral("highlight"), QStringLiteral("h-gone"),
                           highlight(QStringLiteral("发布后删除的亮点")))});
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    const RawReply results = admin.get(QStringLiteral("/api/v1/hq/results"));
    ASSERT_EQ(publish(admin, QStringLiteral("第一版")), 201);
    // As if published on another day: 17:30 UTC is already the next day in Beijing.
    database()->execute(QStringLiteral("UPDATE hq_result_versions SET published_at = "
                                       "'2026-07-16T17:30:00.000Z' WHERE version = 1"));

    // After publication: one of each changed, deleted and added.
    pushAs(QStringLiteral("g1.li"),
           {recordMutation(5, QStringLiteral("finding"), QStringLiteral("f-kept"),
                           finding(QStringLiteral("发布后改写的问题"))),
            deleteMutation(6, QStringLiteral("finding"), QStringLiteral("f-gone")),
            recordMutation(7, QStringLiteral("finding"), QStringLiteral("f-new"),
                           finding(QStringLiteral("发布后新增的问题"))),
            recordMutation(8, QStringLiteral("highlight"), QStringLiteral("h-kept"),
                           highlight(QStringLiteral("发布后改写的亮点"))),
            deleteMutation(9, QStringLiteral("highlight"), QStringLiteral("h-gone")),
            recordMutation(10, QStringLiteral("highlight"), QStringLiteral("h-new"),
                           highlight(QStringLiteral("发布后新增的亮点")))});

    const RawReply published = admin.get(QStringLiteral("/api/v1/hq/exports/report.pdf?version=1"));
    ASSERT_EQ(published.status, 200) << published.body.left(300).toStdString();
    const QString frozen = pdfText(published.body);
    for (const QString &text :
         {QStringLiteral("发布时的会议记录问题"), QStringLiteral("发布后删除的台账问题"),
          QStringLiteral("发布时的亮点标题"), QStringLiteral("发布后删除的亮点"),
          QStringLiteral("第1版（2026-07-1701:30发布）"), QStringLiteral("报告日期2026年7月17日"),
          QStringLiteral("问题、短板、弱项（2条）"), QStringLiteral("亮点与典型经验（2条）")})
        EXPECT_TRUE(frozen.contains(text)) << text.toStdString() << " missing from version 1:\n"
                                           << frozen.toStdString();
    for (const QString &text :
         {QStringLiteral("发布后改写的问题"), QStringLiteral("发布后新增的问题"),
          QStringLiteral("发布后改写的亮点"), QStringLiteral("发布后新增的亮点"),
          QStringLiteral("本版发布时尚未随版本留存问题与亮点")})
        EXPECT_FALSE(frozen.contains(text)) << text.toStdString() << " is in version 1";
    // The command line exports the same frozen report.
    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("v1.pdf"));
    QString said;
    ASSERT_EQ(
        hq->admin({QStringLiteral("export"), QStringLiteral("report"), QStringLiteral("--version"),
                   QStringLiteral("1"), QStringLiteral("--out"), path},
                  &said),
        0)
        << said.toStdString();
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(pdfText(file.readAll()), frozen);

    const RawReply liveReply = admin.get(QStringLiteral("/api/v1/hq/exports/report.pdf"));
    ASSERT_EQ(liveReply.status, 200);
    const QString live = pdfText(liveReply.body);
    for (const QString &text :
         {QStringLiteral("发布后改写的问题"), QStringLiteral("发布后新增的问题"),
          QStringLiteral("发布后改写的亮点"), QStringLiteral("发布后新增的亮点")})
        EXPECT_TRUE(live.contains(text)) << text.toStdString() << " missing from the live report";
    for (const QString &text :
         {QStringLiteral("发布时的会议记录问题"), QStringLiteral("发布后删除的台账问题"),
          QStringLiteral("发布后删除的亮点")})
        EXPECT_FALSE(live.contains(text)) << text.toStdString() << " is still in the live report";

    // The results API answers as documented: the frozen records are not part of it.
    const RawReply version = admin.get(QStringLiteral("/api/v1/hq/results?version=1"));
    ASSERT_EQ(version.status, 200);
    QStringList keys = version.json.keys();
    keys.sort();
    EXPECT_EQ(keys, (QStringList{QStringLiteral("campaign"), QStringLiteral("item_count"),
                                 QStringLiteral("projects"), QStringLiteral("published_at"),
                                 QStringLiteral("units"), QStringLiteral("version"),
                                 QStringLiteral("warnings")}));
    EXPECT_EQ(version.json.value(QStringLiteral("units")),
              results.json.value(QStringLiteral("units")));
    ASSERT_EQ(publish(admin, QStringLiteral("第二版")), 201);
    const RawReply diff = admin.get(QStringLiteral("/api/v1/hq/publications/2/diff"));
    ASSERT_EQ(diff.status, 200);
    EXPECT_TRUE(diff.json.value(QStringLiteral("changes")).toArray().isEmpty())
        << diff.body.toStdString();
}

// A version published before records were frozen with versions (its snapshot without
// them): its 通报 rebuilds them from the change feed as HQ had them at publication. A
// finding recorded in the field before but received after it is not shown.
TEST_P(ConsoleExports, AnOlderVersionShowsTheRecordsHqHadReceivedWhenItWasPublished)
{
    pushAs(QStringLiteral("g1.li"),
           {recordMutation(1, QStringLiteral("finding"), QStringLiteral("f-kept"),
                           finding(QStringLiteral("发布时的问题原文"))),
            recordMutation(2, QStringLiteral("finding"), QStringLiteral("f-gone"),
                           finding(QStringLiteral("发布后才删除的问题"))),
            recordMutation(3, QStringLiteral("highlight"), QStringLiteral("h-kept"),
                           highlight(QStringLiteral("发布时的亮点原文")))});
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    ASSERT_EQ(publish(admin, QStringLiteral("第一版")), 201);
    // As an HQ before this change stored it: the snapshot without the records.
    const auto db = database();
    QJsonObject snapshot =
        QJsonDocument::fromJson(
            db->query(QStringLiteral("SELECT snapshot FROM hq_result_versions WHERE version = 1"))
                .front()
                .value(0)
                .toString()
                .toUtf8())
            .object();
    ASSERT_TRUE(snapshot.contains(QStringLiteral("export_records")));
    snapshot.remove(QStringLiteral("export_records"));
    db->execute(QStringLiteral("UPDATE hq_result_versions SET snapshot = ?, published_at = "
                               "'2026-07-16T02:00:00.000Z' WHERE version = 1"),
                {QString::fromUtf8(QJsonDocument(snapshot).toJson(QJsonDocument::Compact))});
    db->execute(QStringLiteral("UPDATE hq_changes SET changed_at = '2026-07-16T01:00:00.000Z'"));

    pushAs(QStringLiteral("g1.li"),
           {recordMutation(4, QStringLiteral("finding"), QStringLiteral("f-kept"),
                           finding(QStringLiteral("发布后改写的问题"))),
            deleteMutation(5, QStringLiteral("finding"), QStringLiteral("f-gone")),
            recordMutation(6, QStringLiteral("finding"), QStringLiteral("f-late"),
                           finding(QStringLiteral("现场早已记录但发布后才收到的问题"))),
            recordMutation(7, QStringLiteral("highlight"), QStringLiteral("h-kept"),
                           highlight(QStringLiteral("发布后改写的亮点")))});
    db->execute(QStringLiteral("UPDATE hq_changes SET changed_at = '2026-07-17T01:00:00.000Z' "
                               "WHERE changed_at <> '2026-07-16T01:00:00.000Z'"));

    const RawReply reply = admin.get(QStringLiteral("/api/v1/hq/exports/report.pdf?version=1"));
    ASSERT_EQ(reply.status, 200) << reply.body.left(300).toStdString();
    const QString text = pdfText(reply.body);
    for (const QString &wanted :
         {QStringLiteral("发布时的问题原文"), QStringLiteral("发布后才删除的问题"),
          QStringLiteral("发布时的亮点原文"), QStringLiteral("问题、短板、弱项（2条）"),
          QStringLiteral("按同步记录还原为发布时总部已收到的内容")})
        EXPECT_TRUE(text.contains(wanted)) << wanted.toStdString() << " missing:\n" << text.toStdString();
    for (const QString &unwanted :
         {QStringLiteral("发布后改写的问题"), QStringLiteral("现场早已记录但发布后才收到的问题"),
          QStringLiteral("发布后改写的亮点")})
        EXPECT_FALSE(text.contains(unwanted)) << unwanted.toStdString() << " is in version 1";
}

TEST_P(ConsoleExports, ParametersThatDoNotApplyAndUnknownExportsAreRefusedByName)
{
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    ASSERT_EQ(publish(admin, QStringLiteral("v1")), 201);
    const std::vector<std::pair<QString, QString>> refused = {
        {QStringLiteral("findings.xlsx?version=1"), QStringLiteral("version")},
        {QStringLiteral("results.xlsx?week=2026-W27"), QStringLiteral("week")},
        {QStringLiteral("report.pdf?version=1&unit=DC"), QStringLiteral("unit")},
        {QStringLiteral("rectifications.xlsx?week=2026-W27"), QStringLiteral("week")},
        {QStringLiteral("experiences.pdf?version=1"), QStringLiteral("version")},
        {QStringLiteral("innovations.xlsx?unit=DC"), QStringLiteral("unit")},
        {QStringLiteral("dispatch.pdf?version=1"), QStringLiteral("version")}};
    for (const auto &[path, parameter] : refused) {
        const RawReply reply = admin.get(QStringLiteral("/api/v1/hq/exports/") + path);
        EXPECT_EQ(reply.status, 400) << path.toStdString();
        EXPECT_EQ(reply.json.value(QStringLiteral("error")).toString(),
                  QStringLiteral("bad_request"));
        EXPECT_TRUE(reply.json.value(QStringLiteral("message"))
                        .toString()
                        .contains(QStringLiteral("参数 ") + parameter))
            << path.toStdString() << ": " << reply.body.toStdString();
    }
    // What does apply still works.
    for (const QString &path :
         {QStringLiteral("results.csv?version=1"), QStringLiteral("findings.xlsx"),
          QStringLiteral("dispatch.pdf?week=2026-W27"), QStringLiteral("rectifications.xlsx")})
        EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/exports/") + path).status, 200)
            << path.toStdString();

    const RawReply unknown = admin.get(QStringLiteral("/api/v1/hq/exports/ranking.xlsx"));
    EXPECT_EQ(unknown.status, 404);
    for (const QString &name :
         {QStringLiteral("results.xlsx"), QStringLiteral("results.csv"),
          QStringLiteral("findings.xlsx"), QStringLiteral("report.pdf"),
          QStringLiteral("rectifications.xlsx"), QStringLiteral("experiences.pdf"),
          QStringLiteral("innovations.xlsx"), QStringLiteral("dispatch.pdf")})
        EXPECT_TRUE(unknown.json.value(QStringLiteral("message")).toString().contains(name))
            << name.toStdString() << " not listed: " << unknown.body.toStdString();
}

ONSITE_E2E_BACKENDS(ConsoleExports);

} // namespace
} // namespace onsite::test
