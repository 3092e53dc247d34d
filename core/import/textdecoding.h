#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace onsite {

enum class TextEncoding { Utf8WithBom, Utf8, Gb18030 };

struct DecodedText
{
    QString text;
    TextEncoding encoding = TextEncoding::Utf8;
};

// Decodes a file as Excel on Chinese Windows writes it: "CSV UTF-8" (with BOM), plain
// UTF-8, or "CSV" in the ANSI code page (GBK, read as its superset GB18030).
// Returns nullopt when the bytes are none of these.
std::optional<DecodedText> decodeSpreadsheetText(const QByteArray &bytes);

// Encodes text as GB18030 (used by tests and exports for Windows users).
std::optional<QByteArray> encodeGb18030(const QString &text);

} // namespace onsite
