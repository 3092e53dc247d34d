#pragma once

#include "store/sqlconnection.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QString>

#include <optional>

namespace onsite::followup {

// One step of the follow-up loop, as a row of the keyed history chain (hq/scorehistory.h)
// that also holds every score change: one tamper-evident trail, one `verify-history`.
struct FollowUpStep
{
    QString entity;   // "rectification", "experience", "innovation", "demo_site", "recheck"
    QString entityId;
    QString unitCode;
    QString action;   // release, add, import, merge, plan, report, submit, close, return, deadline, …
    QString account;
    QDateTime at;
    std::optional<QString> oldValue; // a state key or a date
    std::optional<QString> newValue;
    QString reason;   // the reason or text of the step
};

class FollowUpHistory
{
public:
    FollowUpHistory(SqlConnection &db, QByteArray key) : m_db(db), m_key(std::move(key)) {}

    // Inside the caller's transaction.
    void append(const FollowUpStep &step);
    // [{"seq","at","account","action","old","new","reason"}], oldest first.
    QJsonArray entries(const QString &entity, const QString &entityId);
    // The reason (text) of each record's latest `action` step, by record id.
    QHash<QString, QString> latestReasons(const QString &entity, const QString &action);

private:
    SqlConnection &m_db;
    QByteArray m_key;
};

} // namespace onsite::followup
