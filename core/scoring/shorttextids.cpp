#include "shorttextids.h"

#include <algorithm>

namespace onsite {

void ShortTextIds::insert(const Key &key, std::int32_t id)
{
    if ((m_used + 1) * 2 > m_slots.size()) {
        std::vector<Slot> old(std::max<std::size_t>(16, m_slots.size() * 2));
        old.swap(m_slots);
        m_used = 0;
        for (const Slot &slot : old) {
            if (slot.id >= 0)
                insert(slot.key, slot.id);
        }
    }
    std::size_t s = slotOf(key);
    while (m_slots[s].id >= 0)
        s = (s + 1) & (m_slots.size() - 1);
    m_slots[s] = Slot{key, id};
    ++m_used;
}

double ShortTextIds::meanProbes() const
{
    if (m_used == 0)
        return 0;
    std::size_t probes = 0;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t s = 0; s < m_slots.size(); ++s) {
        if (m_slots[s].id >= 0)
            probes += ((s - slotOf(m_slots[s].key)) & mask) + 1;
    }
    return static_cast<double>(probes) / static_cast<double>(m_used);
}

} // namespace onsite
