#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace onsite::hq {

// Password checks allowed at once. An argon2id check costs about 0.2 s of CPU and
// 64 MiB here on purpose; without a bound, a crowd of tablets signing in together held
// every worker thread for minutes: sync requests queued behind them and sign-ins waited
// past the device's 30 s timeout (docs/BENCHMARKS.md, "Many tablets at once").
// `checking` sign-ins run at once and up to `waiting` more wait for a slot (a small
// group signing in together is served, not refused); a sign-in beyond those is
// answered 503 busy with Retry-After at once, so the other workers stay free.
// Retry-After grows with the crowd: each refused caller is told its place in the line
// of those refused before it (first refused, first told to come back), times the time a
// check takes, over the checks at once. With a fixed 2 s, 1,000 tablets waiting sent
// 90,000 sign-in attempts, 98 % of them answered busy.
class PasswordGate
{
public:
    PasswordGate(int checking, int waiting,
                 std::chrono::milliseconds longestWait = std::chrono::seconds(10))
        : m_free(std::max(1, checking)), m_slots(m_free), m_waitingRoom(std::max(0, waiting)),
          m_longestWait(longestWait)
    {
    }
    PasswordGate(const PasswordGate &) = delete;
    PasswordGate &operator=(const PasswordGate &) = delete;

    using Clock = std::chrono::steady_clock;

    class Pass
    {
    public:
        explicit Pass(PasswordGate &gate) : m_gate(&gate), m_since(Clock::now()) {}
        Pass(Pass &&other) noexcept : m_gate(std::exchange(other.m_gate, nullptr)), m_since(other.m_since) {}
        Pass &operator=(Pass &&) = delete;
        ~Pass()
        {
            if (m_gate)
                m_gate->release(Clock::now() - m_since);
        }

    private:
        PasswordGate *m_gate;
        Clock::time_point m_since;
    };

    // A pass when a slot is free or frees up while this caller may wait; nothing when
    // the waiting room is full or the wait ran out.
    // `who` (the account) leaves the line of refused callers once it gets a pass.
    std::optional<Pass> tryEnter(const std::string &who = {})
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
        if (!who.empty())
            m_crowd.erase(who);
        return Pass(*this);
    }

    // Seconds a caller that tryEnter() just refused is told to wait: its place in the
    // line of refused callers still waiting, times a check's time, over the slots;
    // at least kRetryAfterSeconds, at most kLongestRetryAfterSeconds.
    int retryAfterSeconds(const std::string &who, Clock::time_point now = Clock::now())
    {
        std::lock_guard lock(m_mutex);
        if (now - m_lastSweep > std::chrono::seconds(1)) {
            for (auto it = m_crowd.begin(); it != m_crowd.end();)
                it = it->second.expires < now ? m_crowd.erase(it) : std::next(it);
            m_lastSweep = now;
        }
        auto found = m_crowd.find(who);
        std::uint64_t order = m_nextOrder;
        if (found != m_crowd.end())
            order = found->second.order;
        else if (m_crowd.size() < kLongestLine)
            found = m_crowd.emplace(who, Waiter{m_nextOrder++, now}).first;
        std::size_t ahead = 0;
        for (const auto &[name, waiter] : m_crowd)
            ahead += waiter.order < order ? 1 : 0;
        const double seconds = double(ahead + 1) * m_checkSeconds / double(m_slots);
        const int wait = std::clamp(static_cast<int>(std::ceil(seconds)), kRetryAfterSeconds, kLongestRetryAfterSeconds);
        if (found != m_crowd.end()) // forgotten if it does not come back long after its time
            found->second.expires = now + std::chrono::seconds(3 * wait + 30);
        return wait;
    }

    // Callers refused while waiting for a turn (tests).
    std::size_t crowd() const
    {
        std::lock_guard lock(m_mutex);
        return m_crowd.size();
    }

    static constexpr int kRetryAfterSeconds = 2;
    static constexpr int kLongestRetryAfterSeconds = 300;
    static constexpr std::size_t kLongestLine = 20000; // bounds memory against made-up accounts

private:
    struct Waiter
    {
        std::uint64_t order;
        Clock::time_point expires;
    };

    void release(Clock::duration held)
    {
        {
            std::lock_guard lock(m_mutex);
            ++m_free;
            // How long a check takes now, with the machine's load: a moving average.
            const double seconds = std::chrono::duration<double>(held).count();
            m_checkSeconds = 0.8 * m_checkSeconds + 0.2 * std::clamp(seconds, 0.01, 30.0);
        }
        m_slotFreed.notify_one();
    }

    mutable std::mutex m_mutex;
    std::condition_variable m_slotFreed;
    int m_free;
    int m_slots;
    int m_waiting = 0;
    int m_waitingRoom;
    std::chrono::milliseconds m_longestWait;
    double m_checkSeconds = 0.25; // argon2id's interactive limits on a quiet core
    std::unordered_map<std::string, Waiter> m_crowd;
    std::uint64_t m_nextOrder = 0;
    Clock::time_point m_lastSweep{};
};

} // namespace onsite::hq
