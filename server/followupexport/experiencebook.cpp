#include "experiencebook.h"

#include "followupformat.h"
#include "pdfpages.h"

#include <QBuffer>
#include <QImageReader>
#include <QTextCursor>
#include <QTextDocument>
#include <QUrl>

#include <algorithm>

namespace onsite::exports {

namespace {

// A photo at most this big on paper, and at most this many pixels on its longer side
// in the file (about 300 dpi at that size; phone photos would make the PDF huge).
constexpr double kPhotoWidthMm = 80;
constexpr double kPhotoHeightMm = 62;
constexpr int kPhotoPixels = 1000;
// An <img>'s width and height are CSS pixels (96 per inch): Qt scales them to the device.
constexpr double kCssPixelsPerMm = 96 / 25.4;

std::optional<QImage> decodePhoto(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true); // phones store portrait photos rotated, with an EXIF note
    const QSize size = reader.size();
    if (size.isValid() && std::max(size.width(), size.height()) > kPhotoPixels)
        reader.setScaledSize(size.scaled(kPhotoPixels, kPhotoPixels, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (image.isNull())
        return std::nullopt;
    if (std::max(image.width(), image.height()) > kPhotoPixels)
        image =
            image.scaled(kPhotoPixels, kPhotoPixels, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return image;
}

} // namespace

QString chineseNumber(int number)
{
    static const QString digits = QStringLiteral("零一二三四五六七八九");
    if (number < 1 || number > 99)
        return QString::number(number);
    if (number < 10)
        return digits.at(number);
    const int tens = number / 10;
    const int ones = number % 10;
    return (tens > 1 ? QString(digits.at(tens)) : QString()) + QStringLiteral("十") +
           (ones ? QString(digits.at(ones)) : QString());
}

ExperienceBook::ExperienceBook(const CampaignSetup &setup, std::vector<Experience> experiences,
                               FileReader files, QDateTime now)
    : m_setup(setup), m_experiences(std::move(experiences)), m_files(std::move(files)),
      m_now(std::move(now))
{
    std::stable_sort(m_experiences.begin(), m_experiences.end(),
                     [this](const Experience &a, const Experience &b) {
                         const int ua = unitOrder(m_setup, a.unitCode);
                         const int ub = unitOrder(m_setup, b.unitCode);
                         return ua != ub ? ua < ub : a.recordedAt < b.recordedAt;
                     });
}

QString ExperienceBook::experienceHtml(const Experience &experience, int number,
                                       QTextDocument &document) const
{
    QStringList about = {QStringLiteral("单位：%1").arg(unitName(m_setup, experience.unitCode)),
                         experience.isHighlight() ? QStringLiteral("来源：检查组发现的亮点")
                                                  : QStringLiteral("来源：单位报送")};
    if (!experience.tags.isEmpty())
        about << QStringLiteral("标签：%1").arg(experience.tags.join(QStringLiteral("、")));
    if (experience.recordedAt.isValid())
        about << QStringLiteral("记录时间：%1").arg(beijingTime(experience.recordedAt));
    QString html =
        QStringLiteral("<h4>%1. %2</h4><p><font color=\"#444444\">%3</font></p><p>%4</p>")
            .arg(QString::number(number), htmlText(experience.title),
                 htmlText(about.join(QStringLiteral(" · "))), htmlText(experience.description));

    QString photos;
    QStringList others;
    int shown = 0;
    for (const Attachment &attachment : experience.attachments) {
        const auto bytes = m_files ? m_files(attachment.sha256) : std::nullopt;
        const auto image = bytes && !attachment.mimeType.endsWith(QLatin1String("pdf"))
                               ? decodePhoto(*bytes)
                               : std::nullopt;
        if (!image) {
            const QString name = attachment.name.isEmpty()
                                     ? attachment.sha256.left(12) + QStringLiteral("…")
                                     : attachment.name;
            others << (bytes ? name : QStringLiteral("%1（文件缺失）").arg(name));
            continue;
        }
        const QUrl url(QStringLiteral("photo:%1").arg(attachment.sha256));
        document.addResource(QTextDocument::ImageResource, url, QVariant(*image));
        // As large as fits kPhotoWidthMm × kPhotoHeightMm, two side by side.
        const double scale = std::min(kPhotoWidthMm * kCssPixelsPerMm / image->width(),
                                      kPhotoHeightMm * kCssPixelsPerMm / image->height());
        photos += QStringLiteral("<img src=\"%1\" width=\"%2\" height=\"%3\"/>%4")
                      .arg(url.toString())
                      .arg(qRound(image->width() * scale))
                      .arg(qRound(image->height() * scale))
                      .arg(++shown % 2 ? QStringLiteral("&nbsp;&nbsp;") : QStringLiteral("<br/>"));
    }
    if (!photos.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(photos);
    if (!others.isEmpty())
        html += QStringLiteral("<p><small>其他附件：%1</small></p>")
                    .arg(htmlText(others.join(QStringLiteral("；"))));
    return html;
}

QByteArray ExperienceBook::build() const
{
    const QString campaign = m_setup.campaign.name;
    PdfPages pages(QStringLiteral("%1 典型经验汇编").arg(campaign), 10);
    QTextDocument &document = pages.document();

    QStringList units;
    for (const Experience &experience : m_experiences) {
        if (!units.contains(experience.unitCode))
            units << experience.unitCode;
    }
    QString html =
        QStringLiteral(
            "<h1 align=\"center\">%1</h1><h2 align=\"center\">典型经验汇编</h2>"
            "<p align=\"center\">入选典型经验 %2 篇，来自 %3 个单位 · 截至 %4（北京时间）</p>")
            .arg(htmlText(campaign), QString::number(m_experiences.size()),
                 QString::number(units.size()), beijingTime(m_now));
    if (m_experiences.empty())
        html += QStringLiteral("<p align=\"center\">暂无入选的典型经验。</p>");
    QTextCursor cursor(&document);
    cursor.insertHtml(html);
    int section = 0;
    for (const QString &unitCode : units) {
        QString unitHtml;
        int number = 0;
        for (const Experience &experience : m_experiences) {
            if (experience.unitCode == unitCode)
                unitHtml += experienceHtml(experience, ++number, document);
        }
        // A new left-aligned block: it would inherit the centred heading's alignment.
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
        cursor.insertHtml(QStringLiteral("<h3>%1、%2（%3 篇）</h3>")
                              .arg(chineseNumber(++section), htmlText(unitName(m_setup, unitCode)),
                                   QString::number(number)) +
                          unitHtml);
    }
    return pages.render(QStringLiteral("%1 · 典型经验汇编").arg(campaign));
}

} // namespace onsite::exports
