#include "phototype.h"

namespace onsite {

QString photoMimeType(const QByteArray &head)
{
    if (head.startsWith("\xFF\xD8\xFF"))
        return QStringLiteral("image/jpeg");
    if (head.startsWith("\x89PNG\r\n\x1A\n"))
        return QStringLiteral("image/png");
    if (head.size() >= 12 && head.startsWith("RIFF") && head.mid(8, 4) == "WEBP")
        return QStringLiteral("image/webp");
    // HEIF is an ISO base media file: a "ftyp" box whose major brand names the kind.
    // iPhones and many Android cameras save HEIC by default.
    if (head.size() >= 12 && head.mid(4, 4) == "ftyp") {
        const QByteArray brand = head.mid(8, 4);
        for (const char *heic : {"heic", "heix", "hevc", "hevx", "heim", "heis"}) {
            if (brand == heic)
                return QStringLiteral("image/heic");
        }
        if (brand == "mif1" || brand == "msf1" || brand == "heif")
            return QStringLiteral("image/heif");
    }
    return {};
}

} // namespace onsite
