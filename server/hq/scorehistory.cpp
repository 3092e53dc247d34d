#include "scorehistory.h"

#include "rowbatch.h"
#include "system/isotime.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QMutex>

#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace onsite::hq {

namespace {

constexpr int kKeyBytes = 32;
const QString kColumns = QStringLiteral("seq, entity, entity_id, unit_code, indicator_code, kind, action, account, "
                                        "origin, changed_at, old_value, new_value, reason, mac, legacy_hash");
enum Column { Seq, Entity, EntityId, Unit, Indicator, Kind, Action, Account, Origin, At, Old, New, Reason, Mac, Legacy };
constexpr int kMacFields = Reason + 1; // everything before the MAC itself

QString iso(const QDateTime &time) { return isoUtcText(time); }

void ensureSodium()
{
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        throw std::runtime_error("libsodium could not be initialised");
}

QMutex keyMutex;
QByteArray processKey;

// Length-prefixed, so no choice of field text can make two different rows encode alike;
// a NULL is told apart from an empty text.
void appendField(QByteArray &message, const QVariant &value)
{
    if (value.isNull()) {
        message.append("\xff\xff\xff\xff", 4);
        return;
    }
    const QByteArray bytes = value.toString().toUtf8();
    const quint32 size = static_cast<quint32>(bytes.size());
    const char length[4] = {char(size >> 24), char(size >> 16), char(size >> 8), char(size)};
    message.append(length, 4);
    message.append(bytes);
}

QJsonObject breakAt(qint64 seq, const QString &reason) { return {{QStringLiteral("seq"), seq}, {QStringLiteral("reason"), reason}}; }

QJsonValue textOrNull(const QVariant &value) { return value.isNull() ? QJsonValue() : QJsonValue(value.toString()); }

QVariant orNull(const std::optional<QString> &value) { return value ? QVariant(*value) : QVariant(); }

bool sameMac(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && sodium_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}

} // namespace

QString historyKeyPath(const QString &dataFolder) { return QDir(dataFolder).filePath(QStringLiteral("history.key")); }

QByteArray historyKey(const QString &dataFolder)
{
    ensureSodium();
    const QString path = historyKeyPath(dataFolder);
    const QByteArray native = QFile::encodeName(path);
    // O_EXCL: of two processes starting at once, one creates and the other reads.
    const int created = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (created >= 0) {
        unsigned char bytes[kKeyBytes];
        randombytes_buf(bytes, sizeof bytes);
        const bool written = ::write(created, bytes, sizeof bytes) == static_cast<ssize_t>(sizeof bytes) &&
                             ::fsync(created) == 0;
        ::close(created);
        if (!written) {
            ::unlink(native.constData());
            throw std::runtime_error(QStringLiteral("无法写入历史记录密钥文件 %1").arg(path).toStdString());
        }
        return QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes);
    }
    if (errno != EEXIST)
        throw std::runtime_error(QStringLiteral("无法创建历史记录密钥文件 %1：%2")
                                     .arg(path, QString::fromLocal8Bit(std::strerror(errno)))
                                     .toStdString());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error(QStringLiteral("无法读取历史记录密钥文件 %1：%2").arg(path, file.errorString()).toStdString());
    const QByteArray key = file.read(kKeyBytes + 1);
    if (key.size() != kKeyBytes)
        throw std::runtime_error(QStringLiteral("历史记录密钥文件 %1 应为 %2 字节，实际为 %3 字节；请从备份恢复该文件")
                                     .arg(path)
                                     .arg(kKeyBytes)
                                     .arg(key.size())
                                     .toStdString());
    return key;
}

void installHistoryKey(const QByteArray &key)
{
    QMutexLocker lock(&keyMutex);
    processKey = key;
}

QByteArray installedHistoryKey()
{
    QMutexLocker lock(&keyMutex);
    return processKey;
}

namespace {

const QByteArray &checkedKey(const QByteArray &key)
{
    if (key.size() != kKeyBytes)
        throw std::runtime_error("the score history needs its 32-byte key (history.key); none was loaded");
    return key;
}

} // namespace

ScoreHistory::ScoreHistory(SqlConnection &db, const QByteArray &key) : m_db(db), m_mac(checkedKey(key)) {}

QByteArray ScoreHistory::mac(const QByteArray &message) const { return m_mac.hex(message); }

QString ScoreHistory::keyId() const
{
    if (m_keyId.isEmpty())
        m_keyId = QString::fromLatin1(mac(QByteArrayLiteral("onsite score history key id")).left(16));
    return m_keyId;
}

QByteArray ScoreHistory::rowMac(const QVariantList &row, const QByteArray &previous) const
{
    return rowMac(row.constData(), previous);
}

QByteArray ScoreHistory::rowMac(const QVariant *row, const QByteArray &previous) const
{
    QByteArray message;
    message.reserve(256);
    for (int i = 0; i < kMacFields; ++i)
        appendField(message, i == Seq ? QVariant(QString::number(row[i].toLongLong())) : row[i]);
    appendField(message, QString::fromLatin1(previous));
    return mac(message);
}

QByteArray ScoreHistory::headMac(qint64 seq, const QByteArray &lastMac) const
{
    QByteArray message("head");
    appendField(message, QString::number(seq));
    appendField(message, QString::fromLatin1(lastMac));
    return mac(message);
}

void ScoreHistory::writeHead(qint64 seq, const QByteArray &lastMac)
{
    m_db.execute(QStringLiteral("UPDATE score_history_head SET seq = ?, mac = ?, key_id = ?, head_mac = ? WHERE id = 1"),
                 {seq, QString::fromLatin1(lastMac), keyId(), QString::fromLatin1(headMac(seq, lastMac))});
}

namespace {

QString scoreKey(const QString &unit, const QString &indicator, const QString &account, const QString &kind)
{
    const QChar separator(0x1F);
    return unit + separator + indicator + separator + account + separator + kind;
}

} // namespace

void ScoreHistory::append(const HistoryChange &change)
{
    queue(change);
    flush();
}

void ScoreHistory::queue(const HistoryChange &change)
{
    m_queued.push_back(change);
    if (change.entity == QLatin1String("score"))
        m_queuedScores.insert(scoreKey(change.unitCode, change.indicatorCode, change.account, change.kind),
                              {change.action, change.oldValue});
}

void ScoreHistory::flush()
{
    if (m_queued.empty())
        return;
    if (!m_tip) {
        // Taking the head row's lock first serializes writers on PostgreSQL as well, so the
        // number and previous MAC read next are the committed latest. The lock is held to
        // the end of the transaction, and this object lives inside one (see the header):
        // later writes chain on the tip they wrote themselves.
        m_db.execute(QStringLiteral("UPDATE score_history_head SET seq = seq WHERE id = 1"));
        const auto head = m_db.query(QStringLiteral("SELECT key_id FROM score_history_head WHERE id = 1"));
        if (head.empty())
            throw std::runtime_error("score_history_head is missing: the history table was tampered with");
        const QString storedKeyId = head.front()[0].toString();
        if (!storedKeyId.isEmpty() && storedKeyId != keyId())
            throw std::runtime_error("评分历史是用另一个密钥写入的（history.key 被替换或丢失）；请从备份恢复 history.key");
        const auto last = m_db.query(QStringLiteral("SELECT seq, mac FROM score_history ORDER BY seq DESC LIMIT 1"));
        m_tip = last.empty() ? std::make_pair(qint64(0), QByteArray())
                             : std::make_pair(last.front()[0].toLongLong(), last.front()[1].toString().toLatin1());
    }
    QVariantList values;
    values.reserve(qsizetype(m_queued.size()) * 15);
    for (const HistoryChange &c : m_queued) {
        const qint64 seq = m_tip->first + 1;
        if (c.at != m_at) { // a push stamps all its changes with one time: format it once
            m_at = c.at;
            m_atText = iso(c.at);
        }
        // Written straight into the statement's values; the MAC reads the row there.
        const qsizetype rowStart = values.size();
        values << seq << c.entity << c.entityId << c.unitCode << c.indicatorCode << c.kind << c.action << c.account
               << c.origin << m_atText << orNull(c.oldValue) << orNull(c.newValue) << c.reason;
        const QByteArray rowMacText = rowMac(values.constData() + rowStart, m_tip->second);
        values << QString::fromLatin1(rowMacText) << QVariant();
        m_tip = std::make_pair(seq, rowMacText);
    }
    insertRows(m_db, QStringLiteral("INSERT INTO score_history (%1)").arg(kColumns), 15, values);
    writeHead(m_tip->first, m_tip->second);
    m_queued.clear();
    m_queuedScores.clear();
}

QJsonObject ScoreHistory::verify()
{
    QJsonObject report{{QStringLiteral("ok"), true}, {QStringLiteral("entries"), 0}, {QStringLiteral("first_break"), QJsonValue()}};
    auto fail = [&](qint64 seq, const QString &reason) {
        report.insert(QStringLiteral("ok"), false);
        report.insert(QStringLiteral("first_break"), breakAt(seq, reason));
        return report;
    };
    const auto rows = m_db.query(QStringLiteral("SELECT %1 FROM score_history ORDER BY seq").arg(kColumns));
    report.insert(QStringLiteral("entries"), static_cast<qint64>(rows.size()));
    const auto head = m_db.query(QStringLiteral("SELECT seq, mac, key_id, head_mac FROM score_history_head WHERE id = 1"));
    if (head.empty())
        return fail(rows.empty() ? 0 : rows.front()[Seq].toLongLong(), QStringLiteral("链尾记录（score_history_head）被删除"));
    const QString storedKeyId = head.front()[2].toString();
    if (!storedKeyId.isEmpty() && storedKeyId != keyId())
        return fail(rows.empty() ? 0 : rows.front()[Seq].toLongLong(),
                    QStringLiteral("history.key 不是写入历史时使用的密钥（被替换或丢失），无法核验；请从备份恢复该文件"));

    QByteArray previous;
    qint64 expected = 1;
    for (const SqlRow &row : rows) {
        const qint64 seq = row[Seq].toLongLong();
        if (seq != expected)
            return fail(expected, seq > expected ? QStringLiteral("第 %1 条记录缺失（被删除）").arg(expected)
                                                 : QStringLiteral("第 %1 条记录编号重复或顺序被改动").arg(seq));
        const QByteArray stored = row[Mac].toString().toLatin1();
        if (stored.isEmpty())
            return fail(seq, QStringLiteral("第 %1 条是升级前未加密钥的记录，它原来的哈希链已断开，未能纳入密钥链"
                                            "（升级前记录已被改动）")
                                 .arg(seq));
        if (!sameMac(stored, rowMac(row, previous)))
            return fail(seq, QStringLiteral("第 %1 条记录的内容、编号或前后顺序被改动（HMAC 不符）").arg(seq));
        previous = stored;
        ++expected;
    }
    const qint64 lastSeq = expected - 1;
    const qint64 headSeq = head.front()[0].toLongLong();
    if (headSeq == 0 && storedKeyId.isEmpty()) {
        if (lastSeq == 0)
            return report; // nothing written since the history became keyed
        return fail(1, QStringLiteral("链尾记录未封存：历史记录是绕过 onsite-hq 写入的"));
    }
    if (!sameMac(head.front()[3].toString().toLatin1(), headMac(headSeq, head.front()[1].toString().toLatin1())))
        return fail(headSeq, QStringLiteral("链尾记录（score_history_head）被改动"));
    if (headSeq > lastSeq)
        return fail(lastSeq + 1, headSeq == lastSeq + 1
                                     ? QStringLiteral("第 %1 条记录（最后一条）被删除").arg(headSeq)
                                     : QStringLiteral("第 %1 条至第 %2 条记录被删除（链尾记录显示共 %2 条）")
                                           .arg(lastSeq + 1)
                                           .arg(headSeq));
    if (headSeq < lastSeq || head.front()[1].toString().toLatin1() != previous)
        return fail(headSeq + 1, QStringLiteral("第 %1 条之后的记录不是 onsite-hq 写入的（与链尾记录不符）").arg(headSeq));
    if (const auto mismatch = currentValueMismatch())
        return fail(mismatch->first, mismatch->second);
    return report;
}

std::optional<std::pair<qint64, QString>> ScoreHistory::currentValueMismatch()
{
    // The chain proves the history was not altered; this proves the scores and submissions
    // HQ computes with are the ones the history ends with (not edited around it).
    // One grouping pass: scores have no index by record (a look-up per record would
    // scan the table for each).
    const QString latest = QStringLiteral(
        "SELECT h.entity_id, h.seq, h.action, h.new_value, h.unit_code, h.indicator_code, h.account FROM score_history h "
        "JOIN (SELECT MAX(seq) AS seq FROM score_history WHERE entity = ? GROUP BY entity_id) l ON l.seq = h.seq");
    struct Current
    {
        QString value;
        QString unit;
        QString indicator;
        QString account;
    };
    const auto check = [&](const QString &entity, const QString &currentSql) -> std::optional<std::pair<qint64, QString>> {
        QHash<QString, Current> current;
        for (const SqlRow &row : m_db.query(currentSql))
            current.insert(row[0].toString(), {row[1].toString(), row[2].toString(), row[3].toString(), row[4].toString()});
        for (const SqlRow &row : m_db.query(latest, {entity})) {
            const QString id = row[0].toString();
            const auto it = current.constFind(id);
            const bool deleted = row[2].toString() == QLatin1String("delete");
            if (deleted && it == current.constEnd())
                continue;
            const QString where = QStringLiteral("单位 %1 %2 %3").arg(row[4].toString(), row[5].toString(), row[6].toString()).simplified();
            if (it == current.constEnd())
                return std::pair{row[1].toLongLong(), QStringLiteral("%1 的记录 %2 不见了，历史中却没有删除：数据表被绕过历史改动").arg(where, id)};
            if (deleted || it->value != row[3].toString())
                return std::pair{row[1].toLongLong(), QStringLiteral("%1 的当前值“%2”与历史最后记录的“%3”不符：数据表被绕过历史改动")
                                                          .arg(where, it->value, row[3].toString())};
            current.remove(id);
        }
        if (!current.isEmpty()) {
            const Current &c = current.begin().value();
            return std::pair{qint64(0), QStringLiteral("单位 %1 %2 %3 的记录 %4 在历史中没有任何记录：数据表被绕过历史改动")
                                            .arg(c.unit, c.indicator, c.account, current.begin().key())
                                            .simplified()};
        }
        return std::nullopt;
    };
    if (auto scores = check(QStringLiteral("score"),
                            QStringLiteral("SELECT id, input, unit_code, indicator_code, account FROM score_entries")))
        return scores;
    return check(QStringLiteral("submission"),
                 QStringLiteral("SELECT id, CASE WHEN locked = 1 THEN 'locked' ELSE 'open' END, unit_code, '', account "
                                "FROM unit_submissions"));
}

QJsonArray ScoreHistory::entries(const QString &unit, const QString &indicator)
{
    // The scores' and submissions' trail; the follow-up's steps are read per record.
    return rows(QStringLiteral(" AND entity IN ('score', 'submission')"), {}, unit, indicator);
}

QJsonArray ScoreHistory::entriesOf(const QString &entity, const QString &entityId)
{
    // The index by record leaves scores out; naming that lets SQLite use it.
    if (entity != QLatin1String("score"))
        return rows(QStringLiteral(" AND entity = ? AND entity_id = ? AND entity <> 'score'"), {entity, entityId}, {}, {});
    return rows(QStringLiteral(" AND entity = ? AND entity_id = ?"), {entity, entityId}, {}, {});
}

QHash<QString, QString> ScoreHistory::latestReasons(SqlConnection &db, const QString &entity,
                                                   const QString &action)
{
    QHash<QString, QString> reasons;
    // Naming `entity <> 'score'` lets SQLite use the history's index by record (see entriesOf).
    for (const SqlRow &row : db.query(QStringLiteral("SELECT entity_id, reason FROM score_history WHERE "
                                                       "entity = ? AND action = ? AND entity <> 'score' "
                                                       "ORDER BY seq"),
                                        {entity, action}))
        reasons.insert(row.value(0).toString(), row.value(1).toString());
    return reasons;
}

QJsonArray ScoreHistory::rows(const QString &condition, QVariantList params, const QString &unit,
                              const QString &indicator)
{
    QString sql = QStringLiteral("SELECT %1 FROM score_history WHERE 1 = 1").arg(kColumns) + condition;
    if (!unit.isEmpty()) {
        sql += QStringLiteral(" AND unit_code = ?");
        params << unit;
    }
    if (!indicator.isEmpty()) {
        sql += QStringLiteral(" AND indicator_code = ?");
        params << indicator;
    }
    QJsonArray out;
    for (const SqlRow &row : m_db.query(sql + QStringLiteral(" ORDER BY seq"), params)) {
        out.append(QJsonObject{{QStringLiteral("seq"), row[Seq].toLongLong()},
                               {QStringLiteral("at"), row[At].toString()},
                               {QStringLiteral("account"), row[Account].toString()},
                               {QStringLiteral("action"), row[Action].toString()},
                               {QStringLiteral("entity"), row[Entity].toString()},
                               {QStringLiteral("entity_id"), row[EntityId].toString()},
                               {QStringLiteral("unit"), row[Unit].toString()},
                               {QStringLiteral("indicator"), row[Indicator].toString()},
                               {QStringLiteral("kind"), row[Kind].toString()},
                               {QStringLiteral("origin"), row[Origin].toString()},
                               {QStringLiteral("old"), textOrNull(row[Old])},
                               {QStringLiteral("new"), textOrNull(row[New])},
                               {QStringLiteral("reason"), row[Reason].toString()}});
    }
    return out;
}

std::optional<QString> ScoreHistory::deletedValue(const QString &unit, const QString &indicator, const QString &account,
                                                  const QString &kind)
{
    if (const auto queued = m_queuedScores.constFind(scoreKey(unit, indicator, account, kind));
        queued != m_queuedScores.constEnd())
        return queued->first == QLatin1String("delete") ? queued->second : std::nullopt;
    const auto rows = m_db.query(QStringLiteral("SELECT action, old_value FROM score_history WHERE unit_code = ? AND "
                                                "indicator_code = ? AND account = ? AND kind = ? AND entity = 'score' "
                                                "ORDER BY seq DESC LIMIT 1"),
                                 {unit, indicator, account, kind});
    if (rows.empty() || rows.front()[0].toString() != QLatin1String("delete"))
        return std::nullopt;
    return rows.front()[1].toString();
}

int ScoreHistory::sealLegacy()
{
    SqlTransaction transaction(m_db);
    m_db.execute(QStringLiteral("UPDATE score_history_head SET seq = seq WHERE id = 1"));
    const auto rows = m_db.query(QStringLiteral("SELECT %1 FROM score_history ORDER BY seq").arg(kColumns));
    // Rows before version 5 were chained by an unkeyed SHA-256 over these fields; only
    // an intact old chain is carried into the keyed one.
    QString previousLegacy(64, QLatin1Char('0'));
    QByteArray previous;
    int sealed = 0;
    for (const SqlRow &row : rows) {
        if (!row[Mac].toString().isEmpty())
            return 0; // keyed rows already follow: legacy rows were dealt with before
        if (!row[Legacy].isNull()) {
            const QStringList fields{QString::number(row[Seq].toLongLong()), row[EntityId].toString(),
                                     row[Account].toString(),  row[At].toString(),
                                     row[Old].toString(),      row[New].toString(),
                                     row[Reason].toString(),   previousLegacy};
            const QString expected = QString::fromLatin1(
                QCryptographicHash::hash(fields.join(QChar(0x1F)).toUtf8(), QCryptographicHash::Sha256).toHex());
            if (expected != row[Legacy].toString())
                return 0; // left unsealed: verify() reports the first such row
            previousLegacy = expected;
        }
        previous = rowMac(row, previous);
        m_db.execute(QStringLiteral("UPDATE score_history SET mac = ? WHERE seq = ?"),
                     {QString::fromLatin1(previous), row[Seq].toLongLong()});
        ++sealed;
    }
    if (sealed > 0) {
        writeHead(rows.back()[Seq].toLongLong(), previous);
        transaction.commit();
    }
    return sealed;
}

void sealLegacyHistory(SqlConnection &db, const QString &dataFolder)
{
    const auto unsealed = db.query(QStringLiteral("SELECT COUNT(*) FROM score_history WHERE mac = ''"));
    if (unsealed.empty() || unsealed.front()[0].toLongLong() == 0)
        return;
    ScoreHistory(db, historyKey(dataFolder)).sealLegacy();
}

} // namespace onsite::hq
