#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace onsite::test {

// Field records as a tablet pushes them, for the console tests.
QJsonObject recordMutation(qint64 seq, const QString &entity, const QString &id, const QJsonObject &data);
QJsonObject visitData(const QString &site, const QString &account);
QJsonObject photoData(const QString &sha256, const QString &unit, const QString &account, qint64 size);
QJsonObject findingData(const QString &unit, const QString &site, const QString &account, const QString &description,
                        const QStringList &photoIds = {});
QJsonObject highlightData(const QString &unit, const QString &account, const QString &title);

// A real JPEG of `width` × `height` (so the server can make a thumbnail of it).
QByteArray jpegImage(int width, int height, int seed);
QString sha256Hex(const QByteArray &bytes);

} // namespace onsite::test
