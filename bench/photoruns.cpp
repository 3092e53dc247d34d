#include "photoruns.h"

#include "client/photos/photouploader.h"
#include "client/transport/syncclient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTextStream>

#include <sys/resource.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace onsite::bench {

namespace {

constexpr int kMaxRestartsPerPhoto = 50; // more means the uploader does not get anywhere
constexpr int kErrorsKept = 5;

QUrl baseUrl(std::uint16_t port)
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

// Runs the event loop until `start` has called the callback it is given.
template <typename Result, typename Start> Result waitFor(Start start)
{
    QEventLoop loop;
    bool done = false;
    Result result{};
    start([&](Result value) {
        result = std::move(value);
        done = true;
        loop.quit();
    });
    if (!done) // the callback may run before start() returns
        loop.exec();
    return result;
}

// The photo as the uploader reads it, counting what it reads: unbuffered, so a read is
// the chunk that goes out, not a read-ahead.
class CountingFile : public QFile
{
public:
    CountingFile(const QString &path, qint64 &counter) : QFile(path), m_counter(counter) {}

protected:
    qint64 readData(char *data, qint64 size) override
    {
        const qint64 n = QFile::readData(data, size);
        if (n > 0)
            m_counter += n;
        return n;
    }

private:
    qint64 &m_counter;
};

void keepError(PhotoRun &run, const QString &error)
{
    if (run.errors.size() < kErrorsKept)
        run.errors << error;
}

double childrenCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

} // namespace

QString signIn(std::uint16_t port, const PhotoAccount &account)
{
    sync::SyncClient client;
    client.transport().setBaseUrl(baseUrl(port));
    using Answer = std::pair<sync::SyncError, sync::LoginAnswer>;
    const Answer answer = waitFor<Answer>([&](auto done) {
        client.login(account.account, account.password, QStringLiteral("photo-bench-device"),
                     QStringLiteral("onsite-photo-bench"),
                     [done](const sync::SyncError &error, const sync::LoginAnswer &login) {
                         done({error, login});
                     });
    });
    if (!answer.first.ok())
        throw std::runtime_error("sign-in failed: " + answer.first.text().toStdString());
    return answer.second.token;
}

PhotoRun uploadWithPhotoUploader(const HqEndpoint &hq, std::uint16_t sendPort,
                                 const std::vector<PhotoFile> &photos,
                                 sync::PhotoUploader::Chunking chunking, ChunkTransport transport)
{
    PhotoRun run;
    run.photos = static_cast<int>(photos.size());
    run.fileBytes = totalBytes(photos);
    run.chunkBytes = chunking.smallest;
    run.largestChunkBytes = std::max(chunking.smallest, chunking.largest);
    sync::SyncClient client;
    client.transport().setBaseUrl(baseUrl(sendPort));
    client.transport().setToken(hq.token);
    client.transport().setDirectUploads(transport == ChunkTransport::Direct);
    chunking.pace = std::make_shared<qint64>(chunking.smallest); // one round's photos, as SyncEngine shares it

    QElapsedTimer wall;
    wall.start();
    for (const PhotoFile &photo : photos) {
        for (int attempt = 0;; ++attempt) {
            auto file = std::make_unique<CountingFile>(photo.path, run.chunkBytesRead);
            if (!file->open(QIODevice::ReadOnly | QIODevice::Unbuffered))
                throw std::runtime_error("cannot read " + photo.path.toStdString());
            const sync::SyncError error = waitFor<sync::SyncError>([&](auto done) {
                sync::PhotoUploader::upload(
                    client, photo.sha256, std::move(file), chunking, [](qint64, qint64) {},
                    [done](const sync::SyncError &e) { done(e); });
            });
            if (error.ok())
                break;
            // No answer at all: the link went down under the request. Anything else is
            // HQ refusing, which starting again would not change.
            if (error.httpStatus == 0 && error.kind != sync::SyncError::Kind::Local &&
                attempt < kMaxRestartsPerPhoto) {
                ++run.restarts;
                continue;
            }
            keepError(run, photo.sha256.left(12) + QStringLiteral(": ") + error.text());
            break;
        }
    }
    run.wallSeconds = wall.nsecsElapsed() / 1e9;
    return run;
}

PhotoRun uploadWithCurl(const HqEndpoint &hq, std::uint16_t sendPort,
                        const std::vector<PhotoFile> &photos, const QString &configPath)
{
    PhotoRun run;
    run.photos = static_cast<int>(photos.size());
    run.fileBytes = totalBytes(photos);
    {
        // A config file, not arguments: 500 photos make a command line too long to show.
        QFile config(configPath);
        if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate))
            throw std::runtime_error("cannot write " + configPath.toStdString());
        QTextStream out(&config);
        const QString url = baseUrl(sendPort).toString();
        for (std::size_t i = 0; i < photos.size(); ++i) {
            if (i > 0)
                out << "next\n";
            out << "url = \"" << url << "/api/v1/photos/" << photos[i].sha256
                << "?offset=0&total=" << photos[i].size << "\"\n"
                << "upload-file = \"" << photos[i].path << "\"\n"
                << "header = \"Authorization: Bearer " << hq.token << "\"\n"
                << "header = \"Content-Type: application/octet-stream\"\n"
                << "header = \"Expect:\"\n"
                << "output = \"/dev/null\"\n"
                << "silent\nshow-error\n"
                << "write-out = \"%{http_code} %{num_connects}\\n\"\n";
        }
    }
    QProcess curl;
    const double cpuBefore = childrenCpuSeconds();
    QElapsedTimer wall;
    wall.start();
    curl.start(QStringLiteral("curl"), {QStringLiteral("--config"), configPath});
    if (!curl.waitForStarted())
        throw std::runtime_error("cannot start curl: " + curl.errorString().toStdString());
    curl.waitForFinished(-1);
    run.wallSeconds = wall.nsecsElapsed() / 1e9;
    run.clientCpuSeconds = childrenCpuSeconds() - cpuBefore;
    const QList<QByteArray> lines = curl.readAllStandardOutput().trimmed().split('\n');
    int answered = 0;
    for (const QByteArray &line : lines) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() != 2)
            continue;
        ++answered;
        run.curlConnections += fields[1].toInt();
        if (fields[0] != "200")
            keepError(run, QStringLiteral("curl: HTTP %1").arg(QString::fromLatin1(fields[0])));
    }
    if (curl.exitStatus() != QProcess::NormalExit || curl.exitCode() != 0 || answered != run.photos)
        keepError(run, QStringLiteral("curl exited with %1 after %2 answers: %3")
                           .arg(curl.exitCode())
                           .arg(answered)
                           .arg(QString::fromUtf8(curl.readAllStandardError()).left(300)));
    return run;
}

int countStored(const HqEndpoint &hq, const std::vector<PhotoFile> &photos, QStringList *errors)
{
    sync::SyncClient client;
    client.transport().setBaseUrl(baseUrl(hq.port));
    client.transport().setToken(hq.token);
    int stored = 0;
    for (const PhotoFile &photo : photos) {
        using Answer = std::pair<sync::SyncError, sync::PhotoState>;
        const Answer answer = waitFor<Answer>([&](auto done) {
            client.photoStatus(photo.sha256,
                               [done](const sync::SyncError &error, const sync::PhotoState &state) {
                                   done({error, state});
                               });
        });
        if (answer.first.ok() && answer.second.complete && answer.second.received == photo.size)
            ++stored;
        else if (errors && errors->size() < kErrorsKept)
            *errors << QStringLiteral("%1 not stored (received %2): %3")
                           .arg(photo.sha256.left(12))
                           .arg(answer.second.received)
                           .arg(answer.first.text());
    }
    return stored;
}

} // namespace onsite::bench
