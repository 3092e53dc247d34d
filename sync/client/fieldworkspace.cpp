#include "client/fieldworkspace.h"

#include "client/signin/signinflow.h"
#include "client/store/outbox.h"
#include "client/store/recordrows.h"
#include "client/store/syncstate.h"
#include "store/campaignstore.h"

#include <QUrl>

#include <algorithm>

namespace onsite::sync {

FieldWorkspace::FieldWorkspace(const QString &folder, QObject *parent)
    : FieldWorkspace(std::make_unique<DeviceStore>(folder), parent)
{
}

FieldWorkspace::FieldWorkspace(std::unique_ptr<DeviceStore> store, QObject *parent)
    : QObject(parent), m_store(std::move(store)), m_drafts(m_store->db()),
      m_engine(std::make_unique<SyncEngine>(*m_store))
{
}

// The engine first: it holds the store.
FieldWorkspace::~FieldWorkspace() { m_engine.reset(); }

FieldRules FieldWorkspace::rules() { return FieldRules::load(m_store->db(), &m_setups); }

std::optional<Person> FieldWorkspace::me()
{
    // One row, not the set-up: the app asks this before its first frame, and reading a
    // campaign of 20,000 sites was a third of its cold start.
    try {
        return queries().person(account());
    } catch (const std::exception &) {
        return std::nullopt; // not signed in yet: no set-up on the device
    }
}

bool FieldWorkspace::signedIn() { return m_store->hasToken() && me().has_value(); }

QString FieldWorkspace::account() { return SyncState(m_store->db()).account(); }

QString FieldWorkspace::serverUrl()
{
    const QString stored = SyncState(m_store->db()).serverUrl();
    return stored.isEmpty() ? m_defaultServerUrl : stored;
}

QString FieldWorkspace::campaignName() { return CampaignStore(m_store->db()).campaignName(); }

QString FieldWorkspace::deviceId() { return SyncState(m_store->db()).deviceId(); }

int FieldWorkspace::unsyncedCount() { return Outbox(m_store->db()).pendingCount(); }

int FieldWorkspace::refusedCount()
{
    const Outbox outbox(m_store->db());
    return outbox.count(outboxstate::kRejected) + outbox.count(outboxstate::kConflict);
}

void FieldWorkspace::signOut(bool discardUnsynced)
{
    SqlTransaction transaction(m_store->db());
    if (discardUnsynced) {
        // Discarding the changes means discarding what they wrote here too: otherwise the
        // tablet keeps showing scores HQ never got, with nothing left to send. Their rows
        // go, and the next sync pulls from the start, which brings back HQ's version of
        // every record that HQ has.
        Outbox outbox(m_store->db());
        RecordRows rows(m_store->db());
        for (const OutboxEntry &entry : outbox.entries(outboxstate::kPending))
            rows.remove(entry.mutation.entity, entry.mutation.id);
        outbox.discardPending();
        SyncState state(m_store->db());
        state.setCursor(0);
        m_drafts.discardAll(state.account()); // what was typed and never saved goes too
    }
    transaction.commit();
    m_store->clearToken();
    Q_EMIT changed();
}

SignInFlow *FieldWorkspace::startSignIn(QObject *parent)
{
    auto *flow = new SignInFlow(*m_store, parent);
    connect(flow, &SignInFlow::finished, this, [this] { Q_EMIT changed(); });
    return flow;
}

std::vector<ScoreEntry> FieldWorkspace::scores() { return CampaignStore(m_store->db()).loadScores(); }

std::vector<OutboxEntry> FieldWorkspace::answeredChanges(size_t limit)
{
    const Outbox outbox(m_store->db());
    std::vector<OutboxEntry> answered = outbox.entries(outboxstate::kRejected);
    for (OutboxEntry &entry : outbox.entries(outboxstate::kConflict))
        answered.push_back(std::move(entry));
    // Newest first: what the person did last is what they look for.
    std::sort(answered.begin(), answered.end(),
              [](const OutboxEntry &a, const OutboxEntry &b) { return a.mutation.seq > b.mutation.seq; });
    if (answered.size() > limit)
        answered.resize(limit);
    return answered;
}

QString FieldWorkspace::photoUrl(const QString &sha256) const
{
    if (sha256.isEmpty())
        return {};
    return QUrl::fromLocalFile(m_store->photosFolder() + QLatin1Char('/') + sha256).toString();
}

void FieldWorkspace::recorded()
{
    m_engine->notifyLocalChange();
    Q_EMIT changed();
}

} // namespace onsite::sync
