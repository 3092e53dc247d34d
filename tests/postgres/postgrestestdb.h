#pragma once

// A throw-away database on the PostgreSQL server named by ONSITE_TEST_POSTGRES_URL
// (scripts/start-postgres.sh prints it). Each test gets its own, so tests neither
// see each other's rows nor depend on order, and the server is left as found.

#include "store/postgresconnection.h"

#include <QRandomGenerator>
#include <QUrl>

#include <gtest/gtest.h>

#include <memory>

namespace onsite::test {

inline QString postgresAdminUrl() { return qEnvironmentVariable("ONSITE_TEST_POSTGRES_URL"); }

class PostgresTestDatabase
{
public:
    // Creates onsite_t_<random> through the admin URL (a role with CREATEDB).
    explicit PostgresTestDatabase(const QString &adminUrl) : m_adminUrl(adminUrl)
    {
        m_name = QStringLiteral("onsite_t_%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
        // UTF8 explicitly: a cluster initialised under a C locale would default to
        // SQL_ASCII, which stores any bytes and hides encoding mistakes.
        PostgresConnection admin(adminUrl);
        admin.executeScript(QStringLiteral("CREATE DATABASE %1 ENCODING 'UTF8' TEMPLATE template0").arg(m_name));
        QUrl url(adminUrl);
        url.setPath(QLatin1Char('/') + m_name);
        m_url = url.toString();
    }
    ~PostgresTestDatabase()
    {
        try {
            PostgresConnection admin(m_adminUrl);
            // FORCE ends sessions a failed test left open (e.g. a dropped connection's
            // owner); the database must go either way.
            admin.executeScript(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
        } catch (const std::exception &e) {
            ADD_FAILURE() << "could not drop test database " << m_name.toStdString() << ": " << e.what();
        }
    }
    PostgresTestDatabase(const PostgresTestDatabase &) = delete;
    PostgresTestDatabase &operator=(const PostgresTestDatabase &) = delete;

    const QString &name() const { return m_name; }
    const QString &url() const { return m_url; }
    std::unique_ptr<PostgresConnection> connect() const { return std::make_unique<PostgresConnection>(m_url); }

private:
    QString m_adminUrl;
    QString m_name;
    QString m_url;
};

// Base fixture: a fresh database and a connection `db` to it; skipped without a server.
class PostgresTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (postgresAdminUrl().isEmpty())
            GTEST_SKIP() << "ONSITE_TEST_POSTGRES_URL is not set; run "
                            "eval \"$(scripts/start-postgres.sh | tail -1)\" && export ONSITE_TEST_POSTGRES_URL";
        database = std::make_unique<PostgresTestDatabase>(postgresAdminUrl());
        db = database->connect();
    }
    void TearDown() override
    {
        db.reset(); // close before the drop
        database.reset();
    }

    std::unique_ptr<PostgresTestDatabase> database;
    std::unique_ptr<PostgresConnection> db;
};

} // namespace onsite::test
