#include "fakephotosource.h"

#include "imagefiles.h"

#include <QDateTime>
#include <QDir>
#include <QSaveFile>
#include <QTimer>
#include <QUuid>

namespace onsite::platform {

namespace {

// Encoded once with QImage (8×8, one grey channel, quality 50) and checked to decode;
// embedded because this library does not link QtGui.
const char kTinyJpegHex[] =
    "ffd8ffe000104a46494600010101006000600000ffdb004300100b0c0e0c0a100e0d0e1211101318"
    "281a181616183123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d"
    "71797064785c656763ffc0000b080008000801011100ffc4001f0000010501010101010100000000"
    "000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300"
    "041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a"
    "25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475"
    "767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9ba"
    "c2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda"
    "0008010100003f002bffd9";

} // namespace

FakePhotoSource::FakePhotoSource(QString folder, QObject *parent) : PhotoSource(parent), m_folder(std::move(folder)) {}

QByteArray FakePhotoSource::tinyJpeg(const QByteArray &comment)
{
    QByteArray jpeg = QByteArray::fromHex(kTinyJpegHex);
    if (comment.isEmpty())
        return jpeg;
    // COM segment right after SOI: marker FF FE, then a big-endian length that counts
    // itself (2 bytes) and the text. Decoders skip it.
    const QByteArray text = comment.left(0xFFFF - 2);
    const int length = int(text.size()) + 2;
    QByteArray segment("\xFF\xFE", 2);
    segment.append(char((length >> 8) & 0xFF));
    segment.append(char(length & 0xFF));
    segment.append(text);
    jpeg.insert(2, segment);
    return jpeg;
}

void FakePhotoSource::setHasCamera(bool hasCamera)
{
    if (m_hasCamera == hasCamera)
        return;
    m_hasCamera = hasCamera;
    Q_EMIT hasCameraChanged(hasCamera);
}

void FakePhotoSource::capture()
{
    if (!m_failure.isEmpty())
        return answer({}, m_failure);
    if (!m_hasCamera)
        return answer({}, tr("此设备没有相机，请从文件中选择照片"));

    ++m_captureCount;
    if (!QDir().mkpath(m_folder))
        return answer({}, tr("无法创建照片目录 %1").arg(m_folder));
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString path = QDir(m_folder).filePath(QStringLiteral("fake-photo-%1-%2.jpg").arg(m_captureCount).arg(id));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return answer({}, tr("无法保存照片 %1：%2").arg(path, file.errorString()));
    }
    file.write(tinyJpeg("onsite fake photo " + QByteArray::number(m_captureCount) + ' ' + id.toLatin1()));
    if (!file.commit())
        return answer({}, tr("无法保存照片 %1：%2").arg(path, file.errorString()));
    answer(path, {}, PhotoOrigin::Camera);
}

void FakePhotoSource::pickFile(const QString &path)
{
    if (!m_failure.isEmpty())
        return answer({}, m_failure);
    QString error;
    const QString file = checkPhotoFile(path, &error);
    answer(file, error, PhotoOrigin::Picked);
}

void FakePhotoSource::answer(const QString &file, const QString &error, PhotoOrigin origin)
{
    const QDateTime takenAt = QDateTime::currentDateTimeUtc();
    QTimer::singleShot(m_delay, this, [this, file, error, origin, takenAt] {
        if (file.isEmpty())
            Q_EMIT failed(error);
        else if (origin == PhotoOrigin::Picked)
            deliverPicked(file);
        else
            deliverCaptured(file, takenAt);
    });
}

} // namespace onsite::platform
