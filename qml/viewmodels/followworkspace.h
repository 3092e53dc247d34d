#pragma once

#include "client/fieldworkspace.h"

#include <QObject>
#include <QPointer>

namespace onsite::app {

// Points a view model at `next` (QML may set it before or after the model's other
// properties, or replace it): stops following the previous workspace's sync engine and
// calls `onSignal` on `model` whenever the new one's engine emits `signal`. Returns
// false when `next` is the workspace already held (nothing to do, nothing to emit).
template <typename Model, typename Signal, typename Slot>
bool followWorkspace(Model *model, QPointer<sync::FieldWorkspace> &current, sync::FieldWorkspace *next,
                     Signal signal, Slot onSignal)
{
    if (next == current)
        return false;
    if (current)
        QObject::disconnect(&current->engine(), nullptr, model, nullptr);
    current = next;
    if (current)
        QObject::connect(&current->engine(), signal, model, onSignal);
    return true;
}

} // namespace onsite::app
