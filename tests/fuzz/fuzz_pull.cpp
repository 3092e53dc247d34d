// What a device reads from HQ (or from whoever sits between them on a hotel network
// without TLS): pull pages, push answers and the bootstrap set-up. The first byte
// picks the reader, the rest is the body.

#include "fuzzcheck.h"

#include "http/httpmessage.h"
#include "protocol/bootstrap.h"
#include "protocol/protocol.h"

#include <QJsonDocument>

using namespace onsite;
using namespace onsite::protocol;

namespace {

QJsonObject reread(const QJsonObject &json)
{
    const auto again = http::parseJsonObject(QJsonDocument(json).toJson(QJsonDocument::Compact));
    FUZZ_CHECK(again.has_value());
    return *again;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const auto body = http::parseJsonObject(fuzz::bytes(data + 1, size - 1));
    if (!body)
        return 0;
    switch (data[0] % 3) {
    case 0: {
        const PullResponse page = PullResponse::fromJson(*body);
        // What the device stores of a page is what it would read again.
        const QJsonObject json = page.toJson();
        FUZZ_CHECK(fuzz::compact(PullResponse::fromJson(reread(json)).toJson()) ==
                   fuzz::compact(json));
        break;
    }
    case 1: {
        const PushResponse answer = PushResponse::fromJson(*body);
        for (const MutationResult &result : answer.results)
            FUZZ_CHECK(!statusName(result.status).isEmpty());
        const QJsonObject json = answer.toJson();
        FUZZ_CHECK(fuzz::compact(PushResponse::fromJson(reread(json)).toJson()) ==
                   fuzz::compact(json));
        break;
    }
    default: {
        QString error;
        const auto bootstrap = Bootstrap::fromJson(*body, &error);
        if (!bootstrap) {
            FUZZ_CHECK(!error.isEmpty());
            break;
        }
        const QJsonObject json = bootstrap->toJson();
        QString againError;
        const auto again = Bootstrap::fromJson(reread(json), &againError);
        FUZZ_CHECK(again.has_value());
        FUZZ_CHECK(fuzz::compact(again->toJson()) == fuzz::compact(json));
        break;
    }
    }
    return 0;
}
