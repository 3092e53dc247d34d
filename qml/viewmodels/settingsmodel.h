#pragma once

#include <QObject>
#include <QQmlEngine>
#include <QTranslator>

namespace onsite::app {

// Switches the UI language at run time (简体中文 is the source language; English is a
// translation built with lrelease).
class Translations : public QObject
{
    Q_OBJECT
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
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)

public:
    explicit SettingsModel(QObject *parent = nullptr) : QObject(parent) {}
    QString language() const;
    void setLanguage(const QString &language);

Q_SIGNALS:
    void languageChanged();
};

} // namespace onsite::app
