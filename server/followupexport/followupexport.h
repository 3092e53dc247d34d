#pragma once

#include "domain/campaignsetup.h"
#include "store/sqlconnection.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

// The follow-up exports (docs/FOLLOWUP-API.md §Exports), as bytes with a file name and
// a MIME type, for `onsite-hq export rectifications|experiences|innovations|dispatch` and
// the console's GET /api/v1/hq/exports/<name>. Records are read through the follow-up
// store (server/followup), never with SQL of their own.
//
// Typical use (the console, for GET /api/v1/hq/exports/dispatch.pdf?week=2026-W27):
//   const auto file = exports::followUpExport(db, setup, dataFolder, "dispatch.pdf",
//                                             leaderUnits /* empty for hq */, week, now);
//   if (!file) → 404;  ExportError (a malformed week) → 400 with e.what()
//   // Content-Type: file->mimeType, Content-Disposition: attachment;
//   // filename*=UTF-8''<percent-encoded file->fileName>
//
// Text cells from people are formula-safe (export/cellsafety.h). The PDFs need a
// QGuiApplication (export/exports.h about threads).
namespace onsite::exports {

struct ExportFile
{
    QByteArray bytes;
    QString fileName; // 整改台账-2026-07-02.xlsx, 典型经验汇编-2026-07-02.pdf, 调度-2026-W27.pdf, …
    QString mimeType;
};

// rectifications.xlsx, experiences.pdf, innovations.xlsx, dispatch.pdf.
QStringList followUpExportNames();
// "rectifications" → "rectifications.xlsx" (the command line's kinds); "" when unknown.
QString followUpExportName(const QString &kind);

// The export `name` (one of followUpExportNames()) for `units` (a leader's group; empty:
// every unit), as of `now` (overdue days count Beijing days, as the ledger does).
// `week` ("2026-W27", empty: the week of `now`) is used by dispatch.pdf only. Nothing
// for an unknown name; throws ExportError for a malformed week, and what the store
// throws. `setup` must be indexed; `dataFolder` holds the photo store.
std::optional<ExportFile> followUpExport(SqlConnection &db, const CampaignSetup &setup,
                                         const QString &dataFolder, const QString &name,
                                         const QStringList &units, const QString &week,
                                         const QDateTime &now);

} // namespace onsite::exports
