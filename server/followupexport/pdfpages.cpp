#include "pdfpages.h"

#include "export/cellsafety.h"
#include "export/exports.h"
#include "export/pagepainter.h"
#include "export/rankingchart.h"

#include <QAbstractTextDocumentLayout>
#include <QGuiApplication>

#include <mutex>

namespace onsite::exports {

namespace {

constexpr int kDpi = 300;

// Follow-up PDFs are laid out and painted one at a time, like the results report: Qt's
// font database is shared by the process.
std::mutex &paintMutex()
{
    static std::mutex mutex;
    return mutex;
}

} // namespace

QString htmlText(const QString &text)
{
    return withoutControlCharacters(text).toHtmlEscaped().replace(QLatin1Char('\n'),
                                                                  QStringLiteral("<br/>"));
}

QString htmlTableStart(int cellPadding)
{
    return QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"%1\" width=\"100%\" "
                          "style=\"border-collapse: collapse; border-color: #000000;\">")
        .arg(cellPadding);
}

QString htmlTh(const QString &text)
{
    return QStringLiteral("<th bgcolor=\"#e0e0e0\">%1</th>").arg(htmlText(text));
}

QString htmlTd(const QString &text, bool right)
{
    return QStringLiteral("<td%1>%2</td>")
        .arg(right ? QStringLiteral(" align=\"right\"") : QString(), htmlText(text));
}

PdfPages::PdfPages(const QString &title, double fontPoints) : m_lock(paintMutex())
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        throw ExportError(
            "生成 PDF 需要 QGuiApplication（onsite-hq 的 export 与 serve 命令会创建）");
    m_buffer.open(QIODevice::WriteOnly);
    m_writer = std::make_unique<QPdfWriter>(&m_buffer);
    m_writer->setResolution(kDpi);
    m_writer->setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                        QMarginsF(18, 14, 18, 12), QPageLayout::Millimeter));
    m_writer->setTitle(title);
    m_writer->setCreator(QStringLiteral("onsite-hq"));
    m_mm = kDpi / 25.4;
    const QRect page = m_writer->pageLayout().paintRectPixels(kDpi);
    m_footer = 7 * m_mm;
    m_body = QSizeF(page.width(), page.height() - m_footer);

    m_document.documentLayout()->setPaintDevice(m_writer.get());
    m_document.setDefaultFont(reportFont(fontPoints));
    m_document.setDocumentMargin(0);
    m_document.setPageSize(m_body);
    m_document.setDefaultStyleSheet(
        QStringLiteral("h1 { font-size: 17pt; } h2 { font-size: 13pt; } "
                       "h3 { font-size: 12pt; } h4 { font-size: 10.5pt; }"));
}

QByteArray PdfPages::render(const QString &footer)
{
    paintPages(*m_writer, {&m_document}, m_body, m_footer, reportFont(8), footer);
    m_buffer.close();
    return m_buffer.data();
}

} // namespace onsite::exports
