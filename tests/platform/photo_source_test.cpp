// Photo sources: picking a file checks that it really is a photo (by its bytes), the
// desktop has no camera, and the fake camera writes small real JPEGs.
#ifdef ONSITE_HAVE_CAMERA
#include "platform/cameraphotosource.h"
#endif
#include "platform/desktopphotosource.h"
#include "platform/fakephotosource.h"
#include "platform/imagefiles.h"
#include "platformtesting.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QUrl>

#include <gtest/gtest.h>

using namespace onsite::platform;
using onsite::test::waitFor;

namespace {

struct Outcome
{
    int count = 0;
    QString file;
    QString failure;
};

void record(PhotoSource &source, Outcome &outcome)
{
    QObject::connect(&source, &PhotoSource::photoReady, &source, [&outcome](const QString &file) {
        ++outcome.count;
        outcome.file = file;
    });
    QObject::connect(&source, &PhotoSource::failed, &source, [&outcome](const QString &message) {
        ++outcome.count;
        outcome.failure = message;
    });
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

// Segment markers in order, as a decoder walks them: each segment's declared length
// must land exactly on the next marker, up to SOS, and the file must end with EOI.
bool jpegStructureIsSound(const QByteArray &jpeg)
{
    if (!jpeg.startsWith("\xFF\xD8") || !jpeg.endsWith("\xFF\xD9"))
        return false;
    qsizetype at = 2;
    while (at + 4 <= jpeg.size()) {
        if (uchar(jpeg[at]) != 0xFF)
            return false;
        const uchar marker = uchar(jpeg[at + 1]);
        const int length = (uchar(jpeg[at + 2]) << 8) | uchar(jpeg[at + 3]);
        if (marker == 0xDA) // start of scan: entropy-coded data follows
            return at + 2 + length < jpeg.size();
        at += 2 + length;
    }
    return false;
}

} // namespace

TEST(PlatformPhoto, SignaturesDecideWhatIsAPhoto)
{
    EXPECT_EQ(photoMimeType(FakePhotoSource::tinyJpeg()), QStringLiteral("image/jpeg"));
    EXPECT_EQ(photoMimeType(QByteArray("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)), QStringLiteral("image/png"));
    EXPECT_EQ(photoMimeType(QByteArray("RIFF\x10\0\0\0WEBPVP8 ", 16)), QStringLiteral("image/webp"));
    EXPECT_EQ(photoMimeType(QByteArray("\0\0\0\x18" "ftypheic\0\0\0\0", 16)), QStringLiteral("image/heic"));
    EXPECT_EQ(photoMimeType(QByteArray("\0\0\0\x18" "ftypmif1\0\0\0\0", 16)), QStringLiteral("image/heif"));
    EXPECT_TRUE(photoMimeType(QByteArray("\0\0\0\x18" "ftypisom\0\0\0\0", 16)).isEmpty()) << "an MP4 video";
    EXPECT_TRUE(photoMimeType("GIF89a....").isEmpty());
    EXPECT_TRUE(photoMimeType("").isEmpty());
}

TEST(PlatformPhoto, DesktopPicksAJpegFile)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = writeFile(dir, QStringLiteral("现场 1.jpg"), FakePhotoSource::tinyJpeg());
    ASSERT_FALSE(path.isEmpty());

    DesktopPhotoSource source;
    Outcome outcome;
    record(source, outcome);
    source.pickFile(path);
    EXPECT_EQ(outcome.count, 0) << "answered from inside pickFile()";
    ASSERT_TRUE(waitFor([&] { return outcome.count == 1; }));
    EXPECT_TRUE(outcome.failure.isEmpty()) << outcome.failure.toStdString();
    EXPECT_EQ(outcome.file, QFileInfo(path).absoluteFilePath());
}

TEST(PlatformPhoto, DesktopAcceptsAFileUrlFromAQmlDialog)
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("photo.png"), QByteArray("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
    DesktopPhotoSource source;
    Outcome outcome;
    record(source, outcome);
    source.pickFile(QUrl::fromLocalFile(path).toString());
    ASSERT_TRUE(waitFor([&] { return outcome.count == 1; }));
    EXPECT_EQ(outcome.file, QFileInfo(path).absoluteFilePath());
}

TEST(PlatformPhoto, DesktopRefusesATextFileNamedLikeAPhoto)
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("notes.jpg"), "这不是照片，只是文字说明。\n");
    DesktopPhotoSource source;
    Outcome outcome;
    record(source, outcome);
    source.pickFile(path);
    ASSERT_TRUE(waitFor([&] { return outcome.count == 1; }));
    EXPECT_TRUE(outcome.file.isEmpty());
    EXPECT_EQ(outcome.failure, QStringLiteral("notes.jpg 不是照片（只支持 JPEG、PNG、WebP、HEIF 格式）"));
}

TEST(PlatformPhoto, DesktopReportsAMissingFileOrAFolder)
{
    QTemporaryDir dir;
    DesktopPhotoSource source;
    Outcome outcome;
    record(source, outcome);

    const QString missing = dir.filePath(QStringLiteral("gone.jpg"));
    source.pickFile(missing);
    ASSERT_TRUE(waitFor([&] { return outcome.count == 1; }));
    EXPECT_EQ(outcome.failure, QStringLiteral("找不到照片文件：%1").arg(missing));

    source.pickFile(dir.path());
    ASSERT_TRUE(waitFor([&] { return outcome.count == 2; }));
    EXPECT_TRUE(outcome.failure.contains(QStringLiteral("不是文件"))) << outcome.failure.toStdString();
    EXPECT_TRUE(outcome.file.isEmpty());
}

TEST(PlatformPhoto, DesktopHasNoCameraAndSaysSoWhenAskedToCapture)
{
    DesktopPhotoSource source;
    EXPECT_FALSE(source.hasCamera());
    Outcome outcome;
    record(source, outcome);
    source.capture();
    ASSERT_TRUE(waitFor([&] { return outcome.count == 1; }));
    EXPECT_TRUE(outcome.file.isEmpty());
    EXPECT_TRUE(outcome.failure.contains(QStringLiteral("没有相机")));
}

#ifdef ONSITE_HAVE_CAMERA
TEST(PlatformPhoto, CameraSourceWithoutAVideoDeviceFallsBackToFiles)
{
    if (!QDir(QStringLiteral("/dev")).entryList({QStringLiteral("video*")}, QDir::System).isEmpty())
        GTEST_SKIP() << "this machine has a video device";
    QTemporaryDir dir;
    CameraPhotoSource source(dir.filePath(QStringLiteral("camera")));
    EXPECT_FALSE(source.hasCamera());
    source.setPreview(nullptr); // harmless without a camera
    Outcome outcome;
    record(source, outcome);
    source.capture();
    ASSERT_TRUE(waitFor([&] { return outcome.count == 1; }));
    EXPECT_TRUE(outcome.failure.contains(QStringLiteral("没有相机"))) << outcome.failure.toStdString();

    const QString jpeg = dir.filePath(QStringLiteral("card.jpg"));
    QFile file(jpeg);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(FakePhotoSource::tinyJpeg());
    file.close();
    source.pickFile(jpeg);
    ASSERT_TRUE(waitFor([&] { return outcome.count == 2; }));
    EXPECT_EQ(QFileInfo(outcome.file).canonicalFilePath(), QFileInfo(jpeg).canonicalFilePath());
}
#endif

TEST(PlatformPhoto, FakeCameraWritesDistinctRealJpegs)
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("camera"));
    FakePhotoSource source(folder);
    EXPECT_TRUE(source.hasCamera());
    Outcome outcome;
    record(source, outcome);

    source.capture();
    ASSERT_TRUE(waitFor([&] { return outcome.count == 1; }));
    const QString first = outcome.file;
    source.capture();
    ASSERT_TRUE(waitFor([&] { return outcome.count == 2; }));
    const QString second = outcome.file;
    EXPECT_TRUE(outcome.failure.isEmpty()) << outcome.failure.toStdString();

    ASSERT_TRUE(first.startsWith(folder)) << first.toStdString();
    ASSERT_NE(first, second);
    QFile a(first), b(second);
    ASSERT_TRUE(a.open(QIODevice::ReadOnly));
    ASSERT_TRUE(b.open(QIODevice::ReadOnly));
    const QByteArray bytesA = a.readAll(), bytesB = b.readAll();
    EXPECT_NE(bytesA, bytesB) << "identical photos would collapse into one by hash";
    EXPECT_TRUE(jpegStructureIsSound(bytesA));
    EXPECT_TRUE(jpegStructureIsSound(bytesB));
    EXPECT_TRUE(jpegStructureIsSound(FakePhotoSource::tinyJpeg()));

    QString error;
    EXPECT_EQ(checkPhotoFile(first, &error), first) << error.toStdString();
    EXPECT_EQ(source.captureCount(), 2);
}

TEST(PlatformPhoto, FakeCanBeToldToFail)
{
    QTemporaryDir dir;
    FakePhotoSource source(dir.path());
    Outcome outcome;
    record(source, outcome);

    source.setFailure(QStringLiteral("相机被其他应用占用"));
    source.capture();
    ASSERT_TRUE(waitFor([&] { return outcome.count == 1; }));
    EXPECT_EQ(outcome.failure, QStringLiteral("相机被其他应用占用"));
    EXPECT_TRUE(outcome.file.isEmpty());

    source.setFailure({});
    source.setHasCamera(false);
    source.capture();
    ASSERT_TRUE(waitFor([&] { return outcome.count == 2; }));
    EXPECT_TRUE(outcome.failure.contains(QStringLiteral("没有相机")));
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::Files).isEmpty()) << "a failed capture left a file";
}
