#include "client/photos/photouploader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>

#include <memory>

namespace onsite::sync {

namespace {

constexpr int kMaxMismatches = 3; // in a row; more means the server and device disagree for good

class UploadJob : public std::enable_shared_from_this<UploadJob>
{
public:
    UploadJob(SyncClient &client, QString sha256, std::unique_ptr<QIODevice> content,
              PhotoUploader::Chunking chunking, PhotoUploader::Progress progress,
              SyncClient::Finished done)
        : m_client(client), m_sha256(std::move(sha256)), m_content(std::move(content)),
          m_chunking(std::move(chunking)), m_chunkSize(startingChunk(m_chunking)),
          m_progress(std::move(progress)), m_done(std::move(done))
    {
    }

    void start()
    {
        if (!m_content || !m_content->isOpen())
            return end(SyncError::local(
                QCoreApplication::translate("PhotoUploader", "无法读取待上传的照片 %1：%2")
                    .arg(m_sha256, m_content ? m_content->errorString() : QString())));
        m_total = m_content->size();
        askServer();
    }

private:
    static qint64 startingChunk(const PhotoUploader::Chunking &chunking)
    {
        if (!chunking.pace || chunking.largest <= chunking.smallest)
            return chunking.smallest;
        return std::clamp(*chunking.pace, chunking.smallest, chunking.largest);
    }

    // Every end of the upload goes through here, so the shared pace always hears of it.
    void end(const SyncError &error)
    {
        // A cut or a silent line says the line is slow (or gone); HQ refusing or the
        // device failing to read its photo says nothing about the line.
        if (m_chunking.pace && error.ok())
            *m_chunking.pace = m_chunkSize;
        else if (m_chunking.pace && error.unreachable())
            *m_chunking.pace = m_chunking.smallest;
        m_done(error);
    }

    void askServer()
    {
        auto self = shared_from_this();
        m_client.photoStatus(m_sha256, [self](const SyncError &error, const PhotoState &state) {
            if (!error.ok())
                return self->end(error);
            if (state.complete)
                return self->finish(state);
            self->sendFrom(state.received);
        });
    }

    void sendFrom(qint64 offset)
    {
        if (offset < 0 || offset >= m_total) {
            SyncError error;
            error.kind = SyncError::Kind::BadAnswer;
            error.message =
                QCoreApplication::translate(
                    "PhotoUploader", "服务器记录的照片进度（%1 字节）与照片大小（%2 字节）不符")
                    .arg(offset)
                    .arg(m_total);
            return end(error);
        }
        m_progress(offset, m_total);
        if (!m_content->seek(offset))
            return end(SyncError::local(
                QCoreApplication::translate("PhotoUploader", "无法读取照片 %1").arg(m_sha256)));
        const QByteArray chunk = m_content->read(std::min(m_chunkSize, m_total - offset));
        if (chunk.isEmpty())
            return end(
                SyncError::local(QCoreApplication::translate("PhotoUploader", "无法读取照片 %1：%2")
                                     .arg(m_sha256, m_content->errorString())));
        auto self = shared_from_this();
        QElapsedTimer clock;
        clock.start();
        m_client.putPhotoChunk(
            m_sha256, offset, m_total, chunk,
            [self, offset, clock, sent = chunk.size()](const SyncError &error,
                                                       const PhotoState &state) {
                if (!error.ok())
                    return self->failed(error);
                self->m_mismatches = 0;
                self->m_chunkSize = PhotoUploader::nextChunk(
                    self->m_chunking, sent, std::chrono::milliseconds(clock.elapsed()));
                if (state.complete)
                    return self->finish(state);
                if (state.received <= offset) {
                    SyncError stuck;
                    stuck.kind = SyncError::Kind::BadAnswer;
                    stuck.message = QCoreApplication::translate(
                                        "PhotoUploader", "服务器没有接收照片数据（停在 %1 字节）")
                                        .arg(state.received);
                    return self->end(stuck);
                }
                self->sendFrom(state.received);
            });
    }

    void failed(const SyncError &error)
    {
        if (error.httpStatus != 409 || ++m_mismatches > kMaxMismatches)
            return end(error);
        if (error.received >= 0 && error.received < m_total)
            return sendFrom(error.received);
        askServer();
    }

    void finish(const PhotoState &)
    {
        m_progress(m_total, m_total);
        end({});
    }

    SyncClient &m_client;
    QString m_sha256;
    std::unique_ptr<QIODevice> m_content;
    PhotoUploader::Chunking m_chunking;
    qint64 m_chunkSize;
    qint64 m_total = 0;
    int m_mismatches = 0;
    PhotoUploader::Progress m_progress;
    SyncClient::Finished m_done;
};

} // namespace

void PhotoUploader::upload(SyncClient &client, const QString &sha256, const QString &filePath,
                           qint64 chunkSize, Progress progress, SyncClient::Finished done)
{
    auto file = std::make_unique<QFile>(filePath);
    if (!file->open(QIODevice::ReadOnly))
        return done(SyncError::local(
            QCoreApplication::translate("PhotoUploader", "无法读取待上传的照片 %1：%2")
                .arg(filePath, file->errorString())));
    upload(client, sha256, std::move(file), chunkSize, std::move(progress), std::move(done));
}

void PhotoUploader::upload(SyncClient &client, const QString &sha256,
                           std::unique_ptr<QIODevice> content, qint64 chunkSize, Progress progress,
                           SyncClient::Finished done)
{
    upload(client, sha256, std::move(content), Chunking{chunkSize, chunkSize}, std::move(progress),
           std::move(done));
}

void PhotoUploader::upload(SyncClient &client, const QString &sha256,
                           std::unique_ptr<QIODevice> content, Chunking chunking, Progress progress,
                           SyncClient::Finished done)
{
    chunking.smallest = std::max<qint64>(1, chunking.smallest);
    chunking.largest = std::max(chunking.smallest, chunking.largest);
    std::make_shared<UploadJob>(client, sha256, std::move(content), chunking, std::move(progress),
                                std::move(done))
        ->start();
}

qint64 PhotoUploader::nextChunk(const Chunking &chunking, qint64 sent,
                                std::chrono::milliseconds took)
{
    if (chunking.largest <= chunking.smallest || sent <= 0)
        return chunking.smallest;
    // What this line would carry in `target`, from the chunk just answered; the answer
    // includes HQ storing the chunk, so a slow server keeps chunks small as a slow line does.
    const double millis = std::max<double>(1.0, static_cast<double>(took.count()));
    const double fits =
        static_cast<double>(sent) * static_cast<double>(chunking.target.count()) / millis;
    const double grown = std::min(fits, 4.0 * static_cast<double>(sent));
    return std::clamp(static_cast<qint64>(grown), chunking.smallest, chunking.largest);
}

} // namespace onsite::sync
