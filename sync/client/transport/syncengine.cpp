#include "client/transport/syncengine.h"

#include "client/store/bootstrapapplier.h"
#include "client/store/changeapplier.h"
#include "client/store/devicestore.h"
#include "client/store/hqrestore.h"
#include "client/photos/photofiles.h"
#include "client/photos/photouploader.h"
#include "client/store/syncstate.h"

#include <algorithm>
#include <utility>

namespace onsite::sync {

namespace {

// Answers after which sending the same content again cannot succeed.
bool refusedForGood(const SyncError &error)
{
    return error.kind == SyncError::Kind::Local || error.httpStatus == 413 || error.httpStatus == 415 ||
           error.httpStatus == 422;
}

QString sizeText(qint64 bytes)
{
    if (bytes < 1024 * 1024)
        return QStringLiteral("%1 KB").arg((bytes + 1023) / 1024);
    return QStringLiteral("%1 MB").arg(static_cast<double>(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

} // namespace

SyncEngine::SyncEngine(DeviceStore &store, QObject *parent) : SyncEngine(store, Options(), parent) {}

SyncEngine::SyncEngine(DeviceStore &store, Options options, QObject *parent)
    : QObject(parent), m_store(store), m_options(std::move(options))
{
    m_retryTimer.setSingleShot(true);
    m_debounceTimer.setSingleShot(true);
    m_debounceTimer.setInterval(m_options.debounce);
    connect(&m_retryTimer, &QTimer::timeout, this, &SyncEngine::startAutomatically);
    connect(&m_debounceTimer, &QTimer::timeout, this, &SyncEngine::startAutomatically);
}

SyncEngine::~SyncEngine() = default;

int SyncEngine::pendingCount() const
{
    try {
        return Outbox(m_store.db()).pendingCount();
    } catch (const std::exception &) {
        return 0;
    }
}

int SyncEngine::pendingPhotos() const
{
    try {
        return PhotoUploads(m_store.db()).waitingCount();
    } catch (const std::exception &) {
        return 0;
    }
}

QDateTime SyncEngine::lastSuccess() const
{
    try {
        return SyncState(m_store.db()).lastSuccess();
    } catch (const std::exception &) {
        return {};
    }
}

QString SyncEngine::lastError() const
{
    try {
        return SyncState(m_store.db()).lastError();
    } catch (const std::exception &e) {
        return QString::fromStdString(e.what());
    }
}

std::pair<QString, QString> SyncEngine::lastErrorForPeople() const
{
    try {
        const SyncState state(m_store.db());
        const QString headline = state.lastErrorHeadline();
        return {headline.isEmpty() ? state.lastError() : headline, state.lastErrorDetail()};
    } catch (const std::exception &e) {
        return {QString::fromStdString(e.what()), {}};
    }
}

int SyncEngine::rejectedCount() const
{
    try {
        return Outbox(m_store.db()).count(outboxstate::kRejected);
    } catch (const std::exception &) {
        return 0;
    }
}

int SyncEngine::conflictCount() const
{
    try {
        return Outbox(m_store.db()).count(outboxstate::kConflict);
    } catch (const std::exception &) {
        return 0;
    }
}

QString SyncEngine::restoreNotice() const
{
    try {
        const HqRestore restore(m_store.db());
        const QDateTime noticed = restore.noticedAt();
        if (!noticed.isValid())
            return {};
        if (const int waiting = restore.resendPending(); waiting > 0)
            return tr("总部数据已从备份恢复，本机正在重新上传记录，还有 %1 条……").arg(waiting);
        if (noticed.secsTo(QDateTime::currentDateTimeUtc()) < 24 * 3600)
            return tr("总部数据已从备份恢复，本机已重新上传 %1 条记录，并重新下载了全部数据").arg(restore.resentCount());
    } catch (const std::exception &) {
    }
    return {};
}

void SyncEngine::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    Q_EMIT statusChanged();
    if (online)
        QTimer::singleShot(0, this, &SyncEngine::startAutomatically);
}

void SyncEngine::notifyLocalChange()
{
    Q_EMIT statusChanged();
    m_debounceTimer.start();
}

void SyncEngine::startAutomatically()
{
    if (m_online && !m_signInNeeded)
        sync();
}

SyncError SyncEngine::guarded(const std::function<void()> &work)
{
    try {
        work();
        return {};
    } catch (const std::exception &e) {
        return SyncError::local(tr("本机数据读写失败：%1").arg(QString::fromStdString(e.what())));
    }
}

void SyncEngine::setProgress(double fraction, const QString &text)
{
    m_progress = std::clamp(fraction, 0.0, 1.0);
    m_progressText = text;
    Q_EMIT progressChanged();
}

bool SyncEngine::configureClient(SyncError *error)
{
    const SyncState state(m_store.db());
    const QString url = state.serverUrl();
    QString token;
    try {
        token = m_store.token();
    } catch (const std::exception &e) {
        *error = SyncError::local(QString::fromUtf8(e.what()));
        return false;
    }
    if (url.isEmpty() || token.isEmpty()) {
        *error = SyncError::local(tr("本机尚未登录，请先登录"));
        error->code = QStringLiteral("not_signed_in");
        return false;
    }
    ApiTransport &transport = m_client.transport();
    transport.setBaseUrl(QUrl(url));
    transport.setToken(token);
    transport.setTimeout(m_options.requestTimeout);
    QString caError;
    if (!transport.setCaCertificateFile(state.caCertificateFile(), &caError)) {
        *error = SyncError::local(caError);
        return false;
    }
    return true;
}

void SyncEngine::sync()
{
    if (m_running) {
        m_again = true;
        return;
    }
    m_running = true;
    m_retryTimer.stop();
    m_debounceTimer.stop();
    m_summary = SyncSummary();
    m_restarts = 0;
    m_restoredIncarnation.clear();
    Q_EMIT statusChanged();
    setProgress(0, tr("开始同步"));

    SyncError error;
    const SyncError stored = guarded([&] { configureClient(&error); });
    if (!stored.ok() || !error.ok())
        return finish(stored.ok() ? error : stored);
    runRound();
}

bool SyncEngine::noticeIncarnation(const QString &seen, SyncError *error)
{
    bool restored = false;
    HqRestoreOutcome outcome;
    *error = guarded([&] { restored = HqRestore(m_store.db()).adopt(seen, &outcome); });
    if (!restored)
        return false;
    m_summary.hqRestored = true;
    m_summary.resent += outcome.resent;
    setProgress(0.05, tr("总部数据已从备份恢复，本机正在重新上传 %1 条记录……").arg(outcome.resent));
    Q_EMIT statusChanged();
    return true;
}

void SyncEngine::runRound()
{
    // Records go first and never wait for photos; then the photo contents; then the
    // photo records whose content just became complete.
    pushBatches([this] {
        std::vector<PhotoUpload> queue;
        const SyncError failed = guarded([&] { queue = PhotoUploads(m_store.db()).waiting(); });
        if (!failed.ok())
            return finish(failed);
        uploadPhotos(std::move(queue), 0);
    });
}

void SyncEngine::pushBatches(std::function<void()> next)
{
    std::vector<protocol::Mutation> batch;
    QString deviceId;
    bool resend = false;
    QString incarnation; // the id the device holds, named to HQ by its tag
    const SyncError stored = guarded([&] {
        const PhotoUploads uploads(m_store.db());
        batch = Outbox(m_store.db()).nextBatch(m_options.pushBatchSize, [&](const protocol::Mutation &m) {
            if (m.entity != protocol::entity::kPhoto)
                return true;
            const auto upload = uploads.find(m.data.value(QStringLiteral("sha256")).toString());
            return !upload || upload->complete;
        });
        deviceId = SyncState(m_store.db()).deviceId();
        resend = Outbox(m_store.db()).isResending();
        incarnation = HqRestore(m_store.db()).incarnation();
    });
    if (!stored.ok())
        return finish(stored);
    if (batch.empty())
        return next();

    setProgress(0.1, resend ? tr("总部数据已从备份恢复，本机正在重新上传 %1 条记录……").arg(batch.size())
                            : tr("正在上传 %1 条本机更改").arg(batch.size()));
    const protocol::PushRequest request{deviceId, batch, resend, protocol::incarnationTag(incarnation)};
    m_client.push(request, [this, batch, next](const SyncError &error, const protocol::PushResponse &response) {
        if (!error.ok())
            return finish(error);
        PushOutcome outcome;
        const SyncError stored = guarded([&] { outcome = ChangeApplier(m_store.db()).applyPush(batch, response); });
        if (!stored.ok())
            return finish(stored);
        // The answers stand whatever HQ's incarnation; a new one queues this device's
        // records again, and the next batches carry them.
        SyncError noticed;
        noticeIncarnation(response.incarnation, &noticed);
        if (!noticed.ok())
            return finish(noticed);
        m_summary.pushed += static_cast<int>(batch.size());
        m_summary.applied += outcome.applied;
        m_summary.rejected += outcome.rejected;
        m_summary.conflicts += outcome.conflicts;
        m_summary.renumbered += outcome.renumbered;
        m_summary.problems.insert(m_summary.problems.end(), outcome.problems.begin(), outcome.problems.end());
        Q_EMIT statusChanged();
        // Renumbered rows count as progress: they now lie above HQ's last number and go
        // out in the next batch.
        if (outcome.applied + outcome.rejected + outcome.conflicts + outcome.renumbered == 0) {
            SyncError stuck;
            stuck.kind = SyncError::Kind::BadAnswer;
            stuck.message = tr("服务器没有处理上传的 %1 条更改").arg(batch.size());
            return finish(stuck);
        }
        pushBatches(next);
    });
}

void SyncEngine::uploadPhotos(std::vector<PhotoUpload> queue, size_t index)
{
    if (index >= queue.size()) {
        if (m_summary.photosUploaded == 0)
            return refreshSetupIfDue();
        return pushBatches([this] { refreshSetupIfDue(); });
    }
    const PhotoUpload upload = queue[index];
    // The original bytes, decrypted as they are sent: HQ hashes what the camera made.
    std::unique_ptr<QIODevice> content = PhotoFiles(m_store.photosFolder()).openForReading(upload.sha256);
    const int count = static_cast<int>(queue.size());
    auto progress = [this, upload, index, count](qint64 received, qint64 total) {
        guarded([&] { PhotoUploads(m_store.db()).setReceived(upload.sha256, received); });
        const double share = total > 0 ? static_cast<double>(received) / static_cast<double>(total) : 1.0;
        setProgress(0.2 + 0.4 * (static_cast<double>(index) + share) / count,
                    tr("正在上传照片 %1/%2（%3 / %4）")
                        .arg(index + 1)
                        .arg(count)
                        .arg(sizeText(received), sizeText(total)));
    };
    if (index == 0)
        m_photoPace = std::make_shared<qint64>(m_options.photoChunkBytes); // each round learns the line anew
    const PhotoUploader::Chunking chunking{m_options.photoChunkBytes,
                                           std::max(m_options.photoChunkBytes, m_options.photoChunkLargestBytes),
                                           std::chrono::milliseconds(1000), m_photoPace};
    PhotoUploader::upload(m_client, upload.sha256, std::move(content), chunking, progress,
                          [this, queue = std::move(queue), index, upload](const SyncError &error) {
        if (error.ok()) {
            const SyncError stored = guarded([&] { PhotoUploads(m_store.db()).setComplete(upload.sha256); });
            if (!stored.ok())
                return finish(stored);
            ++m_summary.photosUploaded;
        } else if (refusedForGood(error)) {
            // This content can never arrive: its records are marked refused (visible
            // with the reason) instead of waiting forever; other photos go on.
            const SyncError stored = guarded([&] {
                SqlTransaction transaction(m_store.db());
                PhotoUploads(m_store.db()).setFailure(upload.sha256, error.text());
                Outbox outbox(m_store.db());
                for (const OutboxEntry &e : outbox.entries(outboxstate::kPending)) {
                    if (e.mutation.entity == protocol::entity::kPhoto &&
                        e.mutation.data.value(QStringLiteral("sha256")).toString() == upload.sha256) {
                        const QString reason = error.code.isEmpty() ? QStringLiteral("photo_refused") : error.code;
                        outbox.resolve(e.mutation.seq, outboxstate::kRejected, reason, error.message);
                        m_summary.problems.push_back({e.mutation, e.createdAt, outboxstate::kRejected, reason,
                                                      error.message});
                        ++m_summary.rejected;
                    }
                }
                transaction.commit();
            });
            if (!stored.ok())
                return finish(stored);
        } else {
            return finish(error);
        }
        Q_EMIT statusChanged();
        uploadPhotos(std::move(queue), index + 1);
    });
}

void SyncEngine::refreshSetupIfDue()
{
    QDateTime last;
    guarded([&] { last = SyncState(m_store.db()).lastBootstrap(); });
    const auto age = std::chrono::milliseconds(last.isValid() ? last.msecsTo(QDateTime::currentDateTimeUtc()) : 0);
    if (last.isValid() && age < m_options.setupRefresh)
        return pullChanges();
    setProgress(0.65, tr("正在更新考评设置"));
    m_client.bootstrap([this](const SyncError &error, const protocol::Bootstrap &bootstrap) {
        if (!error.ok())
            return finish(error);
        BootstrapOutcome outcome;
        const SyncError stored = guarded([&] {
            outcome = BootstrapApplier(m_store.db(), m_store.photosFolder()).apply(bootstrap);
        });
        if (!stored.ok())
            return finish(stored);
        m_summary.setupRefreshed = true;
        m_summary.removedUnits = outcome.removedUnits;
        m_summary.rejected += outcome.rejectedPending;
        SyncError noticed;
        if (noticeIncarnation(bootstrap.incarnation, &noticed))
            return restartRound();
        if (!noticed.ok())
            return finish(noticed);
        pullChanges();
    });
}

void SyncEngine::pullChanges()
{
    qint64 cursor = 0;
    const SyncError stored = guarded([&] {
        cursor = SyncState(m_store.db()).cursor();
        m_client.setKnownIncarnation(HqRestore(m_store.db()).incarnation());
    });
    if (!stored.ok())
        return finish(stored);
    setProgress(0.7, tr("正在下载服务器上的更改"));
    m_client.pullAll(
        cursor, m_options.pullPageSize,
        [this](const protocol::PullResponse &page) {
            // A page from another incarnation is numbered by a feed this cursor does not
            // belong to: apply nothing, queue the records again and pull from the start.
            QString known;
            if (const SyncError failed = guarded([&] { known = HqRestore(m_store.db()).incarnation(); }); !failed.ok())
                return failed;
            if (!page.incarnation.isEmpty() && !known.isEmpty() && page.incarnation != known) {
                m_restoredIncarnation = page.incarnation;
                SyncError stop;
                stop.kind = SyncError::Kind::BadAnswer;
                stop.code = QStringLiteral("hq_restored");
                stop.message = tr("总部数据已从备份恢复");
                return stop;
            }
            PullOutcome outcome;
            const SyncError error = guarded([&] {
                outcome = ChangeApplier(m_store.db()).applyPull(page);
                HqRestore(m_store.db()).adopt(page.incarnation); // the first id seen is remembered
            });
            m_summary.pulled += outcome.applied + outcome.deleted;
            m_summary.keptLocal += outcome.keptLocal;
            setProgress(page.more ? 0.85 : 0.95,
                        tr("已下载 %1 条服务器更改").arg(m_summary.pulled));
            return error;
        },
        [this](const SyncError &error) {
            if (m_restoredIncarnation.isEmpty())
                return finish(error);
            SyncError noticed;
            noticeIncarnation(std::exchange(m_restoredIncarnation, {}), &noticed);
            if (!noticed.ok())
                return finish(noticed);
            restartRound();
        });
}

void SyncEngine::restartRound()
{
    // HQ's id changed under a running round: once is expected; again means its answers
    // keep changing, and retrying later is safer than looping.
    if (++m_restarts > 2) {
        SyncError unsettled;
        unsettled.kind = SyncError::Kind::BadAnswer;
        unsettled.message = tr("总部数据的标识在同步中反复变化，稍后重试");
        return finish(unsettled);
    }
    runRound();
}

void SyncEngine::finish(const SyncError &error)
{
    m_running = false;
    m_summary.ok = error.ok();
    m_summary.error = error;
    guarded([&] {
        SyncState state(m_store.db());
        if (error.ok()) {
            state.setLastSuccess(QDateTime::currentDateTimeUtc());
            state.setLastError({});
        } else {
            state.setLastError(error.text(), error.headline(), error.detail());
        }
    });
    const bool personMustAct = error.needsPerson() || error.code == QLatin1String("not_signed_in");
    m_signInNeeded = error.httpStatus == 401 || error.code == QLatin1String("not_signed_in");
    if (error.ok()) {
        m_options.backoff.reset();
        setProgress(1, tr("同步完成"));
    } else {
        setProgress(m_progress, tr("同步失败：%1").arg(error.headline()));
        if (m_options.retryAutomatically && !personMustAct) {
            auto delay = m_options.backoff.next();
            delay = std::max<std::chrono::milliseconds>(delay, std::chrono::seconds(error.retryAfterSeconds));
            m_retryTimer.start(delay);
            Q_EMIT retryScheduled(delay.count());
        }
    }
    Q_EMIT statusChanged();
    Q_EMIT finished(error.ok());
    if (m_again) {
        m_again = false;
        if (error.ok())
            QTimer::singleShot(0, this, &SyncEngine::sync);
    }
}

} // namespace onsite::sync
