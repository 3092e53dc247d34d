#pragma once

#include <QDateTime>
#include <QString>

namespace onsite {

enum class ScoreKind { Rater, Final }; // 评分 / 核定 (组长核定)

// One rater's input for (unit, indicator), or a leader's final value replacing the
// aggregate. The input is kept as text in the one syntax shared by paper forms, the
// field client and the app; the scoring engine interprets it by the item's method.
struct ScoreEntry
{
    QString id; // client-generated UUID
    QString unitCode;
    QString indicatorCode;
    QString account; // the rater, or the leader / HQ member for a final value
    ScoreKind kind = ScoreKind::Rater;
    QString input;
    QString reason; // required for a final value
    QDateTime recordedAt;
    QString source; // "paper", or the device id that recorded it
};

} // namespace onsite
