#include "pagepainter.h"

#include "exports.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

namespace onsite::exports {

void paintPages(QPdfWriter &writer, const std::vector<QTextDocument *> &documents, const QSizeF &body,
                double footerHeight, const QFont &footerFont, const QString &footer)
{
    QPainter painter;
    if (!painter.begin(&writer))
        throw ExportError("无法开始绘制 PDF");
    int pages = 0;
    for (QTextDocument *document : documents)
        pages += document->pageCount();
    painter.setFont(footerFont);
    int pageNumber = 0;
    for (QTextDocument *document : documents) {
        const int count = document->pageCount();
        for (int p = 0; p < count; ++p, ++pageNumber) {
            if (pageNumber > 0)
                writer.newPage();
            painter.save();
            painter.translate(0, -p * body.height());
            QAbstractTextDocumentLayout::PaintContext context;
            context.clip = QRectF(0, p * body.height(), body.width(), body.height());
            context.palette.setColor(QPalette::Text, Qt::black);
            painter.setClipRect(context.clip);
            document->documentLayout()->draw(&painter, context);
            painter.restore();
            painter.setPen(Qt::black);
            painter.drawText(QRectF(0, body.height(), body.width(), footerHeight), Qt::AlignHCenter | Qt::AlignBottom,
                             QStringLiteral("%1 · 第 %2 页，共 %3 页")
                                 .arg(footer, QString::number(pageNumber + 1), QString::number(pages)));
        }
    }
    painter.end();
}

} // namespace onsite::exports
