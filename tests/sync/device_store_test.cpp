#include "client/store/devicemigrations.h"
#include "client/rules/fielderror.h"
#include "client/rules/fieldrecorder.h"
#include "client/rules/fieldrules.h"
#include "client/store/hybridclock.h"
#include "client/store/outbox.h"
#include "client/photos/photofiles.h"
#include "client/photos/photouploads.h"
#include "client/store/syncstate.h"
#include "store/migrations.h"
#include "system/recordid.h"
#include "sync/synctestsupport.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <gtest/gtest.h>

using namespace onsite;
using namespace onsite::sync;
using onsite::test::FailingConnection;
using onsite::test::TestDevice;

namespace {

std::string text(const QString &value) { return value.toStdString(); }

QByteArray jpegBytes(const QByteArray &payload)
{
    return QByteArray("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11) + payload;
}

QString writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(bytes);
    return path;
}

} // namespace

TEST(DeviceStore, CreatesBothSchemasAndKeepsTheFileOwnerOnly)
{
    TestDevice device(QStringLiteral("g1.li"));
    EXPECT_EQ(schemaVersion(device.db()), latestSchemaVersion());
    EXPECT_EQ(schemaVersion(device.db(), deviceMigrationSet()), 2); // 2: field_drafts
    const QFileInfo file(device.store->databasePath());
    EXPECT_EQ(file.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
              QFile::Permissions());
    EXPECT_TRUE(file.permissions().testFlag(QFile::ReadOwner));
}

TEST(DeviceStore, DeviceIdIsMadeOnceAndSurvivesReopening)
{
    QTemporaryDir dir;
    QString first;
    {
        DeviceStore store(dir.path());
        first = SyncState(store.db()).deviceId();
        EXPECT_EQ(SyncState(store.db()).deviceId(), first);
    }
    DeviceStore reopened(dir.path());
    EXPECT_EQ(SyncState(reopened.db()).deviceId(), first);
    EXPECT_EQ(first.size(), 36);
}

TEST(DeviceOutbox, ScoreAndItsMutationAreWrittenTogether)
{
    TestDevice device(QStringLiteral("g1.li"));
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    const RecordedScore score = recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"),
                                                     ScoreKind::Rater);
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM score_entries WHERE id = ? AND input = '15.4'"),
                           {score.entry.id}),
              1);
    const auto pending = Outbox(device.db()).entries(outboxstate::kPending);
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_EQ(pending[0].mutation.entity, QStringLiteral("score"));
    EXPECT_EQ(pending[0].mutation.id, score.entry.id);
    EXPECT_EQ(pending[0].mutation.op, QStringLiteral("upsert"));
    EXPECT_EQ(pending[0].mutation.data.value(QStringLiteral("input")).toString(), QStringLiteral("15.4"));
    EXPECT_EQ(pending[0].mutation.data.value(QStringLiteral("account")).toString(), QStringLiteral("g1.li"));
}

// New records get time-ordered ids (HQ's indexes keyed by id then grow at one end): a
// visit made after a score has a later id, both carrying the time they were made.
TEST(DeviceOutbox, NewRecordsGetIdsThatCarryTheTimeTheyWereMade)
{
    TestDevice device(QStringLiteral("g1.li"));
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const RecordedScore score = recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"),
                                                     ScoreKind::Rater);
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    EXPECT_GE(recordIdMsecs(score.entry.id), before) << text(score.entry.id);
    EXPECT_LE(recordIdMsecs(score.entry.id), after) << text(score.entry.id);
    const auto pending = Outbox(device.db()).entries(outboxstate::kPending);
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_EQ(pending[0].mutation.id, score.entry.id);
    EXPECT_LT(score.entry.id, newRecordId());
}

TEST(DeviceOutbox, AFailureMidwayLeavesNeitherRecordNorMutation)
{
    TestDevice device(QStringLiteral("g1.li"));
    for (const QString &failing : {QStringLiteral("INSERT INTO outbox"), QStringLiteral("INSERT INTO score_entries")}) {
        FailingConnection broken(device.db(), failing);
        FieldRecorder recorder(broken, device.store->photosFolder());
        EXPECT_THROW(recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"),
                                          ScoreKind::Rater),
                     SqlError)
            << text(failing);
        EXPECT_EQ(broken.failures(), 1);
        EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM score_entries")), 0) << text(failing);
        EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 0) << text(failing);
        EXPECT_EQ(Outbox(device.db()).lastSeq(), 0) << text(failing);
    }
    // The store is usable afterwards: the failed attempt left no open transaction.
    FieldRecorder(device.db(), device.store->photosFolder())
        .recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 1);
}

TEST(DeviceOutbox, SeqIsStrictlyIncreasingAcrossRecordsAndRestarts)
{
    TestDevice device(QStringLiteral("g1.li"));
    {
        FieldRecorder recorder(device.db(), device.store->photosFolder());
        recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
        recorder.recordVisit(QStringLiteral("DC-01"), QStringLiteral("签到"));
        recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("12"), ScoreKind::Rater);
    }
    DeviceStore reopened(device.dir.path());
    FieldRecorder(reopened.db(), reopened.photosFolder())
        .recordHighlight({{}, QStringLiteral("BH"), {}, QStringLiteral("村级阵地规范"), {}, {}, {}});
    qint64 previous = 0;
    const auto rows = reopened.db().query(QStringLiteral("SELECT seq FROM outbox ORDER BY rowid"));
    ASSERT_EQ(rows.size(), 4u);
    for (const SqlRow &row : rows) {
        EXPECT_GT(row[0].toLongLong(), previous);
        previous = row[0].toLongLong();
    }
    EXPECT_EQ(previous, 4);
}

TEST(DeviceOutbox, HybridClockStaysMonotonicWhenTheWallClockGoesBack)
{
    TestDevice device(QStringLiteral("g1.li"));
    qint64 wall = 1760000000000;
    FieldRecorder recorder(device.db(), device.store->photosFolder(), HybridClock([&wall] { return wall; }));
    recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
    wall -= 3600 * 1000; // the inspector sets the tablet's clock back an hour
    recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("14"), ScoreKind::Rater);
    recorder.recordVisit(QStringLiteral("DC-01"), {});
    wall += 7200 * 1000;
    recorder.recordVisit(QStringLiteral("DC-02"), {});

    QStringList stamps;
    for (const OutboxEntry &e : Outbox(device.db()).entries(outboxstate::kPending))
        stamps << e.mutation.hlc;
    ASSERT_EQ(stamps.size(), 4);
    EXPECT_EQ(stamps[0], QStringLiteral("1760000000000-00000"));
    EXPECT_EQ(stamps[1], QStringLiteral("1760000000000-00001"));
    EXPECT_EQ(stamps[2], QStringLiteral("1760000000000-00002"));
    EXPECT_EQ(stamps[3], QStringLiteral("1760003600000-00000"));
    for (int i = 1; i < stamps.size(); ++i)
        EXPECT_LT(stamps[i - 1], stamps[i]);
}

TEST(DeviceOutbox, HybridClockCounterOverflowMovesToTheNextMillisecond)
{
    const HybridClock clock([] { return qint64(5); });
    EXPECT_EQ(clock.next(QStringLiteral("0000000000009-99999")), QStringLiteral("0000000000010-00000"));
    EXPECT_EQ(clock.next({}), QStringLiteral("0000000000005-00000"));
    EXPECT_FALSE(HybridClock::parse(QStringLiteral("12-3")));
}

TEST(DeviceScore, ASecondScoreForTheSameKeyUpdatesTheSameRecord)
{
    TestDevice device(QStringLiteral("g1.li"));
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    const RecordedScore first =
        recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
    const RecordedScore second =
        recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("9"), ScoreKind::Rater);
    EXPECT_FALSE(first.updated);
    EXPECT_TRUE(second.updated);
    EXPECT_EQ(second.entry.id, first.entry.id);
    const auto rows = device.db().query(QStringLiteral("SELECT id, input FROM score_entries"));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][1].toString(), QStringLiteral("9"));
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity_id = ?"), {first.entry.id}), 2);
    // A final value is another kind: its own record.
    recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("4"), ScoreKind::Final,
                         QStringLiteral("档案核实后调整"));
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM score_entries")), 2);
}

TEST(DeviceScore, RefusesScoresTheRulesForbidWithAClearMessage)
{
    TestDevice hu(QStringLiteral("g3.hu")); // 检查组员 of 第三检查组, home unit XC, which the group covers
    FieldRecorder recorder(hu.db(), hu.store->photosFolder());
    auto refusal = [&](const QString &unit, const QString &indicator, const QString &input, ScoreKind kind,
                       const QString &reason = {}) {
        try {
            recorder.recordScore(unit, indicator, input, kind, reason);
        } catch (const FieldError &e) {
            return e.message();
        }
        return QString();
    };
    EXPECT_TRUE(refusal(QStringLiteral("XC"), QStringLiteral("1.2"), QStringLiteral("15"), ScoreKind::Rater)
                    .startsWith(QStringLiteral("回避")));
    EXPECT_TRUE(refusal(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15"), ScoreKind::Rater)
                    .contains(QStringLiteral("不在你的考评范围内")));
    EXPECT_TRUE(refusal(QStringLiteral("YL"), QStringLiteral("1"), QStringLiteral("15"), ScoreKind::Rater)
                    .contains(QStringLiteral("一级指标")));
    EXPECT_TRUE(refusal(QStringLiteral("YL"), QStringLiteral("9.9"), QStringLiteral("15"), ScoreKind::Rater)
                    .contains(QStringLiteral("不存在")));
    EXPECT_TRUE(refusal(QStringLiteral("YL"), QStringLiteral("1.2"), QStringLiteral("很多"), ScoreKind::Rater)
                    .contains(QStringLiteral("无效")));
    EXPECT_TRUE(refusal(QStringLiteral("YL"), QStringLiteral("1.2"), QStringLiteral("3"), ScoreKind::Final,
                        QStringLiteral("理由"))
                    .contains(QStringLiteral("只有检查组长或考评办可以核定")));
    EXPECT_EQ(hu.count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
    EXPECT_TRUE(refusal(QStringLiteral("YL"), QStringLiteral("1.2"), QStringLiteral("15"), ScoreKind::Rater).isEmpty());

    TestDevice leader(QStringLiteral("g3.xu"));
    FieldRecorder leaderRecorder(leader.db(), leader.store->photosFolder());
    EXPECT_THROW(leaderRecorder.recordScore(QStringLiteral("YL"), QStringLiteral("1.2"), QStringLiteral("3"),
                                            ScoreKind::Final),
                 FieldError);
    EXPECT_NO_THROW(leaderRecorder.recordScore(QStringLiteral("YL"), QStringLiteral("1.2"), QStringLiteral("3"),
                                               ScoreKind::Final, QStringLiteral("台账不全")));
}

TEST(DeviceScore, UnitsToAssessExcludeTheHomeUnitAsConflictOfInterest)
{
    TestDevice hu(QStringLiteral("g3.hu"));
    const FieldRules rules = FieldRules::load(hu.db());
    QStringList open, locked;
    for (const FieldRules::UnitChoice &choice : rules.unitsToAssess())
        (choice.conflictOfInterest ? locked : open) << choice.unit->code;
    EXPECT_EQ(open, (QStringList{QStringLiteral("YL"), QStringLiteral("HW")}));
    EXPECT_EQ(locked, QStringList{QStringLiteral("XC")});
    // The home unit of g1.zhang (QS) is not among the group's units sent to the
    // device, yet the person row keeps it: 回避 needs it.
    TestDevice zhang(QStringLiteral("g1.zhang"));
    EXPECT_EQ(FieldRules::load(zhang.db()).me().homeUnitCode, QStringLiteral("QS"));
}

TEST(DevicePhoto, IsCopiedUnderItsHashWithTypeFromItsSignature)
{
    TestDevice device(QStringLiteral("g1.li"));
    const QByteArray bytes = jpegBytes(QByteArray(5000, 'x'));
    const QString source = writeFile(device.dir.filePath(QStringLiteral("IMG_0001.jpg")), bytes);
    const PhotoEvidence photo = FieldRecorder(device.db(), device.store->photosFolder())
                                    .recordPhoto(source, QStringLiteral("DC"), QStringLiteral("2.1"));
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    EXPECT_EQ(photo.sha256, sha);
    EXPECT_EQ(photo.mimeType, QStringLiteral("image/jpeg"));
    EXPECT_EQ(photo.sizeBytes, bytes.size());
    QString error; // stored encrypted (DeviceAtRest): read back as the original bytes
    EXPECT_EQ(PhotoFiles(device.store->photosFolder()).read(sha, &error), bytes) << error.toStdString();
    EXPECT_NE(test::readFile(PhotoFiles(device.store->photosFolder()).pathFor(sha)), bytes);
    const auto upload = PhotoUploads(device.db()).find(sha);
    ASSERT_TRUE(upload);
    EXPECT_FALSE(upload->complete);
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity = 'photo' AND entity_id = ?"),
                           {photo.id}),
              1);

    const QString notAPhoto = writeFile(device.dir.filePath(QStringLiteral("notes.txt")), "just text");
    EXPECT_THROW(FieldRecorder(device.db(), device.store->photosFolder()).recordPhoto(notAPhoto, QStringLiteral("DC")),
                 FieldError);
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM photos")), 1);
}

TEST(DevicePhoto, RecognisesPngWebpAndHeifSignatures)
{
    EXPECT_EQ(PhotoFiles::detectMimeType(QByteArray("\x89PNG\r\n\x1A\n\0\0", 10)), QStringLiteral("image/png"));
    EXPECT_EQ(PhotoFiles::detectMimeType(QByteArray("RIFF\x10\0\0\0WEBPVP8 ", 16)), QStringLiteral("image/webp"));
    EXPECT_EQ(PhotoFiles::detectMimeType(QByteArray("\0\0\0\x18" "ftypheic\0\0\0\0", 16)), QStringLiteral("image/heic"));
    EXPECT_EQ(PhotoFiles::detectMimeType(QByteArray("\0\0\0\x18" "ftypmif1\0\0\0\0", 16)), QStringLiteral("image/heif"));
    EXPECT_EQ(PhotoFiles::detectMimeType(QByteArray("GIF89a")), QString());
}
