#pragma once

#include "client/rules/fieldrecordedits.h"
#include "client/rules/fieldrecorder.h"
#include "client/rules/fieldrules.h"
#include "client/store/fielddrafts.h"
#include "client/store/devicestore.h"
#include "client/store/fieldqueries.h"
#include "client/store/localrechecks.h"
#include "client/store/outbox.h"
#include "client/store/setupcache.h"
#include "client/transport/syncengine.h"
#include "domain/scoreentry.h"
#include "store/unitsubmissions.h"

#include <QObject>

#include <memory>
#include <optional>
#include <utility>

namespace onsite::sync {

class SignInFlow;

// One device's field work as the app sees it: the device store, the set-up it holds
// (loaded once per change), the signed-in person and scope, the recorder every write
// goes through and the reads each screen needs. It owns the sync engine that carries
// the writes to HQ. Screens reach the store only through here.
class FieldWorkspace : public QObject
{
    Q_OBJECT
public:
    // Opens (creating as needed) the device folder; throws like DeviceStore.
    explicit FieldWorkspace(const QString &folder, QObject *parent = nullptr);
    explicit FieldWorkspace(std::unique_ptr<DeviceStore> store, QObject *parent = nullptr);
    ~FieldWorkspace() override;

    DeviceStore &store() { return *m_store; }
    SyncEngine &engine() { return *m_engine; }
    // What is typed and not yet saved (TextDraft), for this run of the app.
    FieldDrafts &drafts() { return m_drafts; }

    // The signed-in person's rules; throws FieldError before the first sign-in.
    FieldRules rules();
    // The person the device holds the set-up for, or nothing before the first sign-in.
    std::optional<Person> me();
    bool signedIn();
    QString account();
    // The HQ address this device talks to; before the first sign-in, the default one.
    QString serverUrl();
    void setDefaultServerUrl(const QString &url) { m_defaultServerUrl = url; }
    QString campaignName();
    QString deviceId();
    int unsyncedCount();
    // Changes HQ refused or found in conflict: they took no effect there.
    int refusedCount();
    // Forgets the token (and, if asked, the changes that wait and the account's drafts);
    // see SessionModel.
    void signOut(bool discardUnsynced);
    // A sign-in flow on this device's store, owned by `parent`.
    SignInFlow *startSignIn(QObject *parent);

    // Runs `work` with a recorder (FieldError: refused, nothing written), then nudges
    // the sync engine and tells the screens. Returns what `work` returns.
    template <typename Work>
    auto record(Work &&work)
    {
        FieldRecorder recorder(m_store->db(), m_store->photosFolder(), HybridClock(), &m_setups);
        if constexpr (std::is_void_v<decltype(work(recorder))>) {
            work(recorder);
            recorded();
        } else {
            auto result = work(recorder);
            recorded();
            return result;
        }
    }

    // Runs `work` with the edits of one's own findings, highlights and photos
    // (FieldError: refused, nothing written), then nudges sync and tells the screens.
    template <typename Work>
    void edit(Work &&work)
    {
        FieldRecordEdits edits(m_store->db());
        work(edits);
        recorded();
    }

    // Reads for the screens.
    FieldQueries queries() { return FieldQueries(m_store->db()); }
    LocalRechecks rechecks() { return LocalRechecks(m_store->db()); }
    UnitSubmissions submissions() { return UnitSubmissions(m_store->db()); }
    std::vector<ScoreEntry> scores();
    // Changes HQ refused or found in conflict, newest first, at most `limit`.
    std::vector<OutboxEntry> answeredChanges(size_t limit);
    // A local file URL for a photo's content (empty when the content is not here).
    QString photoUrl(const QString &sha256) const;

Q_SIGNALS:
    // The device's data changed here: a write, a sign-in or a sign-out.
    void changed();

private:
    void recorded();

    std::unique_ptr<DeviceStore> m_store;
    SetupCache m_setups;
    FieldDrafts m_drafts;
    std::unique_ptr<SyncEngine> m_engine;
    QString m_defaultServerUrl;
};

} // namespace onsite::sync
