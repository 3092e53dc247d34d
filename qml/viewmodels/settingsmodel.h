#pragma once

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QTranslator>

namespace onsite::app {

// Switches the UI language at run time (简体中文 is the source language; English is a
// translation built with lrelease). One per app (AppComposition), handed to QML.
class Translations : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AppComposition makes the one Translations of the app")
public:
    Translations(QQmlEngine *engine, QObject *parent = nullptr) : QObject(parent), m_engine(engine) {}
    QString language() const { return m_language; }
    bool setLanguage(const QString &language);

private:
    QQmlEngine *m_engine;
    QTranslator m_translator;
    QString m_language = QStringLiteral("zh_CN");
};

class SettingsModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(onsite::app::Translations *translations READ translations WRITE setTranslations NOTIFY languageChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)

public:
    explicit SettingsModel(QObject *parent = nullptr) : QObject(parent) {}
    Translations *translations() const { return m_translations; }
    void setTranslations(Translations *translations);
    QString language() const;
    void setLanguage(const QString &language);

Q_SIGNALS:
    void languageChanged();

private:
    QPointer<Translations> m_translations;
};

} // namespace onsite::app
