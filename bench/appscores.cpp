#include "appscores.h"

#include "workload.h"

#include "import/csvparser.h"
#include "import/textdecoding.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <stdexcept>

namespace onsite::bench {

namespace {

std::vector<CsvRecord> readCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()).toStdString());
    const auto decoded = decodeSpreadsheetText(file.readAll());
    if (!decoded)
        throw std::runtime_error(QStringLiteral("%1: not UTF-8 or GB18030").arg(path).toStdString());
    return parseCsv(decoded->text, QFileInfo(path).fileName());
}

// The first column of every row after the header.
QStringList firstColumn(const std::vector<CsvRecord> &rows)
{
    QStringList values;
    for (std::size_t i = 1; i < rows.size(); ++i)
        if (!rows[i].fields.isEmpty())
            values << rows[i].fields.front();
    return values;
}

// The sample's items in campaign order ("1.10" after "1.9").
QStringList itemOrder(QStringList items)
{
    std::sort(items.begin(), items.end(), [](const QString &a, const QString &b) {
        const QStringList pa = a.split(QLatin1Char('.')), pb = b.split(QLatin1Char('.'));
        for (qsizetype i = 0; i < std::min(pa.size(), pb.size()); ++i)
            if (pa[i].toInt() != pb[i].toInt())
                return pa[i].toInt() < pb[i].toInt();
        return pa.size() < pb.size();
    });
    return items;
}

void append(QFile &file, const QByteArray &bytes)
{
    if (file.write(bytes) != bytes.size())
        throw std::runtime_error(QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()).toStdString());
}

} // namespace

QStringList writeAppScores(const QString &fixtureFolder, const QString &campaignFolder, const QString &csvPath,
                           qint64 count)
{
    const QDir campaign(campaignFolder);
    const QStringList units = firstColumn(readCsv(campaign.filePath(QStringLiteral("units.csv"))));
    const QStringList groups = firstColumn(readCsv(campaign.filePath(QStringLiteral("groups.csv"))));
    const QHash<QString, QString> inputs = sampleInputs(fixtureFolder);
    const QStringList items = itemOrder(inputs.keys());
    if (units.isEmpty() || groups.size() != 1)
        throw std::runtime_error("writeAppScores needs the generated site campaign (units, one group)");

    const qint64 perRater = static_cast<qint64>(units.size()) * items.size();
    const qint64 raterCount = count <= 0 ? 0 : (count + perRater - 1) / perRater;
    // The campaign's own leader and inspector (workload.cpp) rate first.
    QStringList raters{QStringLiteral("g1.li"), QStringLiteral("g1.zhang")};
    QString extraPeople;
    for (qint64 r = raters.size(); r < raterCount; ++r) {
        const QString account = QStringLiteral("g1.r%1").arg(r, 2, 10, QLatin1Char('0'));
        raters << account;
        extraPeople += QStringLiteral("%1,评分员%2,检查组员,,%3\n").arg(account).arg(r).arg(groups.front());
    }
    raters = raters.mid(0, static_cast<qsizetype>(raterCount));
    if (!extraPeople.isEmpty()) {
        QFile people(campaign.filePath(QStringLiteral("people.csv")));
        if (!people.open(QIODevice::Append))
            throw std::runtime_error(QStringLiteral("cannot append to %1").arg(people.fileName()).toStdString());
        append(people, extraPeople.toUtf8());
    }

    QFile csv(csvPath);
    if (!csv.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw std::runtime_error(QStringLiteral("cannot write %1: %2").arg(csvPath, csv.errorString()).toStdString());
    append(csv, QStringLiteral("账号,单位编码,指标编号,类型,评分输入,说明\n").toUtf8());
    QByteArray text;
    for (qint64 i = 0; i < count; ++i) {
        // Rater by rater, unit by unit: each rater's scores cover the whole campaign.
        const QString &rater = raters[static_cast<qsizetype>(i / perRater)];
        const qint64 within = i % perRater;
        const QString &unit = units[static_cast<qsizetype>(within / items.size())];
        const QString &item = items[static_cast<qsizetype>(within % items.size())];
        text += (QStringList{rater, unit, item, QStringLiteral("评分"), inputs.value(item), {}}.join(QLatin1Char(',')) +
                 QLatin1Char('\n'))
                    .toUtf8();
        if (text.size() > (1 << 20)) {
            append(csv, text);
            text.clear();
        }
    }
    append(csv, text);
    return raters;
}

} // namespace onsite::bench
