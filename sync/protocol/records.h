#pragma once

#include "domain/fieldwork.h"
#include "domain/followup.h"
#include "domain/scoreentry.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace onsite::protocol {

// The "data" object of each entity on the wire (docs/ARCHITECTURE.md §Protocol).
// fromJson checks shape only (types, required fields); meaning (scope, 回避, valid
// input) is the server's business. The record id travels beside data, not in it.

QJsonObject scoreToJson(const ScoreEntry &score);
// The same record as compact JSON text, character for character what
// QJsonDocument(scoreToJson(score)).toJson(Compact) gives, written without building the
// object and its document: HQ's feed stores one for every pushed score.
QString scoreJsonText(const ScoreEntry &score);
std::optional<ScoreEntry> scoreFromJson(const QString &id, const QJsonObject &json, QString *error);

QJsonObject visitToJson(const Visit &visit);
std::optional<Visit> visitFromJson(const QString &id, const QJsonObject &json, QString *error);

QJsonObject photoToJson(const PhotoEvidence &photo);
std::optional<PhotoEvidence> photoFromJson(const QString &id, const QJsonObject &json, QString *error);

QJsonObject findingToJson(const Finding &finding);
std::optional<Finding> findingFromJson(const QString &id, const QJsonObject &json, QString *error);

QJsonObject highlightToJson(const Highlight &highlight);
std::optional<Highlight> highlightFromJson(const QString &id, const QJsonObject &json, QString *error);

QJsonObject submissionToJson(const UnitSubmission &submission);
std::optional<UnitSubmission> submissionFromJson(const QString &id, const QJsonObject &json, QString *error);

QJsonObject recheckToJson(const Recheck &recheck);
std::optional<Recheck> recheckFromJson(const QString &id, const QJsonObject &json, QString *error);

QJsonObject recheckResultToJson(const RecheckResult &result);
std::optional<RecheckResult> recheckResultFromJson(const QString &id, const QJsonObject &json, QString *error);

QString timestampText(const QDateTime &time); // ISO 8601 UTC with milliseconds
// The keys of every record's times (recorded_at, checked_in_at, …), for checks that apply
// to all of them: HQ refuses a time further ahead of its clock than an HLC may be.
const QStringList &recordTimeKeys();
// The longest record id HQ takes (device ids are UUIDs, 36 characters).
constexpr qsizetype kMaxRecordIdLength = 128;

} // namespace onsite::protocol
