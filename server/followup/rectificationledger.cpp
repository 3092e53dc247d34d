#include "rectificationledger.h"

#include "followupattachments.h"
#include "store/postgresconnection.h"
#include "system/beijingtime.h"
#include "system/recordid.h"

#include <map>

namespace onsite::followup {

namespace {

const QString kEntity = QStringLiteral("rectification");
constexpr int kMaxText = 4000;
constexpr int kMaxTitle = 200;
constexpr int kMaxMilestones = 20;
// PostgreSQL advisory lock (held to the commit) that numbers new items one transaction at
// a time; any constant no other code uses.
constexpr qint64 kNumberingLock = 0x4f4e5349544501; // "ONSITE" 01

QString iso(const QDateTime &time) { return time.toUTC().toString(Qt::ISODateWithMs); }
QVariant isoOrNull(const std::optional<QDateTime> &time) { return time ? QVariant(iso(*time)) : QVariant(); }
QVariant dateOrNull(const QDate &date) { return date.isValid() ? QVariant(date.toString(Qt::ISODate)) : QVariant(); }
std::optional<QDateTime> timeOrNone(const QVariant &value)
{
    if (value.isNull() || value.toString().isEmpty())
        return std::nullopt;
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

void requireText(const QString &text, const QString &what, int max, bool required = true)
{
    if (required && text.trimmed().isEmpty())
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("请填写%1").arg(what));
    if (text.size() > max)
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("%1最多 %2 字").arg(what).arg(max));
}

const QString kItemColumns =
    QStringLiteral("id, number, unit_code, source, kind, indicator_code, problem, suggestion, measures, "
                   "responsible_person, deadline, state, return_reason, created_at, created_by, updated_at, "
                   "reported_at, closed_at, closed_by");

} // namespace

RectificationLedger::RectificationLedger(SqlConnection &db, const CampaignSetup &setup, QByteArray historyKey,
                                         QString dataFolder)
    : m_db(db), m_setup(setup), m_history(db, std::move(historyKey)), m_dataFolder(std::move(dataFolder)),
      m_postgres(dynamic_cast<PostgresConnection *>(&db) != nullptr)
{
}

QDate RectificationLedger::today(const QDateTime &now)
{
    return beijingDate(now);
}

QString RectificationLedger::indicatorProblem(const CampaignSetup &setup, const QString &code)
{
    if (code.isEmpty())
        return {};
    const Indicator *indicator = setup.indicator(code);
    if (!indicator)
        return QStringLiteral("“%1”不是 indicators.csv 中的二级指标").arg(code);
    // A level-1 project is too broad to rectify, score or check again: the item names one
    // of its items.
    if (indicator->isProject())
        return QStringLiteral("“%1”是一级指标（%2），请填写它下面的二级指标编号").arg(code, indicator->title);
    return {};
}

std::vector<RectificationItem> RectificationLedger::items(const ItemFilter &filter)
{
    QString sql = QStringLiteral("SELECT id FROM hq_followup_items WHERE merged_into IS NULL");
    QVariantList params;
    if (filter.state) {
        sql += QStringLiteral(" AND state = ?");
        params << itemStateKey(*filter.state);
    }
    std::vector<RectificationItem> all;
    for (const SqlRow &row : m_db.query(sql + QStringLiteral(" ORDER BY number"), params))
        all.push_back(load(row[0].toString()));
    const QString text = filter.text.trimmed();
    std::vector<RectificationItem> out;
    // units.csv order, then number: the order of the 整改台账 and the board.
    for (const Unit &unit : m_setup.units) {
        if (!filter.units.isEmpty() && !filter.units.contains(unit.code))
            continue;
        for (const RectificationItem &item : all) {
            if (item.unitCode != unit.code)
                continue;
            if (!text.isEmpty() && !item.problem.contains(text, Qt::CaseInsensitive) &&
                !item.suggestion.contains(text, Qt::CaseInsensitive) && !item.measures.contains(text, Qt::CaseInsensitive) &&
                !item.code().contains(text, Qt::CaseInsensitive))
                continue;
            out.push_back(item);
        }
    }
    return out;
}

std::optional<RectificationItem> RectificationLedger::item(const QString &id)
{
    const auto rows = m_db.query(QStringLiteral("SELECT 1 FROM hq_followup_items WHERE id = ? AND merged_into IS NULL"), {id});
    if (rows.empty())
        return std::nullopt;
    return load(id);
}

RectificationItem RectificationLedger::load(const QString &id)
{
    const auto rows = m_db.query(QStringLiteral("SELECT %1 FROM hq_followup_items WHERE id = ?").arg(kItemColumns), {id});
    if (rows.empty())
        throw FollowUpError(QStringLiteral("not_found"), QStringLiteral("没有这条整改事项"));
    const SqlRow &r = rows.front();
    RectificationItem item;
    item.id = r[0].toString();
    item.number = r[1].toInt();
    item.unitCode = r[2].toString();
    item.source = itemSourceFromKey(r[3].toString()).value_or(ItemSource::Other);
    item.kind = findingKindFromName(r[4].toString()).value_or(FindingKind::Problem);
    item.indicatorCode = r[5].toString();
    item.problem = r[6].toString();
    item.suggestion = r[7].toString();
    item.measures = r[8].toString();
    item.responsiblePerson = r[9].toString();
    item.deadline = QDate::fromString(r[10].toString(), Qt::ISODate);
    item.state = itemStateFromKey(r[11].toString()).value_or(ItemState::Unclaimed);
    item.returnReason = r[12].toString();
    item.createdAt = QDateTime::fromString(r[13].toString(), Qt::ISODateWithMs);
    item.createdBy = r[14].toString();
    item.updatedAt = QDateTime::fromString(r[15].toString(), Qt::ISODateWithMs);
    item.reportedAt = timeOrNone(r[16]);
    item.closedAt = timeOrNone(r[17]);
    item.closedBy = r[18].toString();
    for (const SqlRow &f : m_db.query(
             QStringLiteral("SELECT finding_id FROM hq_followup_item_findings WHERE item_id = ? ORDER BY finding_id"), {id}))
        item.findingIds << f[0].toString();
    for (const SqlRow &m : m_db.query(QStringLiteral("SELECT id, title, due, done_at FROM hq_followup_milestones "
                                                     "WHERE item_id = ? ORDER BY position"),
                                      {id}))
        item.milestones.push_back({m[0].toString(), m[1].toString(), QDate::fromString(m[2].toString(), Qt::ISODate),
                                   timeOrNone(m[3])});
    return item;
}

void RectificationLedger::store(const RectificationItem &item, bool isNew)
{
    const QVariantList values{item.unitCode,
                              itemSourceKey(item.source),
                              findingKindName(item.kind),
                              item.indicatorCode.isEmpty() ? QVariant() : QVariant(item.indicatorCode),
                              item.problem,
                              item.suggestion,
                              item.measures,
                              item.responsiblePerson,
                              dateOrNull(item.deadline),
                              itemStateKey(item.state),
                              item.returnReason,
                              iso(item.updatedAt),
                              isoOrNull(item.reportedAt),
                              isoOrNull(item.closedAt),
                              item.closedBy.isEmpty() ? QVariant() : QVariant(item.closedBy)};
    if (isNew) {
        m_db.execute(QStringLiteral("INSERT INTO hq_followup_items (unit_code, source, kind, indicator_code, problem, "
                                    "suggestion, measures, responsible_person, deadline, state, return_reason, "
                                    "updated_at, reported_at, closed_at, closed_by, id, number, created_at, created_by) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                     QVariantList(values) << item.id << item.number << iso(item.createdAt) << item.createdBy);
    } else {
        m_db.execute(QStringLiteral("UPDATE hq_followup_items SET unit_code = ?, source = ?, kind = ?, indicator_code = ?, "
                                    "problem = ?, suggestion = ?, measures = ?, responsible_person = ?, deadline = ?, "
                                    "state = ?, return_reason = ?, updated_at = ?, reported_at = ?, closed_at = ?, "
                                    "closed_by = ? WHERE id = ?"),
                     QVariantList(values) << item.id);
    }
}

void RectificationLedger::storeMilestones(const RectificationItem &item)
{
    m_db.execute(QStringLiteral("DELETE FROM hq_followup_milestones WHERE item_id = ?"), {item.id});
    int position = 0;
    for (const Milestone &m : item.milestones) {
        m_db.execute(QStringLiteral("INSERT INTO hq_followup_milestones (id, item_id, position, title, due, done_at) "
                                    "VALUES (?, ?, ?, ?, ?, ?)"),
                     {m.id, item.id, position++, m.title, m.due.toString(Qt::ISODate), isoOrNull(m.doneAt)});
    }
}

std::vector<ProgressReport> RectificationLedger::reports(const QString &itemId)
{
    std::vector<ProgressReport> out;
    FollowUpAttachments attachments(m_db);
    for (const SqlRow &r : m_db.query(QStringLiteral("SELECT id, account, reported_at, text, for_closing FROM "
                                                     "hq_followup_reports WHERE item_id = ? ORDER BY reported_at, id"),
                                      {itemId})) {
        ProgressReport report;
        report.id = r[0].toString();
        report.itemId = itemId;
        report.account = r[1].toString();
        report.reportedAt = QDateTime::fromString(r[2].toString(), Qt::ISODateWithMs);
        report.text = r[3].toString();
        report.forClosing = r[4].toInt() == 1;
        report.attachments = attachments.of(FollowUpAttachments::kReport, report.id);
        out.push_back(std::move(report));
    }
    return out;
}

std::vector<UnitRelease> RectificationLedger::releases()
{
    QHash<QString, int> findings;
    for (const SqlRow &r : m_db.query(QStringLiteral("SELECT unit_code, COUNT(*) FROM findings GROUP BY unit_code")))
        findings.insert(r[0].toString(), r[1].toInt());
    QHash<QString, int> items;
    for (const SqlRow &r : m_db.query(QStringLiteral(
             "SELECT unit_code, COUNT(*) FROM hq_followup_items WHERE merged_into IS NULL GROUP BY unit_code")))
        items.insert(r[0].toString(), r[1].toInt());
    QHash<QString, QDateTime> released;
    for (const SqlRow &r : m_db.query(QStringLiteral("SELECT unit_code, released_at FROM hq_followup_releases")))
        released.insert(r[0].toString(), QDateTime::fromString(r[1].toString(), Qt::ISODateWithMs));
    std::vector<UnitRelease> out;
    for (const Unit &unit : m_setup.units) {
        UnitRelease release{unit.code, findings.value(unit.code), items.value(unit.code), std::nullopt};
        if (released.contains(unit.code))
            release.releasedAt = released.value(unit.code);
        out.push_back(release);
    }
    return out;
}

QHash<QString, QStringList> RectificationLedger::mergedCodes()
{
    const auto rows = m_db.query(QStringLiteral("SELECT id, number, merged_into FROM hq_followup_items "
                                                "WHERE merged_into IS NOT NULL ORDER BY number"));
    QHash<QString, QString> into;
    for (const SqlRow &row : rows)
        into.insert(row.value(0).toString(), row.value(2).toString());
    QHash<QString, QStringList> codes;
    for (const SqlRow &row : rows) {
        QString target = row.value(2).toString();
        // Bounded: a cycle cannot be stored (merge refuses merged-away items), but a
        // damaged table must not hang an export.
        for (qsizetype hops = 0; into.contains(target) && hops < into.size(); ++hops)
            target = into.value(target);
        RectificationItem merged;
        merged.number = row.value(1).toInt();
        codes[target] << merged.code();
    }
    return codes;
}

QHash<QString, QString> RectificationLedger::closeNotes()
{
    return m_history.latestReasons(kEntity, QStringLiteral("close"));
}

int RectificationLedger::nextNumber()
{
    // Under PostgreSQL's READ COMMITTED two creators would read the same MAX and one would
    // fail on the UNIQUE number (a 500). The lock makes the second wait for the first
    // commit, and its MAX (a new statement, a new snapshot) then sees the first one's items.
    // On SQLite the transaction's BEGIN IMMEDIATE has already done the same.
    if (m_postgres)
        m_db.query(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kNumberingLock));
    const auto rows = m_db.query(QStringLiteral("SELECT COALESCE(MAX(number), 0) FROM hq_followup_items"));
    return rows.front()[0].toInt() + 1;
}

int RectificationLedger::release(const QString &unitCode, const QString &account, const QDateTime &now)
{
    if (!m_setup.unit(unitCode))
        throw FollowUpError(QStringLiteral("not_found"), QStringLiteral("没有被考评单位“%1”").arg(unitCode));
    SqlTransaction transaction(m_db);
    // Serialises releases of the unit on PostgreSQL too: the release row is the lock
    // (numbering is serialised by nextNumber).
    m_db.execute(QStringLiteral("DELETE FROM hq_followup_releases WHERE unit_code = ?"), {unitCode});
    m_db.execute(QStringLiteral("INSERT INTO hq_followup_releases (unit_code, released_at, released_by) VALUES (?, ?, ?)"),
                 {unitCode, iso(now), account});
    const auto findings = m_db.query(
        QStringLiteral("SELECT f.id, f.kind, f.indicator_code, f.description, f.suggestion FROM findings f "
                       "WHERE f.unit_code = ? AND NOT EXISTS (SELECT 1 FROM hq_followup_item_findings i "
                       "WHERE i.finding_id = f.id) ORDER BY f.recorded_at, f.id"),
        {unitCode});
    int number = nextNumber();
    for (const SqlRow &f : findings) {
        RectificationItem item;
        item.id = newRecordId();
        item.number = number++;
        item.unitCode = unitCode;
        item.source = ItemSource::Finding;
        item.kind = findingKindFromName(f[1].toString()).value_or(FindingKind::Problem);
        item.indicatorCode = f[2].toString();
        item.problem = f[3].toString();
        item.suggestion = f[4].toString();
        item.createdAt = item.updatedAt = now;
        item.createdBy = account;
        store(item, true);
        m_db.execute(QStringLiteral("INSERT INTO hq_followup_item_findings (finding_id, item_id) VALUES (?, ?)"),
                     {f[0].toString(), item.id});
        m_history.append({kEntity, item.id, unitCode, QStringLiteral("release"), account, now, std::nullopt,
                          itemStateKey(item.state), item.problem});
    }
    transaction.commit();
    return int(findings.size());
}

RectificationItem RectificationLedger::add(const ItemDraft &draft, const QString &account, const QDateTime &now)
{
    SqlTransaction transaction(m_db);
    RectificationItem item = insertDraft(draft, account, now, QStringLiteral("add"));
    transaction.commit();
    return item;
}

RectificationItem RectificationLedger::insertDraft(const ItemDraft &draft, const QString &account, const QDateTime &now,
                                                   const QString &action)
{
    if (!m_setup.unit(draft.unitCode))
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("没有被考评单位“%1”").arg(draft.unitCode));
    if (const QString problem = indicatorProblem(m_setup, draft.indicatorCode); !problem.isEmpty())
        throw FollowUpError(QStringLiteral("bad_request"), problem);
    requireText(draft.problem, QStringLiteral("问题"), kMaxText);
    requireText(draft.suggestion, QStringLiteral("整改建议"), kMaxText, false);
    RectificationItem item;
    item.id = newRecordId();
    item.number = nextNumber();
    item.unitCode = draft.unitCode;
    item.source = draft.source;
    item.kind = draft.kind;
    item.indicatorCode = draft.indicatorCode;
    item.problem = draft.problem.trimmed();
    item.suggestion = draft.suggestion.trimmed();
    item.deadline = draft.deadline;
    item.createdAt = item.updatedAt = now;
    item.createdBy = account;
    store(item, true);
    m_history.append({kEntity, item.id, item.unitCode, action, account, now, std::nullopt, itemStateKey(item.state),
                      item.problem});
    return item;
}

RectificationItem RectificationLedger::merge(const QString &intoId, const QStringList &otherIds, const QString &account,
                                             const QDateTime &now)
{
    QStringList others = otherIds;
    others.removeDuplicates();
    if (others.isEmpty())
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("请选择要合并的事项"));
    if (others.contains(intoId))
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("不能把事项合并到它自己"));
    SqlTransaction transaction(m_db);
    // Every row is locked before any is written, in one order (by id), so two merges over
    // the same items wait for each other instead of deadlocking.
    std::map<QString, RectificationItem> locked{{intoId, {}}};
    for (const QString &otherId : others)
        locked.emplace(otherId, RectificationItem{});
    for (auto &[id, item] : locked)
        item = existing(id);
    RectificationItem into = locked.at(intoId);
    if (into.state == ItemState::Closed)
        throw FollowUpError(FollowUpRefusal::WrongState, QStringLiteral("已销号的事项不能合并"));
    // The unit reported the item as done for its own problem; HQ returns it before adding
    // problems the unit has not worked on, so a 销号 never covers those.
    if (into.state == ItemState::Reported)
        throw FollowUpError(FollowUpRefusal::WrongState,
                            QStringLiteral("事项 %1 已报送销号，请先退回再把其他事项合并进来").arg(into.code()));
    const QString oldDeadline = into.deadline.isValid() ? into.deadline.toString(Qt::ISODate) : QString();
    QDate earliestDeadline;
    for (const QString &otherId : others) {
        const RectificationItem &other = locked.at(otherId);
        if (other.unitCode != into.unitCode)
            throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("只能合并同一单位的事项"));
        // A merged item leaves the ledger with only its findings and texts. Once the unit has
        // worked on it (a plan, milestones, reports with evidence) or HQ has sent a group to
        // check it again, that work would become unreachable: refused instead of lost.
        if (other.state != ItemState::Unclaimed)
            throw FollowUpError(FollowUpRefusal::WrongState,
                                QStringLiteral("事项 %1 当前为“%2”，单位已在上面填报整改计划或进展，不能合并；"
                                               "只能合并待认领的事项")
                                    .arg(other.code(), itemStateName(other.state)));
        if (!m_db.query(QStringLiteral("SELECT 1 FROM rechecks WHERE item_id = ? LIMIT 1"), {otherId}).empty())
            throw FollowUpError(FollowUpRefusal::WrongState,
                                QStringLiteral("事项 %1 已安排回头看，不能合并").arg(other.code()));
        if (other.deadline.isValid() && (!earliestDeadline.isValid() || other.deadline < earliestDeadline))
            earliestDeadline = other.deadline;
        if (!into.problem.contains(other.problem))
            into.problem += QStringLiteral("\n") + other.problem;
        if (!other.suggestion.isEmpty() && !into.suggestion.contains(other.suggestion))
            into.suggestion += (into.suggestion.isEmpty() ? QString() : QStringLiteral("\n")) + other.suggestion;
        m_db.execute(QStringLiteral("UPDATE hq_followup_item_findings SET item_id = ? WHERE item_id = ?"), {intoId, otherId});
        m_db.execute(QStringLiteral("UPDATE hq_followup_items SET merged_into = ?, updated_at = ? WHERE id = ?"),
                     {intoId, iso(now), otherId});
        m_history.append({kEntity, otherId, other.unitCode, QStringLiteral("merge"), account, now,
                          itemStateKey(other.state), QStringLiteral("merged"), into.code()});
    }
    // HQ's deadline of a merged item is kept when the item it joins has none yet (and no
    // milestone that would then fall after it).
    if (!into.deadline.isValid() && earliestDeadline.isValid() && into.milestones.empty())
        into.deadline = earliestDeadline;
    into.updatedAt = now;
    store(into, false);
    m_history.append({kEntity, intoId, into.unitCode, QStringLiteral("merge"), account, now, itemStateKey(into.state),
                      itemStateKey(into.state), QStringLiteral("合并 %1 项").arg(others.size())});
    if (oldDeadline.isEmpty() && into.deadline.isValid())
        m_history.append({kEntity, intoId, into.unitCode, QStringLiteral("deadline"), account, now, std::nullopt,
                          into.deadline.toString(Qt::ISODate), QStringLiteral("合并带入的时限")});
    transaction.commit();
    return load(intoId);
}

RectificationItem RectificationLedger::existing(const QString &id)
{
    // A plain read under PostgreSQL's READ COMMITTED let two officers both see 已报送 and
    // both write: a 销号 answered 200 and then overwritten by a 退回. FOR UPDATE makes the
    // second step wait for the first one's commit and read the row as it left it, so the
    // caller's requireState refuses it (409 wrong_state), and an item merged away meanwhile
    // is not found. On SQLite BEGIN IMMEDIATE already lets one writer in at a time.
    QString sql = QStringLiteral("SELECT 1 FROM hq_followup_items WHERE id = ? AND merged_into IS NULL");
    if (m_postgres)
        sql += QStringLiteral(" FOR UPDATE");
    if (m_db.query(sql, {id}).empty())
        throw FollowUpError(QStringLiteral("not_found"), QStringLiteral("没有这条整改事项"));
    return load(id);
}

RectificationItem RectificationLedger::lockForStep(const QString &id, FollowUpAction action)
{
    const RectificationItem item = existing(id);
    requireState(item, action);
    return item;
}

void RectificationLedger::requireState(const RectificationItem &item, FollowUpAction action)
{
    if (!FollowUpPolicy::appliesInState(action, item.state))
        throw FollowUpError(FollowUpRefusal::WrongState,
                            QStringLiteral("事项 %1 当前为“%2”，不能进行这一步").arg(item.code(), itemStateName(item.state)));
}

} // namespace onsite::followup
