#include "uploadanswer.h"

#include <QJsonObject>

namespace onsite::hq {

using http::Response;

namespace {

QJsonObject stateJson(const QString &sha256, const UploadState &state)
{
    return {{QStringLiteral("sha256"), sha256},
            {QStringLiteral("received"), state.received},
            {QStringLiteral("complete"), state.complete}};
}

} // namespace

Response uploadStateAnswer(const QString &sha256, const UploadState &state)
{
    return Response::json(200, stateJson(sha256, state));
}

Response uploadChunkAnswer(const QString &sha256, const ChunkResult &result)
{
    switch (result.outcome) {
    case ChunkOutcome::Accepted:
        return Response::json(200, stateJson(sha256, result.state));
    case ChunkOutcome::OffsetMismatch: {
        QJsonObject body = stateJson(sha256, result.state);
        body.insert(QStringLiteral("error"), QStringLiteral("offset_mismatch"));
        body.insert(QStringLiteral("message"), result.message);
        return Response::json(409, body);
    }
    case ChunkOutcome::TooLarge:
        return Response::error(413, QStringLiteral("body_too_large"), result.message);
    case ChunkOutcome::UnsupportedType:
        return Response::error(415, QStringLiteral("unsupported_type"), result.message);
    case ChunkOutcome::HashMismatch:
        return Response::error(422, QStringLiteral("hash_mismatch"), result.message);
    case ChunkOutcome::QuotaExceeded:
        return Response::error(507, QStringLiteral("quota_exceeded"), result.message);
    case ChunkOutcome::BadRequest:
        break;
    }
    return Response::error(400, QStringLiteral("bad_request"), result.message);
}

} // namespace onsite::hq
