#pragma once

#include "domain/campaignsetup.h"
#include "domain/scoreentry.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace onsite {

// Reads scores-paper.csv (补录: scores written on paper and typed in at HQ).
// Columns 账号,单位编码,指标编号,类型,评分输入,说明; 类型 is 评分 or 核定.
// The whole file is rejected, naming the line, if any row is invalid.
class PaperScoreImporter
{
public:
    PaperScoreImporter(const CampaignSetup &setup, const std::vector<ScoreEntry> &existing)
        : m_setup(setup), m_existing(existing)
    {
    }

    // `lines`, if given, receives the file line of each entry, for messages about it.
    std::vector<ScoreEntry> importFile(const QString &path, std::vector<int> *lines = nullptr) const;
    std::vector<ScoreEntry> importBytes(const QByteArray &bytes, const QString &fileName,
                                        std::vector<int> *lines = nullptr) const;

private:
    const CampaignSetup &m_setup;
    const std::vector<ScoreEntry> &m_existing; // already recorded: a repeat is rejected
};

} // namespace onsite
