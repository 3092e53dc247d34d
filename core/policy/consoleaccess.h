#pragma once

#include "domain/campaignsetup.h"

#include <QSet>
#include <QStringList>

namespace onsite {

// Who may use the HQ console (考评办 pages) and on which units, decided here only
// (docs/API.md §Sessions): HQ sees every unit and may publish; a group leader sees
// their group's units, read only; inspectors and liaisons may sign in but see none
// of these pages. The units follow the same rules as sync (rolescope.h), 回避 included.
class ConsoleAccess
{
public:
    ConsoleAccess(const CampaignSetup &setup, const Person &person);

    const Person &person() const { return m_person; }
    bool mayOpenPages() const;
    bool mayPublish() const { return m_person.role == Role::Hq; }
    bool seesAllUnits() const { return m_person.role == Role::Hq; }
    // Units in file order (units.csv), restricted to the person's scope.
    const QStringList &units() const { return m_units; }
    bool canSee(const QString &unitCode) const { return m_unitSet.contains(unitCode); }
    // Whether an inspection group is shown: HQ all, a leader their own.
    bool canSeeGroup(const QString &groupName) const;

private:
    Person m_person;
    QStringList m_units;
    QSet<QString> m_unitSet;
};

} // namespace onsite
