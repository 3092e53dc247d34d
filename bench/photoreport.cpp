#include "photoreport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QSysInfo>

#include <algorithm>

namespace onsite::bench {

namespace {

// A resume's request head and the status question come on top of the chunk's bytes.
constexpr qint64 kHeadAllowance = 4096;

double medianOf(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

QString number(double value, int decimals)
{
    return QLocale(QLocale::English).toString(value, 'f', decimals);
}
QString count(qint64 value)
{
    return QLocale(QLocale::English).toString(value);
}

QString ratioText(double ratio)
{
    return ratio > 0 ? number(ratio * 100, 1) + QStringLiteral(" %") : QStringLiteral("—");
}

QString label(const QString &kind, const QString &cutText)
{
    if (kind == QLatin1String("uploader"))
        return QStringLiteral("device path (`PhotoUploader`), fixed chunks, direct");
    if (kind == QLatin1String("qnam"))
        return QStringLiteral("the same chunks through Qt's `QNetworkAccessManager`, direct");
    if (kind == QLatin1String("curl"))
        return QStringLiteral("`curl --upload-file`, direct");
    if (kind == QLatin1String("curl-proxy"))
        return QStringLiteral("`curl --upload-file`, through the proxy, no cuts");
    if (kind == QLatin1String("uploader-proxy"))
        return QStringLiteral("device path, fixed chunks, through the proxy, no cuts");
    if (kind == QLatin1String("uploader-cut"))
        return QStringLiteral("device path, fixed chunks, link cut every %1").arg(cutText);
    if (kind == QLatin1String("grow"))
        return QStringLiteral("device path, growing chunks, direct");
    if (kind == QLatin1String("grow-proxy"))
        return QStringLiteral("device path, growing chunks, through the proxy, no cuts");
    return QStringLiteral("device path, growing chunks, link cut every %1").arg(cutText);
}

const QStringList kKinds{QStringLiteral("uploader"),     QStringLiteral("qnam"), QStringLiteral("curl"),
                         QStringLiteral("curl-proxy"),   QStringLiteral("uploader-proxy"),
                         QStringLiteral("uploader-cut"), QStringLiteral("grow"),
                         QStringLiteral("grow-proxy"),   QStringLiteral("grow-cut")};
const QStringList kCutPrefixes{QStringLiteral("uploader"), QStringLiteral("grow")};

// Direct runs against curl direct, proxied ones against curl through the proxy.
bool direct(const QString &kind)
{
    return !kind.contains(QLatin1Char('-'));
}

} // namespace

std::vector<const PhotoRun *> PhotoReport::of(const QString &kind) const
{
    std::vector<const PhotoRun *> found;
    for (const PhotoRun &run : runs) {
        if (run.name == kind)
            found.push_back(&run);
    }
    return found;
}

double PhotoReport::median(const QString &kind, double (*field)(const PhotoRun &)) const
{
    std::vector<double> values;
    for (const PhotoRun *run : of(kind))
        values.push_back(field(*run));
    return medianOf(values);
}

double PhotoReport::medianRate(const QString &kind) const
{
    return median(kind, [](const PhotoRun &r) { return r.megabytesPerSecond(); });
}

PhotoReport::Resends PhotoReport::resends(const QString &prefix) const
{
    Resends resends;
    const auto cut = of(prefix + QStringLiteral("-cut"));
    const auto clean = of(prefix + QStringLiteral("-proxy"));
    for (std::size_t i = 0; i < cut.size(); ++i) {
        resends.cuts += cut[i]->cuts;
        resends.restarts += cut[i]->restarts;
        resends.chunkBytes = std::max(cut[i]->chunkBytes, cut[i]->largestChunkBytes);
        resends.chunkBytesAgain += cut[i]->chunkBytesRead - cut[i]->fileBytes;
        if (i < clean.size())
            resends.wireBytesAgain +=
                static_cast<qint64>(cut[i]->bytesUp) - static_cast<qint64>(clean[i]->bytesUp);
    }
    return resends;
}

QStringList PhotoReport::problems() const
{
    QStringList problems;
    for (const PhotoRun &run : runs) {
        if (run.stored != run.photos)
            problems << QStringLiteral("%1: HQ holds %2 of %3 photos")
                            .arg(run.name)
                            .arg(run.stored)
                            .arg(run.photos);
        for (const QString &error : run.errors)
            problems << QStringLiteral("%1: %2").arg(run.name, error);
        if (run.name == QLatin1String("curl") && run.curlConnections != 1)
            problems
                << QStringLiteral("curl opened %1 connections, not one").arg(run.curlConnections);
    }
    for (const QString &prefix : kCutPrefixes) {
        if (of(prefix + QStringLiteral("-cut")).empty())
            continue;
        const Resends r = resends(prefix);
        if (r.cuts == 0)
            problems << QStringLiteral("%1-cut: the proxy never cut the link").arg(prefix);
        if (r.chunkPerCut() > r.chunkBytes)
            problems << QStringLiteral("%1-cut: a cut made the uploader send %2 bytes of chunks "
                                       "again, more than one chunk (%3)")
                            .arg(prefix)
                            .arg(r.chunkPerCut(), 0, 'f', 0)
                            .arg(r.chunkBytes);
        if (r.wirePerCut() > r.chunkBytes + kHeadAllowance)
            problems << QStringLiteral("%1-cut: a cut cost %2 bytes on the wire again, more than "
                                       "one chunk (%3) and its heads")
                            .arg(prefix)
                            .arg(r.wirePerCut(), 0, 'f', 0)
                            .arg(r.chunkBytes);
    }
    return problems;
}

QString PhotoReport::summary() const
{
    QString text;
    const double curl = medianRate(QStringLiteral("curl"));
    const double curlProxy = medianRate(QStringLiteral("curl-proxy"));
    for (const QString &kind : kKinds) {
        if (of(kind).empty())
            continue;
        const double rate = medianRate(kind);
        const double base = direct(kind) ? curl : curlProxy;
        text += QStringLiteral("%1: %2 MB/s, HQ CPU %3 s")
                    .arg(kind, -15)
                    .arg(rate, 7, 'f', 1)
                    .arg(median(kind, [](const PhotoRun &r) { return r.hqCpuSeconds; }), 0, 'f', 2);
        if (!kind.startsWith(QLatin1String("curl")) && base > 0)
            text += QStringLiteral(", %1 of curl%2")
                        .arg(ratioText(rate / base),
                             direct(kind) ? QString() : QStringLiteral(" through the proxy"));
        text += QLatin1Char('\n');
    }
    for (const QString &prefix : kCutPrefixes) {
        const Resends r = resends(prefix);
        if (r.cuts > 0)
            text += QStringLiteral("%1-cut: cuts %2, restarts %3, chunk bytes again per cut %4 "
                                   "(largest chunk %5), wire bytes again per cut %6\n")
                        .arg(prefix)
                        .arg(r.cuts)
                        .arg(r.restarts)
                        .arg(r.chunkPerCut(), 0, 'f', 0)
                        .arg(r.chunkBytes)
                        .arg(r.wirePerCut(), 0, 'f', 0);
    }
    return text;
}

QJsonObject PhotoReport::toJson() const
{
    QJsonArray list;
    for (const PhotoRun &run : runs) {
        list.append(QJsonObject{{QStringLiteral("kind"), run.name},
                                {QStringLiteral("photos"), run.photos},
                                {QStringLiteral("file_bytes"), run.fileBytes},
                                {QStringLiteral("wall_s"), run.wallSeconds},
                                {QStringLiteral("mb_per_s"), run.megabytesPerSecond()},
                                {QStringLiteral("hq_cpu_s"), run.hqCpuSeconds},
                                {QStringLiteral("client_cpu_s"), run.clientCpuSeconds},
                                {QStringLiteral("stored"), run.stored},
                                {QStringLiteral("errors"), QJsonArray::fromStringList(run.errors)},
                                {QStringLiteral("chunk_bytes"), run.chunkBytes},
                                {QStringLiteral("largest_chunk_bytes"), run.largestChunkBytes},
                                {QStringLiteral("chunk_bytes_read"), run.chunkBytesRead},
                                {QStringLiteral("restarts"), run.restarts},
                                {QStringLiteral("curl_connections"), run.curlConnections},
                                {QStringLiteral("bytes_up"), static_cast<qint64>(run.bytesUp)},
                                {QStringLiteral("bytes_down"), static_cast<qint64>(run.bytesDown)},
                                {QStringLiteral("cuts"), run.cuts},
                                {QStringLiteral("proxy_connections"), run.proxyConnections},
                                {QStringLiteral("proxy_cpu_s"), run.proxyCpuSeconds}});
    }
    QJsonObject resent;
    for (const QString &prefix : kCutPrefixes) {
        const Resends r = resends(prefix);
        resent.insert(prefix, QJsonObject{{QStringLiteral("cuts"), r.cuts},
                                          {QStringLiteral("restarts"), r.restarts},
                                          {QStringLiteral("chunk_bytes_again"), r.chunkBytesAgain},
                                          {QStringLiteral("wire_bytes_again"), r.wireBytesAgain},
                                          {QStringLiteral("largest_chunk_bytes"), r.chunkBytes}});
    }
    return {{QStringLiteral("runs"), list},
            {QStringLiteral("app_chunk_bytes"), appChunkBytes},
            {QStringLiteral("cut_every_bytes"), static_cast<qint64>(cutEvery)},
            {QStringLiteral("load_before"), loadBefore},
            {QStringLiteral("load_after"), loadAfter},
            {QStringLiteral("resent"), resent}};
}

QString PhotoReport::markdown() const
{
    const auto first = runs.empty() ? nullptr : &runs.front();
    const int photos = first ? first->photos : 0;
    const qint64 bytes = first ? first->fileBytes : 0;
    const qint64 size = photos > 0 ? bytes / photos : 0;
    const int rounds = static_cast<int>(of(QStringLiteral("curl")).size());
    const double curl = medianRate(QStringLiteral("curl"));
    const double curlProxy = medianRate(QStringLiteral("curl-proxy"));
    const QString cutText =
        QStringLiteral("%1 MB").arg(number(cutEvery / 1e6, cutEvery % 1000000 ? 1 : 0));

    QString md;
    md +=
        QStringLiteral("## Photos: %1 photos of %2 MiB, the device's upload path against curl\n\n")
            .arg(photos)
            .arg(number(size / 1048576.0, size % 1048576 ? 2 : 0));
    md += QStringLiteral("<!-- Generated by bench/run-photo-bench.sh (onsite-photo-bench, "
                         "bench/photo-notes.md); rerun it "
                         "instead of editing by hand. -->\n\n");
    md += QStringLiteral(
              "Run on %1 UTC, %2 round(s) of each run in turn; load average %3 before, %4 after "
              "(%5, 2 cores shared with other work).\n\n")
              .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm")))
              .arg(rounds)
              .arg(number(loadBefore, 2), number(loadAfter, 2), QSysInfo::prettyProductName());
    qint64 chunk = appChunkBytes, largest = 0;
    for (const PhotoRun &run : runs) {
        if (run.chunkBytes > 0)
            chunk = run.chunkBytes;
        largest = std::max(largest, run.largestChunkBytes);
    }
    md += QStringLiteral("%1 distinct photos, %2 bytes each (%3 MB in all), one at a time. The "
                         "device path sends fixed chunks of %4 KiB%5, or growing chunks: %4 KiB "
                         "first, then what about a second of sending carries (at most 4× the "
                         "last), up to %6 KiB; curl sends each photo whole. Medians over the "
                         "rounds; MB = 10⁶ bytes of photo content per second of wall time.\n\n")
              .arg(photos)
              .arg(count(size))
              .arg(number(bytes / 1e6, 1))
              .arg(chunk / 1024)
              .arg(chunk == appChunkBytes
                       ? QStringLiteral(" (the app's, `SyncEngine::Options::photoChunkBytes`)")
                       : QStringLiteral(" (the app uses %1 KiB)").arg(appChunkBytes / 1024))
              .arg(largest / 1024);
    md += QStringLiteral(
        "| run | seconds | MB/s | rate against | HQ CPU s | client CPU s | connections |\n"
        "|---|---:|---:|---|---:|---:|---:|\n");
    for (const QString &kind : kKinds) {
        const auto found = of(kind);
        if (found.empty())
            continue;
        const double rate = medianRate(kind);
        QString against = QStringLiteral("baseline");
        if (!kind.startsWith(QLatin1String("curl"))) {
            const double base = direct(kind) ? curl : curlProxy;
            against = QStringLiteral("**%1 of curl %2**")
                          .arg(ratioText(base > 0 ? rate / base : 0),
                               direct(kind) ? QStringLiteral("direct")
                                            : QStringLiteral("through the proxy"));
        }
        QString connections = QStringLiteral("—");
        if (kind.startsWith(QLatin1String("curl")) && !kind.endsWith(QLatin1String("-proxy")))
            connections = QString::number(found.front()->curlConnections);
        else if (found.front()->proxied)
            connections = QString::number(found.front()->proxyConnections);
        md +=
            QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n")
                .arg(label(kind, cutText))
                .arg(number(median(kind, [](const PhotoRun &r) { return r.wallSeconds; }), 2))
                .arg(number(rate, 1))
                .arg(against)
                .arg(number(median(kind, [](const PhotoRun &r) { return r.hqCpuSeconds; }), 2))
                .arg(number(median(kind, [](const PhotoRun &r) { return r.clientCpuSeconds; }), 2))
                .arg(connections);
    }
    for (const QString &prefix : kCutPrefixes) {
        const Resends r = resends(prefix);
        if (r.cuts == 0)
            continue;
        const bool grow = prefix == QLatin1String("grow");
        md +=
            QStringLiteral("\n### The link cut every %1: %2\n\n")
                .arg(cutText,
                     grow ? QStringLiteral("growing chunks (up to %1 KiB)").arg(r.chunkBytes / 1024)
                          : QStringLiteral("fixed chunks (%1 KiB)").arg(r.chunkBytes / 1024));
        md += QStringLiteral("| | all rounds | per cut | goal |\n|---|---:|---:|---|\n");
        md += QStringLiteral("| cuts (the proxy reset the connection mid-stream) | %1 | | |\n")
                  .arg(r.cuts);
        md += QStringLiteral("| uploads ended without an answer and started again | %1 | %2 | |\n")
                  .arg(r.restarts)
                  .arg(number(double(r.restarts) / r.cuts, 2));
        md +=
            QStringLiteral("| chunk bytes the uploader read again (beyond the photos' bytes) | %1 "
                           "| **%2** | ≤ one chunk (%3): %4 |\n")
                .arg(count(r.chunkBytesAgain), count(qint64(r.chunkPerCut())), count(r.chunkBytes),
                     r.chunkPerCut() <= r.chunkBytes ? QStringLiteral("met")
                                                     : QStringLiteral("**not met**"));
        md += QStringLiteral("| bytes up on the wire beyond the uncut run through the same proxy "
                             "(partial chunks, heads, status questions) | %1 | **%2** | ≤ one "
                             "chunk and its heads: %3 |\n")
                  .arg(count(r.wireBytesAgain), count(qint64(r.wirePerCut())),
                       r.wirePerCut() <= r.chunkBytes + kHeadAllowance
                           ? QStringLiteral("met")
                           : QStringLiteral("**not met**"));
    }
    md += QStringLiteral("\nGoal ≥ 80 % of the baseline rate (curl direct for direct runs, curl "
                         "through the same proxy for proxied ones):");
    for (const QString &kind : kKinds) {
        if (kind.startsWith(QLatin1String("curl")) || of(kind).empty())
            continue;
        const double base = direct(kind) ? curl : curlProxy;
        const double ratio = base > 0 ? medianRate(kind) / base : 0;
        md += QStringLiteral(" %1 %2 (%3);")
                  .arg(kind, ratioText(ratio),
                       ratio >= 0.8 ? QStringLiteral("met") : QStringLiteral("**not met**"));
    }
    md.chop(1);
    md += QStringLiteral(".\n");
    return md;
}

} // namespace onsite::bench
