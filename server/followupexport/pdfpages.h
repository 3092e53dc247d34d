#pragma once

#include <QBuffer>
#include <QByteArray>
#include <QPdfWriter>
#include <QString>
#include <QTextDocument>

#include <memory>
#include <mutex>

namespace onsite::exports {

// An A4 PDF laid out by a QTextDocument (CJK fonts embedded as subsets by QPdfWriter, as
// in resultsreport.h) and painted page by page with a footer line and page numbers.
// Needs a QGuiApplication (throws ExportError without one). One is laid out and painted
// at a time in the process (Qt's font database is shared): hold one only while building.
class PdfPages
{
public:
    PdfPages(const QString &title, double fontPoints);

    QTextDocument &document() { return m_document; }
    double mm() const { return m_mm; }
    double bodyWidth() const { return m_body.width(); }
    int pageCount() { return m_document.pageCount(); }
    // Paints every page; `footer` is followed by "第 n 页，共 m 页".
    QByteArray render(const QString &footer);

private:
    std::unique_lock<std::mutex> m_lock;
    QBuffer m_buffer;
    std::unique_ptr<QPdfWriter> m_writer;
    QTextDocument m_document;
    double m_mm = 0;
    QSizeF m_body;
    double m_footer = 0;
};

// Text from people for the HTML of a PDF: control characters removed, escaped, line
// breaks kept.
QString htmlText(const QString &text);
QString htmlTableStart(int cellPadding = 3);
QString htmlTh(const QString &text);
QString htmlTd(const QString &text, bool right = false);

} // namespace onsite::exports
