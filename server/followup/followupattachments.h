#pragma once

#include "domain/followup.h"
#include "store/sqlconnection.h"

#include <QStringList>

#include <vector>

namespace onsite::followup {

// Files attached to follow-up records (hq_followup_attachments): a progress report, a
// submitted experience or a demo site. Their content is stored by hq/photostore.h like
// the tablets' photos; a file is shown only to those who may see its owner's unit.
class FollowUpAttachments
{
public:
    static inline const QString kReport = QStringLiteral("report");
    static inline const QString kExperience = QStringLiteral("experience");
    static inline const QString kDemoSite = QStringLiteral("demo_site");

    explicit FollowUpAttachments(SqlConnection &db) : m_db(db) {}

    // Inside the caller's transaction. Every file must be complete and uploaded by
    // `account` (throws FollowUpError "attachment_missing" naming the first that is not).
    void attach(const QString &ownerKind, const QString &ownerId, const QString &unitCode,
                const QStringList &sha256s, const QString &account, const QString &dataFolder);
    std::vector<Attachment> of(const QString &ownerKind, const QString &ownerId);
    // The units of the records a file is attached to.
    QStringList unitsOf(const QString &sha256);

private:
    SqlConnection &m_db;
};

} // namespace onsite::followup
