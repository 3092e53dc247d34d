// Every JSON body the console and the sign-in endpoints read goes through
// http::parseJsonObject first; what it accepts must be an object that survives being
// written and read again, and the fields the endpoints pick must read as they do.

#include "fuzzcheck.h"

#include "http/httpmessage.h"

#include <QJsonDocument>

using namespace onsite;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const auto body = http::parseJsonObject(input);
    if (!body)
        return 0;
    const QByteArray compact = fuzz::compact(*body);
    const auto again = http::parseJsonObject(compact);
    FUZZ_CHECK(again.has_value());
    // Written again, byte for byte the same (the digest of a mutation relies on this).
    const QByteArray second = fuzz::compact(*again);
    if (fuzz::hasLeadingByteOrderMark(compact) || fuzz::hasLeadingByteOrderMark(input))
        FUZZ_CHECK(http::parseJsonObject(second).has_value());
    else
        FUZZ_CHECK(second == compact);

    // The sign-in (console and device) and publication fields, read as the endpoints do.
    for (const char *key : {"account", "password", "device_id", "device_name", "note"}) {
        const QJsonValue value = body->value(QLatin1String(key));
        const QString text = value.toString();
        FUZZ_CHECK(value.isString() || text.isEmpty());
        (void)text.trimmed().size();
    }
    return 0;
}
