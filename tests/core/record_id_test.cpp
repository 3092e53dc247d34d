#include "system/recordid.h"

#include <QDateTime>
#include <QSet>
#include <QUuid>

#include <gtest/gtest.h>

#include <thread>
#include <vector>

using namespace onsite;

namespace {

// Qt 6.4's QUuid::version() stops at 5; the version is the data3 field's top nibble.
int versionOf(const QString &id)
{
    return QUuid::fromString(id).data3 >> 12;
}

constexpr qint64 kJune20 = 1'781'942'400'000; // 2026-06-20T08:00:00Z

} // namespace

TEST(RecordId, IsAVersion7UuidCarryingItsCreationTime)
{
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const QString id = newRecordId();
    const qint64 after = QDateTime::currentMSecsSinceEpoch();

    const QUuid uuid = QUuid::fromString(id);
    ASSERT_FALSE(uuid.isNull()) << id.toStdString();
    EXPECT_EQ(versionOf(id), 7);
    EXPECT_EQ(uuid.variant(), QUuid::DCE);
    EXPECT_EQ(uuid.toString(QUuid::WithoutBraces), id); // lower case, no braces, as ids always were
    EXPECT_GE(recordIdMsecs(id), before);
    EXPECT_LE(recordIdMsecs(id), after);
}

TEST(RecordId, FixedTimeAndBytesGiveTheSameIdAndItsTimeReadsBack)
{
    const QByteArray bytes = QByteArray::fromHex("0123456789abcdef0123");
    const QString id = recordIdAt(kJune20, bytes);
    EXPECT_EQ(id, recordIdAt(kJune20, bytes));
    EXPECT_EQ(id, QStringLiteral("019ee40b-3400-7123-8567-89abcdef0123"));
    EXPECT_EQ(recordIdMsecs(id), kJune20);
    EXPECT_NE(id, recordIdAt(kJune20, QByteArray::fromHex("0123456789abcdef0124")));
}

TEST(RecordId, TextSortsInTheOrderTheIdsWereMade)
{
    RecordIdGenerator generator;
    QStringList ids;
    for (int i = 0; i < 20'000; ++i)
        ids << generator.next();
    QStringList sorted = ids;
    sorted.sort();
    EXPECT_EQ(sorted, ids);
    EXPECT_EQ(QSet<QString>(ids.begin(), ids.end()).size(), ids.size());
}

TEST(RecordId, StaysAscendingWhenTheClockStandsStillOrGoesBack)
{
    qint64 now = kJune20;
    quint64 counter = 0;
    // A random source that keeps returning large numbers, so the random part overflows
    // into the next millisecond's worth of ids.
    RecordIdGenerator generator([&] { return now; }, [&] { return ~quint64(0) - counter++; });
    QString previous = generator.next();
    for (int i = 0; i < 5'000; ++i) {
        if (i == 2'000)
            now -= 60'000; // the tablet's clock set back a minute
        const QString id = generator.next();
        ASSERT_LT(previous, id) << "at " << i;
        ASSERT_EQ(versionOf(id), 7);
        previous = id;
    }
    EXPECT_GE(recordIdMsecs(previous), kJune20); // never earlier than ids already made
}

TEST(RecordId, ThreadsNeverShareAnId)
{
    RecordIdGenerator generator;
    std::vector<QStringList> made(4);
    std::vector<std::thread> threads;
    for (auto &list : made)
        threads.emplace_back([&generator, &list] {
            for (int i = 0; i < 5'000; ++i)
                list << generator.next();
        });
    for (auto &t : threads)
        t.join();
    QSet<QString> all;
    for (const auto &list : made)
        for (const QString &id : list)
            all.insert(id);
    EXPECT_EQ(all.size(), 20'000);
}

TEST(RecordId, OtherTextHasNoCreationTime)
{
    EXPECT_EQ(recordIdMsecs(QStringLiteral("b3d0058d-7678-544b-95bf-e27400869112")),
              -1);                                                                    // version 5
    EXPECT_EQ(recordIdMsecs(QUuid::createUuid().toString(QUuid::WithoutBraces)), -1); // version 4
    EXPECT_EQ(recordIdMsecs(QStringLiteral("019ee40b-3400-7123-c567-89abcdef0123")),
              -1); // wrong variant
    EXPECT_EQ(recordIdMsecs(QStringLiteral("019EE40B-3400-7123-8567-89ABCDEF0123")),
              -1); // ids are lower case
    EXPECT_EQ(recordIdMsecs(QStringLiteral("019ee40b34007123856789abcdef0123")), -1);
    EXPECT_EQ(recordIdMsecs(QString()), -1);
}
