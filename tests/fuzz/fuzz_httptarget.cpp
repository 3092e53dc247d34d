// The request target and cookies of every HTTP request, before any sign-in: the path
// and query HQ routes by, and the console's session cookie.

#include "fuzzcheck.h"

#include "console/consolehttp.h"
#include "http/httpmessage.h"

#include <QUrl>

using namespace onsite;

namespace {

QByteArray encode(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    http::Request request;
    http::applyTarget(request, input);
    const qsizetype question = input.indexOf('?');
    FUZZ_CHECK(question >= 0 || request.query.isEmpty());

    // The decoded query, encoded again, decodes to itself.
    QByteArray query;
    for (auto it = request.query.cbegin(); it != request.query.cend(); ++it) {
        if (!query.isEmpty())
            query += '&';
        query += encode(it.key()) + '=' + encode(it.value());
    }
    const auto again = http::parseQuery(query);
    FUZZ_CHECK(again == request.query);

    // The same for the path.
    http::Request twice;
    http::applyTarget(twice, encode(request.path));
    FUZZ_CHECK(twice.path == request.path && twice.query.isEmpty());

    // The console's cookie reader: a value never runs across a ';'.
    http::Request withCookie;
    withCookie.headers.insert("cookie", input);
    const QString session = console::cookieValue(withCookie, "onsite_session");
    FUZZ_CHECK(!session.contains(QLatin1Char(';')));
    if (!session.isEmpty())
        FUZZ_CHECK(input.contains("onsite_session="));
    return 0;
}
