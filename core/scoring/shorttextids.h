#pragma once

#include <QByteArrayView>

#include <cstdint>
#include <cstring>
#include <vector>

namespace onsite {

// Ids of short UTF-8 texts (unit and item codes, accounts, inputs), found without
// hashing each byte or calling memcmp. A text of n ≤ 16 bytes is packed into two 64-bit
// words: its first and last 8 bytes (4 for n < 8), which overlap for n < 16, so the
// words and n together identify it. HQ interns four texts of each of millions of
// score rows; through a byte hash map that was a third of reading them.
class ShortTextIds
{
public:
    struct Key
    {
        std::uint64_t head = 0;
        std::uint64_t tail = 0;
        std::uint32_t size = 0;
        friend bool operator==(const Key &a, const Key &b)
        {
            return a.head == b.head && a.tail == b.tail && a.size == b.size;
        }
    };
    static constexpr qsizetype kMaxSize = 16;

    // False (key untouched) for a text longer than kMaxSize.
    static bool pack(QByteArrayView text, Key &key)
    {
        const auto n = static_cast<std::size_t>(text.size());
        if (n > kMaxSize)
            return false;
        const char *p = text.data();
        key.size = static_cast<std::uint32_t>(n);
        if (n >= 8) {
            std::memcpy(&key.head, p, 8);
            std::memcpy(&key.tail, p + n - 8, 8);
        } else if (n >= 4) {
            std::uint32_t first, last;
            std::memcpy(&first, p, 4);
            std::memcpy(&last, p + n - 4, 4);
            key.head = first | (std::uint64_t(last) << 32);
            key.tail = 0;
        } else {
            std::uint64_t bytes = 0;
            for (std::size_t i = 0; i < n; ++i)
                bytes |= std::uint64_t(static_cast<unsigned char>(p[i])) << (8 * i);
            key.head = bytes;
            key.tail = 0;
        }
        return true;
    }

    // The id given to `key`, or -1.
    std::int32_t find(const Key &key) const
    {
        if (m_slots.empty())
            return -1;
        for (std::size_t s = slotOf(key);; s = (s + 1) & (m_slots.size() - 1)) {
            const Slot &slot = m_slots[s];
            if (slot.id < 0 || slot.key == key)
                return slot.id;
        }
    }

    // `key` must not be there yet.
    void insert(const Key &key, std::int32_t id);

    // Slots looked at per key found, on average (1 when no key shares a slot): how well
    // the keys spread, for tests.
    double meanProbes() const;

private:
    struct Slot
    {
        Key key;
        std::int32_t id = -1;
    };

    std::size_t slotOf(const Key &key) const
    {
        // A code's last characters sit in the words' high bytes, which a multiply alone
        // carries only upward: the finaliser of MurmurHash3 mixes them into the low bits
        // the mask keeps (codes sharing a prefix otherwise formed one long probe chain).
        std::uint64_t h =
            key.head * 0x9E3779B97F4A7C15ULL ^ (key.tail + key.size) * 0xC2B2AE3D27D4EB4FULL;
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDULL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53ULL;
        h ^= h >> 33;
        return static_cast<std::size_t>(h) & (m_slots.size() - 1);
    }

    std::vector<Slot> m_slots; // a power of two of them, at most half in use
    std::size_t m_used = 0;
};

} // namespace onsite
