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

const std::pair<ItemState, const char16_t *> kItemStateKeys[] = {{ItemState::Unclaimed, u"unclaimed"},
                                                            {ItemState::InProgress, u"in_progress"},
                                                            {ItemState::Reported, u"reported"},
                                                            {ItemState::Returned, u"returned"},
                                                            {ItemState::Closed, u"closed"}};
const std::pair<ItemState, const char16_t *> kItemStateNames[] = {{ItemState::Unclaimed, u"待认领"},
                                                             {ItemState::InProgress, u"整改中"},
                                                             {ItemState::Reported, u"已报送"},
                                                             {ItemState::Returned, u"退回"},
                                                             {ItemState::Closed, u"已销号"}};
const std::pair<ItemSource, const char16_t *> kItemSourceKeys[] = {{ItemSource::Finding, u"finding"},
                                                              {ItemSource::Inspection, u"inspection"},
                                                              {ItemSource::Bulletin, u"bulletin"},
                                                              {ItemSource::Other, u"other"}};
const std::pair<ItemSource, const char16_t *> kItemSourceNames[] = {{ItemSource::Finding, u"检查发现"},
                                                               {ItemSource::Inspection, u"巡视反馈"},
                                                               {ItemSource::Bulletin, u"大通报"},
                                                               {ItemSource::Other, u"其他"}};
const std::pair<ReviewStatus, const char16_t *> kReviewKeys[] = {
    {ReviewStatus::Pending, u"pending"}, {ReviewStatus::Selected, u"selected"}, {ReviewStatus::Rejected, u"rejected"}};
const std::pair<ReviewStatus, const char16_t *> kReviewNames[] = {
    {ReviewStatus::Pending, u"待筛选"}, {ReviewStatus::Selected, u"入选"}, {ReviewStatus::Rejected, u"未入选"}};
const std::pair<InnovationStatus, const char16_t *> kInnovationKeys[] = {{InnovationStatus::Proposed, u"proposed"},
                                                                    {InnovationStatus::Selected, u"selected"},
                                                                    {InnovationStatus::Rejected, u"rejected"}};
const std::pair<InnovationStatus, const char16_t *> kInnovationNames[] = {
    {InnovationStatus::Proposed, u"申报"}, {InnovationStatus::Selected, u"入选"}, {InnovationStatus::Rejected, u"未入选"}};
const std::pair<DemoSiteStatus, const char16_t *> kDemoSiteKeys[] = {{DemoSiteStatus::Planned, u"planned"},
                                                                {DemoSiteStatus::Building, u"building"},
                                                                {DemoSiteStatus::Built, u"built"},
                                                                {DemoSiteStatus::Accepted, u"accepted"}};
const std::pair<DemoSiteStatus, const char16_t *> kDemoSiteNames[] = {{DemoSiteStatus::Planned, u"规划中"},
                                                                 {DemoSiteStatus::Building, u"建设中"},
                                                                 {DemoSiteStatus::Built, u"已建成"},
                                                                 {DemoSiteStatus::Accepted, u"已验收"}};
const std::pair<RecheckOutcome, const char16_t *> kRecheckKeys[] = {{RecheckOutcome::Done, u"done"},
                                                               {RecheckOutcome::NotDone, u"not_done"}};
const std::pair<RecheckOutcome, const char16_t *> kRecheckNames[] = {{RecheckOutcome::Done, u"整改到位"},
                                                                {RecheckOutcome::NotDone, u"未到位"}};

} // namespace

std::optional<FindingKind> findingKindFromName(const QString &name) { return lookup(kFindingKindNames, name); }
QString findingKindName(FindingKind kind) { return nameOf(kFindingKindNames, kind); }
std::optional<ItemState> itemStateFromKey(const QString &key) { return lookup(kItemStateKeys, key); }
QString itemStateKey(ItemState state) { return nameOf(kItemStateKeys, state); }
QString itemStateName(ItemState state) { return nameOf(kItemStateNames, state); }
std::optional<ItemSource> itemSourceFromKey(const QString &key) { return lookup(kItemSourceKeys, key); }
std::optional<ItemSource> itemSourceFromName(const QString &name) { return lookup(kItemSourceNames, name); }
QString itemSourceKey(ItemSource source) { return nameOf(kItemSourceKeys, source); }
QString itemSourceName(ItemSource source) { return nameOf(kItemSourceNames, source); }
std::optional<ReviewStatus> reviewStatusFromKey(const QString &key) { return lookup(kReviewKeys, key); }
QString reviewStatusKey(ReviewStatus status) { return nameOf(kReviewKeys, status); }
QString reviewStatusName(ReviewStatus status) { return nameOf(kReviewNames, status); }
std::optional<InnovationStatus> innovationStatusFromKey(const QString &key) { return lookup(kInnovationKeys, key); }
QString innovationStatusKey(InnovationStatus status) { return nameOf(kInnovationKeys, status); }
QString innovationStatusName(InnovationStatus status) { return nameOf(kInnovationNames, status); }
std::optional<DemoSiteStatus> demoSiteStatusFromKey(const QString &key) { return lookup(kDemoSiteKeys, key); }
QString demoSiteStatusKey(DemoSiteStatus status) { return nameOf(kDemoSiteKeys, status); }
QString demoSiteStatusName(DemoSiteStatus status) { return nameOf(kDemoSiteNames, status); }
std::optional<RecheckOutcome> recheckOutcomeFromKey(const QString &key) { return lookup(kRecheckKeys, key); }
QString recheckOutcomeKey(RecheckOutcome outcome) { return nameOf(kRecheckKeys, outcome); }
QString recheckOutcomeName(RecheckOutcome outcome) { return nameOf(kRecheckNames, outcome); }

std::optional<QDate> RectificationItem::overdueSince(const QDate &today) const
{
    if (state == ItemState::Closed)
        return std::nullopt;
    std::optional<QDate> since;
    const auto consider = [&](const QDate &date) {
        if (date.isValid() && today > date && (!since || date < *since))
            since = date;
    };
    consider(deadline);
    for (const Milestone &milestone : milestones) {
        if (!milestone.doneAt)
            consider(milestone.due);
    }
    return since;
}

int RectificationItem::overdueDays(const QDate &today) const
{
    const auto since = overdueSince(today);
    return since ? int(since->daysTo(today)) : 0;
}

std::optional<Role> roleFromName(const QString &name) { return lookup(kRoleNames, name); }
QString roleName(Role role) { return nameOf(kRoleNames, role); }
std::optional<SiteType> siteTypeFromName(const QString &name) { return lookup(kSiteTypeNames, name); }
QString siteTypeName(SiteType type) { return nameOf(kSiteTypeNames, type); }

} // namespace onsite
