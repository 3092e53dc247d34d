#include "followupattachments.h"

#include "followuperror.h"

#include "hq/photostore.h"

namespace onsite::followup {

void FollowUpAttachments::attach(const QString &ownerKind, const QString &ownerId, const QString &unitCode,
                                 const QStringList &sha256s, const QString &account, const QString &dataFolder)
{
    if (sha256s.size() > 20)
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("一次最多附 20 个文件"));
    const hq::PhotoStore store(dataFolder);
    int position = 0;
    for (const QString &sha : sha256s) {
        if (!hq::PhotoStore::isSha256(sha))
            throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("附件编号“%1”不是 SHA-256").arg(sha.left(80)));
        if (!hq::PhotoStore::uploadedBy(m_db, sha, account))
            throw FollowUpError(QStringLiteral("attachment_missing"),
                                QStringLiteral("附件 %1… 尚未上传完成，请等上传结束后再提交").arg(sha.left(12)));
        const auto bytes = store.read(sha);
        QString mime = bytes ? QString::fromLatin1(hq::PhotoStore::sniffImageType(bytes->left(64))) : QString();
        if (mime.isEmpty() && bytes && bytes->startsWith("%PDF-"))
            mime = QStringLiteral("application/pdf");
        m_db.execute(QStringLiteral("INSERT INTO hq_followup_attachments (sha256, owner_kind, owner_id, unit_code, "
                                    "mime_type, name, position) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                    "ON CONFLICT (owner_kind, owner_id, sha256) DO NOTHING"),
                     {sha, ownerKind, ownerId, unitCode, mime, QString(), position++});
    }
}

std::vector<Attachment> FollowUpAttachments::of(const QString &ownerKind, const QString &ownerId)
{
    std::vector<Attachment> out;
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT sha256, mime_type, name FROM hq_followup_attachments "
                                                       "WHERE owner_kind = ? AND owner_id = ? ORDER BY position"),
                                        {ownerKind, ownerId}))
        out.push_back({row[0].toString(), row[1].toString(), row[2].toString()});
    return out;
}

QStringList FollowUpAttachments::unitsOf(const QString &sha256)
{
    QStringList units;
    for (const SqlRow &row :
         m_db.query(QStringLiteral("SELECT DISTINCT unit_code FROM hq_followup_attachments WHERE sha256 = ?"), {sha256}))
        units << row[0].toString();
    return units;
}

} // namespace onsite::followup
