// A device's hybrid logical clock stamp decides conflicts at HQ, so only the exact form
// "<13 digits>-<5 digits>" may pass, and it must mean what it says.

#include "fuzzcheck.h"

#include "protocol/protocol.h"

using namespace onsite;

namespace {

// The stamp's form, checked independently of the product's regular expression.
bool isStampForm(const QString &text)
{
    if (text.size() != 19 || text.at(13) != QLatin1Char('-'))
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (i != 13 && (text.at(i) < QLatin1Char('0') || text.at(i) > QLatin1Char('9')))
            return false;
    }
    return true;
}

QString format(const protocol::HlcStamp &stamp)
{
    return QStringLiteral("%1-%2")
        .arg(stamp.milliseconds, 13, 10, QLatin1Char('0'))
        .arg(stamp.counter, 5, 10, QLatin1Char('0'));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    // Stamps arrive in JSON strings, i.e. as UTF-8 text; Latin-1 reaches odd code units too.
    for (const QString &text : {QString::fromUtf8(input), QString::fromLatin1(input)}) {
        const auto stamp = protocol::parseHlc(text);
        FUZZ_CHECK(stamp.has_value() == isStampForm(text));
        if (!stamp)
            continue;
        FUZZ_CHECK(stamp->milliseconds >= 0 && stamp->milliseconds <= 9999999999999LL);
        FUZZ_CHECK(stamp->counter >= 0 && stamp->counter <= 99999);
        FUZZ_CHECK(format(*stamp) == text); // an accepted stamp re-serialises to itself
    }
    // Text order is clock order for two accepted stamps (what recordwriter relies on).
    const qsizetype half = input.size() / 2;
    const auto a = protocol::parseHlc(QString::fromUtf8(input.left(half)));
    const auto b = protocol::parseHlc(QString::fromUtf8(input.mid(half)));
    if (a && b) {
        const bool textLess =
            QString::fromUtf8(input.left(half)) < QString::fromUtf8(input.mid(half));
        const bool clockLess = a->milliseconds < b->milliseconds ||
                               (a->milliseconds == b->milliseconds && a->counter < b->counter);
        FUZZ_CHECK(textLess == clockLess);
    }
    return 0;
}
