#include "fakereachability.h"

namespace onsite::platform {

FakeReachability::FakeReachability(bool online, QObject *parent) : Reachability(parent), m_online(online) {}

void FakeReachability::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    Q_EMIT onlineChanged(online);
}

} // namespace onsite::platform
