#pragma once

#include "fieldwork.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace onsite {

// 整改 states (DOMAIN.md §Rectification states): 待认领 → 整改中 → 已报送 → 已销号, or
// 退回 with HQ's reason, after which the liaison works on it again.
enum class ItemState { Unclaimed, InProgress, Reported, Returned, Closed };
// Where a rectification item comes from: a finding of the assessment, 巡视反馈, 大通报, 其他.
enum class ItemSource { Finding, Inspection, Bulletin, Other };

std::optional<ItemState> itemStateFromKey(const QString &key);
QString itemStateKey(ItemState state);
QString itemStateName(ItemState state); // 待认领 …
std::optional<ItemSource> itemSourceFromKey(const QString &key);
std::optional<ItemSource> itemSourceFromName(const QString &name); // 巡视反馈 …
QString itemSourceKey(ItemSource source);
QString itemSourceName(ItemSource source);

struct Milestone
{
    QString id;
    QString title;
    QDate due;
    std::optional<QDateTime> doneAt;

    bool isOverdue(const QDate &today) const { return !doneAt && due.isValid() && today > due; }
};

// A file attached to a progress report, an experience or a demonstration site: content
// addressed by SHA-256, uploaded like the tablets' photos.
struct Attachment
{
    QString sha256;
    QString mimeType;
    QString name;
};

// 进展报送: what a liaison reports on an item; `forClosing` asks HQ for 销号.
struct ProgressReport
{
    QString id;
    QString itemId;
    QString account;
    QDateTime reportedAt;
    QString text;
    bool forClosing = false;
    std::vector<Attachment> attachments;
};

// 整改事项: one problem a unit must fix, followed until HQ closes it out (销号).
struct RectificationItem
{
    QString id;
    int number = 0; // shown as ZG-0007
    QString unitCode;
    ItemSource source = ItemSource::Finding;
    FindingKind kind = FindingKind::Problem;
    QString indicatorCode;
    QString problem;
    QString suggestion;
    QString measures;          // 整改措施
    QString responsiblePerson; // 责任人
    QDate deadline;            // 时限
    ItemState state = ItemState::Unclaimed;
    QString returnReason;
    QDateTime createdAt;
    QString createdBy;
    QDateTime updatedAt;
    std::optional<QDateTime> reportedAt;
    std::optional<QDateTime> closedAt;
    QString closedBy;
    QStringList findingIds;
    std::vector<Milestone> milestones; // 节点

    QString code() const { return QStringLiteral("ZG-%1").arg(number, 4, 10, QLatin1Char('0')); }
    // The earliest passed date (deadline or unfinished milestone) while not closed.
    std::optional<QDate> overdueSince(const QDate &today) const;
    bool isOverdue(const QDate &today) const { return overdueSince(today).has_value(); }
    int overdueDays(const QDate &today) const;
};

enum class ReviewStatus { Pending, Selected, Rejected }; // 待筛选 / 入选 / 未入选
std::optional<ReviewStatus> reviewStatusFromKey(const QString &key);
QString reviewStatusKey(ReviewStatus status);
QString reviewStatusName(ReviewStatus status);

// 典型经验: a highlight an inspector recorded, or one a liaison submitted, screened by HQ.
struct Experience
{
    QString ref; // "highlight:<id>" or "submission:<id>"
    QString unitCode;
    QString title;
    QString description;
    QString account; // who recorded or submitted it
    QDateTime recordedAt;
    ReviewStatus status = ReviewStatus::Pending;
    QString reason;
    QStringList tags;
    std::vector<Attachment> attachments;

    bool isHighlight() const { return ref.startsWith(QLatin1String("highlight:")); }
};

enum class InnovationStatus { Proposed, Selected, Rejected }; // 申报 / 入选 / 未入选
std::optional<InnovationStatus> innovationStatusFromKey(const QString &key);
QString innovationStatusKey(InnovationStatus status);
QString innovationStatusName(InnovationStatus status);

// 创新项目: each unit proposes one or two; HQ screens them, and a selected one may earn a
// bonus item (加分项).
struct InnovationProject
{
    static constexpr int kMaxPerUnit = 2;

    QString id;
    QString unitCode;
    QString title;
    QString description;
    InnovationStatus status = InnovationStatus::Proposed;
    QString reason;
    QString bonusIndicator;
    QString proposedBy;
    QDateTime proposedAt;
    std::optional<QDateTime> screenedAt;
};

enum class DemoSiteStatus { Planned, Building, Built, Accepted }; // 规划中 / 建设中 / 已建成 / 已验收
std::optional<DemoSiteStatus> demoSiteStatusFromKey(const QString &key);
QString demoSiteStatusKey(DemoSiteStatus status);
QString demoSiteStatusName(DemoSiteStatus status);

// A 示范点's development, kept by HQ beside the site in sites.csv.
struct DemoSiteProgress
{
    QString siteCode;
    DemoSiteStatus status = DemoSiteStatus::Planned;
    QString note;
    QString updatedBy;
    std::optional<QDateTime> updatedAt;
    std::vector<Attachment> attachments;
};

// 回头看: HQ asks a group to check an item on site; the group's tablets pull it.
struct Recheck
{
    QString id;
    QString itemId;
    QString unitCode;
    QString groupName;
    QString problem;
    QString suggestion;
    QString measures;
    QString note;
    QString assignedBy;
    QDateTime assignedAt;
};

enum class RecheckOutcome { Done, NotDone }; // 整改到位 / 未到位
std::optional<RecheckOutcome> recheckOutcomeFromKey(const QString &key);
QString recheckOutcomeKey(RecheckOutcome outcome);
QString recheckOutcomeName(RecheckOutcome outcome);

// What an inspector found when re-checking on site, recorded offline on the tablet.
struct RecheckResult
{
    QString id;
    QString recheckId;
    QString unitCode;
    RecheckOutcome outcome = RecheckOutcome::Done;
    QString notes;
    QString account;
    QDateTime recordedAt;
    QStringList photoIds;
};

} // namespace onsite
