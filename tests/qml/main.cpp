// onsite_qml_tests: Qt Quick Test runner for the QML components of the tablet app.
// The tst_*.qml files live in QUICK_TEST_SOURCE_DIR and import the static Onsite module.
#include <QQmlEngine>
#include <QQuickStyle>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

// The Onsite module is a static plugin; without this import its types never register.
Q_IMPORT_QML_PLUGIN(OnsitePlugin)

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    // The app runs with Material; tests use the same style so control sizes and
    // behaviour (e.g. Dialog buttons) match what an inspector sees.
    void applicationAvailable() { QQuickStyle::setStyle(QStringLiteral("Material")); }

    // Qt 6.4 puts the module under qrc:/Onsite; "import Onsite" resolves only with
    // the resource root on the import path (same as the app's main.cpp).
    void qmlEngineAvailable(QQmlEngine *engine) { engine->addImportPath(QStringLiteral("qrc:/")); }
};

QUICK_TEST_MAIN_WITH_SETUP(onsite_qml, Setup)

#include "main.moc"
