#include "photoset.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <random>
#include <stdexcept>

namespace onsite::bench {

namespace {

std::runtime_error failure(const QString &what)
{
    return std::runtime_error(what.toStdString());
}

QByteArray photoBytes(int index, qint64 size)
{
    // A JFIF start: SOI, APP0 with its identifier. HQ looks at the first bytes only.
    static const QByteArray head = QByteArray::fromHex("ffd8ffe000104a46494600010100000100010000");
    QByteArray bytes(size, Qt::Uninitialized);
    std::mt19937_64 random(0x0b5e7a11ULL * 1000003ULL + static_cast<std::uint64_t>(index));
    auto *words = reinterpret_cast<unsigned char *>(bytes.data());
    for (qint64 i = 0; i < size; i += 8) {
        const std::uint64_t word = random();
        for (qint64 b = 0; b < 8 && i + b < size; ++b)
            words[i + b] = static_cast<unsigned char>(word >> (8 * b));
    }
    bytes.replace(0, std::min<qsizetype>(head.size(), size), head.left(size));
    return bytes;
}

} // namespace

std::vector<PhotoFile> makePhotoSet(const QString &folder, int count, qint64 size)
{
    if (!QDir().mkpath(folder))
        throw failure(QStringLiteral("cannot create %1").arg(folder));
    const QDir dir(folder);
    const QString manifestPath =
        dir.filePath(QStringLiteral("manifest-%1x%2.txt").arg(count).arg(size));
    std::vector<PhotoFile> photos;
    QFile manifest(manifestPath);
    if (manifest.open(QIODevice::ReadOnly)) {
        QTextStream in(&manifest);
        for (QString line = in.readLine(); !line.isNull(); line = in.readLine()) {
            const QStringList fields = line.split(QLatin1Char(' '));
            if (fields.size() == 2 && QFileInfo(fields[1]).size() == size)
                photos.push_back({fields[1], fields[0], size});
        }
        if (static_cast<int>(photos.size()) == count)
            return photos;
        photos.clear();
        manifest.close();
    }
    for (int i = 0; i < count; ++i) {
        const QByteArray bytes = photoBytes(i, size);
        PhotoFile photo{
            dir.filePath(
                QStringLiteral("photo-%1-%2.jpg").arg(size).arg(i, 4, 10, QLatin1Char('0'))),
            QString::fromLatin1(
                QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()),
            size};
        QFile file(photo.path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(bytes) != bytes.size())
            throw failure(
                QStringLiteral("cannot write %1: %2").arg(photo.path, file.errorString()));
        photos.push_back(photo);
    }
    if (!manifest.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw failure(QStringLiteral("cannot write %1").arg(manifestPath));
    QTextStream out(&manifest);
    for (const PhotoFile &photo : photos)
        out << photo.sha256 << ' ' << photo.path << '\n';
    return photos;
}

qint64 totalBytes(const std::vector<PhotoFile> &photos)
{
    qint64 total = 0;
    for (const PhotoFile &photo : photos)
        total += photo.size;
    return total;
}

} // namespace onsite::bench
