#include "exifmetadata.h"

#include <QFile>
#include <QRegularExpression>
#include <QTimeZone>

#ifdef ONSITE_HAVE_LIBEXIF
#include <libexif/exif-data.h>
#include <libexif/exif-utils.h>

#include <cmath>
#include <memory>
#endif

namespace onsite::platform {

#ifdef ONSITE_HAVE_LIBEXIF
namespace {

struct ExifDataFree
{
    void operator()(ExifData *data) const { exif_data_unref(data); }
};

QString asciiValue(ExifContent *ifd, ExifTag tag)
{
    ExifEntry *entry = ifd ? exif_content_get_entry(ifd, tag) : nullptr;
    if (!entry || entry->format != EXIF_FORMAT_ASCII || !entry->data || entry->size == 0)
        return {};
    return QString::fromLatin1(reinterpret_cast<const char *>(entry->data), qsizetype(entry->size))
        .section(QChar(0), 0, 0)
        .trimmed();
}

// Degrees, minutes, seconds as three rationals; empty when malformed.
std::optional<double> degrees(ExifContent *ifd, ExifTag tag, ExifByteOrder order)
{
    ExifEntry *entry = ifd ? exif_content_get_entry(ifd, tag) : nullptr;
    if (!entry || entry->format != EXIF_FORMAT_RATIONAL || entry->components != 3 || entry->size < 24)
        return std::nullopt;
    double parts[3];
    for (int i = 0; i < 3; ++i) {
        const ExifRational r = exif_get_rational(entry->data + 8 * i, order);
        if (r.denominator == 0)
            return std::nullopt;
        parts[i] = double(r.numerator) / double(r.denominator);
    }
    return parts[0] + parts[1] / 60.0 + parts[2] / 3600.0;
}

QDateTime originalTime(ExifData *data)
{
    ExifContent *exif = data->ifd[EXIF_IFD_EXIF];
    // "YYYY:MM:DD HH:MM:SS"; cameras without a clock write zeros or blanks.
    const QString text = asciiValue(exif, EXIF_TAG_DATE_TIME_ORIGINAL);
    const QDateTime local = QDateTime::fromString(text, QStringLiteral("yyyy:MM:dd HH:mm:ss"));
    if (!local.isValid())
        return {};
    const QString offset = asciiValue(exif, EXIF_TAG_OFFSET_TIME_ORIGINAL); // "+08:00"
    static const QRegularExpression offsetPattern(QStringLiteral("^([+-])(\\d\\d):(\\d\\d)$"));
    const QRegularExpressionMatch match = offsetPattern.match(offset);
    if (match.hasMatch()) {
        const int seconds = (match.captured(2).toInt() * 60 + match.captured(3).toInt()) * 60;
        return QDateTime(local.date(), local.time(), QTimeZone(match.captured(1) == QLatin1String("-") ? -seconds : seconds))
            .toUTC();
    }
    return QDateTime(local.date(), local.time(), QTimeZone::systemTimeZone()).toUTC();
}

std::optional<Position> gpsPosition(ExifData *data)
{
    ExifContent *gps = data->ifd[EXIF_IFD_GPS];
    const ExifByteOrder order = exif_data_get_byte_order(data);
    const auto latitude = degrees(gps, ExifTag(EXIF_TAG_GPS_LATITUDE), order);
    const auto longitude = degrees(gps, ExifTag(EXIF_TAG_GPS_LONGITUDE), order);
    const QString latRef = asciiValue(gps, ExifTag(EXIF_TAG_GPS_LATITUDE_REF));
    const QString lonRef = asciiValue(gps, ExifTag(EXIF_TAG_GPS_LONGITUDE_REF));
    if (!latitude || !longitude || (latRef != QLatin1String("N") && latRef != QLatin1String("S")) ||
        (lonRef != QLatin1String("E") && lonRef != QLatin1String("W")))
        return std::nullopt;
    const double lat = latRef == QLatin1String("S") ? -*latitude : *latitude;
    const double lon = lonRef == QLatin1String("W") ? -*longitude : *longitude;
    if (!std::isfinite(lat) || !std::isfinite(lon) || std::abs(lat) > 90 || std::abs(lon) > 180)
        return std::nullopt;
    return Position{lat, lon, std::nullopt};
}

} // namespace
#endif

ExifMetadata readExifMetadata(const QString &path)
{
    ExifMetadata metadata;
#ifdef ONSITE_HAVE_LIBEXIF
    const std::unique_ptr<ExifData, ExifDataFree> data(exif_data_new_from_file(QFile::encodeName(path).constData()));
    if (!data)
        return metadata;
    metadata.originalAt = originalTime(data.get());
    metadata.position = gpsPosition(data.get());
#else
    Q_UNUSED(path);
#endif
    return metadata;
}

PhotoCapture pickedPhotoCapture(const QString &path)
{
    const ExifMetadata exif = readExifMetadata(path);
    PhotoCapture capture;
    capture.origin = PhotoOrigin::Picked;
    capture.originalAt = exif.originalAt;
    capture.position = exif.position;
    return capture;
}

} // namespace onsite::platform
