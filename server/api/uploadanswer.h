#pragma once

#include "hq/photostore.h"
#include "http/httpmessage.h"

namespace onsite::hq {

// The answer to a resumable upload's state or chunk, shared by the tablets' photo
// uploads and the console's evidence uploads: {"sha256","received","complete"}, or the
// refusal with its status (409 with the state for a wrong offset, 413, 415, 422, 507).
http::Response uploadStateAnswer(const QString &sha256, const UploadState &state);
http::Response uploadChunkAnswer(const QString &sha256, const ChunkResult &result);

} // namespace onsite::hq
