// Resumable, content-addressed photo uploads against a real onsite-hq: a tablet on a
// bad connection must never resend what HQ already has, and HQ must never keep bytes
// that are not the photo they claim to be.
#include "e2efixture.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <latch>
#include <thread>
#include <vector>

namespace onsite::test {
namespace {

using PhotoUpload = HqEndToEnd;

constexpr qsizetype kImageBody = 300 * 1024;
constexpr qsizetype kChunk = 64 * 1024;

// A JPEG-signed blob of pseudo-random bytes: the server sniffs the signature only, and
// random content makes every seed a different SHA-256.
QByteArray testImage(quint32 seed, qsizetype bodyBytes = kImageBody)
{
    QByteArray bytes("\xFF\xD8\xFF\xE0", 4);
    QRandomGenerator generator(seed);
    bytes.reserve(4 + bodyBytes);
    for (qsizetype i = 0; i < bodyBytes; ++i)
        bytes.append(static_cast<char>(generator.generate() & 0xFF));
    return bytes;
}

QString sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString statePath(const QString &sha) { return QStringLiteral("/api/v1/photos/%1").arg(sha); }

ApiReply putChunk(ApiClient &client, const QString &sha, qint64 offset, qint64 total, const QByteArray &bytes)
{
    return client.put(QStringLiteral("/api/v1/photos/%1?offset=%2&total=%3").arg(sha).arg(offset).arg(total), bytes);
}

qint64 received(const ApiReply &reply) { return reply.json.value(QStringLiteral("received")).toInteger(-1); }
bool complete(const ApiReply &reply) { return reply.json.value(QStringLiteral("complete")).toBool(); }
QString errorOf(const ApiReply &reply) { return reply.json.value(QStringLiteral("error")).toString(); }

// Sends `photo` from `offset` to the end in chunks, as a device resumes; returns the
// number of bytes put on the wire and the last reply.
qint64 sendRest(ApiClient &client, const QString &sha, const QByteArray &photo, qint64 offset, ApiReply *last)
{
    qint64 sent = 0;
    while (offset < photo.size()) {
        const QByteArray chunk = photo.mid(offset, kChunk);
        *last = putChunk(client, sha, offset, photo.size(), chunk);
        if (last->status != 200) {
            ADD_FAILURE() << "chunk at " << offset << " answered " << last->status << " " << last->body.toStdString();
            break;
        }
        sent += chunk.size();
        offset = received(*last);
    }
    return sent;
}

// Every finished photo file under photos/ in the data folder.
QStringList storedPhotoFiles(const HqProcess &hq)
{
    QStringList files;
    QDirIterator it(QDir(hq.dataFolder()).filePath(QStringLiteral("photos")), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}

QByteArray storedBytes(const HqProcess &hq, const QString &sha)
{
    QFile file(QDir(hq.dataFolder()).filePath(QStringLiteral("photos/%1/%2").arg(sha.left(2), sha)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// One PUT on its own connection, usable from any thread (ApiClient is not): returns the
// HTTP status, 0 when there was no answer.
int rawPut(quint16 port, const QString &token, const QString &target, const QByteArray &body)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        if (fd >= 0)
            ::close(fd);
        return 0;
    }
    const QByteArray request = "PUT " + target.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Onsite-Protocol: 1\r\n" +
                               "Authorization: Bearer " + token.toLatin1() +
                               "\r\nContent-Type: application/octet-stream\r\nConnection: close\r\nContent-Length: " +
                               QByteArray::number(body.size()) + "\r\n\r\n" + body;
    qsizetype done = 0;
    while (done < request.size()) {
        const ssize_t n = ::send(fd, request.constData() + done, static_cast<size_t>(request.size() - done), MSG_NOSIGNAL);
        if (n <= 0)
            break;
        done += n;
    }
    QByteArray answer;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
        answer.append(buffer, n);
    ::close(fd);
    return answer.startsWith("HTTP/1.") ? answer.mid(9, 3).toInt() : 0;
}

QJsonObject photoMutation(qint64 seq, const QString &id, const QString &sha, qint64 size)
{
    return {{QStringLiteral("seq"), seq},
            {QStringLiteral("entity"), QStringLiteral("photo")},
            {QStringLiteral("id"), id},
            {QStringLiteral("op"), QStringLiteral("upsert")},
            {QStringLiteral("hlc"), QStringLiteral("%1-00000").arg(1000 + seq, 13, 10, QLatin1Char('0'))},
            {QStringLiteral("data"), QJsonObject{{QStringLiteral("sha256"), sha},
                                                 {QStringLiteral("visit"), QString()},
                                                 {QStringLiteral("unit"), QStringLiteral("DC")},
                                                 {QStringLiteral("indicator"), QStringLiteral("2.2")},
                                                 {QStringLiteral("account"), QStringLiteral("g1.li")},
                                                 {QStringLiteral("captured_at"), QStringLiteral("2026-06-20T08:30:00.000Z")},
                                                 {QStringLiteral("mime_type"), QStringLiteral("image/jpeg")},
                                                 {QStringLiteral("size_bytes"), size}}}};
}

QJsonObject firstResult(const ApiReply &reply)
{
    return reply.json.value(QStringLiteral("results")).toArray().first().toObject();
}

TEST_P(PhotoUpload, InterruptedUploadResumesWhereItStoppedWithoutResending)
{
    const QByteArray photo = testImage(1);
    const QString sha = sha256Of(photo);
    const qint64 half = photo.size() / 2;
    auto device = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));

    const ApiReply fresh = device->get(statePath(sha));
    ASSERT_EQ(fresh.status, 200) << fresh.body.toStdString();
    EXPECT_EQ(received(fresh), 0);
    EXPECT_FALSE(complete(fresh));

    // The connection drops after the first half: only that half ever reached HQ.
    const ApiReply firstHalf = putChunk(*device, sha, 0, photo.size(), photo.left(half));
    ASSERT_EQ(firstHalf.status, 200) << firstHalf.body.toStdString();
    EXPECT_EQ(received(firstHalf), half);
    EXPECT_FALSE(complete(firstHalf));
    qint64 sent = half;

    // Later, on a new connection (and a new sign-in), the device first asks how far HQ got.
    auto resumed = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    const ApiReply state = resumed->get(statePath(sha));
    ASSERT_EQ(state.status, 200);
    ASSERT_EQ(received(state), half) << "HQ must report exactly the bytes it kept";
    EXPECT_FALSE(complete(state));

    ApiReply last;
    sent += sendRest(*resumed, sha, photo, received(state), &last);
    EXPECT_EQ(sent, photo.size()) << "a resumed upload resent bytes HQ already had";
    EXPECT_TRUE(complete(last));
    EXPECT_EQ(received(last), photo.size());

    const ApiReply done = resumed->get(statePath(sha));
    EXPECT_TRUE(complete(done));
    EXPECT_EQ(received(done), photo.size());
    EXPECT_EQ(storedBytes(*hq, sha), photo) << "the stored file is not the photo that was sent";
    EXPECT_FALSE(QFile::exists(QDir(hq->dataFolder()).filePath(QStringLiteral("uploads/%1.part").arg(sha))))
        << "the partial file outlived the finished upload";
}

TEST_P(PhotoUpload, ChunkAtWrongOffsetIsRefusedWithTheReceivedCount)
{
    const QByteArray photo = testImage(2);
    const QString sha = sha256Of(photo);
    auto device = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    ASSERT_EQ(putChunk(*device, sha, 0, photo.size(), photo.left(1000)).status, 200);

    // A gap: the device thinks HQ has more than it does.
    const ApiReply ahead = putChunk(*device, sha, 5000, photo.size(), photo.mid(5000, 1000));
    EXPECT_EQ(ahead.status, 409) << ahead.body.toStdString();
    EXPECT_EQ(errorOf(ahead), QStringLiteral("offset_mismatch"));
    EXPECT_EQ(received(ahead), 1000);

    // An overlap: the first chunk sent again (its answer was lost) must not be appended twice.
    const ApiReply again = putChunk(*device, sha, 0, photo.size(), photo.left(1000));
    EXPECT_EQ(again.status, 409) << again.body.toStdString();
    EXPECT_EQ(received(again), 1000);
    EXPECT_EQ(received(device->get(statePath(sha))), 1000);

    // The device follows the count it was given and ends with the exact photo.
    ApiReply last;
    sendRest(*device, sha, photo, received(again), &last);
    EXPECT_TRUE(complete(last)) << last.body.toStdString();
    EXPECT_EQ(storedBytes(*hq, sha), photo);
}

TEST_P(PhotoUpload, ConcurrentRetriesOfOneChunkAreAppendedOnce)
{
    // A device that timed out on a chunk sends it again while the first request is still
    // being handled (the handlers run on a pool): only one copy may be appended. Two
    // copies of a 40% chunk would leave HQ holding more than the declared total, and no
    // PUT could ever finish that upload. (PhotoStore::putChunk reads the state and appends
    // under two separate locks; this guards that window, which is narrow in practice.)
    const QByteArray photo = testImage(9);
    const QString sha = sha256Of(photo);
    ApiClient device(hq->baseUrl());
    const ApiReply login = device.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")),
                                        QStringLiteral("dev-li"));
    ASSERT_EQ(login.status, 200);
    const QString token = login.json.value(QStringLiteral("token")).toString();
    const qint64 chunk = photo.size() * 2 / 5;
    const QString target = QStringLiteral("/api/v1/photos/%1?offset=0&total=%2").arg(sha).arg(photo.size());

    constexpr int kCopies = 16;
    std::latch start(kCopies);
    std::vector<int> statuses(kCopies);
    std::vector<std::thread> senders;
    for (int i = 0; i < kCopies; ++i) {
        senders.emplace_back([&, i] {
            start.arrive_and_wait();
            statuses[static_cast<size_t>(i)] = rawPut(hq->port(), token, target, photo.left(chunk));
        });
    }
    for (std::thread &sender : senders)
        sender.join();
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 1);
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), kCopies - 1);
    ASSERT_EQ(received(device.get(statePath(sha))), chunk) << "HQ kept more than one copy of the chunk";

    ApiReply last;
    sendRest(device, sha, photo, chunk, &last);
    EXPECT_TRUE(complete(last)) << last.body.toStdString();
    EXPECT_EQ(storedBytes(*hq, sha), photo);
}

// Uploads no longer wait for one another (a lock per upload, not per store): many at
// once all finish, and two accounts finishing the same content together both hold it,
// filed once, with nothing left in uploads/.
TEST_P(PhotoUpload, ManyUploadsAtOnceAllFinishAndTheSameContentFromTwoAccountsIsFiledOnce)
{
    const QStringList accounts = {QStringLiteral("g1.li"), QStringLiteral("g1.zhang")};
    QStringList tokens;
    for (const QString &account : accounts) {
        ApiClient client(hq->baseUrl());
        const ApiReply login = client.login(account, HqProcess::passwordOf(account), QStringLiteral("dev-many"));
        ASSERT_EQ(login.status, 200);
        tokens << login.json.value(QStringLiteral("token")).toString();
    }
    constexpr int kPhotos = 6;
    std::vector<QByteArray> photos;
    for (int i = 0; i < kPhotos; ++i)
        photos.push_back(testImage(100 + i, 96 * 1024));
    std::latch start(kPhotos * 2);
    std::vector<QString> problems(kPhotos * 2);
    std::vector<std::thread> senders;
    for (int p = 0; p < kPhotos; ++p) {
        for (int a = 0; a < 2; ++a) {
            senders.emplace_back([&, p, a] {
                const QByteArray &photo = photos[static_cast<size_t>(p)];
                const QString sha = sha256Of(photo);
                start.arrive_and_wait();
                for (qint64 offset = 0; offset < photo.size(); offset += 16 * 1024) {
                    const QString target =
                        QStringLiteral("/api/v1/photos/%1?offset=%2&total=%3").arg(sha).arg(offset).arg(photo.size());
                    const int status = rawPut(hq->port(), tokens[a], target, photo.mid(offset, 16 * 1024));
                    if (status != 200) {
                        problems[static_cast<size_t>(p * 2 + a)] =
                            QStringLiteral("photo %1, %2: HTTP %3 at %4").arg(p).arg(accounts[a]).arg(status).arg(offset);
                        return;
                    }
                }
            });
        }
    }
    for (std::thread &sender : senders)
        sender.join();
    for (const QString &problem : problems)
        EXPECT_TRUE(problem.isEmpty()) << problem.toStdString();
    for (int a = 0; a < 2; ++a) {
        ApiClient client(hq->baseUrl());
        client.setToken(tokens[a]);
        for (const QByteArray &photo : photos)
            EXPECT_TRUE(complete(client.get(statePath(sha256Of(photo))))) << accounts[a].toStdString();
    }
    EXPECT_EQ(storedPhotoFiles(*hq).size(), kPhotos);
    for (const QByteArray &photo : photos)
        EXPECT_EQ(storedBytes(*hq, sha256Of(photo)), photo);
    EXPECT_TRUE(QDir(QDir(hq->dataFolder()).filePath(QStringLiteral("uploads")))
                    .entryList(QDir::Files | QDir::NoDotAndDotDot)
                    .isEmpty());
}

TEST_P(PhotoUpload, ContentNotMatchingItsNameIsDiscarded)
{
    const QByteArray claimed = testImage(3);
    const QByteArray actual = testImage(4); // same size and signature, other bytes
    const QString sha = sha256Of(claimed);
    auto device = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));

    const qint64 half = actual.size() / 2;
    ASSERT_EQ(putChunk(*device, sha, 0, actual.size(), actual.left(half)).status, 200);
    const ApiReply last = putChunk(*device, sha, half, actual.size(), actual.mid(half));
    EXPECT_EQ(last.status, 422) << last.body.toStdString();
    EXPECT_EQ(errorOf(last), QStringLiteral("hash_mismatch"));

    // Discarded: a resume would otherwise append to bytes that can never verify.
    const ApiReply state = device->get(statePath(sha));
    EXPECT_EQ(received(state), 0);
    EXPECT_FALSE(complete(state));
    EXPECT_TRUE(storedPhotoFiles(*hq).isEmpty());

    // The real photo under that name still goes through from zero.
    const ApiReply retry = putChunk(*device, sha, 0, claimed.size(), claimed);
    EXPECT_EQ(retry.status, 200) << retry.body.toStdString();
    EXPECT_TRUE(complete(retry));
}

TEST_P(PhotoUpload, NonImageIsRefusedAndNothingIsKept)
{
    QByteArray pdf("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    pdf += testImage(5, 4096).mid(4);
    const QString sha = sha256Of(pdf);
    auto device = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));

    const ApiReply reply = putChunk(*device, sha, 0, pdf.size(), pdf);
    EXPECT_EQ(reply.status, 415) << reply.body.toStdString();
    EXPECT_EQ(errorOf(reply), QStringLiteral("unsupported_type"));
    EXPECT_EQ(received(device->get(statePath(sha))), 0);
    EXPECT_TRUE(storedPhotoFiles(*hq).isEmpty());
}

TEST_P(PhotoUpload, PhotoOverTheSizeLimitIsRefusedUpFront)
{
    // The device declares 40 MiB (limit 30 MiB): refused at the first chunk, before
    // HQ spends disk on the rest.
    const QByteArray start = testImage(6, kChunk);
    const QString sha = sha256Of(start);
    auto device = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));

    const ApiReply reply = putChunk(*device, sha, 0, 40LL * 1024 * 1024, start);
    EXPECT_EQ(reply.status, 413) << reply.body.toStdString();
    EXPECT_EQ(errorOf(reply), QStringLiteral("body_too_large"));
    EXPECT_EQ(received(device->get(statePath(sha))), 0);
}

TEST_P(PhotoUpload, SamePhotoFromTwoAccountsIsStoredOnceAndRevealsNothing)
{
    const QByteArray photo = testImage(7);
    const QString sha = sha256Of(photo);
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    ApiReply last;
    sendRest(*li, sha, photo, 0, &last);
    ASSERT_TRUE(complete(last)) << last.body.toStdString();
    EXPECT_TRUE(complete(li->get(statePath(sha))));

    // A teammate's tablet sends the same photo. Knowing a hash proves nothing: HQ does
    // not say it holds the photo until this account has sent the bytes itself.
    auto zhang = signIn(QStringLiteral("g1.zhang"), QStringLiteral("dev-zhang"));
    const ApiReply state = zhang->get(statePath(sha));
    EXPECT_FALSE(complete(state));
    EXPECT_EQ(received(state), 0);
    sendRest(*zhang, sha, photo, 0, &last);
    EXPECT_TRUE(complete(last)) << last.body.toStdString();
    EXPECT_TRUE(complete(zhang->get(statePath(sha))));

    EXPECT_EQ(storedPhotoFiles(*hq).size(), 1) << "the same content is filed once";
    EXPECT_EQ(storedBytes(*hq, sha), photo) << "a second upload changed the stored photo";
}

TEST_P(PhotoUpload, ARecordPointingAtSomeoneElsesContentShowsNothing)
{
    // Group 2 photographs its unit; group 1's inspector learns the hash and makes a
    // record of a group-1 unit pointing at it, to read the photo through his own scope.
    const QByteArray photo = testImage(9);
    const QString sha = sha256Of(photo);
    auto huang = signIn(QStringLiteral("g2.huang"), QStringLiteral("dev-huang"));
    ApiReply last;
    sendRest(*huang, sha, photo, 0, &last);
    ASSERT_TRUE(complete(last));

    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    const ApiReply pushed = li->post(QStringLiteral("/api/v1/sync/push"),
                                     pushBody(QStringLiteral("dev-li"), {photoMutation(1, QStringLiteral("p-x"), sha, photo.size())}));
    ASSERT_EQ(pushed.status, 200) << pushed.body.toStdString();
    EXPECT_EQ(firstResult(pushed).value(QStringLiteral("reason")).toString(), QStringLiteral("photo_not_uploaded"))
        << pushed.body.toStdString();
    const ApiReply read = li->get(QStringLiteral("/api/v1/photos/%1/content").arg(sha));
    EXPECT_EQ(read.status, 404);
    EXPECT_NE(read.body, photo);
}

TEST_P(PhotoUpload, UnfinishedUploadsHaveAQuotaPerAccount)
{
    // 8 started uploads of 30 MiB each fill the 256 MiB an account may have unfinished.
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    const qint64 declared = 30LL * 1024 * 1024;
    for (quint32 seed = 20; seed < 28; ++seed) {
        const QByteArray start = testImage(seed, kChunk);
        ASSERT_EQ(putChunk(*li, sha256Of(testImage(seed + 1000)), 0, declared, start).status, 200) << seed;
    }
    const QByteArray start = testImage(99, kChunk);
    const ApiReply refused = putChunk(*li, sha256Of(testImage(1099)), 0, declared, start);
    EXPECT_EQ(refused.status, 507) << refused.body.toStdString();
    EXPECT_EQ(errorOf(refused), QStringLiteral("quota_exceeded"));
    EXPECT_FALSE(refused.json.value(QStringLiteral("message")).toString().isEmpty());

    // Another account is not held back by this one.
    auto zhang = signIn(QStringLiteral("g1.zhang"), QStringLiteral("dev-zhang"));
    const QByteArray photo = testImage(30);
    ApiReply last;
    sendRest(*zhang, sha256Of(photo), photo, 0, &last);
    EXPECT_TRUE(complete(last));

    // The quota counts what the first chunk declared: a later one cannot raise it.
    const QByteArray small = testImage(31, 2 * kChunk - 4);
    ASSERT_EQ(putChunk(*zhang, sha256Of(small), 0, small.size(), small.left(kChunk)).status, 200);
    const ApiReply raised = putChunk(*zhang, sha256Of(small), kChunk, declared, small.mid(kChunk, kChunk / 2));
    EXPECT_EQ(raised.status, 400) << raised.body.toStdString();
    EXPECT_EQ(received(zhang->get(statePath(sha256Of(small)))), kChunk) << "the refused chunk was kept";
}

TEST_P(PhotoUpload, PhotoRecordWaitsForItsContentAndContentIsScoped)
{
    const QByteArray photo = testImage(8);
    const QString sha = sha256Of(photo);
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));

    // Pushed too early (half the content at HQ): a record pointing at no photo is refused.
    ASSERT_EQ(putChunk(*li, sha, 0, photo.size(), photo.left(photo.size() / 2)).status, 200);
    const ApiReply early = li->post(QStringLiteral("/api/v1/sync/push"),
                                    pushBody(QStringLiteral("dev-li"), {photoMutation(1, QStringLiteral("p-1"), sha, photo.size())}));
    ASSERT_EQ(early.status, 200) << early.body.toStdString();
    EXPECT_EQ(firstResult(early).value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    EXPECT_EQ(firstResult(early).value(QStringLiteral("reason")).toString(), QStringLiteral("photo_missing"));

    ApiReply last;
    sendRest(*li, sha, photo, received(li->get(statePath(sha))), &last);
    ASSERT_TRUE(complete(last));
    const ApiReply late = li->post(QStringLiteral("/api/v1/sync/push"),
                                   pushBody(QStringLiteral("dev-li"), {photoMutation(2, QStringLiteral("p-1"), sha, photo.size())}));
    ASSERT_EQ(late.status, 200) << late.body.toStdString();
    EXPECT_EQ(firstResult(late).value(QStringLiteral("status")).toString(), QStringLiteral("applied"))
        << late.body.toStdString();

    // Same group: the bytes, exactly, with the sniffed type.
    auto zhang = signIn(QStringLiteral("g1.zhang"), QStringLiteral("dev-zhang"));
    const ApiReply seen = zhang->get(QStringLiteral("/api/v1/photos/%1/content").arg(sha));
    EXPECT_EQ(seen.status, 200);
    EXPECT_EQ(seen.body, photo);
    EXPECT_EQ(seen.headers.value("content-type"), QByteArray("image/jpeg"));
    const auto changes = pullAll(*zhang);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes.front().entity, QStringLiteral("photo"));
    EXPECT_EQ(changes.front().data.value(QStringLiteral("sha256")).toString(), sha);

    // Another group, and the unit's own liaison, get nothing, not even
    // a hint that the photo exists.
    auto huang = signIn(QStringLiteral("g2.huang"), QStringLiteral("dev-huang"));
    const ApiReply foreign = huang->get(QStringLiteral("/api/v1/photos/%1/content").arg(sha));
    EXPECT_EQ(foreign.status, 404);
    EXPECT_EQ(errorOf(foreign), QStringLiteral("not_found"));
    EXPECT_NE(foreign.body, photo);
    auto liaison = signIn(QStringLiteral("dc.liaison"), QStringLiteral("dev-dc"));
    EXPECT_EQ(liaison->get(QStringLiteral("/api/v1/photos/%1/content").arg(sha)).status, 404);
}

ONSITE_E2E_BACKENDS(PhotoUpload);

} // namespace
} // namespace onsite::test
