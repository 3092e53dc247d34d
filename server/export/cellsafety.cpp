#include "cellsafety.h"

namespace onsite::exports {

QString withoutControlCharacters(const QString &text)
{
    QString clean;
    clean.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool kept = u == u'\t' || u == u'\n' || u == u'\r';
        if ((u < 0x20 || u == 0x7F || (u >= 0x80 && u < 0xA0)) && !kept)
            continue;
        clean.append(c);
    }
    return clean;
}

QString safeCellText(const QString &text)
{
    QString clean = withoutControlCharacters(text);
    static const QString triggers = QStringLiteral("=+-@\t\r");
    if (!clean.isEmpty() && triggers.contains(clean.front()))
        clean.prepend(QLatin1Char('\''));
    return clean;
}

} // namespace onsite::exports
