#include "consolerecords.h"

#include <QBuffer>
#include <QColor>
#include <QCryptographicHash>
#include <QImage>
#include <QJsonArray>

namespace onsite::test {

QJsonObject recordMutation(qint64 seq, const QString &entity, const QString &id, const QJsonObject &data)
{
    return {{QStringLiteral("seq"), seq},
            {QStringLiteral("entity"), entity},
            {QStringLiteral("id"), id},
            {QStringLiteral("op"), QStringLiteral("upsert")},
            {QStringLiteral("hlc"), QStringLiteral("%1-00000").arg(5000 + seq, 13, 10, QLatin1Char('0'))},
            {QStringLiteral("data"), data}};
}

QJsonObject visitData(const QString &site, const QString &account)
{
    return {{QStringLiteral("site"), site},
            {QStringLiteral("account"), account},
            {QStringLiteral("checked_in_at"), QStringLiteral("2026-06-20T08:10:00.000Z")},
            {QStringLiteral("latitude"), 35.5624},
            {QStringLiteral("longitude"), 104.5851},
            {QStringLiteral("accuracy_m"), 8.5},
            {QStringLiteral("notes"), QStringLiteral("现场查看会议记录")}};
}

QJsonObject photoData(const QString &sha256, const QString &unit, const QString &account, qint64 size)
{
    return {{QStringLiteral("sha256"), sha256},
            {QStringLiteral("visit"), QString()},
            {QStringLiteral("unit"), unit},
            {QStringLiteral("indicator"), QStringLiteral("2.2")},
            {QStringLiteral("account"), account},
            {QStringLiteral("captured_at"), QStringLiteral("2026-06-20T08:30:00.000Z")},
            {QStringLiteral("mime_type"), QStringLiteral("image/jpeg")},
            {QStringLiteral("size_bytes"), size}};
}

QJsonObject findingData(const QString &unit, const QString &site, const QString &account, const QString &description,
                        const QStringList &photoIds)
{
    return {{QStringLiteral("unit"), unit},
            {QStringLiteral("site"), site},
            {QStringLiteral("indicator"), QStringLiteral("2.2")},
            {QStringLiteral("kind"), QStringLiteral("问题")},
            {QStringLiteral("description"), description},
            {QStringLiteral("suggestion"), QStringLiteral("按月补齐记录")},
            {QStringLiteral("account"), account},
            {QStringLiteral("recorded_at"), QStringLiteral("2026-06-20T09:00:00.000Z")},
            {QStringLiteral("photos"), QJsonArray::fromStringList(photoIds)}};
}

QJsonObject highlightData(const QString &unit, const QString &account, const QString &title)
{
    return {{QStringLiteral("unit"), unit},
            {QStringLiteral("site"), QString()},
            {QStringLiteral("title"), title},
            {QStringLiteral("description"), QStringLiteral("值得推广")},
            {QStringLiteral("account"), account},
            {QStringLiteral("recorded_at"), QStringLiteral("2026-06-20T10:00:00.000Z")}};
}

QByteArray jpegImage(int width, int height, int seed)
{
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, qRgb((x * 7 + seed) % 256, (y * 3 + seed * 5) % 256, (x + y + seed) % 256));
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 90);
    return bytes;
}

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace onsite::test
