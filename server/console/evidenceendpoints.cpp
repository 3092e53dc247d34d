#include "evidenceendpoints.h"

#include "consolehttp.h"

#include "api/uploadanswer.h"
#include "followup/demosites.h"
#include "followup/followupattachments.h"

#include <QRegularExpression>

namespace onsite::console {

using http::Response;

namespace {

hq::PhotoLimits evidenceLimits()
{
    hq::PhotoLimits limits;
    limits.acceptPdf = true;
    return limits;
}

constexpr qint64 kMaxChunk = 1024 * 1024;

} // namespace

EvidenceEndpoints::EvidenceEndpoints(QString dataFolder, PhotoEndpoint &content)
    : m_dataFolder(dataFolder), m_content(content),
      m_store(std::move(dataFolder), evidenceLimits())
{
}

std::optional<Response> EvidenceEndpoints::handle(SqlConnection &db, FollowUpCall &call, const QString &path)
{
    static const QRegularExpression uploadPath(QStringLiteral("^followup/uploads/([^/]+)$"));
    static const QRegularExpression filePath(QStringLiteral("^followup/files/([^/]+)$"));
    if (const auto match = uploadPath.match(path); match.hasMatch())
        return upload(db, call, match.captured(1));
    if (const auto match = filePath.match(path); match.hasMatch()) {
        if (call.request.method != QLatin1String("GET"))
            return methodNotAllowed(QStringLiteral("GET"));
        return file(db, call, match.captured(1));
    }
    return std::nullopt;
}

Response EvidenceEndpoints::upload(SqlConnection &db, FollowUpCall &call, const QString &sha256)
{
    // Those who attach files: HQ (demo sites) and liaisons (reports, experiences).
    const Role role = call.caller.person().role;
    if (role != Role::Hq && role != Role::Liaison)
        return forbidden(QStringLiteral("只有考评办和联络员可以上传整改佐证"));
    if (!hq::PhotoStore::isSha256(sha256))
        return badRequest(QStringLiteral("文件编号应为 64 位小写十六进制 SHA-256"));
    if (call.request.method == QLatin1String("GET"))
        return hq::uploadStateAnswer(sha256, m_store.state(db, sha256, call.account()));
    if (call.request.method != QLatin1String("PUT"))
        return methodNotAllowed(QStringLiteral("GET, PUT"));
    bool offsetOk = false, totalOk = false;
    const qint64 offset = call.request.query.value(QStringLiteral("offset")).toLongLong(&offsetOk);
    const qint64 total = call.request.query.value(QStringLiteral("total")).toLongLong(&totalOk);
    if (!offsetOk || !totalOk || offset < 0 || total <= 0)
        return badRequest(QStringLiteral("需要 offset 和 total（字节数）"));
    if (call.request.body.size() > kMaxChunk)
        return Response::error(413, QStringLiteral("body_too_large"), QStringLiteral("每块最多 1 MiB，请分块上传"));
    if (offset == 0)
        m_store.removeAbandoned(db, call.now); // a new upload sweeps the forgotten ones
    return hq::uploadChunkAnswer(sha256, m_store.putChunk(db, sha256, call.account(), offset, total, call.request.body));
}

Response EvidenceEndpoints::file(SqlConnection &db, FollowUpCall &call, const QString &sha256)
{
    if (!hq::PhotoStore::isSha256(sha256))
        return badRequest(QStringLiteral("文件编号应为 64 位小写十六进制 SHA-256"));
    const QStringList mine = call.units();
    bool visible = false;
    for (const QString &unit : followup::FollowUpAttachments(db).unitsOf(sha256))
        visible = visible || (mine.contains(unit) && call.policy.check(FollowUpAction::ReadItems, unit) == FollowUpRefusal::None);
    if (!visible && call.policy.check(FollowUpAction::ReadDemoSites, QString()) == FollowUpRefusal::None) {
        // A demo site's field photos, shown on its page to those who see the site's unit.
        for (const followup::DemoSiteView &view : followup::DemoSites(db, call.setup(), {}, m_dataFolder).list(mine))
            visible = visible || view.photoShas.contains(sha256);
    }
    return m_content.serveContent(call.request, sha256, visible);
}

} // namespace onsite::console
