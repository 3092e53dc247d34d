// Proof of presence on the device: a picked photo's EXIF time and GPS (libexif), camera
// photos stamped with the moment and the position source's fix, and the real Qt
// Positioning source fed by an NMEA log through Qt's own "nmea" plugin.
#include "platform/desktopphotosource.h"
#include "platform/exifmetadata.h"
#include "platform/fakephotosource.h"
#include "platform/fakepositionsource.h"
#ifdef ONSITE_HAVE_POSITIONING
#include "platform/qtpositionsource.h"
#endif
#include "platformtesting.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTimeZone>

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace onsite;
using namespace onsite::platform;
using onsite::test::waitFor;

namespace {

// ---- a small TIFF/EXIF writer, little-endian, written out by hand for the test ----

struct TiffEntry
{
    quint16 tag;
    quint16 type; // 2 ASCII, 4 LONG, 5 RATIONAL
    quint32 count;
    QByteArray value; // the value's bytes (little-endian)
};

void put16(QByteArray &out, quint16 v) { out.append(char(v & 0xFF)).append(char(v >> 8)); }
void put32(QByteArray &out, quint32 v)
{
    for (int shift = 0; shift < 32; shift += 8)
        out.append(char((v >> shift) & 0xFF));
}
QByteArray ascii(const QByteArray &text) { return text + '\0'; }
QByteArray long32(quint32 v)
{
    QByteArray out;
    put32(out, v);
    return out;
}
QByteArray rationals(std::initializer_list<std::pair<quint32, quint32>> values)
{
    QByteArray out;
    for (const auto &[n, d] : values)
        put32(out, n), put32(out, d);
    return out;
}

// One IFD at `start` (an offset in the TIFF), entries sorted by tag, values longer than
// four bytes placed right after it.
QByteArray ifd(const std::vector<TiffEntry> &entries, quint32 start)
{
    QByteArray table, data;
    const quint32 dataStart = start + 2 + 12 * quint32(entries.size()) + 4;
    put16(table, quint16(entries.size()));
    for (const TiffEntry &e : entries) {
        put16(table, e.tag);
        put16(table, e.type);
        put32(table, e.count);
        if (e.value.size() <= 4) {
            table.append(e.value.leftJustified(4, '\0'));
        } else {
            put32(table, dataStart + quint32(data.size()));
            data.append(e.value);
            if (data.size() % 2)
                data.append('\0');
        }
    }
    put32(table, 0); // no next IFD
    return table + data;
}

// A JPEG with an APP1 EXIF segment: DateTimeOriginal (and its offset), GPS when given.
QByteArray jpegWithExif(const QByteArray &dateTimeOriginal, const QByteArray &offset, std::optional<Position> gps)
{
    auto dms = [](double degrees) {
        const double a = std::abs(degrees);
        const quint32 d = quint32(a);
        const double minutes = (a - d) * 60;
        const quint32 m = quint32(minutes);
        const quint32 s100 = quint32(std::llround((minutes - m) * 60 * 10000));
        return rationals({{d, 1}, {m, 1}, {s100, 10000}});
    };
    // Layout: header (8) | IFD0 | EXIF IFD | GPS IFD.
    const quint32 ifd0At = 8;
    const quint32 ifd0Size = 2 + 12 * (gps ? 2 : 1) + 4;
    const quint32 exifAt = ifd0At + ifd0Size;
    std::vector<TiffEntry> exifEntries{{0x9003, 2, quint32(dateTimeOriginal.size() + 1), ascii(dateTimeOriginal)}};
    if (!offset.isEmpty())
        exifEntries.push_back({0x9011, 2, quint32(offset.size() + 1), ascii(offset)});
    const QByteArray exif = ifd(exifEntries, exifAt);
    const quint32 gpsAt = exifAt + quint32(exif.size());
    std::vector<TiffEntry> ifd0Entries{{0x8769, 4, 1, long32(exifAt)}};
    if (gps)
        ifd0Entries.push_back({0x8825, 4, 1, long32(gpsAt)});
    QByteArray tiff("II\x2A\x00", 4);
    put32(tiff, ifd0At);
    tiff += ifd(ifd0Entries, ifd0At);
    tiff += exif;
    if (gps) {
        tiff += ifd({{0x0001, 2, 2, ascii(gps->latitude < 0 ? "S" : "N")},
                     {0x0002, 5, 3, dms(gps->latitude)},
                     {0x0003, 2, 2, ascii(gps->longitude < 0 ? "W" : "E")},
                     {0x0004, 5, 3, dms(gps->longitude)}},
                    gpsAt);
    }
    const QByteArray payload = QByteArray("Exif\0\0", 6) + tiff;
    QByteArray app1("\xFF\xE1", 2);
    app1.append(char(((payload.size() + 2) >> 8) & 0xFF)).append(char((payload.size() + 2) & 0xFF));
    app1 += payload;
    QByteArray jpeg = FakePhotoSource::tinyJpeg("exif test");
    jpeg.insert(2, app1);
    return jpeg;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

struct Delivered
{
    int count = 0;
    QString file;
    PhotoCapture capture;
    QString failure;
};

void record(PhotoSource &source, Delivered &out)
{
    QObject::connect(&source, &PhotoSource::photoReady, &source,
                     [&out](const QString &file, const PhotoCapture &capture) {
                         ++out.count;
                         out.file = file;
                         out.capture = capture;
                     });
    QObject::connect(&source, &PhotoSource::failed, &source, [&out](const QString &message) {
        ++out.count;
        out.failure = message;
    });
}

} // namespace

#ifdef ONSITE_HAVE_LIBEXIF
TEST(ExifMetadata, ReadsTheOriginalTimeWithItsOffsetAndTheGpsPosition)
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("old.jpg"),
                                   jpegWithExif("2025:05:03 09:12:30", "+08:00", Position{35.56238, -104.58508, {}}));
    const ExifMetadata exif = readExifMetadata(path);
    EXPECT_EQ(exif.originalAt, QDateTime(QDate(2025, 5, 3), QTime(1, 12, 30), Qt::UTC));
    ASSERT_TRUE(exif.position);
    EXPECT_NEAR(exif.position->latitude, 35.56238, 1e-6);
    EXPECT_NEAR(exif.position->longitude, -104.58508, 1e-6) << "W is negative";
}

TEST(ExifMetadata, WithoutAnOffsetTheTimeIsTheDevicesLocalTime)
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("local.jpg"), jpegWithExif("2024:12:31 23:59:59", {}, std::nullopt));
    const ExifMetadata exif = readExifMetadata(path);
    EXPECT_EQ(exif.originalAt, QDateTime(QDate(2024, 12, 31), QTime(23, 59, 59), QTimeZone::systemTimeZone()));
    EXPECT_FALSE(exif.position);
}

TEST(ExifMetadata, NoExifZerosOrGarbageGiveNothing)
{
    QTemporaryDir dir;
    EXPECT_FALSE(readExifMetadata(writeFile(dir, QStringLiteral("plain.jpg"), FakePhotoSource::tinyJpeg())).originalAt.isValid());
    EXPECT_FALSE(readExifMetadata(writeFile(dir, QStringLiteral("zeros.jpg"),
                                            jpegWithExif("0000:00:00 00:00:00", {}, std::nullopt)))
                     .originalAt.isValid());
    QByteArray broken = jpegWithExif("2025:05:03 09:12:30", "+08:00", Position{1, 1, {}});
    broken.truncate(40); // cut inside the EXIF segment
    const ExifMetadata cut = readExifMetadata(writeFile(dir, QStringLiteral("cut.jpg"), broken));
    EXPECT_FALSE(cut.position);
    EXPECT_FALSE(readExifMetadata(dir.filePath(QStringLiteral("missing.jpg"))).originalAt.isValid());
}

TEST(PickedPhotos, ArriveMarkedAsPickedWithTheirExifTimeNotTheDevicesPosition)
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("gallery.jpg"),
                                   jpegWithExif("2025:05:03 09:12:30", "+08:00", Position{30.1, 120.2, {}}));
    FakePositionSource position;
    position.setNextResult(Position{35.56238, 104.58508, 5.0});
    DesktopPhotoSource source;
    source.setPositionSource(&position);
    Delivered out;
    record(source, out);
    source.pickFile(path);
    ASSERT_TRUE(waitFor([&] { return out.count > 0; }));
    EXPECT_TRUE(out.failure.isEmpty()) << out.failure.toStdString();
    EXPECT_EQ(out.capture.origin, PhotoOrigin::Picked);
    EXPECT_EQ(out.capture.originalAt, QDateTime(QDate(2025, 5, 3), QTime(1, 12, 30), Qt::UTC));
    ASSERT_TRUE(out.capture.position);
    EXPECT_NEAR(out.capture.position->latitude, 30.1, 1e-6) << "where the picture was taken, from its EXIF";
    EXPECT_EQ(position.requestCount(), 0) << "the device's position now says nothing about a picked picture";
}
#endif

TEST(CameraPhotos, CarryTheMomentTakenAndTheFix)
{
    QTemporaryDir dir;
    FakePositionSource position;
    position.setNextResult(Position{35.56238, 104.58508, 6.0});
    position.setDelay(std::chrono::milliseconds(30));
    FakePhotoSource camera(dir.filePath(QStringLiteral("camera")));
    camera.setPositionSource(&position);
    Delivered out;
    record(camera, out);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    camera.capture();
    ASSERT_TRUE(waitFor([&] { return out.count > 0; }));
    EXPECT_EQ(out.capture.origin, PhotoOrigin::Camera);
    EXPECT_GE(out.capture.capturedAt, before.addMSecs(-1));
    EXPECT_LE(out.capture.capturedAt, QDateTime::currentDateTimeUtc());
    EXPECT_FALSE(out.capture.originalAt.isValid());
    ASSERT_TRUE(out.capture.position);
    EXPECT_DOUBLE_EQ(out.capture.position->latitude, 35.56238);
    EXPECT_EQ(out.capture.position->accuracyMeters, 6.0);
    EXPECT_EQ(position.requestCount(), 1);
}

TEST(CameraPhotos, WithoutAFixArriveWithoutAPositionAndOnlyOnce)
{
    QTemporaryDir dir;
    FakePositionSource position;
    position.setNextResult(std::nullopt, QStringLiteral("no fix here"));
    FakePhotoSource camera(dir.filePath(QStringLiteral("camera")));
    camera.setPositionSource(&position);
    Delivered out;
    record(camera, out);
    camera.capture();
    ASSERT_TRUE(waitFor([&] { return out.count > 0; }));
    EXPECT_EQ(out.capture.origin, PhotoOrigin::Camera);
    EXPECT_FALSE(out.capture.position);
    // A later fix for someone else (a check-in) must not deliver the photo again.
    position.setNextResult(Position{1, 2, {}});
    position.requestFix();
    waitFor([] { return false; }, 150);
    EXPECT_EQ(out.count, 1);
}

#ifdef ONSITE_HAVE_POSITIONING
namespace {

QByteArray nmeaSentence(const QByteArray &body)
{
    quint8 checksum = 0;
    for (const char c : body)
        checksum ^= quint8(c);
    return '$' + body + '*' + QByteArray::number(checksum, 16).toUpper().rightJustified(2, '0') + "\r\n";
}

} // namespace

TEST(QtPositionSource, GivesTheFixOfAnNmeaLogThroughQtPositioning)
{
    QTemporaryDir dir;
    // 35°33.7428' N, 104°35.1048' E = 35.56238, 104.58508 (site DC-01 of the sample).
    const QByteArray log = nmeaSentence("GPGGA,083559.00,3533.7428,N,10435.1048,E,1,08,0.9,1520.0,M,-30.0,M,,") +
                           nmeaSentence("GPRMC,083559.00,A,3533.7428,N,10435.1048,E,0.0,0.0,200626,,,A") +
                           nmeaSentence("GPGGA,083600.00,3533.7428,N,10435.1048,E,1,08,0.9,1520.0,M,-30.0,M,,") +
                           nmeaSentence("GPRMC,083600.00,A,3533.7428,N,10435.1048,E,0.0,0.0,200626,,,A");
    const QString path = writeFile(dir, QStringLiteral("track.nmea"), log);
    QtPositionSource source(QStringLiteral("nmea"), {{QStringLiteral("nmea.source"), path}});
    ASSERT_TRUE(source.hasPositioning()) << "Qt's nmea position plugin is missing (libqt6positioning6-plugins)";
    std::optional<std::optional<Position>> answer;
    QString error;
    QObject::connect(&source, &PositionSource::fixReady, &source,
                     [&](const std::optional<Position> &fix, const QString &text) {
                         answer = fix;
                         error = text;
                     });
    source.requestFix();
    EXPECT_FALSE(answer) << "never answered from inside requestFix()";
    ASSERT_TRUE(waitFor([&] { return answer.has_value(); }, 15000));
    ASSERT_TRUE(*answer) << error.toStdString();
    EXPECT_NEAR((*answer)->latitude, 35.56238, 1e-6);
    EXPECT_NEAR((*answer)->longitude, 104.58508, 1e-6);
}

// The plugin is loaded at the first question, not with the object: the app makes its
// position source at start, long before anyone checks in.
TEST(QtPositionSource, LoadsItsPluginAtTheFirstRequestNotBefore)
{
    QTemporaryDir dir;
    const QByteArray log = nmeaSentence("GPGGA,083559.00,3533.7428,N,10435.1048,E,1,08,0.9,1520.0,M,-30.0,M,,") +
                           nmeaSentence("GPRMC,083559.00,A,3533.7428,N,10435.1048,E,0.0,0.0,200626,,,A");
    const QString path = writeFile(dir, QStringLiteral("track.nmea"), log);
    QtPositionSource source(QStringLiteral("nmea"), {{QStringLiteral("nmea.source"), path}});
    const auto qtSources = [&source] {
        int found = 0;
        for (const QObject *child : source.findChildren<QObject *>(Qt::FindDirectChildrenOnly))
            found += child->inherits("QGeoPositionInfoSource") ? 1 : 0;
        return found;
    };
    EXPECT_EQ(qtSources(), 0) << "a Qt source made with the object";
    std::optional<std::optional<Position>> answer;
    QObject::connect(&source, &PositionSource::fixReady, &source,
                     [&](const std::optional<Position> &fix, const QString &) { answer = fix; });
    source.requestFix(); // the first question: no hasPositioning() before it
    ASSERT_TRUE(waitFor([&] { return answer.has_value(); }, 15000));
    ASSERT_TRUE(*answer);
    EXPECT_NEAR((*answer)->latitude, 35.56238, 1e-6);
    EXPECT_EQ(qtSources(), 1) << "made once";
    EXPECT_EQ(source.sourceName(), QStringLiteral("nmea"));
}

TEST(QtPositionSource, AnUnknownPluginMeansNoPositioningAndSaysSo)
{
    QtPositionSource source(QStringLiteral("no-such-plugin"), {});
    EXPECT_FALSE(source.hasPositioning());
    std::optional<QString> error;
    QObject::connect(&source, &PositionSource::fixReady, &source,
                     [&](const std::optional<Position> &fix, const QString &text) {
                         EXPECT_FALSE(fix);
                         error = text;
                     });
    source.requestFix();
    ASSERT_TRUE(waitFor([&] { return error.has_value(); }));
    EXPECT_FALSE(error->isEmpty());
}
#endif
