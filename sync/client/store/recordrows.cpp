#include "client/store/recordrows.h"

#include "protocol/protocol.h"
#include "protocol/records.h"
#include "store/fieldrecordrows.h"

namespace onsite::sync {

namespace {

namespace entity = protocol::entity;

// Parses the wire form and writes the struct; a malformed record is a store error, so
// the page or answer it came with is not applied.
template <typename T, typename Parse>
T parsed(Parse parse, const QString &name, const QString &id, const QJsonObject &data)
{
    QString error;
    std::optional<T> value = parse(id, data, &error);
    if (!value)
        throw SqlError(QStringLiteral("%1 %2: %3").arg(name, id, error).toStdString());
    return std::move(*value);
}

} // namespace

bool RecordRows::knows(const QString &name)
{
    return !FieldRecordRows::tableOf(name).isEmpty();
}

void RecordRows::upsert(const QString &name, const QString &id, const QJsonObject &data,
                        const QString &source)
{
    FieldRecordRows rows(m_db);
    if (name == entity::kScore) {
        ScoreEntry score = parsed<ScoreEntry>(protocol::scoreFromJson, name, id, data);
        score.source = source;
        rows.write(score);
    } else if (name == entity::kVisit) {
        rows.write(parsed<Visit>(protocol::visitFromJson, name, id, data));
    } else if (name == entity::kPhoto) {
        rows.write(parsed<PhotoEvidence>(protocol::photoFromJson, name, id, data));
    } else if (name == entity::kFinding) {
        rows.write(parsed<Finding>(protocol::findingFromJson, name, id, data));
    } else if (name == entity::kHighlight) {
        rows.write(parsed<Highlight>(protocol::highlightFromJson, name, id, data));
    } else if (name == entity::kSubmission) {
        rows.write(parsed<UnitSubmission>(protocol::submissionFromJson, name, id, data));
    } else if (name == entity::kRecheck) {
        rows.write(parsed<Recheck>(protocol::recheckFromJson, name, id, data));
    } else if (name == entity::kRecheckResult) {
        rows.write(parsed<RecheckResult>(protocol::recheckResultFromJson, name, id, data));
    } else {
        throw SqlError(QStringLiteral("unknown entity \"%1\"").arg(name).toStdString());
    }
}

void RecordRows::remove(const QString &name, const QString &id)
{
    FieldRecordRows(m_db).remove(name, id);
}

QString RecordRows::scoreIdFor(const QString &unit, const QString &indicator,
                               const QString &account, const QString &kind) const
{
    return FieldRecordRows(m_db).scoreIdFor(unit, indicator, account,
                                            kind == QLatin1String("final") ? ScoreKind::Final
                                                                           : ScoreKind::Rater);
}

} // namespace onsite::sync
