#include "workload.h"

#include "import/csvparser.h"
#include "import/textdecoding.h"
#include "protocol/records.h"
#include "system/recordid.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <algorithm>
#include <stdexcept>

namespace onsite::bench {

namespace {

const QString kGroup = QStringLiteral("第一检查组");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()).toStdString());
    return file.readAll();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        throw std::runtime_error(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()).toStdString());
}

QString csvLine(const QStringList &fields) { return fields.join(QLatin1Char(',')) + QLatin1Char('\n'); }

// The sample's scored items in campaign order. Item codes like "1.10" would sort
// wrongly as text; compare part by part.
QStringList sortedItems(const QHash<QString, QString> &inputs)
{
    QStringList items = inputs.keys();
    std::sort(items.begin(), items.end(), [](const QString &a, const QString &b) {
        const QStringList pa = a.split(QLatin1Char('.')), pb = b.split(QLatin1Char('.'));
        for (qsizetype i = 0; i < std::min(pa.size(), pb.size()); ++i) {
            if (pa[i].toInt() != pb[i].toInt())
                return pa[i].toInt() < pb[i].toInt();
        }
        return pa.size() < pb.size();
    });
    return items;
}

} // namespace

QString benchRecordId(const QString &name, const QDateTime &madeAt)
{
    static const QUuid ns = QUuid::fromString(QStringLiteral("6f1c2a3e-8b7d-4e2a-9c51-0d4b7e1f2a60"));
    return recordIdAt(madeAt.toMSecsSinceEpoch(), QUuid::createUuidV5(ns, name).toRfc4122());
}

QHash<QString, QString> sampleInputs(const QString &fixtureFolder)
{
    const QString path = QDir(fixtureFolder).filePath(QStringLiteral("scores-paper.csv"));
    const auto decoded = decodeSpreadsheetText(readFile(path));
    if (!decoded)
        throw std::runtime_error(QStringLiteral("%1: not UTF-8 or GB18030").arg(path).toStdString());
    QHash<QString, QString> inputs; // indicator -> first rater input seen for it
    const auto records = parseCsv(decoded->text, QStringLiteral("scores-paper.csv"));
    for (std::size_t i = 1; i < records.size(); ++i) { // row 0 is the header
        const QStringList &f = records[i].fields;
        // Columns: 账号,单位编码,指标编号,类型,评分输入,说明; only rater rows (评分).
        if (f.size() >= 5 && f[3] == QStringLiteral("评分") && !inputs.contains(f[2]))
            inputs.insert(f[2], f[4]);
    }
    if (inputs.isEmpty())
        throw std::runtime_error(QStringLiteral("%1 has no rater inputs").arg(path).toStdString());
    return inputs;
}

Workload makeWorkload(const QString &fixtureFolder, int records)
{
    Workload w;
    w.rater = QStringLiteral("g1.li");
    w.reader = QStringLiteral("g1.zhang");
    const QHash<QString, QString> inputs = sampleInputs(fixtureFolder);
    w.indicators = sortedItems(inputs);
    const int perUnit = static_cast<int>(w.indicators.size());
    const int needed = (records + 1 + perUnit - 1) / perUnit; // +1: the one-score sync needs a fresh key
    const int unitCount = ((needed + 999) / 1000) * 1000;   // round numbers read better in the report
    for (int u = 1; u <= unitCount; ++u)
        w.unitCodes << QStringLiteral("B%1").arg(u, 5, 10, QLatin1Char('0'));

    const QDateTime start(QDate(2026, 6, 20), QTime(8, 0), Qt::UTC);
    w.scores.reserve(records + 1);
    for (int i = 0; i <= records; ++i) {
        ScoreEntry s;
        s.recordedAt = start.addMSecs(qint64(i) * 250);
        s.id = benchRecordId(QStringLiteral("onsite-sync-bench/score/%1").arg(i), s.recordedAt);
        s.unitCode = w.unitCodes.at(i / perUnit);
        s.indicatorCode = w.indicators.at(i % perUnit);
        s.account = w.rater;
        s.kind = ScoreKind::Rater;
        s.input = inputs.value(s.indicatorCode);
        w.scores.push_back(std::move(s));
    }
    return w;
}

void writeCampaignFolder(const Workload &w, const QString &fixtureFolder, const QString &target)
{
    const QDir from(fixtureFolder), to(target);
    if (!QDir().mkpath(target))
        throw std::runtime_error(QStringLiteral("cannot create %1").arg(target).toStdString());
    for (const QString &name : {QStringLiteral("campaign.csv"), QStringLiteral("indicators.csv")})
        writeFile(to.filePath(name), readFile(from.filePath(name)));

    // Categories rotate so every 达标计分 rule (targets per category) is exercised.
    const QStringList categories{QStringLiteral("城区"), QStringLiteral("山区县"), QStringLiteral("川区县")};
    QString units = csvLine({QStringLiteral("编码"), QStringLiteral("名称"), QStringLiteral("类别")});
    for (qsizetype i = 0; i < w.unitCodes.size(); ++i)
        units += csvLine({w.unitCodes[i], QStringLiteral("基准单位%1").arg(i + 1), categories[i % categories.size()]});
    writeFile(to.filePath(QStringLiteral("units.csv")), units.toUtf8());

    const QString groups = csvLine({QStringLiteral("检查组"), QStringLiteral("考评单位")}) +
                           csvLine({kGroup, w.unitCodes.join(QLatin1Char(';'))});
    writeFile(to.filePath(QStringLiteral("groups.csv")), groups.toUtf8());

    // Neither rater has a home unit, so 回避 never rejects a generated record.
    QString people = csvLine({QStringLiteral("账号"), QStringLiteral("姓名"), QStringLiteral("角色"),
                              QStringLiteral("所属单位"), QStringLiteral("检查组")});
    people += csvLine({QStringLiteral("kpb.admin"), QStringLiteral("赵考评"), QStringLiteral("考评办"), {}, {}});
    people += csvLine({w.rater, QStringLiteral("李建国"), QStringLiteral("检查组长"), {}, kGroup});
    people += csvLine({w.reader, QStringLiteral("张海燕"), QStringLiteral("检查组员"), {}, kGroup});
    writeFile(to.filePath(QStringLiteral("people.csv")), people.toUtf8());

    QString sites = csvLine({QStringLiteral("编码"), QStringLiteral("单位编码"), QStringLiteral("名称"),
                             QStringLiteral("类型"), QStringLiteral("纬度"), QStringLiteral("经度"),
                             QStringLiteral("核查指标")});
    sites += csvLine({w.unitCodes.first() + QStringLiteral("-01"), w.unitCodes.first(), QStringLiteral("基准点位"),
                      QStringLiteral("普通点"), QStringLiteral("35.5"), QStringLiteral("104.5"), w.indicators.first()});
    writeFile(to.filePath(QStringLiteral("sites.csv")), sites.toUtf8());
}

void exportDocuments(const Workload &w, const QString &path)
{
    QByteArray out;
    out.reserve(static_cast<qsizetype>(w.scores.size()) * 300);
    for (const ScoreEntry &s : w.scores) {
        QJsonObject doc = protocol::scoreToJson(s);
        doc.insert(QStringLiteral("_id"), s.id);
        out += QJsonDocument(doc).toJson(QJsonDocument::Compact);
        out += '\n';
    }
    writeFile(path, out);
}

SiteCampaign writeSiteCampaignFolder(const QString &fixtureFolder, const QString &target, int units, int sitesPerUnit)
{
    const QDir from(fixtureFolder), to(target);
    if (!QDir().mkpath(target))
        throw std::runtime_error(QStringLiteral("cannot create %1").arg(target).toStdString());
    for (const QString &name : {QStringLiteral("campaign.csv"), QStringLiteral("indicators.csv")})
        writeFile(to.filePath(name), readFile(from.filePath(name)));
    const QStringList items = sortedItems(sampleInputs(fixtureFolder));

    // The sample's units (code, name, category) are the pattern: unit i is the
    // (i / n + 1)-th area of sample unit i % n, so the home filter sees real prefixes,
    // county names and categories ("DC", "县") spread as in the sample.
    const QString unitsPath = from.filePath(QStringLiteral("units.csv"));
    const auto decoded = decodeSpreadsheetText(readFile(unitsPath));
    if (!decoded)
        throw std::runtime_error(QStringLiteral("%1: not UTF-8 or GB18030").arg(unitsPath).toStdString());
    std::vector<QStringList> pattern;
    const auto rows = parseCsv(decoded->text, QStringLiteral("units.csv"));
    for (std::size_t i = 1; i < rows.size(); ++i) // row 0 is the header
        if (rows[i].fields.size() >= 3)
            pattern.push_back(rows[i].fields.mid(0, 3));
    if (pattern.empty())
        throw std::runtime_error(QStringLiteral("%1 has no units").arg(unitsPath).toStdString());

    // Site kinds as the sample has them; the unit's name makes each site name distinct.
    const QStringList siteNames{QStringLiteral("党群服务中心"), QStringLiteral("人才服务驿站"),
                                QStringLiteral("干部档案室"),   QStringLiteral("党员教育基地"),
                                QStringLiteral("第一书记工作站"), QStringLiteral("集体经济合作社"),
                                QStringLiteral("村党支部"),     QStringLiteral("社区党支部"),
                                QStringLiteral("非公企业党建工作站"), QStringLiteral("党建示范长廊")};
    QString unitCsv = csvLine({QStringLiteral("编码"), QStringLiteral("名称"), QStringLiteral("类别")});
    QString siteCsv = csvLine({QStringLiteral("编码"), QStringLiteral("单位编码"), QStringLiteral("名称"),
                               QStringLiteral("类型"), QStringLiteral("纬度"), QStringLiteral("经度"),
                               QStringLiteral("核查指标")});
    QStringList codes;
    for (int u = 0; u < units; ++u) {
        const QStringList &like = pattern[static_cast<std::size_t>(u) % pattern.size()];
        const int area = u / static_cast<int>(pattern.size()) + 1;
        const QString code = QStringLiteral("%1%2").arg(like[0]).arg(area, 3, 10, QLatin1Char('0'));
        const QString name = QStringLiteral("%1第%2片区").arg(like[1]).arg(area);
        unitCsv += csvLine({code, name, like[2]});
        codes << code;
        for (int k = 0; k < sitesPerUnit; ++k) {
            // Two different items per site (5 apart in a list of about 20).
            const QString checks = items[(u * 3 + k) % items.size()] + QLatin1Char(';') +
                                   items[(u * 3 + k + 5) % items.size()];
            siteCsv += csvLine({QStringLiteral("%1-%2").arg(code).arg(k + 1, 2, 10, QLatin1Char('0')), code,
                                name + siteNames[k % siteNames.size()],
                                k % 5 == 0 ? QStringLiteral("示范点") : QStringLiteral("普通点"),
                                QString::number(35.0 + (u % 100) * 0.01 + k * 0.0007, 'f', 5),
                                QString::number(104.0 + (u / 100) * 0.01 + k * 0.0005, 'f', 5), checks});
        }
    }
    writeFile(to.filePath(QStringLiteral("units.csv")), unitCsv.toUtf8());
    writeFile(to.filePath(QStringLiteral("sites.csv")), siteCsv.toUtf8());
    writeFile(to.filePath(QStringLiteral("groups.csv")),
              (csvLine({QStringLiteral("检查组"), QStringLiteral("考评单位")}) +
               csvLine({kGroup, codes.join(QLatin1Char(';'))})).toUtf8());

    SiteCampaign campaign{QStringLiteral("g1.zhang"), units, units * sitesPerUnit};
    QString people = csvLine({QStringLiteral("账号"), QStringLiteral("姓名"), QStringLiteral("角色"),
                              QStringLiteral("所属单位"), QStringLiteral("检查组")});
    people += csvLine({QStringLiteral("kpb.admin"), QStringLiteral("赵考评"), QStringLiteral("考评办"), {}, {}});
    people += csvLine({QStringLiteral("g1.li"), QStringLiteral("李建国"), QStringLiteral("检查组长"), {}, kGroup});
    people += csvLine({campaign.inspector, QStringLiteral("张海燕"), QStringLiteral("检查组员"), {}, kGroup});
    writeFile(to.filePath(QStringLiteral("people.csv")), people.toUtf8());
    return campaign;
}

} // namespace onsite::bench
