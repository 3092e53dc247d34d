#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <utility>

namespace onsite::hq {

// Password checks allowed at once. An argon2id check costs about 0.2 s of CPU and
// 64 MiB here on purpose; without a bound, a crowd of tablets signing in together held
// every worker thread for minutes: sync requests queued behind them and sign-ins waited
// past the device's 30 s timeout (docs/BENCHMARKS.md, "Many tablets at once").
// `checking` sign-ins run at once and up to `waiting` more wait for a slot (a small
// group signing in together is served, not refused); a sign-in beyond those is
// answered 503 busy with Retry-After at once, so the other workers stay free.
class PasswordGate
{
public:
    PasswordGate(int checking, int waiting,
                 std::chrono::milliseconds longestWait = std::chrono::seconds(10))
        : m_free(std::max(1, checking)), m_waitingRoom(std::max(0, waiting)),
          m_longestWait(longestWait)
    {
    }
    PasswordGate(const PasswordGate &) = delete;
    PasswordGate &operator=(const PasswordGate &) = delete;

    class Pass
    {
    public:
        explicit Pass(PasswordGate &gate) : m_gate(&gate) {}
        Pass(Pass &&other) noexcept : m_gate(std::exchange(other.m_gate, nullptr)) {}
        Pass &operator=(Pass &&) = delete;
        ~Pass()
        {
            if (m_gate)
                m_gate->release();
        }

    private:
        PasswordGate *m_gate;
    };

    // A pass when a slot is free or frees up while this caller may wait; nothing when
    // the waiting room is full or the wait ran out.
    std::optional<Pass> tryEnter()
    {
        std::unique_lock lock(m_mutex);
        if (m_free == 0) {
            if (m_waiting >= m_waitingRoom)
                return std::nullopt;
            ++m_waiting;
            const bool freed =
                m_slotFreed.wait_for(lock, m_longestWait, [this] { return m_free > 0; });
            --m_waiting;
            if (!freed)
                return std::nullopt;
        }
        --m_free;
        return Pass(*this);
    }

    // Seconds a refused sign-in is told to wait.
    static constexpr int kRetryAfterSeconds = 2;

private:
    void release()
    {
        {
            std::lock_guard lock(m_mutex);
            ++m_free;
        }
        m_slotFreed.notify_one();
    }

    std::mutex m_mutex;
    std::condition_variable m_slotFreed;
    int m_free;
    int m_waiting = 0;
    int m_waitingRoom;
    std::chrono::milliseconds m_longestWait;
};

} // namespace onsite::hq
