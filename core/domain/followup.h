#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace onsite {

enum class RectificationStatus { Open, Reported, Closed, Returned }; // 整改中 / 已报送 / 已销号 / 退回

std::optional<RectificationStatus> rectificationStatusFromKey(const QString &key);
QString rectificationStatusKey(RectificationStatus status);

struct Milestone
{
    QString id;
    QString title;
    QDate due;
    std::optional<QDateTime> doneAt;
};

// 整改: the follow-up of one finding until HQ closes it out (销号).
struct Rectification
{
    QString id;
    QString findingId;
    QString measures;
    QString responsiblePerson; // 责任人
    QDate deadline;            // 时限
    RectificationStatus status = RectificationStatus::Open;
    QString progressNote;
    std::vector<Milestone> milestones; // 节点
    std::optional<QDateTime> closedAt;
    QString closedBy;

    bool isOverdue(const QDate &today) const
    {
        return status != RectificationStatus::Closed && deadline.isValid() && today > deadline;
    }
};

enum class InnovationStatus { Proposed, Selected, Rejected }; // 申报 / 入选 / 未入选

// 创新项目: each unit proposes one or two; HQ screens them.
struct InnovationProject
{
    QString id;
    QString unitCode;
    QString title;
    QString description;
    InnovationStatus status = InnovationStatus::Proposed;
    QString proposedBy;
    QDateTime proposedAt;
};

} // namespace onsite
