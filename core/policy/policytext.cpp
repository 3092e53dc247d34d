#include "policytext.h"

#include <QCoreApplication>

namespace onsite {

QString roleTitle(Role role)
{
    switch (role) {
    case Role::Hq:
        return QCoreApplication::translate("FieldRules", "考评办");
    case Role::Leader:
        return QCoreApplication::translate("FieldRules", "检查组长");
    case Role::Inspector:
        return QCoreApplication::translate("FieldRules", "检查组员");
    case Role::Liaison:
        return QCoreApplication::translate("FieldRules", "联络员");
    }
    return {};
}

} // namespace onsite
