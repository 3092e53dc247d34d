#pragma once

#include "domain/campaignsetup.h"

#include <QStringList>

#include <cstdio>

namespace onsite {

// The onsite-hq commands that work on a data folder without the HTTP service.
// Each takes its arguments (after the command name) and returns the exit code;
// results go to `out`, errors to `err`.
struct CommandIo
{
    FILE *out = stdout;
    FILE *err = stderr;
};

int runInit(const QStringList &arguments, const CommandIo &io);
int runImportCampaign(const QStringList &arguments, const CommandIo &io);
int runImportScores(const QStringList &arguments, const CommandIo &io);
int runResults(const QStringList &arguments, const CommandIo &io);

} // namespace onsite

namespace onsite {

int runSetPassword(const QStringList &arguments, const CommandIo &io);
int runRevoke(const QStringList &arguments, const CommandIo &io);
int runDisableAccount(const QStringList &arguments, const CommandIo &io);
int runEnableAccount(const QStringList &arguments, const CommandIo &io);
int runServe(const QStringList &arguments, const CommandIo &io);
int runConflicts(const QStringList &arguments, const CommandIo &io);
int runExport(const QStringList &arguments, const CommandIo &io);
int runVerifyHistory(const QStringList &arguments, const CommandIo &io);
int runAfterRestore(const QStringList &arguments, const CommandIo &io);
int runReleaseFindings(const QStringList &arguments, const CommandIo &io);
int runImportItems(const QStringList &arguments, const CommandIo &io);

class CampaignStore;
// The folder's campaign; a message for people when none was imported yet.
CampaignSetup requireSetup(CampaignStore &store, const QString &folder);

} // namespace onsite
