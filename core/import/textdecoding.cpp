#include "textdecoding.h"

#include <QStringDecoder>

#include <cerrno>
#include <iconv.h>

namespace onsite {

namespace {

// Qt 6.4 only converts GB18030 when built with ICU, so iconv (glibc, and bionic from
// Android API 28) does the conversion.
std::optional<QByteArray> convert(const QByteArray &input, const char *from, const char *to)
{
    iconv_t handle = iconv_open(to, from);
    if (handle == reinterpret_cast<iconv_t>(-1))
        return std::nullopt;
    QByteArray output;
    output.resize(input.size() * 4 + 16);
    char *in = const_cast<char *>(input.constData());
    size_t inLeft = static_cast<size_t>(input.size());
    char *out = output.data();
    size_t outLeft = static_cast<size_t>(output.size());
    const size_t result = iconv(handle, &in, &inLeft, &out, &outLeft);
    iconv_close(handle);
    if (result == static_cast<size_t>(-1) || inLeft != 0)
        return std::nullopt;
    output.resize(output.size() - static_cast<qsizetype>(outLeft));
    return output;
}

std::optional<QString> strictUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

} // namespace

std::optional<DecodedText> decodeSpreadsheetText(const QByteArray &bytes)
{
    static const QByteArray bom("\xEF\xBB\xBF");
    if (bytes.startsWith(bom)) {
        const auto text = strictUtf8(bytes.mid(bom.size()));
        if (!text)
            return std::nullopt;
        return DecodedText{*text, TextEncoding::Utf8WithBom};
    }
    if (const auto text = strictUtf8(bytes))
        return DecodedText{*text, TextEncoding::Utf8};
    const auto utf8 = convert(bytes, "GB18030", "UTF-8");
    if (!utf8)
        return std::nullopt;
    return DecodedText{QString::fromUtf8(*utf8), TextEncoding::Gb18030};
}

std::optional<QByteArray> encodeGb18030(const QString &text)
{
    return convert(text.toUtf8(), "UTF-8", "GB18030");
}

} // namespace onsite
