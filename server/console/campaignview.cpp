#include "campaignview.h"

#include "setuplookup.h"

namespace onsite::console {

QJsonArray projectsJson(const CampaignSetup &setup)
{
    QJsonArray projects;
    for (const Indicator &indicator : setup.indicators) {
        if (indicator.isProject()) {
            projects.append(QJsonObject{{QStringLiteral("code"), indicator.code},
                                        {QStringLiteral("name"), indicator.title},
                                        {QStringLiteral("points"), indicator.maxScore.toString(2)}});
        }
    }
    return projects;
}

QJsonObject campaignJson(const CampaignSetup &setup, const ConsoleAccess &access)
{
    const SetupLookup lookup(setup);
    QJsonArray items;
    for (const Indicator &indicator : setup.indicators) {
        if (indicator.isProject())
            continue;
        const auto method = indicator.method();
        items.append(QJsonObject{{QStringLiteral("code"), indicator.code},
                                 {QStringLiteral("project"), indicator.parentCode},
                                 {QStringLiteral("name"), indicator.title},
                                 {QStringLiteral("points"), indicator.maxScore.toString(2)},
                                 {QStringLiteral("method"), method ? scoringMethodName(*method) : QString()}});
    }
    QJsonArray units;
    for (const Unit &unit : setup.units) {
        if (access.canSee(unit.code)) {
            units.append(QJsonObject{{QStringLiteral("code"), unit.code},
                                     {QStringLiteral("name"), unit.name},
                                     {QStringLiteral("category"), unit.category},
                                     {QStringLiteral("group"), lookup.groupOf(unit.code)}});
        }
    }
    QJsonArray groups;
    for (const InspectionGroup &group : setup.groups) {
        if (access.canSeeGroup(group.name)) {
            groups.append(QJsonObject{{QStringLiteral("name"), group.name},
                                      {QStringLiteral("units"), QJsonArray::fromStringList(group.unitCodes)}});
        }
    }
    const GradeLines &lines = setup.campaign.gradeLines;
    return {{QStringLiteral("name"), setup.campaign.name},
            {QStringLiteral("starts_on"), setup.campaign.startDate.toString(Qt::ISODate)},
            {QStringLiteral("ends_on"), setup.campaign.endDate.toString(Qt::ISODate)},
            {QStringLiteral("grade_lines"), QJsonObject{{QStringLiteral("优秀"), lines.excellent.toString(2)},
                                                        {QStringLiteral("良好"), lines.good.toString(2)},
                                                        {QStringLiteral("一般"), lines.fair.toString(2)}}},
            {QStringLiteral("trim_min_raters"), setup.campaign.trimFromRaters},
            {QStringLiteral("projects"), projectsJson(setup)},
            {QStringLiteral("items"), items},
            {QStringLiteral("units"), units},
            {QStringLiteral("groups"), groups}};
}

} // namespace onsite::console
