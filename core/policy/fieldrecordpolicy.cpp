#include "fieldrecordpolicy.h"

#include <QCoreApplication>

namespace onsite {

namespace {

bool isEvidence(const QString &entity)
{
    return entity == QLatin1String("photo") || entity == QLatin1String("finding") ||
           entity == QLatin1String("highlight") || entity == QLatin1String("visit");
}

} // namespace

QString recordRefusalCode(RecordRefusal refusal)
{
    switch (refusal) {
    case RecordRefusal::None:
        return {};
    case RecordRefusal::ForbiddenRole:
        return QStringLiteral("forbidden_role");
    case RecordRefusal::OutOfScope:
        return QStringLiteral("out_of_scope");
    case RecordRefusal::ConflictOfInterest:
        return QStringLiteral("conflict_of_interest");
    case RecordRefusal::NotOwner:
        return QStringLiteral("not_owner");
    case RecordRefusal::UnitLocked:
        return QStringLiteral("unit_locked");
    case RecordRefusal::UnitChanged:
        return QStringLiteral("unit_changed");
    case RecordRefusal::VisitHasPhotos:
    case RecordRefusal::RecheckEvidence:
    case RecordRefusal::NeverDeleted:
        return QStringLiteral("not_deletable");
    }
    return {};
}

FieldRecordPolicy::FieldRecordPolicy(const Person &person, const QSet<QString> &scopeUnits)
    : m_person(person), m_scope(scopeUnits)
{
}

RecordRefusal FieldRecordPolicy::scopeRefusal(const StoredRecord &record) const
{
    if (m_person.role == Role::Liaison)
        return RecordRefusal::ForbiddenRole;
    if (!m_scope.contains(record.unitCode))
        return RecordRefusal::OutOfScope;
    if (m_person.homeUnitCode == record.unitCode)
        return RecordRefusal::ConflictOfInterest;
    return RecordRefusal::None;
}

RecordRefusal FieldRecordPolicy::decideDelete(const StoredRecord &record) const
{
    if (const RecordRefusal refusal = scopeRefusal(record); refusal != RecordRefusal::None)
        return refusal;
    if (record.author != m_person.account)
        return RecordRefusal::NotOwner;
    if (record.entity == QLatin1String("visit") && record.visitHasPhotos)
        return RecordRefusal::VisitHasPhotos;
    // Photos, findings and highlights may still be added to a submitted unit, but what the
    // leader submitted stays until the unit is reopened.
    if ((record.entity == QLatin1String("score") || isEvidence(record.entity)) && record.unitLocked)
        return RecordRefusal::UnitLocked;
    if (record.entity == QLatin1String("photo") && record.recheckEvidence)
        return RecordRefusal::RecheckEvidence;
    if (record.entity == QLatin1String("submission") || record.entity == QLatin1String("recheck") ||
        record.entity == QLatin1String("recheck_result"))
        return RecordRefusal::NeverDeleted;
    return RecordRefusal::None;
}

RecordRefusal FieldRecordPolicy::decideChange(const StoredRecord &record, const QString &author,
                                              const QString &unitCode) const
{
    if (record.author != author)
        return RecordRefusal::NotOwner;
    // Moving a record would take it out of a submitted unit, or out of the scope and the
    // ledger items it was checked against.
    if (unitCode != record.unitCode)
        return RecordRefusal::UnitChanged;
    // What the leader submitted stays as it was: the photos' content and items too, not
    // only the findings and highlights. A visit may still be checked out.
    if ((record.entity == QLatin1String("finding") || record.entity == QLatin1String("highlight") ||
         record.entity == QLatin1String("photo")) &&
        record.unitLocked)
        return RecordRefusal::UnitLocked;
    return RecordRefusal::None;
}

QString FieldRecordPolicy::message(RecordRefusal refusal, const StoredRecord &record)
{
    switch (refusal) {
    case RecordRefusal::None:
        break;
    case RecordRefusal::ForbiddenRole:
    case RecordRefusal::OutOfScope:
        return QCoreApplication::translate("FieldRecorder", "无权修改单位 %1 的记录")
            .arg(record.unitCode);
    case RecordRefusal::ConflictOfInterest:
        return QCoreApplication::translate("FieldRecorder",
                                           "回避：你来自单位 %1，不能修改或删除本单位的记录")
            .arg(record.unitCode);
    case RecordRefusal::NotOwner:
        return QCoreApplication::translate("FieldRecorder", "只能修改或删除本人记录的内容");
    case RecordRefusal::UnitLocked:
        if (record.entity == QLatin1String("score"))
            return QCoreApplication::translate(
                       "FieldRecorder",
                       "单位 %1 已提交锁定，评分不能删除；如需修改请由组长填写理由")
                .arg(record.unitCode);
        if (record.entity == QLatin1String("visit"))
            return QCoreApplication::translate("FieldRecorder",
                                               "单位 %1 已由组长提交锁定，实地查看记录不能再删除")
                .arg(record.unitCode);
        return QCoreApplication::translate(
                   "FieldRecorder",
                   "单位 %1 已由组长提交锁定，已记录的照片、问题和亮点不能再修改或删除")
            .arg(record.unitCode);
    case RecordRefusal::UnitChanged:
        return QCoreApplication::translate("FieldRecorder",
                                           "记录所属单位不能更改（原为单位 %1），请在正确的单位下重新记录")
            .arg(record.unitCode);
    case RecordRefusal::VisitHasPhotos:
        return QCoreApplication::translate("FieldRecorder", "这次实地查看已有照片，不能删除");
    case RecordRefusal::RecheckEvidence:
        return QCoreApplication::translate("FieldRecorder", "这张照片是回头看结果的佐证，不能删除");
    case RecordRefusal::NeverDeleted:
        return record.entity == QLatin1String("submission")
                   ? QCoreApplication::translate("FieldRecorder",
                                                 "提交记录不能删除，请改为“撤回提交”")
                   : QCoreApplication::translate("FieldRecorder", "回头看记录不能删除");
    }
    return {};
}

} // namespace onsite
