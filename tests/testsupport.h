#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QTemporaryDir>

namespace onsite::test {

// Folder of the sample campaign in shared/fixtures.
QString sampleCampaignDir();
QString samplePath(const QString &fileName);
QByteArray readFile(const QString &path);

// The six campaign files of the sample, keyed by file name, as saved there.
QMap<QString, QByteArray> sampleCampaignFiles();

// Replaces line `line` (1-based, header is line 1) of a CRLF CSV with `text`.
QByteArray replaceLine(const QByteArray &csv, int line, const QByteArray &text);
// Appends a CRLF-terminated line.
QByteArray appendLine(const QByteArray &csv, const QByteArray &text);

// pdftotext's text of a PDF (pages end with a form feed); empty when it cannot be run.
QString pdfToText(const QByteArray &pdf);

} // namespace onsite::test
