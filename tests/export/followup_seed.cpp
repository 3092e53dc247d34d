// Seeds the follow-up records of the export test through the follow-up store, as the
// console would write them: items released from findings and added by hand, plans with
// milestones, progress reports with a photo, a return and a close-out (销号), screened
// experiences with photos, and innovation projects. Every step has a fixed time, so the
// exports' overdue days are known for a fixed --now.
//
//   onsite_followup_seed DATA_DIR [POSTGRES_URL]
#include "admin/hqdatafolder.h"
#include "followup/experiencelibrary.h"
#include "followup/innovationprojects.h"
#include "followup/rectificationledger.h"
#include "hq/photostore.h"
#include "hq/scorehistory.h"
#include "store/campaignstore.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QImage>
#include <QPainter>

#include <cstdio>

using namespace onsite;

namespace {

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
}

// A plain picture (no text, so no fonts are needed): a coloured field with a frame and a
// diagonal band, `width` × `height`, as PNG.
QByteArray picture(int width, int height, QColor color)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(color);
    QPainter painter(&image);
    painter.setPen(QPen(Qt::black, 8));
    painter.drawRect(4, 4, width - 8, height - 8);
    painter.setBrush(color.darker(160));
    painter.setPen(Qt::NoPen);
    painter.drawPolygon(QPolygon({QPoint(0, height), QPoint(width / 3, height), QPoint(width, 0),
                                  QPoint(2 * width / 3, 0)}));
    painter.end();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return buffer.data();
}

// Uploads the bytes as `account` (as the console's resumable upload does) and returns
// their SHA-256.
QString upload(SqlConnection &db, hq::PhotoStore &store, const QString &account,
               const QByteArray &bytes)
{
    const QString sha =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    const hq::ChunkResult result = store.putChunk(db, sha, account, 0, bytes.size(), bytes);
    if (result.outcome != hq::ChunkOutcome::Accepted || !result.state.complete)
        throw std::runtime_error(
            (QStringLiteral("upload failed: ") + result.message).toStdString());
    return sha;
}

const RectificationItem &itemOfFinding(const std::vector<RectificationItem> &items,
                                       const QString &findingId)
{
    for (const RectificationItem &item : items) {
        if (item.findingIds.contains(findingId))
            return item;
    }
    throw std::runtime_error((QStringLiteral("no item for finding ") + findingId).toStdString());
}

void seed(SqlConnection &db, const CampaignSetup &setup, const QString &folder)
{
    const QByteArray key = hq::historyKey(folder);
    const QString hq = QStringLiteral("kpb.admin");
    followup::RectificationLedger ledger(db, setup, key, folder);
    hq::PhotoStore photos(folder);

    // Findings f1, f2 (DC) and f3 (BH) come from check_exports.py seed.
    ledger.release(QStringLiteral("DC"), hq, at("2026-06-25T02:00:00Z"));
    ledger.release(QStringLiteral("BH"), hq, at("2026-06-25T02:05:00Z"));
    followup::ItemDraft inspection{QStringLiteral("QS"),
                                   ItemSource::Inspection,
                                   FindingKind::Shortcoming,
                                   QStringLiteral("1.1"),
                                   QStringLiteral("巡视反馈：干部档案专项审核进度滞后"),
                                   QStringLiteral("=CMD|' /C calc'!A0"),
                                   QDate(2026, 7, 5)};
    const RectificationItem qsItem = ledger.add(inspection, hq, at("2026-06-26T01:00:00Z"));
    followup::ItemDraft bulletin{QStringLiteral("XC"),
                                 ItemSource::Bulletin,
                                 FindingKind::Weakness,
                                 QString(),
                                 QStringLiteral("大通报：“两新”组织党建覆盖率偏低"),
                                 QStringLiteral("+排查未覆盖组织"),
                                 QDate(2026, 7, 9)};
    const RectificationItem xcItem = ledger.add(bulletin, hq, at("2026-07-06T01:00:00Z")); // added in week 2026-W28
    // A second bulletin item on the same problem, merged into the first.
    followup::ItemDraft duplicate{QStringLiteral("XC"),
                                  ItemSource::Bulletin,
                                  FindingKind::Weakness,
                                  QString(),
                                  QStringLiteral("大通报：部分非公企业未建立党组织"),
                                  QStringLiteral("逐一建档"),
                                  QDate(2026, 7, 9)};
    const RectificationItem xcDuplicate = ledger.add(duplicate, hq, at("2026-07-06T01:05:00Z"));
    ledger.merge(xcItem.id, {xcDuplicate.id}, hq, at("2026-07-06T01:10:00Z"));

    const auto items = ledger.items({});
    const QString first = itemOfFinding(items, QStringLiteral("f1")).id;
    const QString second = itemOfFinding(items, QStringLiteral("f2")).id;
    const QString liaison = QStringLiteral("dc.liaison");

    // f1: in progress; the plan's second milestone passed on 07-08 unfinished.
    followup::PlanDraft plan{
        QStringLiteral("一、重新公示服务事项；二、每月核查台账"),
        QStringLiteral("王主任"),
        QDate(2026, 7, 31),
        {{QString(), QStringLiteral("制定整改方案"), QDate(2026, 6, 30), true},
         {QString(), QStringLiteral("完成服务事项公示"), QDate(2026, 7, 8), false}}};
    ledger.savePlan(first, plan, liaison, at("2026-06-26T03:00:00Z"));
    const QString photo1 = upload(db, photos, liaison, picture(1600, 1200, QColor(120, 170, 220)));
    ledger.report(first, QStringLiteral("整改方案已印发，见照片"), {photo1}, false, liaison,
                  at("2026-07-01T06:30:00Z"));

    // f2: reported, returned with a reason, reported again and closed (销号) on 07-07.
    followup::PlanDraft plan2{QStringLiteral("补齐干部档案材料"),
                              QStringLiteral("李科长"),
                              QDate(2026, 7, 20),
                              {{QString(), QStringLiteral("补齐材料"), QDate(2026, 7, 15), true}}};
    ledger.savePlan(second, plan2, liaison, at("2026-06-27T02:00:00Z"));
    ledger.report(second, QStringLiteral("材料已补齐"), {photo1}, true, liaison,
                  at("2026-07-02T02:00:00Z"));
    ledger.returnItem(second, QStringLiteral("佐证不足，请补充档案目录照片"), hq,
                      at("2026-07-03T02:00:00Z"));
    ledger.savePlan(second, plan2, liaison, at("2026-07-04T02:00:00Z"));
    const QString photo2 = upload(db, photos, liaison, picture(1200, 1600, QColor(230, 190, 120)));
    ledger.report(second, QStringLiteral("已补充档案目录照片"), {photo2}, true, liaison,
                  at("2026-07-06T08:00:00Z"));
    ledger.close(second, QStringLiteral("核查属实，予以销号"), hq, at("2026-07-07T02:00:00Z"));

    // f3 (BH): reported for closing and returned (退回) with HQ's reason.
    const QString third = itemOfFinding(items, QStringLiteral("f3")).id;
    const QString bhLiaison = QStringLiteral("bh.liaison");
    followup::PlanDraft plan3{QStringLiteral("建立人才驿站月度台账"),
                              QStringLiteral("赵站长"),
                              QDate(2026, 7, 15),
                              {{QString(), QStringLiteral("台账建立"), QDate(2026, 7, 1), true}}};
    ledger.savePlan(third, plan3, bhLiaison, at("2026-06-28T02:00:00Z"));
    ledger.report(third, QStringLiteral("台账已建立"), {}, true, bhLiaison,
                  at("2026-07-06T02:00:00Z"));
    ledger.returnItem(third, QStringLiteral("台账缺少 6 月活动记录"), hq,
                      at("2026-07-08T02:00:00Z"));

    // QS (巡视反馈): reported for closing (已报送), still overdue: HQ has not closed it.
    const QString qsLiaison = QStringLiteral("qs.liaison");
    followup::PlanDraft plan4{
        QStringLiteral("倒排工期，完成专项审核"),
        QStringLiteral("陈部长"),
        QDate(2026, 7, 5),
        {{QString(), QStringLiteral("完成专项审核"), QDate(2026, 7, 3), true}}};
    ledger.savePlan(qsItem.id, plan4, qsLiaison, at("2026-06-29T02:00:00Z"));
    ledger.report(qsItem.id, QStringLiteral("专项审核已完成"), {}, true, qsLiaison,
                  at("2026-07-09T02:00:00Z"));

    // 典型经验: the inspectors' highlight h1 and two liaison submissions selected, one
    // rejected.
    followup::ExperienceLibrary library(db, setup, key, folder);
    library.review(QStringLiteral("highlight:h1"), ReviewStatus::Selected, QString(),
                   {QStringLiteral("一站式服务"), QStringLiteral("可复制")}, hq,
                   at("2026-07-01T02:00:00Z"));
    const QString photo3 = upload(db, photos, liaison, picture(1600, 1000, QColor(170, 210, 150)));
    const Experience dc = library.submit(
        QStringLiteral("DC"), QStringLiteral("“红色驿站”积分管理激发党员活力"),
        QStringLiteral("东城区在社区设立“红色驿站”，党员参加志愿服务累计积分，积分可兑换服务。\n"
                       "半年来参与党员 1200 余人次，群众满意度明显提升。"),
        {photo3, photo2}, liaison, at("2026-06-28T02:00:00Z"));
    library.review(dc.ref, ReviewStatus::Selected, QString(), {QStringLiteral("党员管理")}, hq,
                   at("2026-07-02T03:00:00Z"));
    const Experience bh =
        library.submit(QStringLiteral("BH"), QStringLiteral("人才驿站月度例会制度"),
                       QStringLiteral("每月召开一次人才工作例会。"), {},
                       QStringLiteral("bh.liaison"), at("2026-06-29T02:00:00Z"));
    library.review(bh.ref, ReviewStatus::Rejected, QStringLiteral("做法尚不成熟，暂不推广"), {}, hq,
                   at("2026-07-02T04:00:00Z"));
    const Experience qs = library.submit(
        QStringLiteral("QS"), QStringLiteral("山区“流动党校”送学上门"),
        QStringLiteral("青山县组建流动党校，按月进村送学，解决山区党员集中学习难的问题。"), {},
        QStringLiteral("qs.liaison"), at("2026-06-30T02:00:00Z"));
    library.review(qs.ref, ReviewStatus::Selected, QString(),
                   {QStringLiteral("党员教育"), QStringLiteral("山区")}, hq,
                   at("2026-07-02T05:00:00Z"));

    // 创新项目: DC proposes two (one selected with the bonus item, one rejected), QS one.
    followup::InnovationProjects projects(db, setup, key);
    const InnovationProject a = projects.propose(
        QStringLiteral("DC"), QStringLiteral("智慧党建云平台"),
        QStringLiteral("党员管理、组织生活线上办理"), liaison, at("2026-06-27T02:00:00Z"));
    const InnovationProject b =
        projects.propose(QStringLiteral("DC"), QStringLiteral("@SUM(1+1) 社区议事厅"),
                         QStringLiteral("居民议事规则化"), liaison, at("2026-06-27T03:00:00Z"));
    projects.propose(QStringLiteral("QS"), QStringLiteral("山区党员积分超市"),
                     QStringLiteral("积分兑换生活用品"), QStringLiteral("qs.liaison"),
                     at("2026-06-28T02:00:00Z"));
    projects.review(a.id, InnovationStatus::Selected, QStringLiteral("思路清晰，可推广"),
                    QStringLiteral("6.1"), hq, at("2026-07-03T02:00:00Z"));
    projects.review(b.id, InnovationStatus::Rejected, QStringLiteral("与已有项目重复"), QString(),
                    hq, at("2026-07-03T03:00:00Z"));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: onsite_followup_seed DATA_DIR [POSTGRES_URL]\n");
        return 2;
    }
    try {
        HqDataFolder folder(args.at(1));
        if (args.size() > 2)
            folder.setDatabaseUrl(args.at(2));
        const auto db = folder.open();
        auto setup = CampaignStore(*db).loadSetup();
        if (!setup)
            throw std::runtime_error("no campaign in the data folder");
        setup->indexUnits();
        seed(*db, *setup, folder.path());
    } catch (const std::exception &e) {
        std::fprintf(stderr, "onsite_followup_seed: %s\n", e.what());
        return 1;
    }
    std::printf("follow-up records seeded\n");
    return 0;
}
