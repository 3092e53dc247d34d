#pragma once

#include <QFont>
#include <QSizeF>
#include <QString>

#include <vector>

class QPdfWriter;
class QTextDocument;

namespace onsite::exports {

// Paints the pages of `documents` one after another on `writer` (laid out on it, pages of
// `body` size), each page with "`footer` · 第 n 页，共 m 页" in `footerHeight` under its
// body, numbered across all the documents. The results report and the follow-up PDFs
// share it. Throws ExportError when the writer cannot be painted on.
void paintPages(QPdfWriter &writer, const std::vector<QTextDocument *> &documents, const QSizeF &body,
                double footerHeight, const QFont &footerFont, const QString &footer);

} // namespace onsite::exports
