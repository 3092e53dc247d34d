#include "fieldwork.h"
#include "followup.h"
#include "person.h"
#include "site.h"

namespace onsite {

namespace {

template <typename Enum, size_t N>
std::optional<Enum> lookup(const std::pair<Enum, const char16_t *> (&table)[N], const QString &name)
{
    const QString trimmed = name.trimmed();
    for (const auto &[value, text] : table) {
        if (trimmed == QString::fromUtf16(text))
            return value;
    }
    return std::nullopt;
}

template <typename Enum, size_t N>
QString nameOf(const std::pair<Enum, const char16_t *> (&table)[N], Enum value)
{
    for (const auto &[v, text] : table) {
        if (v == value)
            return QString::fromUtf16(text);
    }
    return {};
}

const std::pair<Role, const char16_t *> kRoleNames[] = {
    {Role::Hq, u"考评办"}, {Role::Leader, u"检查组长"}, {Role::Inspector, u"检查组员"}, {Role::Liaison, u"联络员"}};

const std::pair<SiteType, const char16_t *> kSiteTypeNames[] = {
    {SiteType::Demonstration, u"示范点"}, {SiteType::Innovation, u"创新项目"}, {SiteType::Ordinary, u"普通点"}};

const std::pair<FindingKind, const char16_t *> kFindingKindNames[] = {
    {FindingKind::Problem, u"问题"}, {FindingKind::Shortcoming, u"短板"}, {FindingKind::Weakness, u"弱项"}};

const std::pair<RectificationStatus, const char16_t *> kRectificationKeys[] = {
    {RectificationStatus::Open, u"open"},
    {RectificationStatus::Reported, u"reported"},
    {RectificationStatus::Closed, u"closed"},
    {RectificationStatus::Returned, u"returned"}};

} // namespace

std::optional<FindingKind> findingKindFromName(const QString &name) { return lookup(kFindingKindNames, name); }
QString findingKindName(FindingKind kind) { return nameOf(kFindingKindNames, kind); }
std::optional<RectificationStatus> rectificationStatusFromKey(const QString &key)
{
    return lookup(kRectificationKeys, key);
}
QString rectificationStatusKey(RectificationStatus status) { return nameOf(kRectificationKeys, status); }
std::optional<Role> roleFromName(const QString &name) { return lookup(kRoleNames, name); }
QString roleName(Role role) { return nameOf(kRoleNames, role); }
std::optional<SiteType> siteTypeFromName(const QString &name) { return lookup(kSiteTypeNames, name); }
QString siteTypeName(SiteType type) { return nameOf(kSiteTypeNames, type); }

} // namespace onsite
