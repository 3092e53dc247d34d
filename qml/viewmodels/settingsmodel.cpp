#include "settingsmodel.h"

#include <QCoreApplication>
#include <QSettings>

namespace onsite::app {

bool Translations::setLanguage(const QString &language)
{
    QCoreApplication::removeTranslator(&m_translator);
    bool ok = true;
    if (language != QLatin1String("zh_CN")) {
        ok = m_translator.load(QStringLiteral(":/i18n/onsite_%1.qm").arg(language));
        if (ok)
            QCoreApplication::installTranslator(&m_translator);
    }
    m_language = ok ? language : QStringLiteral("zh_CN");
    // Written only when it changes: every start sets the language, and rewriting the
    // settings file (a lock file, a temporary file, a rename) each time cost a start ~1 ms.
    QSettings settings;
    if (settings.value(QStringLiteral("language")).toString() != m_language)
        settings.setValue(QStringLiteral("language"), m_language);
    if (m_engine)
        m_engine->retranslate();
    return ok;
}

void SettingsModel::setTranslations(Translations *translations)
{
    if (translations == m_translations)
        return;
    m_translations = translations;
    Q_EMIT languageChanged();
}

QString SettingsModel::language() const
{
    return m_translations ? m_translations->language() : QStringLiteral("zh_CN");
}

void SettingsModel::setLanguage(const QString &language)
{
    if (m_translations) {
        m_translations->setLanguage(language);
        Q_EMIT languageChanged();
    }
}

} // namespace onsite::app
