#pragma once

#include <QString>

#include <optional>

namespace onsite {

enum class Role { Hq, Leader, Inspector, Liaison }; // 考评办 / 检查组长 / 检查组员 / 联络员

std::optional<Role> roleFromName(const QString &name);
QString roleName(Role role);

struct Person
{
    QString account;
    QString name;
    Role role = Role::Inspector;
    QString homeUnitCode; // 所属单位: never scored by this person (回避)
    QString groupName;    // 检查组, for leaders and inspectors

    bool isRater() const { return role == Role::Leader || role == Role::Inspector; }
    bool canSetFinalValue() const { return role == Role::Leader || role == Role::Hq; }
};

} // namespace onsite
