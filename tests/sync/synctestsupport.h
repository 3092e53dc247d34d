#pragma once

#include "client/store/bootstrapapplier.h"
#include "client/store/devicestore.h"
#include "client/store/syncstate.h"
#include "import/campaignimporter.h"
#include "protocol/bootstrap.h"
#include "store/sqlconnection.h"
#include "testsupport.h"

#include <QTemporaryDir>

#include <memory>

namespace onsite::test {

// The sample campaign as the server would send it to `account`: units and sites cut
// to `scope` (default: the person's group), every person and group kept.
inline protocol::Bootstrap sampleBootstrap(const QString &account, QStringList scope = {})
{
    static const CampaignSetup full = CampaignImporter::importFiles(sampleCampaignFiles());
    protocol::Bootstrap b;
    b.me = *full.person(account);
    if (scope.isEmpty()) {
        if (const InspectionGroup *group = full.group(b.me.groupName))
            scope = group->unitCodes;
        else if (b.me.role == Role::Hq)
            for (const Unit &u : full.units)
                scope << u.code;
        else
            scope << b.me.homeUnitCode;
    }
    b.scopeUnits = scope;
    b.setup.campaign = full.campaign;
    b.setup.indicators = full.indicators;
    b.setup.people = full.people;
    b.setup.groups = full.groups;
    for (const Unit &u : full.units) {
        if (scope.contains(u.code))
            b.setup.units.push_back(u);
    }
    for (const Site &s : full.sites) {
        if (scope.contains(s.unitCode))
            b.setup.sites.push_back(s);
    }
    return b;
}

// A device folder signed in as `account` (server URL and token as given).
struct TestDevice
{
    explicit TestDevice(const QString &account, const QString &server = QStringLiteral("http://127.0.0.1:9"))
    {
        store = std::make_unique<sync::DeviceStore>(dir.path());
        sync::SyncState state(store->db());
        state.setServerUrl(server);
        state.setAccount(account);
        store->setToken(QStringLiteral("test-token"));
        sync::BootstrapApplier(store->db(), store->photosFolder()).apply(sampleBootstrap(account));
    }

    SqlConnection &db() { return store->db(); }
    qint64 count(const QString &sql, const QVariantList &params = {})
    {
        return db().query(sql, params).front().value(0).toLongLong();
    }

    QTemporaryDir dir;
    std::unique_ptr<sync::DeviceStore> store;
};

// Passes everything to a real connection, but throws on the `failOn`-th statement
// containing `pattern`: a disk error in the middle of a transaction.
class FailingConnection : public SqlConnection
{
public:
    FailingConnection(SqlConnection &inner, QString pattern, int failOn = 1)
        : m_inner(inner), m_pattern(std::move(pattern)), m_failOn(failOn)
    {
    }

    void execute(const QString &sql, const QVariantList &params = {}) override
    {
        check(sql);
        m_inner.execute(sql, params);
    }
    std::vector<SqlRow> query(const QString &sql, const QVariantList &params = {}) override
    {
        check(sql);
        return m_inner.query(sql, params);
    }
    void executeScript(const QString &sql) override { m_inner.executeScript(sql); }
    void begin() override { m_inner.begin(); }
    void commit() override { m_inner.commit(); }
    void rollback() override { m_inner.rollback(); }

    int failures() const { return m_failures; }

private:
    void check(const QString &sql)
    {
        if (sql.contains(m_pattern) && ++m_seen == m_failOn) {
            ++m_failures;
            throw SqlError("simulated failure: disk I/O error");
        }
    }

    SqlConnection &m_inner;
    QString m_pattern;
    int m_failOn;
    int m_seen = 0;
    int m_failures = 0;
};

} // namespace onsite::test
