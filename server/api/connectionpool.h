#pragma once

#include "store/sqlconnection.h"

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace onsite::hq {

// Database connections for the worker threads: each request borrows one, so no two
// threads ever share a connection, and idle ones are reused.
class ConnectionPool
{
public:
    using Factory = std::function<std::unique_ptr<SqlConnection>()>;

    explicit ConnectionPool(Factory factory) : m_factory(std::move(factory)) {}

    class Lease
    {
    public:
        Lease(ConnectionPool &pool, std::unique_ptr<SqlConnection> connection)
            : m_pool(pool), m_connection(std::move(connection))
        {
        }
        ~Lease() { m_pool.giveBack(std::move(m_connection)); }
        Lease(const Lease &) = delete;
        Lease &operator=(const Lease &) = delete;
        SqlConnection &operator*() const { return *m_connection; }
        SqlConnection *operator->() const { return m_connection.get(); }

    private:
        ConnectionPool &m_pool;
        std::unique_ptr<SqlConnection> m_connection;
    };

    Lease acquire()
    {
        {
            std::lock_guard lock(m_mutex);
            if (!m_idle.empty()) {
                auto connection = std::move(m_idle.back());
                m_idle.pop_back();
                return Lease(*this, std::move(connection));
            }
        }
        return Lease(*this, m_factory());
    }

private:
    void giveBack(std::unique_ptr<SqlConnection> connection)
    {
        std::lock_guard lock(m_mutex);
        m_idle.push_back(std::move(connection));
    }

    Factory m_factory;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<SqlConnection>> m_idle;
};

} // namespace onsite::hq
