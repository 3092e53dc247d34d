#include "shorttextids.h"

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

} // namespace onsite
