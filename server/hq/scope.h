#pragma once

#include "domain/campaignsetup.h"

#include <QSet>
#include <QString>

namespace onsite::hq {

// What one person may read and write, decided at the server from the token's account
// (DOMAIN.md §Roles): HQ everything; a group leader or inspector the group's units;
// a liaison no field record at all through sync (their unit's problems reach them in the
// console, once HQ releases them and without who found them: DOMAIN.md §Who sees whom).
class Scope
{
public:
    Scope(const CampaignSetup &setup, const Person &person);

    const Person &person() const { return m_person; }
    bool seesAllUnits() const { return m_person.role == Role::Hq; }
    const QStringList &units() const { return m_units; }
    const QSet<QString> &unitSet() const { return m_unitSet; }
    // Whether anything of the unit reaches this person (not their home unit, 回避).
    bool readsUnit(const QString &unitCode) const;
    bool canRead(const QString &entity, const QString &unitCode) const;
    // Whether the change feed (pull) carries anything to this person.
    bool pullsRecords() const { return m_person.role != Role::Liaison; }
    // Empty when the write is allowed; else a reason code.
    QString writeRefusal(const QString &entity, const QString &unitCode) const;

private:
    Person m_person;
    QStringList m_units;
    QSet<QString> m_unitSet; // for canRead/writeRefusal: a list scan per record was O(units)
};

} // namespace onsite::hq
