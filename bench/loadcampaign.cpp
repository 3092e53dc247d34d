#include "loadcampaign.h"

#include "workload.h"

#include "domain/fieldwork.h"
#include "protocol/protocol.h"
#include "protocol/records.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include <algorithm>
#include <stdexcept>

namespace onsite::bench {

namespace {

constexpr int kGroupSize = 5; // a leader and four inspectors
constexpr int kUnitsPerGroup = 5;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error(
            QStringLiteral("cannot read %1: %2").arg(path, file.errorString()).toStdString());
    return file.readAll();
}

void writeFile(const QString &path, const QString &text)
{
    QFile file(path);
    const QByteArray bytes = text.toUtf8();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        throw std::runtime_error(
            QStringLiteral("cannot write %1: %2").arg(path, file.errorString()).toStdString());
}

QString line(const QStringList &fields)
{
    return fields.join(QLatin1Char(',')) + QLatin1Char('\n');
}

QString unitCode(int index)
{
    return QStringLiteral("L%1").arg(index + 1, 4, 10, QLatin1Char('0'));
}
QString groupName(int index)
{
    return QStringLiteral("第%1检查组").arg(index + 1);
}

// Item codes like "1.10" sort wrongly as text: compare part by part.
QStringList sortedItems(QStringList items)
{
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

double siteLatitude(int unit, int site)
{
    return 35.0 + (unit % 100) * 0.01 + site * 0.002;
}
double siteLongitude(int unit, int site)
{
    return 104.0 + (unit / 100) * 0.01 + site * 0.002;
}

} // namespace

QByteArray LoadPhoto::bytes() const
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator random(seed);
    random.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    for (qsizetype i = size / 4 * 4; i < size; ++i)
        bytes[i] = char(random.generate() & 0xFF);
    bytes.replace(0, 4, QByteArray("\xFF\xD8\xFF\xE0", 4));
    return bytes;
}

QStringList sitesOf(const QString &unit)
{
    return {unit + QStringLiteral("-01"), unit + QStringLiteral("-02")};
}

LoadCampaign writeLoadCampaign(const QString &fixtureFolder, const QString &target, int devices)
{
    const QDir from(fixtureFolder), to(target);
    if (!QDir().mkpath(target))
        throw std::runtime_error(QStringLiteral("cannot create %1").arg(target).toStdString());
    for (const QString &name : {QStringLiteral("campaign.csv"), QStringLiteral("indicators.csv")}) {
        const QByteArray bytes = readFile(from.filePath(name));
        QFile out(to.filePath(name));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            out.write(bytes) != bytes.size())
            throw std::runtime_error("cannot copy " + name.toStdString());
    }
    LoadCampaign campaign;
    campaign.inputs = sampleInputs(fixtureFolder);
    campaign.indicators = sortedItems(campaign.inputs.keys());

    const int groups = (devices + kGroupSize - 1) / kGroupSize;
    const QStringList categories{QStringLiteral("城区"), QStringLiteral("山区县"),
                                 QStringLiteral("川区县")};
    QString units = line({QStringLiteral("编码"), QStringLiteral("名称"), QStringLiteral("类别")});
    QString sites = line({QStringLiteral("编码"), QStringLiteral("单位编码"),
                          QStringLiteral("名称"), QStringLiteral("类型"), QStringLiteral("纬度"),
                          QStringLiteral("经度"), QStringLiteral("核查指标")});
    QString groupCsv = line({QStringLiteral("检查组"), QStringLiteral("考评单位")});
    QString people = line({QStringLiteral("账号"), QStringLiteral("姓名"), QStringLiteral("角色"),
                           QStringLiteral("所属单位"), QStringLiteral("检查组")});
    people += line(
        {QStringLiteral("kpb.admin"), QStringLiteral("赵考评"), QStringLiteral("考评办"), {}, {}});
    const qsizetype half = campaign.indicators.size() / 2;
    const QString firstHalf = campaign.indicators.mid(0, half).join(QLatin1Char(';'));
    const QString secondHalf = campaign.indicators.mid(half).join(QLatin1Char(';'));
    for (int g = 0; g < groups; ++g) {
        QStringList codes;
        for (int k = 0; k < kUnitsPerGroup; ++k) {
            const int u = g * kUnitsPerGroup + k;
            const QString code = unitCode(u);
            codes << code;
            units += line(
                {code, QStringLiteral("负载%1单位").arg(u + 1), categories[u % categories.size()]});
            const QStringList siteCodes = sitesOf(code);
            for (int s = 0; s < siteCodes.size(); ++s) {
                sites += line({siteCodes[s], code,
                               QStringLiteral("负载%1单位%2号点位").arg(u + 1).arg(s + 1),
                               s == 0 ? QStringLiteral("示范点") : QStringLiteral("普通点"),
                               QString::number(siteLatitude(u, s), 'f', 5),
                               QString::number(siteLongitude(u, s), 'f', 5),
                               s == 0 ? firstHalf : secondHalf});
            }
        }
        groupCsv += line({groupName(g), codes.join(QLatin1Char(';'))});
        for (int p = 0; p < kGroupSize; ++p) {
            LoadPerson person{QStringLiteral("ld%1.p%2").arg(g + 1).arg(p + 1), groupName(g), codes,
                              p};
            // No home units: 回避 never refuses a generated record.
            people += line({person.account,
                            QStringLiteral("负载%1组%2号").arg(g + 1).arg(p + 1),
                            p == 0 ? QStringLiteral("检查组长") : QStringLiteral("检查组员"),
                            {},
                            person.group});
            if (int(campaign.people.size()) < devices)
                campaign.people.push_back(std::move(person));
        }
    }
    writeFile(to.filePath(QStringLiteral("units.csv")), units);
    writeFile(to.filePath(QStringLiteral("sites.csv")), sites);
    writeFile(to.filePath(QStringLiteral("groups.csv")), groupCsv);
    writeFile(to.filePath(QStringLiteral("people.csv")), people);
    return campaign;
}

std::vector<LoadStep> makeDay(const LoadCampaign &campaign, const LoadPerson &person, int day,
                              int batch, int photoBytes)
{
    const int unitIndex = (person.indexInGroup + day) % int(person.units.size());
    const QString unit = person.units.at(unitIndex);
    const int unitNumber = unit.mid(1).toInt() - 1;
    const QStringList sites = sitesOf(unit);
    const QString tag = QStringLiteral("%1/%2/").arg(person.account).arg(day);
    QDateTime at(QDate(2026, 6, 20).addDays(day), QTime(8, 0), Qt::UTC);
    auto idOf = [&tag](const QString &what, const QDateTime &madeAt) {
        return benchRecordId(QStringLiteral("onsite-load-bench/") + tag + what, madeAt);
    };
    auto tick = [&at](int minutes) {
        at = at.addSecs(minutes * 60);
        return at;
    };

    std::vector<LoadMutation> work; // in the order a person records them
    std::vector<LoadPhoto> photos;
    std::vector<Visit> visits;
    for (int s = 0; s < sites.size(); ++s) {
        Visit visit;
        visit.checkedInAt = tick(s == 0 ? 0 : 90);
        visit.id = idOf(QStringLiteral("visit/%1").arg(s), visit.checkedInAt);
        visit.siteCode = sites[s];
        visit.account = person.account;
        visit.position =
            Position{siteLatitude(unitNumber, s) + 0.0001, siteLongitude(unitNumber, s), 8.0};
        visit.notes = QStringLiteral("到达点位，开始实地查看");
        work.push_back({protocol::entity::kVisit, visit.id, protocol::visitToJson(visit)});
        visits.push_back(visit);

        // Half the items are checked at each site; one photo per site as evidence.
        const qsizetype half = campaign.indicators.size() / 2;
        const QStringList items =
            s == 0 ? campaign.indicators.mid(0, half) : campaign.indicators.mid(half);
        for (const QString &item : items) {
            ScoreEntry score;
            score.recordedAt = tick(3);
            score.id = idOf(QStringLiteral("score/") + item, score.recordedAt);
            score.unitCode = unit;
            score.indicatorCode = item;
            score.account = person.account;
            score.input = campaign.inputs.value(item);
            work.push_back({protocol::entity::kScore, score.id, protocol::scoreToJson(score)});
        }
        LoadPhoto photo;
        photo.seed = qHash(tag) ^ quint32(s + 1);
        photo.size = std::max(photoBytes, 16);
        photo.sha256 = QString::fromLatin1(
            QCryptographicHash::hash(photo.bytes(), QCryptographicHash::Sha256).toHex());
        PhotoEvidence evidence;
        evidence.capturedAt = tick(2);
        evidence.id = idOf(QStringLiteral("photo/%1").arg(s), evidence.capturedAt);
        evidence.sha256 = photo.sha256;
        evidence.visitId = visit.id;
        evidence.unitCode = unit;
        evidence.indicatorCode = items.first();
        evidence.account = person.account;
        evidence.position = visit.position;
        evidence.mimeType = QStringLiteral("image/jpeg");
        evidence.sizeBytes = photo.size;
        evidence.origin = PhotoOrigin::Camera;
        photos.push_back(std::move(photo));
        work.push_back({protocol::entity::kPhoto, evidence.id, protocol::photoToJson(evidence)});

        Finding finding;
        finding.recordedAt = tick(4);
        finding.id = idOf(QStringLiteral("finding/%1").arg(s), finding.recordedAt);
        finding.unitCode = unit;
        finding.siteCode = sites[s];
        finding.indicatorCode = items.last();
        finding.kind = s == 0 ? FindingKind::Problem : FindingKind::Shortcoming;
        finding.description = QStringLiteral("台账记录不完整，部分会议记录缺少签字");
        finding.suggestion = QStringLiteral("建立台账月度检查制度，由专人负责签字归档");
        finding.account = person.account;
        finding.photoIds = {evidence.id};
        work.push_back({protocol::entity::kFinding, finding.id, protocol::findingToJson(finding)});
        if (s == 0) {
            Highlight highlight;
            highlight.recordedAt = tick(3);
            highlight.id = idOf(QStringLiteral("highlight"), highlight.recordedAt);
            highlight.unitCode = unit;
            highlight.siteCode = sites[s];
            highlight.title = QStringLiteral("党群服务“一站式”办理");
            highlight.description = QStringLiteral("群众办事只进一扇门，经验可复制可推广");
            highlight.account = person.account;
            work.push_back(
                {protocol::entity::kHighlight, highlight.id, protocol::highlightToJson(highlight)});
        }
        Visit out = visit;
        out.checkedOutAt = tick(5);
        out.notes = QStringLiteral("实地查看结束");
        work.push_back({protocol::entity::kVisit, out.id, protocol::visitToJson(out)});
    }

    // Batches as the outbox fills; a photo's content goes up in the step that pushes
    // its record (the device holds the record back until the content is complete).
    std::vector<LoadStep> steps;
    std::size_t photoIndex = 0;
    for (std::size_t first = 0; first < work.size(); first += std::size_t(std::max(batch, 1))) {
        LoadStep step;
        const std::size_t end = std::min(work.size(), first + std::size_t(std::max(batch, 1)));
        for (std::size_t i = first; i < end; ++i) {
            if (work[i].entity == protocol::entity::kPhoto)
                step.photos.push_back(photos.at(photoIndex++));
            step.mutations.push_back(work[i]);
        }
        steps.push_back(std::move(step));
    }
    return steps;
}

} // namespace onsite::bench
