#pragma once

#include "domain/fieldwork.h"

#include <QObject>
#include <QString>

#include <optional>

namespace onsite::platform {

// Where the device is, asked for once per check-in or photo (not tracked
// continuously: a tablet in a site visit should not spend its battery on GPS).
//
// Every requestFix() is answered by fixReady() on the event loop, never from inside
// requestFix() itself, so a caller can connect after asking. Requests made while one
// is pending may be answered together by a single fixReady().
class PositionSource : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool hasPositioning READ hasPositioning NOTIFY hasPositioningChanged)

public:
    using QObject::QObject;
    ~PositionSource() override;

    // Capability flag: false when a fix can never come (no receiver, nothing
    // configured), so the UI can say so up front instead of waiting for a failure.
    virtual bool hasPositioning() const = 0;

    Q_INVOKABLE virtual void requestFix() = 0;

Q_SIGNALS:
    // `fix` is empty when none could be had; then `errorText` says why (translated,
    // shown to the inspector), otherwise it is empty.
    void fixReady(const std::optional<onsite::Position> &fix, const QString &errorText);
    void hasPositioningChanged(bool hasPositioning);
};

} // namespace onsite::platform
