#pragma once

#include <QGuiApplication>

#include <memory>

namespace onsite::exports {

// The QGuiApplication the PDF report needs (fonts and painting are QtGui), for a process
// without a display: the `offscreen` platform whatever QT_QPA_PLATFORM says. Qt's
// start-up warning about a missing XDG_RUNTIME_DIR (it looks for a Wayland socket there)
// is dropped: a service account has none and a headless run needs none.
std::unique_ptr<QGuiApplication> createHeadlessGuiApplication(int &argc, char **argv);

} // namespace onsite::exports
