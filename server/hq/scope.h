#pragma once

#include "domain/campaignsetup.h"

#include <QSet>
#include <QString>

namespace onsite::hq {

// What one person may read and write, decided at the server from the token's account
// (DOMAIN.md §Roles): HQ everything; a group leader or inspector the group's units;
// a liaison its own unit's findings.
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
    // Empty when the write is allowed; else a reason code.
    QString writeRefusal(const QString &entity, const QString &unitCode) const;

private:
    Person m_person;
    QStringList m_units;
    QSet<QString> m_unitSet; // for canRead/writeRefusal: a list scan per record was O(units)
};

} // namespace onsite::hq
