#pragma once

#include "followuperror.h"
#include "followuphistory.h"

#include "domain/campaignsetup.h"
#include "domain/followup.h"
#include "import/importerror.h"
#include "store/sqlconnection.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QStringList>

#include <optional>
#include <vector>

namespace onsite::followup {

struct ItemFilter
{
    QStringList units;                // empty: every unit
    std::optional<ItemState> state;
    bool overdueOnly = false;
    QString text;                     // in the problem, suggestion or measures
};

// A new item HQ adds by hand or from a CSV line (巡视反馈, 大通报, 其他).
struct ItemDraft
{
    QString unitCode;
    ItemSource source = ItemSource::Other;
    FindingKind kind = FindingKind::Problem;
    QString indicatorCode;
    QString problem;
    QString suggestion;
    QDate deadline;
};

struct MilestoneDraft
{
    QString id; // empty for a new one
    QString title;
    QDate due;
    bool done = false;
};

struct PlanDraft
{
    QString measures;
    QString responsiblePerson;
    QDate deadline;
    std::vector<MilestoneDraft> milestones;
};

// A CSV of items refused as a whole, with the error of each bad line.
class ItemImportFailed : public FollowUpError
{
public:
    explicit ItemImportFailed(std::vector<ImportError> errors);
    const std::vector<ImportError> &errors() const { return m_errors; }

private:
    std::vector<ImportError> m_errors;
};

struct UnitRelease
{
    QString unitCode;
    int findings = 0; // findings of the unit on record
    int items = 0;    // items in the ledger
    std::optional<QDateTime> releasedAt;
};

// The rectification ledger (整改台账): items, their findings, milestones and progress
// reports, and every state change, written in one transaction each with its history row.
// Callers check FollowUpPolicy for the person first; the ledger checks states and input
// and throws FollowUpError.
class RectificationLedger
{
public:
    // `dataFolder` holds the uploaded evidence (hq/photostore.h).
    RectificationLedger(SqlConnection &db, const CampaignSetup &setup, QByteArray historyKey, QString dataFolder);

    std::vector<RectificationItem> items(const ItemFilter &filter);
    std::optional<RectificationItem> item(const QString &id); // merged-away items: nothing
    std::vector<ProgressReport> reports(const QString &itemId);
    std::vector<UnitRelease> releases();
    // The codes (ZG-0007) of the items merged into each item that is left, by its id; an
    // item merged into one that was merged in turn counts for the one left at the end.
    QHash<QString, QStringList> mergedCodes();
    // HQ's words on each closed item at its 销号, by item id.
    QHash<QString, QString> closeNotes();

    // Every finding of the unit not yet in an item becomes one, 待认领. Returns how many.
    int release(const QString &unitCode, const QString &account, const QDateTime &now);
    RectificationItem add(const ItemDraft &draft, const QString &account, const QDateTime &now);
    // All or nothing: throws ItemImportFailed with every line's error (the header is line 1).
    int import(const QByteArray &csv, const QString &account, const QDateTime &now);
    RectificationItem merge(const QString &intoId, const QStringList &otherIds, const QString &account,
                            const QDateTime &now);
    RectificationItem savePlan(const QString &id, const PlanDraft &plan, const QString &account, const QDateTime &now);
    // The attachments must have been uploaded by `account` (PhotoStore::uploadedBy).
    RectificationItem report(const QString &id, const QString &text, const QStringList &attachmentShas,
                             bool forClosing, const QString &account, const QDateTime &now);
    RectificationItem close(const QString &id, const QString &note, const QString &account, const QDateTime &now);
    RectificationItem returnItem(const QString &id, const QString &reason, const QString &account,
                                 const QDateTime &now);
    RectificationItem extendDeadline(const QString &id, const QDate &deadline, const QString &reason,
                                     const QString &account, const QDateTime &now);

    // Inside a write's transaction that the ledger does not open itself (a 回头看 assignment):
    // the item re-read with its row locked until that commit, and refused (FollowUpError
    // not_found / wrong_state) when it was merged away or left the state `action` needs.
    RectificationItem lockForStep(const QString &id, FollowUpAction action);

    // The server's "today" for overdue: the date in Asia/Shanghai.
    static QDate today(const QDateTime &now);
    // Why `code` cannot be an item's indicator (empty: it can): items name a second-level
    // indicator (二级指标), whether HQ adds them by hand or imports a CSV.
    static QString indicatorProblem(const CampaignSetup &setup, const QString &code);

private:
    RectificationItem load(const QString &id);
    // Inside a step's transaction: the item, its row locked until the commit (throws not_found).
    RectificationItem existing(const QString &id);
    static void requireState(const RectificationItem &item, FollowUpAction action);
    int nextNumber();
    RectificationItem insertDraft(const ItemDraft &draft, const QString &account, const QDateTime &now,
                                  const QString &action);
    void store(const RectificationItem &item, bool isNew);
    void storeMilestones(const RectificationItem &item);

    SqlConnection &m_db;
    const CampaignSetup &m_setup;
    FollowUpHistory m_history;
    QString m_dataFolder;
    bool m_postgres = false; // rows and numbering are locked explicitly (SQLite serialises writers)
};

} // namespace onsite::followup
