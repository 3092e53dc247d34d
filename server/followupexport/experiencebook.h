#pragma once

#include "domain/campaignsetup.h"
#include "domain/followup.h"

#include <QByteArray>
#include <QDateTime>
#include <QTextDocument>

#include <functional>
#include <optional>
#include <vector>

namespace onsite::exports {

// The bytes of a stored file by SHA-256 (the photo store), or nothing when it is missing.
using FileReader = std::function<std::optional<QByteArray>(const QString &sha256)>;

// 典型经验汇编, an A4 PDF: the experiences given (the selected ones, 入选) grouped by unit
// in units.csv order, each with its title, unit, source, tags, text and its photos
// (images among the attachments; other files are listed by name).
class ExperienceBook
{
public:
    ExperienceBook(const CampaignSetup &setup, std::vector<Experience> experiences,
                   FileReader files, QDateTime now);

    // Needs a QGuiApplication; see exports.h about threads.
    QByteArray build() const;

private:
    // Registers the photos with `document`.
    QString experienceHtml(const Experience &experience, int number, QTextDocument &document) const;

    const CampaignSetup &m_setup;
    std::vector<Experience> m_experiences;
    FileReader m_files;
    QDateTime m_now;
};

// 一, 二, … 九十九: section numbers of Chinese documents.
QString chineseNumber(int number);

} // namespace onsite::exports
