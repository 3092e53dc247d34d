#pragma once

#include "client/transport/backoff.h"
#include "client/photos/photouploads.h"
#include "client/transport/syncclient.h"
#include "client/transport/syncsummary.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>

namespace onsite::sync {

class DeviceStore;

// Runs sync rounds against onsite-hq and keeps their status visible: push the outbox
// (a photo record only once its content is complete at the server; nothing else
// waits for photos), upload pending photo contents in resumable chunks, refresh the
// set-up when due, then pull. One round at a time; after a failure it retries by timer
// with exponential backoff, and new local changes (debounced) or coming back online
// start a round too.
class SyncEngine : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool online READ isOnline WRITE setOnline NOTIFY statusChanged)
    Q_PROPERTY(bool syncing READ isSyncing NOTIFY statusChanged)
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY statusChanged)
    Q_PROPERTY(int pendingPhotos READ pendingPhotos NOTIFY statusChanged)
    Q_PROPERTY(QDateTime lastSuccess READ lastSuccess NOTIFY statusChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY statusChanged)
    Q_PROPERTY(int rejectedCount READ rejectedCount NOTIFY statusChanged)
    Q_PROPERTY(int conflictCount READ conflictCount NOTIFY statusChanged)
    Q_PROPERTY(bool signInNeeded READ signInNeeded NOTIFY statusChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(QString progressText READ progressText NOTIFY progressChanged)
    // Set once HQ was found restored from a backup, in plain words: what the device is
    // re-sending, or that it did (shown for a day after).
    Q_PROPERTY(QString restoreNotice READ restoreNotice NOTIFY statusChanged)

public:
    struct Options
    {
        int pushBatchSize = 100;
        int pullPageSize = 500;
        // A round's first chunk, and the first after a cut; chunks then grow to about a
        // second of sending, up to the largest, and the next photo of the round starts at
        // the size reached (PhotoUploader::Chunking::pace); a cut still costs one chunk.
        qint64 photoChunkBytes = 256 * 1024;
        qint64 photoChunkLargestBytes = 4 * 1024 * 1024;
        std::chrono::milliseconds requestTimeout = std::chrono::seconds(30);
        std::chrono::milliseconds debounce = std::chrono::seconds(2);
        std::chrono::milliseconds setupRefresh = std::chrono::hours(6);
        Backoff backoff;
        bool retryAutomatically = true; // off for one-shot command-line use
    };

    explicit SyncEngine(DeviceStore &store, QObject *parent = nullptr);
    SyncEngine(DeviceStore &store, Options options, QObject *parent = nullptr);
    ~SyncEngine() override;

    bool isOnline() const { return m_online; }
    bool isSyncing() const { return m_running; }
    int pendingCount() const;
    int pendingPhotos() const;
    QDateTime lastSuccess() const;
    QString lastError() const;
    // The last failure as the app shows it: {what to do, technical detail} (SyncError).
    std::pair<QString, QString> lastErrorForPeople() const;
    int rejectedCount() const;
    int conflictCount() const;
    bool signInNeeded() const { return m_signInNeeded; }
    double progress() const { return m_progress; }
    QString progressText() const { return m_progressText; }
    QString restoreNotice() const;

    const SyncSummary &lastSummary() const { return m_summary; }
    bool isRetryScheduled() const { return m_retryTimer.isActive(); }
    std::chrono::milliseconds retryInterval() const { return m_retryTimer.intervalAsDuration(); }

public Q_SLOTS:
    // Starts a round now; during a round, another one follows when it succeeds.
    void sync();
    // From the platform's reachability: coming online starts a round.
    void setOnline(bool online);
    // Call after each local write: a round starts once writes pause for `debounce`.
    void notifyLocalChange();

Q_SIGNALS:
    void statusChanged();
    void progressChanged();
    void retryScheduled(qint64 milliseconds);
    void finished(bool ok);

private:
    bool configureClient(SyncError *error);
    // Push, photos, set-up, pull; again from the start once HQ was found restored.
    void runRound();
    void restartRound();
    // The incarnation an answer carried: true when HQ was restored and the device just
    // queued its records again (HqRestore).
    bool noticeIncarnation(const QString &seen, SyncError *error);
    void pushBatches(std::function<void()> next);
    void uploadPhotos(std::vector<PhotoUpload> queue, size_t index);
    void refreshSetupIfDue();
    void pullChanges();
    void finish(const SyncError &error);
    void setProgress(double fraction, const QString &text);
    void startAutomatically();
    // Runs store work; an exception becomes a local SyncError.
    SyncError guarded(const std::function<void()> &work);

    DeviceStore &m_store;
    Options m_options;
    SyncClient m_client;
    std::shared_ptr<qint64> m_photoPace; // PhotoUploader::Chunking::pace of this round's photos
    QTimer m_retryTimer;
    QTimer m_debounceTimer;
    bool m_online = true;
    bool m_running = false;
    bool m_again = false;
    bool m_signInNeeded = false;
    int m_restarts = 0;           // rounds started again this sync after a restore was found
    QString m_restoredIncarnation; // seen on a pull page, acted on once the pull stopped
    double m_progress = 0;
    QString m_progressText;
    SyncSummary m_summary;
};

} // namespace onsite::sync
