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

// 实地查看: an inspector's check-in at a site, and the check-out when they leave.
struct Visit
{
    QString id;
    QString siteCode;
    QString account;
    QDateTime checkedInAt;
    std::optional<Position> position; // absent when no fix could be had
    QString notes;
    // From the site's coordinates at check-in (geodistance.h); absent without a fix or
    // without site coordinates. HQ computes it again from the same inputs.
    std::optional<double> distanceMeters;
    QDateTime checkedOutAt; // invalid until checked out

    // Seconds from check-in to check-out; empty while still on site.
    std::optional<qint64> lengthSeconds() const
    {
        if (!checkedOutAt.isValid() || !checkedInAt.isValid())
            return std::nullopt;
        return checkedInAt.secsTo(checkedOutAt);
    }
};

// Where a photo came from. Unknown: recorded before devices said (older app versions).
enum class PhotoOrigin { Unknown, Camera, Picked }; // 现场拍摄 / 相册选取

std::optional<PhotoOrigin> photoOriginFromName(const QString &name); // "camera", "picked", ""
QString photoOriginName(PhotoOrigin origin);

// What the platform knows about a photo when it hands it over: for the camera, the
// moment and place it was taken; for a picked file, the time and place its EXIF says
// (DateTimeOriginal, GPS), which may be long before it was picked.
struct PhotoCapture
{
    PhotoOrigin origin = PhotoOrigin::Unknown;
    QDateTime capturedAt;             // camera: when taken; invalid for a picked file
    QDateTime originalAt;             // picked: EXIF DateTimeOriginal; invalid when absent
    std::optional<Position> position; // camera: the device's fix; picked: EXIF GPS
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
    QDateTime capturedAt; // when it became evidence: taken by the camera, or picked
    std::optional<Position> position;
    QString mimeType;
    qint64 sizeBytes = 0;
    PhotoOrigin origin = PhotoOrigin::Unknown;
    QDateTime originalAt; // picked: when the picture was taken (EXIF); invalid when unknown
};

// A picked photo is flagged for HQ when its original time is unknown or more than
// this long before the reference (its visit's check-in, else when it was picked):
// a gallery picture from last year must not pass as today's evidence.
constexpr qint64 kPickedPhotoMaxAgeSeconds = 24 * 3600;
bool pickedPhotoIsOld(const PhotoEvidence &photo, const QDateTime &reference);

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
