#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace onsite {

struct Position
{
    double latitude = 0;
    double longitude = 0;
    std::optional<double> accuracyMeters;
};

// 实地查看: an inspector's check-in at a site.
struct Visit
{
    QString id;
    QString siteCode;
    QString account;
    QDateTime checkedInAt;
    std::optional<Position> position; // absent when no fix could be had
    QString notes;
};

// 佐证: a photo, identified by the SHA-256 of its content.
struct PhotoEvidence
{
    QString id;
    QString sha256;
    QString visitId;
    QString unitCode;
    QString indicatorCode; // optional link to the item it supports
    QString account;
    QDateTime capturedAt;
    std::optional<Position> position;
    QString mimeType;
    qint64 sizeBytes = 0;
};

enum class FindingKind { Problem, Shortcoming, Weakness }; // 问题 / 短板 / 弱项

std::optional<FindingKind> findingKindFromName(const QString &name);
QString findingKindName(FindingKind kind);

// 问题: what the group found wrong, with a suggestion for each.
struct Finding
{
    QString id;
    QString unitCode;
    QString siteCode;
    QString indicatorCode;
    FindingKind kind = FindingKind::Problem;
    QString description;
    QString suggestion; // 对策建议
    QString account;
    QDateTime recordedAt;
    QStringList photoIds;
};

// 亮点 / 典型经验 worth promoting.
struct Highlight
{
    QString id;
    QString unitCode;
    QString siteCode;
    QString title;
    QString description;
    QString account;
    QDateTime recordedAt;
};

// 提交: the group leader submits a unit's assessment, which locks its scores. After
// that a score changes only by a leader or HQ with a written reason; reopening the
// unit (locked = false) also needs a reason, kept in `note`.
struct UnitSubmission
{
    QString id;
    QString unitCode;
    bool locked = true;
    QString account; // who submitted or reopened
    QDateTime changedAt;
    QString note;
};

} // namespace onsite
