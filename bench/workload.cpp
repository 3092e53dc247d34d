#include "workload.h"

#include "import/csvparser.h"
#include "import/textdecoding.h"
#include "protocol/records.h"

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

// Name-based (v5) ids: stable across runs, distinct per record.
QString recordId(int index)
{
    static const QUuid ns = QUuid::fromString(QStringLiteral("6f1c2a3e-8b7d-4e2a-9c51-0d4b7e1f2a60"));
    return QUuid::createUuidV5(ns, QStringLiteral("onsite-sync-bench/score/%1").arg(index)).toString(QUuid::WithoutBraces);
}

} // namespace

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
    w.indicators = inputs.keys();
    // Item codes like "1.10" would sort wrongly as text; compare part by part.
    std::sort(w.indicators.begin(), w.indicators.end(), [](const QString &a, const QString &b) {
        const QStringList pa = a.split(QLatin1Char('.')), pb = b.split(QLatin1Char('.'));
        for (qsizetype i = 0; i < std::min(pa.size(), pb.size()); ++i) {
            if (pa[i].toInt() != pb[i].toInt())
                return pa[i].toInt() < pb[i].toInt();
        }
        return pa.size() < pb.size();
    });
    const int perUnit = static_cast<int>(w.indicators.size());
    const int needed = (records + 1 + perUnit - 1) / perUnit; // +1: the one-score sync needs a fresh key
    const int unitCount = ((needed + 999) / 1000) * 1000;   // round numbers read better in the report
    for (int u = 1; u <= unitCount; ++u)
        w.unitCodes << QStringLiteral("B%1").arg(u, 5, 10, QLatin1Char('0'));

    const QDateTime start(QDate(2026, 6, 20), QTime(8, 0), Qt::UTC);
    w.scores.reserve(records + 1);
    for (int i = 0; i <= records; ++i) {
        ScoreEntry s;
        s.id = recordId(i);
        s.unitCode = w.unitCodes.at(i / perUnit);
        s.indicatorCode = w.indicators.at(i % perUnit);
        s.account = w.rater;
        s.kind = ScoreKind::Rater;
        s.input = inputs.value(s.indicatorCode);
        s.recordedAt = start.addMSecs(qint64(i) * 250);
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

} // namespace onsite::bench
