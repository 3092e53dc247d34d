// The device's data at rest: SQLite pages and WAL frames encrypted by EncryptedVfs,
// the one-time conversion of a plain database, and photo files in secretstream form.
// Each test reads the bytes on disk, alters them, or kills a writer mid-way.
#include "store/encrypteddatabase.h"
#include "store/encryptedfile.h"
#include "store/encryptedvfs.h"
#include "store/sqliteconnection.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace onsite;

namespace {

const QByteArray kKey = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
const QByteArray kOtherKey(32, 'x');
const QString kMarker = QStringLiteral("ZHANG-SAN-SCORE-MARKER");

QByteArray bytesOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Everything SQLite keeps for `path` on disk: the file, its WAL and its index.
QByteArray allBytesOf(const QString &path)
{
    return bytesOf(path) + bytesOf(path + QStringLiteral("-wal")) + bytesOf(path + QStringLiteral("-shm"));
}

void writeRows(SqlConnection &db, int count)
{
    db.executeScript(QStringLiteral("CREATE TABLE IF NOT EXISTS scores(id INTEGER PRIMARY KEY, who TEXT, value REAL);"
                                    "CREATE INDEX IF NOT EXISTS scores_who ON scores(who);"));
    SqlTransaction transaction(db);
    for (int i = 0; i < count; ++i)
        db.execute(QStringLiteral("INSERT INTO scores(who, value) VALUES (?, ?)"), {kMarker + QString::number(i), i * 0.5});
    transaction.commit();
}

qlonglong countRows(SqlConnection &db)
{
    return db.query(QStringLiteral("SELECT count(*) FROM scores")).front().value(0).toLongLong();
}

QString integrity(SqlConnection &db) { return db.query(QStringLiteral("PRAGMA integrity_check")).front().value(0).toString(); }

void flipByte(const QString &path, qint64 offset)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    ASSERT_TRUE(file.seek(offset));
    char c = 0;
    ASSERT_TRUE(file.getChar(&c));
    ASSERT_TRUE(file.seek(offset));
    ASSERT_TRUE(file.putChar(static_cast<char>(c ^ 0x01)));
}

} // namespace

TEST(EncryptedStore, NeitherTheFileNorItsWalHoldsPlainText)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("device.sqlite"));
    {
        SqliteConnection db(path, kKey);
        writeRows(db, 300);
        // While open, the rows live in the WAL too: it must be as unreadable as the file.
        ASSERT_GT(QFile(path + QStringLiteral("-wal")).size(), 0);
        EXPECT_FALSE(allBytesOf(path).contains(kMarker.toUtf8()));
        EXPECT_FALSE(allBytesOf(path).contains("SQLite format 3"));
        EXPECT_FALSE(allBytesOf(path).contains("CREATE TABLE"));
    }
    EXPECT_FALSE(allBytesOf(path).contains(kMarker.toUtf8()));
    SqliteConnection reopened(path, kKey);
    EXPECT_EQ(countRows(reopened), 300);
    EXPECT_EQ(reopened.query(QStringLiteral("SELECT who FROM scores WHERE id = 7")).front().value(0).toString(),
              kMarker + QStringLiteral("6"));
    EXPECT_EQ(integrity(reopened), QStringLiteral("ok"));
    EXPECT_EQ(reopened.query(QStringLiteral("PRAGMA journal_mode")).front().value(0).toString(), QStringLiteral("wal"));
}

TEST(EncryptedStore, AConnectionWithoutAKeyIsUntouchedAndPlain)
{
    // HQ opens its databases without a key: ordinary SQLite files, as before.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hq.sqlite"));
    {
        SqliteConnection db(path);
        writeRows(db, 10);
    }
    EXPECT_TRUE(bytesOf(path).startsWith("SQLite format 3"));
    EXPECT_EQ(EncryptedVfs::probe(path, kKey), EncryptedVfs::FileState::Plaintext);
}

TEST(EncryptedStore, AWrongKeyOrAPlainOpenFailsWithAClearError)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("device.sqlite"));
    {
        SqliteConnection db(path, kKey);
        writeRows(db, 5);
    }
    const QByteArray before = bytesOf(path);
    try {
        SqliteConnection wrong(path, kOtherKey);
        FAIL() << "opened with the wrong key";
    } catch (const SqlError &e) {
        EXPECT_NE(std::string(e.what()).find("the key does not decrypt it"), std::string::npos) << e.what();
    }
    EXPECT_THROW(SqliteConnection(path, QByteArray(16, 'k')), SqlError); // not a 32-byte key
    // Without the VFS the file is noise to SQLite: refused, not misread.
    EXPECT_THROW(
        {
            SqliteConnection plain(path);
            plain.query(QStringLiteral("SELECT count(*) FROM scores"));
        },
        SqlError);
    EXPECT_EQ(bytesOf(path), before) << "a failed open changed the file";
    SqliteConnection right(path, kKey);
    EXPECT_EQ(countRows(right), 5);

    // A plain file is never opened as if it were encrypted (it would be overwritten).
    const QString plainPath = dir.filePath(QStringLiteral("plain.sqlite"));
    {
        SqliteConnection plain(plainPath);
        writeRows(plain, 1);
    }
    try {
        SqliteConnection keyed(plainPath, kKey);
        FAIL() << "a plain file opened with a key";
    } catch (const SqlError &e) {
        EXPECT_NE(std::string(e.what()).find("plain SQLite file"), std::string::npos) << e.what();
    }
}

TEST(EncryptedStore, AFlippedByteInAPageIsDetected)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("device.sqlite"));
    {
        SqliteConnection db(path, kKey);
        writeRows(db, 2000);
    }
    ASSERT_FALSE(QFile::exists(path + QStringLiteral("-wal"))) << "the last close checkpoints";
    const qint64 pages = QFile(path).size() / EncryptedVfs::kPageSize;
    ASSERT_GT(pages, 5);
    const QString copy = dir.filePath(QStringLiteral("copy.sqlite"));
    ASSERT_TRUE(QFile::copy(path, copy));

    // A data page: the read that needs it fails instead of returning altered rows.
    flipByte(path, 3 * EncryptedVfs::kPageSize + 1000);
    SqliteConnection db(path, kKey);
    EXPECT_THROW(
        {
            countRows(db);
            integrity(db);
        },
        SqlError);

    // Page 1 (schema and header): the open itself says so.
    flipByte(copy, 50);
    try {
        SqliteConnection damaged(copy, kKey);
        FAIL() << "a damaged first page opened";
    } catch (const SqlError &e) {
        EXPECT_NE(std::string(e.what()).find("damaged"), std::string::npos) << e.what();
    }
}

TEST(EncryptedStore, PagesSwappedBetweenPositionsAreDetected)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("device.sqlite"));
    {
        SqliteConnection db(path, kKey);
        writeRows(db, 2000);
    }
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    const qint64 page = EncryptedVfs::kPageSize;
    file.seek(2 * page);
    const QByteArray third = file.read(page);
    file.seek(3 * page);
    const QByteArray fourth = file.read(page);
    file.seek(2 * page);
    file.write(fourth);
    file.seek(3 * page);
    file.write(third);
    file.close();
    SqliteConnection db(path, kKey);
    EXPECT_THROW(integrity(db), SqlError);
}

TEST(EncryptedStore, WalSurvivesAKilledWriterAndRecoversEveryCommit)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("device.sqlite"));
    {
        SqliteConnection db(path, kKey);
        writeRows(db, 1);
    }
    // A child commits one row at a time and reports each commit down a pipe; the parent
    // SIGKILLs it mid-stream, so the WAL is left as a crash leaves it.
    int report[2];
    ASSERT_EQ(::pipe(report), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(report[0]);
        try {
            SqliteConnection db(path, kKey);
            for (int i = 0;; ++i) {
                db.execute(QStringLiteral("INSERT INTO scores(who, value) VALUES (?, ?)"), {kMarker, i});
                const int committed = i + 1;
                if (::write(report[1], &committed, sizeof committed) != sizeof committed)
                    ::_exit(3);
            }
        } catch (...) {
            ::_exit(2);
        }
    }
    ::close(report[1]);
    int acknowledged = 0;
    int value = 0;
    while (acknowledged < 150 && ::read(report[0], &value, sizeof value) == sizeof value)
        acknowledged = value;
    ::kill(child, SIGKILL);
    while (::read(report[0], &value, sizeof value) == sizeof value)
        acknowledged = value; // commits reported before the kill landed
    ::close(report[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer stopped by itself: " << WEXITSTATUS(status);
    ASSERT_GE(acknowledged, 150);
    ASSERT_GT(QFile(path + QStringLiteral("-wal")).size(), 0) << "nothing left for recovery to do";
    EXPECT_FALSE(allBytesOf(path).contains(kMarker.toUtf8()));

    SqliteConnection reopened(path, kKey);
    EXPECT_EQ(integrity(reopened), QStringLiteral("ok"));
    const qlonglong rows = countRows(reopened) - 1;
    EXPECT_GE(rows, acknowledged) << "an acknowledged commit was lost";
    EXPECT_LE(rows, acknowledged + 1); // the one in flight may have landed
}

// A transaction larger than the page cache: SQLite spills pages into the WAL before the
// commit and rewrites some of them in place (and their checksums) at the commit. The
// process then ends without closing, as onsite-field's sign-in did with a large set-up:
// recovery on the next open must find every frame (a 20,000-site set-up was lost so).
TEST(EncryptedStore, ALargeTransactionSpilledIntoTheWalIsRecoveredWhole)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("device.sqlite"));
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        try {
            SqliteConnection db(path, kKey);
            db.executeScript(QStringLiteral("PRAGMA cache_size = 20; PRAGMA wal_autocheckpoint = 0;"));
            writeRows(db, 1);
            db.executeScript(QStringLiteral("BEGIN"));
            for (int i = 0; i < 20000; ++i)
                db.execute(QStringLiteral("INSERT INTO scores(who, value) VALUES (?, ?)"),
                           {kMarker + QString::number(i % 997), i});
            // Pages spilled earlier are dirtied again: rewritten in place in the WAL.
            db.execute(QStringLiteral("UPDATE scores SET value = value + 1 WHERE id % 7 = 0"));
            db.executeScript(QStringLiteral("COMMIT"));
            ::_exit(0); // no close: the WAL stays as the process left it
        } catch (...) {
            ::_exit(2);
        }
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the writer failed: " << WEXITSTATUS(status);
    ASSERT_GT(QFile(path + QStringLiteral("-wal")).size(), 100 * 4096) << "the transaction did not go to the WAL";

    SqliteConnection reopened(path, kKey);
    EXPECT_EQ(integrity(reopened), QStringLiteral("ok"));
    EXPECT_EQ(countRows(reopened), 20001) << "committed rows were lost in recovery";
}

TEST(EncryptedStore, ATornLastWalFrameEndsTheLogAtTheCommitBefore)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("device.sqlite"));
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        try {
            SqliteConnection db(path, kKey);
            writeRows(db, 10);
            for (int i = 0; i < 5; ++i)
                db.execute(QStringLiteral("INSERT INTO scores(who, value) VALUES ('late', ?)"), {i});
            ::_exit(0); // no close: no checkpoint, the WAL holds everything
        } catch (...) {
            ::_exit(2);
        }
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    const QString wal = path + QStringLiteral("-wal");
    const qint64 frame = 24 + EncryptedVfs::kPageSize;
    const qint64 walSize = QFile(wal).size();
    ASSERT_EQ((walSize - 32) % frame, 0);
    // The last commit (one frame) loses its last 100 bytes, as a power cut might leave it.
    ASSERT_TRUE(QFile::resize(wal, walSize - 100));

    SqliteConnection reopened(path, kKey);
    EXPECT_EQ(integrity(reopened), QStringLiteral("ok"));
    EXPECT_EQ(countRows(reopened), 14) << "every commit but the torn one";
}

TEST(EncryptedStore, APlainDatabaseIsConvertedOnceWithEverythingKept)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("device.sqlite"));
    {
        SqliteConnection plain(path);
        writeRows(plain, 500);
        plain.executeScript(QStringLiteral(
            "PRAGMA user_version = 12;"
            "CREATE TABLE notes(id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL) STRICT;"
            "CREATE TRIGGER notes_count AFTER INSERT ON notes BEGIN UPDATE scores SET value = value + 1 WHERE id = 1; END;"
            "CREATE VIEW high AS SELECT * FROM scores WHERE value > 100;"
            "INSERT INTO notes(body) VALUES ('现场记录 ' || hex(randomblob(4)));"));
        plain.execute(QStringLiteral("INSERT INTO scores(who, value) VALUES ('wal-only', 1)"));
    }
    ASSERT_TRUE(bytesOf(path).contains(kMarker.toUtf8()));

    ASSERT_TRUE(EncryptedDatabase::encryptInPlace(path, kKey));
    EXPECT_FALSE(EncryptedDatabase::encryptInPlace(path, kKey)) << "converted twice";
    EXPECT_FALSE(allBytesOf(path).contains(kMarker.toUtf8()));
    EXPECT_FALSE(QFile::exists(path + QStringLiteral(".plain")));
    EXPECT_FALSE(QFile::exists(path + QStringLiteral(".encrypting")));
    EXPECT_EQ(EncryptedVfs::probe(path, kKey), EncryptedVfs::FileState::Readable);

    SqliteConnection db(path, kKey);
    EXPECT_EQ(countRows(db), 501);
    EXPECT_EQ(db.query(QStringLiteral("PRAGMA user_version")).front().value(0).toInt(), 12);
    EXPECT_EQ(db.query(QStringLiteral("SELECT count(*) FROM high")).front().value(0).toInt(), 299);
    db.execute(QStringLiteral("INSERT INTO notes(body) VALUES ('second')"));
    EXPECT_EQ(db.query(QStringLiteral("SELECT id FROM notes WHERE body = 'second'")).front().value(0).toInt(), 2);
    EXPECT_EQ(integrity(db), QStringLiteral("ok"));
    EXPECT_THROW(db.execute(QStringLiteral("INSERT INTO notes(body) VALUES (?)"), {QVariant()}), SqlError); // NOT NULL kept
}

TEST(EncryptedStore, AConversionCutShortIsDiscardedAndRedone)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("device.sqlite"));
    {
        SqliteConnection plain(path);
        writeRows(plain, 20);
    }
    // Left-overs of a conversion killed before its rename, and of one killed after it.
    QFile half(path + QStringLiteral(".encrypting"));
    ASSERT_TRUE(half.open(QIODevice::WriteOnly));
    half.write(QByteArray(1000, 'z'));
    half.close();
    ASSERT_TRUE(QFile::copy(path, path + QStringLiteral(".plain")));

    ASSERT_TRUE(EncryptedDatabase::encryptInPlace(path, kKey));
    EXPECT_FALSE(QFile::exists(path + QStringLiteral(".plain")));
    EXPECT_FALSE(QFile::exists(path + QStringLiteral(".encrypting")));
    SqliteConnection db(path, kKey);
    EXPECT_EQ(countRows(db), 20);
}

TEST(EncryptedFiles, RoundTripAtChunkBoundariesAndSeeking)
{
    QTemporaryDir dir;
    for (const qint64 size : {qint64(0), qint64(1), EncryptedFile::kChunkBytes - 1, EncryptedFile::kChunkBytes,
                              EncryptedFile::kChunkBytes + 1, 3 * EncryptedFile::kChunkBytes + 777}) {
        QByteArray plain(size, Qt::Uninitialized);
        for (qint64 i = 0; i < size; ++i)
            plain[i] = static_cast<char>((i * 131 + size) & 0xff);
        plain.replace(0, std::min<qint64>(size, kMarker.size()), kMarker.toUtf8().left(size));
        QBuffer in(&plain);
        in.open(QIODevice::ReadOnly);
        const QString path = dir.filePath(QStringLiteral("photo-%1").arg(size));
        QFile out(path);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        QString error;
        ASSERT_TRUE(EncryptedFile::encrypt(in, out, kKey, &error)) << error.toStdString();
        out.close();

        const QByteArray onDisk = bytesOf(path);
        EXPECT_TRUE(EncryptedFile::isEncrypted(onDisk));
        if (size >= kMarker.size()) {
            EXPECT_FALSE(onDisk.contains(kMarker.toUtf8()));
        }
        EXPECT_EQ(EncryptedFile::plainSize(onDisk.size()), size);
        EXPECT_EQ(EncryptedFile::readAll(path, kKey, &error), plain) << size << " " << error.toStdString();

        EncryptedFileReader reader(path, kKey);
        ASSERT_TRUE(reader.open(QIODevice::ReadOnly)) << reader.errorString().toStdString();
        EXPECT_EQ(reader.size(), size);
        if (size > 10) {
            // Forward, then back: an upload resuming where HQ says it stopped.
            ASSERT_TRUE(reader.seek(size - 5));
            EXPECT_EQ(reader.read(5), plain.right(5));
            ASSERT_TRUE(reader.seek(3));
            EXPECT_EQ(reader.read(7), plain.mid(3, 7));
        }
    }
}

TEST(EncryptedFiles, AlteredCutOrWronglyKeyedFilesDoNotRead)
{
    QTemporaryDir dir;
    QByteArray plain(200 * 1024, 'p');
    QBuffer in(&plain);
    in.open(QIODevice::ReadOnly);
    const QString path = dir.filePath(QStringLiteral("photo"));
    QFile out(path);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    ASSERT_TRUE(EncryptedFile::encrypt(in, out, kKey, nullptr));
    out.close();
    const QByteArray good = bytesOf(path);

    QString error;
    EXPECT_TRUE(EncryptedFile::readAll(path, kOtherKey, &error).isEmpty());
    EXPECT_FALSE(error.isEmpty());

    auto variant = [&](const QByteArray &bytes) {
        QFile f(path);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(bytes);
        f.close();
        QString why;
        const QByteArray read = EncryptedFile::readAll(path, kKey, &why);
        return std::make_pair(read, why);
    };
    QByteArray flipped = good;
    flipped[100 * 1024] = static_cast<char>(flipped[100 * 1024] ^ 0x20);
    auto [readFlipped, whyFlipped] = variant(flipped);
    EXPECT_TRUE(readFlipped.isEmpty());
    EXPECT_TRUE(whyFlipped.contains(QStringLiteral("altered"))) << whyFlipped.toStdString();

    // Whole chunks dropped from the end: every chunk authenticates, the final tag is missing.
    auto [readCut, whyCut] = variant(good.left(8 + 24 + 2 * (EncryptedFile::kChunkBytes + 17)));
    EXPECT_TRUE(readCut.isEmpty());
    EXPECT_FALSE(whyCut.isEmpty());

    EXPECT_EQ(variant(good).first, plain);
}

TEST(EncryptedFiles, APlainFileIsEncryptedInPlaceOnce)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("abc"));
    const QByteArray plain = QByteArray("\xff\xd8\xff\xe0 jpeg ") + kMarker.toUtf8() + QByteArray(100000, 'j');
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(plain);
    f.close();
    QString error;
    ASSERT_TRUE(EncryptedFile::encryptInPlace(path, kKey, &error)) << error.toStdString();
    const QByteArray once = bytesOf(path);
    EXPECT_FALSE(once.contains(kMarker.toUtf8()));
    ASSERT_TRUE(EncryptedFile::encryptInPlace(path, kKey, &error));
    EXPECT_EQ(bytesOf(path), once) << "an encrypted file was encrypted again";
    EXPECT_EQ(EncryptedFile::readAll(path, kKey, &error), plain);
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("abc")}) << "left-overs";
}
