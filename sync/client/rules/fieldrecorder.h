#pragma once

#include "domain/fieldwork.h"
#include "domain/followup.h"
#include "domain/scoreentry.h"
#include "client/store/hybridclock.h"
#include "scoring/scoreinput.h"
#include "store/sqlconnection.h"

#include <QDateTime>

#include <optional>
#include <vector>

namespace onsite::sync {

class FieldRules;
class SetupCache;

struct RecordedScore
{
    ScoreEntry entry;
    ItemValue value; // what the input is worth, for showing on the spot
    bool updated = false; // an earlier score of the same key was replaced
};

// The local write API of the device: each record is checked against the person's
// scope and rules, then its domain row and its outbox mutation are written in ONE
// transaction, so a crash can never leave data and queue out of step. Works offline.
// Every method throws FieldError (refused, nothing written) or SqlError.
class FieldRecorder
{
public:
    // `setups`: the workspace's set-up cache (none: the set-up is read for each record).
    FieldRecorder(SqlConnection &db, QString photosFolder, HybridClock clock = HybridClock(),
                  SetupCache *setups = nullptr);

    // A rater score, or a leader's final value (kind Final, reason required). A second
    // score for the same unit, indicator, person and kind updates the first (same id).
    RecordedScore recordScore(const QString &unit, const QString &indicator, const QString &input, ScoreKind kind,
                              const QString &reason = {});
    // A check-in, with its distance from the site's coordinates when both are known.
    Visit recordVisit(const QString &site, const QString &notes, const std::optional<Position> &position = {});
    // Rewrites the notes of one of the person's own visits.
    Visit updateVisitNotes(const QString &visitId, const QString &notes);
    // 签退: the person leaves the site; once per visit.
    Visit checkOut(const QString &visitId);
    // Copies the file into the device's photo folder under its SHA-256.
    PhotoEvidence recordPhoto(const QString &file, const QString &unit, const QString &indicator = {},
                              const QString &visitId = {}, const QDateTime &capturedAt = {},
                              const std::optional<Position> &position = {}, PhotoOrigin origin = PhotoOrigin::Unknown,
                              const QDateTime &originalAt = {});
    // As the platform hands a photo over: camera time and fix, or a picked file's EXIF.
    PhotoEvidence recordCapturedPhoto(const QString &file, const QString &unit, const PhotoCapture &capture,
                              const QString &indicator = {}, const QString &visitId = {});
    // `draft` carries unit, site, indicator, kind, description, suggestion, photo ids.
    Finding recordFinding(Finding draft);
    // `draft` carries unit, site, title, description.
    Highlight recordHighlight(Highlight draft);

    // 回头看: what the inspector found re-checking a pulled assignment on site (整改到位 /
    // 未到位), with notes and photos recorded on this device (recordPhoto) for its unit.
    RecheckResult recordRecheckResult(const QString &recheckId, RecheckOutcome outcome, const QString &notes,
                                      const QStringList &photoIds = {});

    // 提交: a leader (or HQ) locks a unit whose every item has a score. Reopening
    // needs a written reason. Both travel as one "submission" record per unit.
    UnitSubmission submitUnit(const QString &unit);
    UnitSubmission reopenUnit(const QString &unit, const QString &reason);

    // Deletes one of the person's own visits (a check-in made by mistake) and queues its
    // tombstone: not once the unit is submitted, nor while photos name the visit
    // (FieldRecordPolicy, the rule HQ applies to the pushed delete).
    void deleteVisit(const QString &visitId);

private:
    Visit ownVisit(const FieldRules &rules, const QString &visitId);
    UnitSubmission saveSubmission(const QString &unit, bool locked, const QString &note);
    void checkOptionalLinks(const FieldRules &rules, const QString &unit, const QString &site,
                            const QString &indicator) const;
    template <typename Record>
    void save(const QString &entity, const Record &record, const QJsonObject &data);
    template <typename Record> // without a transaction of its own
    void write(const QString &entity, const Record &record, const QJsonObject &data);

    SqlConnection &m_db;
    QString m_photosFolder;
    HybridClock m_clock;
    SetupCache *m_setups = nullptr;
};

} // namespace onsite::sync
