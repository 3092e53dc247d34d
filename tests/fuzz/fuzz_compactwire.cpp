// POST /api/v2/sync/push and the compact pull as HQ and the device read them
// (protocol/compactwire.h): expanding any text neither crashes nor loops, what it gives is
// JSON exactly when the input was, and the compact form of any JSON comes back whole.

#include "fuzzcheck.h"

#include "protocol/compactwire.h"

#include <QJsonDocument>

using namespace onsite;
using protocol::compact::compactJson;
using protocol::compact::expandJson;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const auto expanded = expandJson(input);
    if (!expanded) {
        FUZZ_CHECK(compactJson(input).isEmpty()); // one reader of JSON text for both directions
        return 0;
    }
    // Time and clock keys aside (a number there is the compact form's own way to write
    // a time, so it comes back as text), compacting the expansion and expanding again
    // gives the expansion: a device and HQ never read a body two ways.
    auto hasTimeKeys = [](const QByteArray &json) {
        return json.contains("_at\"") || json.contains("\"hlc\"");
    };
    const QByteArray again = compactJson(*expanded);
    FUZZ_CHECK(!again.isEmpty());
    if (!hasTimeKeys(*expanded))
        FUZZ_CHECK(expandJson(again) == expanded);
    // JSON Qt reads comes back byte for byte as Qt writes it.
    const QJsonDocument document = QJsonDocument::fromJson(input);
    if (document.isObject()) {
        const QByteArray plain = document.toJson(QJsonDocument::Compact);
        if (!hasTimeKeys(plain))
            FUZZ_CHECK(expandJson(compactJson(plain)) == plain);
    }
    return 0;
}
