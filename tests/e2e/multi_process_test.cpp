// Two `onsite-hq serve` processes on one PostgreSQL database and one data folder (photo
// folder included), devices alternating between them: no change is skipped or repeated
// by a pull cursor, and every device ends with the same records (docs/BENCHMARKS.md,
// "Many tablets at once"). PostgreSQL only: SQLite is one process's file.
#include "e2efixture.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <atomic>
#include <map>
#include <thread>

namespace onsite::test {
namespace {

// A second serve on the same data folder and database as `first`.
class SecondServe
{
public:
    explicit SecondServe(const HqProcess &first)
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(HqProcess::binary(),
                        QStringList{QStringLiteral("serve"), QStringLiteral("--listen"),
                                    QStringLiteral("127.0.0.1:0")} +
                            first.dataArguments());
        if (!m_process.waitForStarted())
            throw std::runtime_error("cannot start the second onsite-hq serve");
        static const QRegularExpression listening(
            QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)"));
        QString output;
        QDeadlineTimer deadline(30000);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(200);
            output += QString::fromUtf8(m_process.readAll());
            if (const auto match = listening.match(output); match.hasMatch()) {
                m_baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(match.captured(1));
                return;
            }
        }
        throw std::runtime_error("the second onsite-hq serve did not start: " +
                                 output.toStdString());
    }
    ~SecondServe()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
    }
    const QString &baseUrl() const { return m_baseUrl; }

private:
    QProcess m_process;
    QString m_baseUrl;
};

const QStringList kWriters = {QStringLiteral("g1.li"), QStringLiteral("g1.zhang"),
                              QStringLiteral("g1.liu"), QStringLiteral("g1.chen")};

// 等次评价 items at group 1's units: any level is a valid input.
std::vector<std::pair<QString, QString>> groupOneKeys()
{
    std::vector<std::pair<QString, QString>> keys;
    for (const QString &unit : {QStringLiteral("DC"), QStringLiteral("BH"), QStringLiteral("SM")})
        for (const QString &item :
             {QStringLiteral("1.4"), QStringLiteral("2.4"), QStringLiteral("2.5"),
              QStringLiteral("4.2"), QStringLiteral("5.2")})
            keys.emplace_back(unit, item);
    return keys;
}

// id -> the record's data after applying `changes` in order, as a device's store ends.
std::map<QString, QJsonObject> fold(const std::vector<PulledChange> &changes)
{
    std::map<QString, QJsonObject> records;
    for (const PulledChange &change : changes)
        records[change.entity + QLatin1Char('/') + change.id] = change.data;
    return records;
}

class MultiProcess : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (!HqProcess::postgresAvailable())
            GTEST_SKIP()
                << "ONSITE_TEST_POSTGRES_URL is not set: several HQ processes need PostgreSQL";
        hq = std::make_unique<HqProcess>(Backend::Postgres);
        hq->prepare();
        hq->start();
        second = std::make_unique<SecondServe>(*hq);
        urls = {hq->baseUrl(), second->baseUrl()};
    }

    std::unique_ptr<HqProcess> hq;
    std::unique_ptr<SecondServe> second;
    QStringList urls;
};

TEST_F(MultiProcess, DevicesAlternatingBetweenTwoServesConvergeWithoutSkipOrDuplicate)
{
    constexpr int kBatches = 15;
    constexpr int kPerBatch = 4;
    const auto keys = groupOneKeys();
    const QStringList levels = {QStringLiteral("好"), QStringLiteral("较好"),
                                QStringLiteral("一般"), QStringLiteral("差")};
    std::atomic<int> writersDone{0}, failures{0};
    std::vector<std::map<QString, QString>> written(
        std::size_t(kWriters.size())); // per writer: id -> last input
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters.size(); ++w) {
        writers.emplace_back([&, w] {
            // Sign in through either process: the token is in the shared database.
            ApiClient clients[2] = {ApiClient(urls[0]), ApiClient(urls[1])};
            const QString device = QStringLiteral("dev-mp-%1").arg(w);
            const ApiReply login =
                clients[w % 2].login(kWriters[w], HqProcess::passwordOf(kWriters[w]), device);
            if (login.status != 200) {
                ADD_FAILURE() << kWriters[w].toStdString()
                              << " could not sign in: " << login.body.toStdString();
                ++failures;
                ++writersDone;
                return;
            }
            clients[(w + 1) % 2].setToken(login.json.value(QStringLiteral("token")).toString());
            qint64 seq = 0;
            for (int b = 0; b < kBatches; ++b) {
                QJsonArray mutations;
                for (int i = 0; i < kPerBatch; ++i) {
                    ++seq;
                    const auto &key = keys[std::size_t(seq * 7 + w) % keys.size()];
                    const QString id =
                        QStringLiteral("mp-%1-%2-%3").arg(w).arg(key.first, key.second);
                    const QString input = levels[int((seq + w) % levels.size())];
                    mutations.append(scoreMutation(seq, id, key.first, key.second, kWriters[w],
                                                   input, 2000000 + seq * 10 + w));
                    written[std::size_t(w)][id] = input;
                }
                // Batches alternate between the processes.
                const ApiReply pushed = clients[(b + w) % 2].post(
                    QStringLiteral("/api/v1/sync/push"), pushBody(device, mutations));
                bool applied = pushed.status == 200;
                for (const QJsonValue &result :
                     pushed.json.value(QStringLiteral("results")).toArray())
                    applied =
                        applied && result.toObject().value(QStringLiteral("status")).toString() ==
                                       QStringLiteral("applied");
                if (!applied) {
                    ADD_FAILURE() << "push " << b << " of " << kWriters[w].toStdString() << ": "
                                  << pushed.status << " " << pushed.body.left(300).toStdString();
                    ++failures;
                }
            }
            ++writersDone;
        });
    }

    // HQ's own reader pulls in small pages while the writes go on, each page from the
    // other process: the cursor of one process must be right at the other.
    ApiClient readers[2] = {ApiClient(urls[0]), ApiClient(urls[1])};
    const ApiReply hqLogin = readers[0].login(QStringLiteral("kpb.admin"),
                                              HqProcess::passwordOf(QStringLiteral("kpb.admin")),
                                              QStringLiteral("dev-mp-hq"));
    ASSERT_EQ(hqLogin.status, 200) << hqLogin.body.toStdString();
    readers[1].setToken(hqLogin.json.value(QStringLiteral("token")).toString());
    std::vector<PulledChange> received;
    qint64 cursor = 0;
    bool finalRound = false;
    for (int round = 0; round < 100000; ++round) {
        const bool writersFinished = writersDone.load() == kWriters.size();
        for (PulledChange &change : pullAll(readers[round % 2], cursor, 7, &cursor))
            received.push_back(std::move(change));
        if (finalRound)
            break;
        finalRound = writersFinished; // one more pull after the last write committed
    }
    for (std::thread &writer : writers)
        writer.join();
    ASSERT_EQ(failures.load(), 0);

    const qint64 total = qint64(kWriters.size()) * kBatches * kPerBatch;
    ASSERT_EQ(qint64(received.size()), total)
        << "changes skipped or repeated across the two processes";
    for (qint64 i = 0; i < total; ++i)
        ASSERT_EQ(received[std::size_t(i)].seq, i + 1) << "cursor skipped or repeated a change";

    // Convergence: every writer pulls everything through each process; all end with the
    // same records, which hold the last input each writer sent.
    const auto reference = fold(received);
    std::size_t expectedRecords = 0;
    for (int w = 0; w < kWriters.size(); ++w) {
        expectedRecords += written[std::size_t(w)].size();
        for (const auto &[id, input] : written[std::size_t(w)]) {
            const auto found = reference.find(QStringLiteral("score/") + id);
            ASSERT_NE(found, reference.end()) << id.toStdString() << " never reached the feed";
            EXPECT_EQ(found->second.value(QStringLiteral("input")).toString(), input)
                << id.toStdString();
        }
    }
    EXPECT_EQ(reference.size(), expectedRecords);
    for (int w = 0; w < kWriters.size(); ++w) {
        for (int process = 0; process < 2; ++process) {
            ApiClient device(urls[process]);
            ASSERT_EQ(device
                          .login(kWriters[w], HqProcess::passwordOf(kWriters[w]),
                                 QStringLiteral("dev-mp-check-%1").arg(w))
                          .status,
                      200);
            const auto changes = pullAll(device, 0, 50);
            EXPECT_EQ(fold(changes), reference)
                << kWriters[w].toStdString() << " through process " << process;
        }
    }
}

// Two accounts finishing the upload of the same content at the same moment on two
// processes both file it (the second blob row used to make one of them a 500).
TEST_F(MultiProcess, TwoAccountsFinishingTheSamePhotoAtOnceOnTwoProcessesBothHoldIt)
{
    const QStringList accounts = {QStringLiteral("g1.li"), QStringLiteral("g1.zhang")};
    QStringList tokens;
    for (int i = 0; i < 2; ++i) {
        ApiClient client(urls[i]);
        const ApiReply login = client.login(accounts[i], HqProcess::passwordOf(accounts[i]),
                                            QStringLiteral("dev-mp-same-%1").arg(i));
        ASSERT_EQ(login.status, 200) << login.body.toStdString();
        tokens << login.json.value(QStringLiteral("token")).toString();
    }
    const QString target = QStringLiteral("/api/v1/photos/%1?offset=%2&total=%3");
    for (int round = 0; round < 8; ++round) {
        QByteArray photo("\xFF\xD8\xFF\xE0", 4);
        QRandomGenerator random(9000 + round);
        for (int i = 0; i < 64 * 1024; ++i)
            photo.append(char(random.generate() & 0xFF));
        const QString sha =
            QString::fromLatin1(QCryptographicHash::hash(photo, QCryptographicHash::Sha256).toHex());
        const qint64 half = photo.size() / 2;
        std::atomic<int> ready{0};
        ApiReply last[2];
        std::vector<std::thread> senders;
        for (int i = 0; i < 2; ++i) {
            senders.emplace_back([&, i] {
                ApiClient client(urls[i]);
                client.setToken(tokens[i]);
                const ApiReply first = client.put(target.arg(sha).arg(0).arg(photo.size()), photo.left(half));
                EXPECT_EQ(first.status, 200) << first.body.toStdString();
                ++ready;
                while (ready.load() < 2) // both last chunks leave together
                    std::this_thread::yield();
                last[i] = client.put(target.arg(sha).arg(half).arg(photo.size()), photo.mid(half));
            });
        }
        for (std::thread &sender : senders)
            sender.join();
        for (int i = 0; i < 2; ++i) {
            EXPECT_EQ(last[i].status, 200) << "round " << round << ", " << accounts[i].toStdString() << ": "
                                           << last[i].body.toStdString();
            EXPECT_TRUE(last[i].json.value(QStringLiteral("complete")).toBool()) << last[i].body.toStdString();
            ApiClient other(urls[1 - i]); // each process knows both hold it
            other.setToken(tokens[i]);
            const ApiReply state = other.get(QStringLiteral("/api/v1/photos/%1").arg(sha));
            EXPECT_TRUE(state.json.value(QStringLiteral("complete")).toBool()) << state.body.toStdString();
        }
        QFile stored(QDir(hq->dataFolder()).filePath(QStringLiteral("photos/%1/%2").arg(sha.left(2), sha)));
        ASSERT_TRUE(stored.open(QIODevice::ReadOnly));
        EXPECT_EQ(stored.readAll(), photo);
    }
    // Nothing of the uploads is left behind.
    EXPECT_TRUE(QDir(QDir(hq->dataFolder()).filePath(QStringLiteral("uploads")))
                    .entryList(QDir::Files | QDir::NoDotAndDotDot)
                    .isEmpty());
}

TEST_F(MultiProcess, APhotoStartedAtOneProcessFinishesAtTheOtherAndIsServedByBoth)
{
    QByteArray photo("\xFF\xD8\xFF\xE0", 4);
    QRandomGenerator random(4242);
    for (int i = 0; i < 96 * 1024; ++i)
        photo.append(char(random.generate() & 0xFF));
    const QString sha =
        QString::fromLatin1(QCryptographicHash::hash(photo, QCryptographicHash::Sha256).toHex());
    ApiClient a(urls[0]), b(urls[1]);
    const ApiReply login =
        a.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")),
                QStringLiteral("dev-mp-photo"));
    ASSERT_EQ(login.status, 200) << login.body.toStdString();
    b.setToken(login.json.value(QStringLiteral("token")).toString());
    const qint64 half = photo.size() / 2;
    const QString target = QStringLiteral("/api/v1/photos/%1?offset=%2&total=%3");
    const ApiReply first = a.put(target.arg(sha).arg(0).arg(photo.size()), photo.left(half));
    ASSERT_EQ(first.status, 200) << first.body.toStdString();
    // The other process knows how far the upload is, and a chunk sent again to it at the
    // old offset is refused rather than appended twice.
    const ApiReply state = b.get(QStringLiteral("/api/v1/photos/%1").arg(sha));
    ASSERT_EQ(state.status, 200);
    EXPECT_EQ(state.json.value(QStringLiteral("received")).toInteger(), half);
    EXPECT_EQ(b.put(target.arg(sha).arg(0).arg(photo.size()), photo.left(half)).status, 409);
    const ApiReply rest = b.put(target.arg(sha).arg(half).arg(photo.size()), photo.mid(half));
    ASSERT_EQ(rest.status, 200) << rest.body.toStdString();
    EXPECT_TRUE(rest.json.value(QStringLiteral("complete")).toBool());

    const QJsonObject data{
        {QStringLiteral("sha256"), sha},
        {QStringLiteral("unit"), QStringLiteral("DC")},
        {QStringLiteral("indicator"), QStringLiteral("1.4")},
        {QStringLiteral("account"), QStringLiteral("g1.li")},
        {QStringLiteral("captured_at"), QStringLiteral("2026-06-20T08:00:00.000Z")},
        {QStringLiteral("mime_type"), QStringLiteral("image/jpeg")},
        {QStringLiteral("size_bytes"), photo.size()}};
    const QJsonObject mutation{{QStringLiteral("seq"), 1},
                               {QStringLiteral("entity"), QStringLiteral("photo")},
                               {QStringLiteral("id"), QStringLiteral("mp-photo-1")},
                               {QStringLiteral("op"), QStringLiteral("upsert")},
                               {QStringLiteral("hlc"), QStringLiteral("1781942400000-00000")},
                               {QStringLiteral("data"), data}};
    const ApiReply pushed = a.post(QStringLiteral("/api/v1/sync/push"),
                                   pushBody(QStringLiteral("dev-mp-photo"), {mutation}));
    ASSERT_EQ(pushed.status, 200) << pushed.body.toStdString();
    ASSERT_EQ(pushed.json.value(QStringLiteral("results"))
                  .toArray()
                  .at(0)
                  .toObject()
                  .value(QStringLiteral("status"))
                  .toString(),
              QStringLiteral("applied"))
        << pushed.body.toStdString();

    for (const QString &url : urls) {
        ApiClient member(url);
        ASSERT_EQ(member
                      .login(QStringLiteral("g1.zhang"),
                             HqProcess::passwordOf(QStringLiteral("g1.zhang")),
                             QStringLiteral("dev-mp-zhang"))
                      .status,
                  200);
        const ApiReply content = member.get(QStringLiteral("/api/v1/photos/%1/content").arg(sha));
        ASSERT_EQ(content.status, 200) << url.toStdString();
        EXPECT_EQ(content.body, photo)
            << "process at " << url.toStdString() << " served other bytes";
    }
}

} // namespace
} // namespace onsite::test
