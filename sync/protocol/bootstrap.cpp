#include "bootstrap.h"

#include "protocol.h"

#include <QJsonArray>

namespace onsite::protocol {

namespace {

QJsonObject personToJson(const Person &p)
{
    return {{QStringLiteral("account"), p.account},
            {QStringLiteral("name"), p.name},
            {QStringLiteral("role"), roleName(p.role)},
            {QStringLiteral("home_unit"), p.homeUnitCode},
            {QStringLiteral("group"), p.groupName}};
}

std::optional<Person> personFromJson(const QJsonObject &json)
{
    const auto role = roleFromName(json.value(QStringLiteral("role")).toString());
    const QString account = json.value(QStringLiteral("account")).toString();
    if (!role || account.isEmpty())
        return std::nullopt;
    return Person{account, json.value(QStringLiteral("name")).toString(), *role,
                  json.value(QStringLiteral("home_unit")).toString(), json.value(QStringLiteral("group")).toString()};
}

QJsonValue optionalNumber(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

std::optional<double> numberOrNothing(const QJsonValue &value)
{
    return value.isDouble() ? std::optional<double>(value.toDouble()) : std::nullopt;
}

} // namespace

QJsonObject Bootstrap::toJson() const
{
    const Campaign &c = setup.campaign;
    QJsonObject campaign{{QStringLiteral("id"), c.id},
                         {QStringLiteral("name"), c.name},
                         {QStringLiteral("start_date"), c.startDate.toString(Qt::ISODate)},
                         {QStringLiteral("end_date"), c.endDate.toString(Qt::ISODate)},
                         {QStringLiteral("excellent_line"), c.gradeLines.excellent.toPlainString()},
                         {QStringLiteral("good_line"), c.gradeLines.good.toPlainString()},
                         {QStringLiteral("fair_line"), c.gradeLines.fair.toPlainString()},
                         {QStringLiteral("trim_from_raters"), c.trimFromRaters},
                         {QStringLiteral("check_in_required"), c.presence.checkInRequired},
                         {QStringLiteral("check_in_radius_m"), c.presence.radiusMeters}};
    QJsonArray units, indicators, sites, people, groups;
    for (const Unit &u : setup.units) {
        units.append(QJsonObject{{QStringLiteral("code"), u.code},
                                 {QStringLiteral("name"), u.name},
                                 {QStringLiteral("category"), u.category}});
    }
    for (const Indicator &i : setup.indicators) {
        indicators.append(QJsonObject{
            {QStringLiteral("code"), i.code},
            {QStringLiteral("parent"), i.parentCode},
            {QStringLiteral("title"), i.title},
            {QStringLiteral("max_score"), i.maxScore.toPlainString()},
            {QStringLiteral("content"), i.content},
            {QStringLiteral("method"), i.rule ? scoringMethodName(i.rule->method) : QString()},
            {QStringLiteral("rule"), i.ruleText},
            {QStringLiteral("evidence"), i.evidence},
            {QStringLiteral("check_method"), i.checkMethod},
        });
    }
    for (const Site &s : setup.sites) {
        sites.append(QJsonObject{{QStringLiteral("code"), s.code},
                                 {QStringLiteral("unit"), s.unitCode},
                                 {QStringLiteral("name"), s.name},
                                 {QStringLiteral("type"), siteTypeName(s.type)},
                                 {QStringLiteral("latitude"), optionalNumber(s.latitude)},
                                 {QStringLiteral("longitude"), optionalNumber(s.longitude)},
                                 {QStringLiteral("indicators"), QJsonArray::fromStringList(s.indicatorCodes)}});
    }
    for (const Person &p : setup.people)
        people.append(personToJson(p));
    for (const InspectionGroup &g : setup.groups) {
        groups.append(QJsonObject{{QStringLiteral("name"), g.name},
                                  {QStringLiteral("units"), QJsonArray::fromStringList(g.unitCodes)}});
    }
    QJsonObject json{{QStringLiteral("me"), personToJson(me)},
                     {QStringLiteral("scope_units"), QJsonArray::fromStringList(scopeUnits)},
                     {QStringLiteral("campaign"), campaign},
                     {QStringLiteral("units"), units},
                     {QStringLiteral("indicators"), indicators},
                     {QStringLiteral("sites"), sites},
                     {QStringLiteral("people"), people},
                     {QStringLiteral("groups"), groups}};
    if (!incarnation.isEmpty())
        json.insert(QLatin1String(kIncarnationKey), incarnation);
    return json;
}

std::optional<Bootstrap> Bootstrap::fromJson(const QJsonObject &json, QString *error)
{
    auto fail = [&](const QString &message) {
        *error = message;
        return std::nullopt;
    };
    Bootstrap b;
    const auto me = personFromJson(json.value(QStringLiteral("me")).toObject());
    if (!me)
        return fail(QStringLiteral("bootstrap: \"me\" is missing or invalid"));
    b.me = *me;
    for (const QJsonValue &u : json.value(QStringLiteral("scope_units")).toArray())
        b.scopeUnits << u.toString();

    const QJsonObject c = json.value(QStringLiteral("campaign")).toObject();
    const auto excellent = Decimal::parse(c.value(QStringLiteral("excellent_line")).toString());
    const auto good = Decimal::parse(c.value(QStringLiteral("good_line")).toString());
    const auto fair = Decimal::parse(c.value(QStringLiteral("fair_line")).toString());
    if (c.value(QStringLiteral("id")).toString().isEmpty() || !excellent || !good || !fair)
        return fail(QStringLiteral("bootstrap: \"campaign\" is missing or invalid"));
    b.setup.campaign = Campaign{c.value(QStringLiteral("id")).toString(),
                                c.value(QStringLiteral("name")).toString(),
                                QDate::fromString(c.value(QStringLiteral("start_date")).toString(), Qt::ISODate),
                                QDate::fromString(c.value(QStringLiteral("end_date")).toString(), Qt::ISODate),
                                GradeLines{*excellent, *good, *fair},
                                c.value(QStringLiteral("trim_from_raters")).toInt(5),
                                PresenceRule{}};
    // Absent from an older HQ: the defaults, as for a campaign.csv without them.
    b.setup.campaign.presence.checkInRequired = c.value(QStringLiteral("check_in_required")).toBool(false);
    b.setup.campaign.presence.radiusMeters =
        c.value(QStringLiteral("check_in_radius_m")).toInt(PresenceRule::kDefaultRadiusMeters);

    for (const QJsonValue &v : json.value(QStringLiteral("units")).toArray()) {
        const QJsonObject u = v.toObject();
        b.setup.units.push_back(Unit{u.value(QStringLiteral("code")).toString(), u.value(QStringLiteral("name")).toString(),
                                     u.value(QStringLiteral("category")).toString()});
    }
    int position = 0;
    for (const QJsonValue &v : json.value(QStringLiteral("indicators")).toArray()) {
        const QJsonObject o = v.toObject();
        Indicator i;
        i.code = o.value(QStringLiteral("code")).toString();
        i.parentCode = o.value(QStringLiteral("parent")).toString();
        i.title = o.value(QStringLiteral("title")).toString();
        i.maxScore = Decimal::parse(o.value(QStringLiteral("max_score")).toString()).value_or(Decimal(0));
        i.content = o.value(QStringLiteral("content")).toString();
        i.ruleText = o.value(QStringLiteral("rule")).toString();
        i.evidence = o.value(QStringLiteral("evidence")).toString();
        i.checkMethod = o.value(QStringLiteral("check_method")).toString();
        i.position = position++;
        const QString methodName = o.value(QStringLiteral("method")).toString();
        if (!methodName.isEmpty()) {
            const auto method = scoringMethodFromName(methodName);
            const RuleParseResult parsed = method ? parseScoringRule(*method, i.ruleText, i.maxScore)
                                                  : RuleParseResult{std::nullopt, methodName};
            if (!parsed.rule)
                return fail(QStringLiteral("bootstrap: rule of indicator %1 is invalid: %2").arg(i.code, parsed.error));
            i.rule = parsed.rule;
        }
        b.setup.indicators.push_back(std::move(i));
    }
    for (const QJsonValue &v : json.value(QStringLiteral("sites")).toArray()) {
        const QJsonObject o = v.toObject();
        Site s;
        s.code = o.value(QStringLiteral("code")).toString();
        s.unitCode = o.value(QStringLiteral("unit")).toString();
        s.name = o.value(QStringLiteral("name")).toString();
        s.type = siteTypeFromName(o.value(QStringLiteral("type")).toString()).value_or(SiteType::Ordinary);
        s.latitude = numberOrNothing(o.value(QStringLiteral("latitude")));
        s.longitude = numberOrNothing(o.value(QStringLiteral("longitude")));
        for (const QJsonValue &code : o.value(QStringLiteral("indicators")).toArray())
            s.indicatorCodes << code.toString();
        b.setup.sites.push_back(std::move(s));
    }
    for (const QJsonValue &v : json.value(QStringLiteral("people")).toArray()) {
        if (const auto p = personFromJson(v.toObject()))
            b.setup.people.push_back(*p);
    }
    for (const QJsonValue &v : json.value(QStringLiteral("groups")).toArray()) {
        const QJsonObject o = v.toObject();
        InspectionGroup g{o.value(QStringLiteral("name")).toString(), {}};
        for (const QJsonValue &code : o.value(QStringLiteral("units")).toArray())
            g.unitCodes << code.toString();
        b.setup.groups.push_back(std::move(g));
    }
    b.incarnation = json.value(QLatin1String(kIncarnationKey)).toString();
    return b;
}

} // namespace onsite::protocol
