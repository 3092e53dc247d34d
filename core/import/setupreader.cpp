#include "setupreader.h"

#include <QRegularExpression>
#include <QSet>
#include <QUuid>

namespace onsite {

namespace {

const QString kCampaignFile = QStringLiteral("campaign.csv");

QDate parseDate(const QString &text)
{
    for (const char *format : {"yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"}) {
        const QDate date = QDate::fromString(text, QLatin1String(format));
        if (date.isValid())
            return date;
    }
    return {};
}

Decimal requireDecimal(const CsvRow &row, const QString &column, bool allowNegative = false)
{
    const auto value = Decimal::parse(row.value(column));
    if (!value)
        row.fail(column, QStringLiteral("“%1”不是有效的数值").arg(row.value(column)));
    if (!allowNegative && *value < Decimal(0))
        row.fail(column, QStringLiteral("数值不能为负"));
    return *value;
}

QString requireValue(const CsvRow &row, const QString &column)
{
    const QString value = row.value(column);
    if (value.isEmpty())
        row.fail(column, QStringLiteral("不能为空"));
    return value;
}

QString requireCode(const CsvRow &row, const QString &column, QSet<QString> &seen)
{
    const QString code = requireValue(row, column);
    if (!isValidCode(code))
        row.fail(column, QStringLiteral("编码“%1”只能包含字母、数字、点、下划线和连字符").arg(code));
    if (seen.contains(code))
        row.fail(column, QStringLiteral("“%1”重复出现").arg(code));
    seen.insert(code);
    return code;
}

QStringList splitCodes(const QString &text)
{
    QString normalized = text;
    normalized.replace(QChar(0xFF1B), QLatin1Char(';')).replace(QChar(0x3001), QLatin1Char(';'));
    QStringList codes;
    for (const QString &part : normalized.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            codes << part.trimmed();
    }
    return codes;
}

std::optional<double> parseCoordinate(const CsvRow &row, const QString &column, double limit)
{
    const QString text = row.value(column);
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value < -limit || value > limit)
        row.fail(column, QStringLiteral("“%1”不是有效的坐标（应在 -%2 到 %2 之间）").arg(text).arg(limit));
    return value;
}

} // namespace

bool isValidCode(const QString &code)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return pattern.match(code).hasMatch();
}

void SetupReader::readCampaign(const QByteArray &bytes)
{
    const QString key = QStringLiteral("项目");
    const QString val = QStringLiteral("值");
    const CsvTable table = CsvTable::fromBytes(bytes, kCampaignFile, {key, val});
    Campaign &campaign = m_setup.campaign;
    campaign.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QHash<QString, int> seen;
    std::optional<Decimal> excellent, good, fair;
    for (const CsvRow &row : table.rows()) {
        const QString name = row.value(key);
        if (seen.contains(name))
            row.fail(key, QStringLiteral("“%1”重复（第 %2 行已有）").arg(name).arg(seen.value(name)));
        seen.insert(name, row.line());
        if (name == QStringLiteral("名称")) {
            campaign.name = requireValue(row, val);
        } else if (name == QStringLiteral("开始日期") || name == QStringLiteral("结束日期")) {
            const QDate date = parseDate(row.value(val));
            if (!date.isValid())
                row.fail(val, QStringLiteral("“%1”不是有效的日期（应为 2026-06-15 这样的格式）").arg(row.value(val)));
            (name == QStringLiteral("开始日期") ? campaign.startDate : campaign.endDate) = date;
        } else if (name == QStringLiteral("优秀")) {
            excellent = requireDecimal(row, val);
        } else if (name == QStringLiteral("良好")) {
            good = requireDecimal(row, val);
        } else if (name == QStringLiteral("一般")) {
            fair = requireDecimal(row, val);
        } else if (name == QStringLiteral("去掉最高最低分的最少评分人数")) {
            bool ok = false;
            const int count = row.value(val).toInt(&ok);
            if (!ok || count < 3)
                row.fail(val, QStringLiteral("应为不小于 3 的整数"));
            campaign.trimFromRaters = count;
        } else if (name == QStringLiteral("评分须现场签到")) { // optional: PresenceRule
            const QString answer = row.value(val);
            if (answer != QStringLiteral("是") && answer != QStringLiteral("否"))
                row.fail(val, QStringLiteral("应为“是”或“否”"));
            campaign.presence.checkInRequired = answer == QStringLiteral("是");
        } else if (name == QStringLiteral("签到半径（米）") || name == QStringLiteral("签到半径(米)")) {
            bool ok = false;
            const int meters = row.value(val).toInt(&ok);
            if (!ok || meters < 10 || meters > 100000)
                row.fail(val, QStringLiteral("应为 10 到 100000 之间的整数（米）"));
            campaign.presence.radiusMeters = meters;
        } else {
            row.fail(key, QStringLiteral("未知的项目“%1”").arg(name));
        }
    }
    for (const char16_t *required : {u"名称", u"开始日期", u"结束日期", u"优秀", u"良好", u"一般",
                                     u"去掉最高最低分的最少评分人数"}) {
        const QString name = QString::fromUtf16(required);
        if (!seen.contains(name))
            throw ImportException(ImportError{kCampaignFile, 0, 0, {}, QStringLiteral("缺少项目“%1”").arg(name)});
    }
    if (campaign.endDate < campaign.startDate)
        table.fail(seen.value(QStringLiteral("结束日期")), val, QStringLiteral("结束日期早于开始日期"));
    if (!(*excellent > *good))
        table.fail(seen.value(QStringLiteral("良好")), val, QStringLiteral("等次分数线应满足 优秀 > 良好 > 一般"));
    if (!(*good > *fair))
        table.fail(seen.value(QStringLiteral("一般")), val, QStringLiteral("等次分数线应满足 优秀 > 良好 > 一般"));
    campaign.gradeLines = GradeLines{*excellent, *good, *fair};
}

void SetupReader::readUnits(const QByteArray &bytes)
{
    const QString code = QStringLiteral("编码"), name = QStringLiteral("名称"), category = QStringLiteral("类别");
    const CsvTable table = CsvTable::fromBytes(bytes, QStringLiteral("units.csv"), {code, name, category});
    QSet<QString> seen;
    for (const CsvRow &row : table.rows())
        m_setup.units.push_back(Unit{requireCode(row, code, seen), requireValue(row, name), requireValue(row, category)});
    if (m_setup.units.empty())
        throw ImportException(ImportError{table.fileName(), 0, 0, {}, QStringLiteral("没有任何被考评单位")});
}

void SetupReader::readSites(const QByteArray &bytes)
{
    const QString code = QStringLiteral("编码"), unit = QStringLiteral("单位编码"), name = QStringLiteral("名称"),
                  type = QStringLiteral("类型"), lat = QStringLiteral("纬度"), lon = QStringLiteral("经度"),
                  checks = QStringLiteral("核查指标");
    const CsvTable table =
        CsvTable::fromBytes(bytes, QStringLiteral("sites.csv"), {code, unit, name, type, lat, lon, checks});
    QSet<QString> seen;
    for (const CsvRow &row : table.rows()) {
        Site site;
        site.code = requireCode(row, code, seen);
        site.unitCode = requireValue(row, unit);
        if (!m_setup.unit(site.unitCode))
            row.fail(unit, QStringLiteral("单位编码“%1”不在 units.csv 中").arg(site.unitCode));
        site.name = requireValue(row, name);
        const auto siteType = siteTypeFromName(row.value(type));
        if (!siteType)
            row.fail(type, QStringLiteral("未知的点位类型“%1”（应为 示范点、创新项目 或 普通点）").arg(row.value(type)));
        site.type = *siteType;
        site.latitude = parseCoordinate(row, lat, 90);
        site.longitude = parseCoordinate(row, lon, 180);
        if (site.latitude.has_value() != site.longitude.has_value())
            row.fail(site.latitude ? lon : lat, QStringLiteral("纬度和经度应同时填写或同时留空"));
        for (const QString &indicatorCode : splitCodes(row.value(checks))) {
            const Indicator *indicator = m_setup.indicator(indicatorCode);
            if (!indicator || indicator->isProject())
                row.fail(checks, QStringLiteral("“%1”不是 indicators.csv 中的二级指标").arg(indicatorCode));
            if (site.indicatorCodes.contains(indicatorCode))
                row.fail(checks, QStringLiteral("指标“%1”重复").arg(indicatorCode));
            site.indicatorCodes << indicatorCode;
        }
        m_setup.sites.push_back(std::move(site));
    }
}

void SetupReader::readGroups(const QByteArray &bytes)
{
    const QString group = QStringLiteral("检查组"), units = QStringLiteral("考评单位");
    const CsvTable table = CsvTable::fromBytes(bytes, QStringLiteral("groups.csv"), {group, units});
    QHash<QString, QString> assignedTo; // unit code -> group name
    for (const CsvRow &row : table.rows()) {
        InspectionGroup g;
        g.name = requireValue(row, group);
        if (m_setup.group(g.name))
            row.fail(group, QStringLiteral("检查组“%1”重复").arg(g.name));
        for (const QString &unitCode : splitCodes(row.value(units))) {
            if (!m_setup.unit(unitCode))
                row.fail(units, QStringLiteral("单位编码“%1”不在 units.csv 中").arg(unitCode));
            if (assignedTo.contains(unitCode))
                row.fail(units, QStringLiteral("单位“%1”已由“%2”考评").arg(unitCode, assignedTo.value(unitCode)));
            assignedTo.insert(unitCode, g.name);
            g.unitCodes << unitCode;
        }
        if (g.unitCodes.isEmpty())
            row.fail(units, QStringLiteral("检查组没有考评单位"));
        m_setup.groups.push_back(std::move(g));
    }
}

void SetupReader::readPeople(const QByteArray &bytes)
{
    const QString account = QStringLiteral("账号"), name = QStringLiteral("姓名"), role = QStringLiteral("角色"),
                  home = QStringLiteral("所属单位"), group = QStringLiteral("检查组");
    const CsvTable table =
        CsvTable::fromBytes(bytes, QStringLiteral("people.csv"), {account, name, role, home, group});
    QSet<QString> seen;
    for (const CsvRow &row : table.rows()) {
        Person person;
        person.account = requireCode(row, account, seen);
        person.name = requireValue(row, name);
        const auto parsedRole = roleFromName(row.value(role));
        if (!parsedRole)
            row.fail(role, QStringLiteral("未知的角色“%1”（应为 考评办、检查组长、检查组员 或 联络员）").arg(row.value(role)));
        person.role = *parsedRole;
        person.homeUnitCode = row.value(home);
        if (!person.homeUnitCode.isEmpty() && !m_setup.unit(person.homeUnitCode))
            row.fail(home, QStringLiteral("单位编码“%1”不在 units.csv 中").arg(person.homeUnitCode));
        if (person.role == Role::Liaison && person.homeUnitCode.isEmpty())
            row.fail(home, QStringLiteral("联络员必须填写所属单位"));
        person.groupName = row.value(group);
        if (person.isRater()) {
            if (person.groupName.isEmpty())
                row.fail(group, QStringLiteral("%1必须填写检查组").arg(roleName(person.role)));
            if (!m_setup.group(person.groupName))
                row.fail(group, QStringLiteral("检查组“%1”不在 groups.csv 中").arg(person.groupName));
        } else if (!person.groupName.isEmpty()) {
            row.fail(group, QStringLiteral("%1不属于检查组").arg(roleName(person.role)));
        }
        m_setup.people.push_back(std::move(person));
    }
}

} // namespace onsite
