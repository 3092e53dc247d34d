#pragma once

#include <QStringList>

#include <functional>

namespace onsite::field {

// One function per onsite-field command; each returns the process exit code.
int runLogin(const QStringList &arguments);
int runUnits(const QStringList &arguments);
int runScore(const QStringList &arguments);
int runVisit(const QStringList &arguments);
int runPhoto(const QStringList &arguments);
int runFinding(const QStringList &arguments);
int runHighlight(const QStringList &arguments);
int runSubmit(const QStringList &arguments);
int runDelete(const QStringList &arguments);
int runRecheck(const QStringList &arguments);
int runSync(const QStringList &arguments);
int runStatus(const QStringList &arguments);

// Runs a command body, turning a refused input (FieldError) or a store failure into a
// message on stderr and exit code 1.
int guarded(const std::function<int()> &body);

} // namespace onsite::field
