#pragma once

#include "csvtable.h"
#include "domain/campaignsetup.h"
#include "domain/scoreentry.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>

#include <memory>
#include <vector>

namespace onsite {

// Reads scores-paper.csv (补录: scores written on paper and typed in at HQ).
// Columns 账号,单位编码,指标编号,类型,评分输入,说明; 类型 is 评分 or 核定.
// The whole file is rejected, naming the line, if any row is invalid.
class PaperScoreImporter
{
public:
    // `existing`: scores already recorded; a line repeating one is rejected.
    PaperScoreImporter(const CampaignSetup &setup, const std::vector<ScoreEntry> &existing);
    explicit PaperScoreImporter(const CampaignSetup &setup);

    // Marks one recorded score (account, unit, item, kind), e.g. as HQ's store is read
    // row by row; codes the set-up does not know are ignored (no line can name them).
    void addExisting(const QString &account, const QString &unitCode, const QString &indicatorCode, ScoreKind kind);

    // The checked entries of a file, a chunk at a time: the file is decoded whole, but
    // rows are parsed and checked only as they are asked for. The first bad line throws
    // ImportException (entries handed out before it must then be dropped by the caller:
    // `onsite-hq import-scores` writes them in one transaction it rolls back).
    class Stream
    {
    public:
        Stream(const PaperScoreImporter &importer, QByteArray bytes, const QString &fileName);
        // Up to `count` entries and the file line of each; empty at the end of the file.
        std::vector<ScoreEntry> next(std::size_t count, std::vector<int> *lines = nullptr);

    private:
        ScoreEntry read(const CsvRow &row);

        const PaperScoreImporter &m_importer;
        std::unique_ptr<CsvStream> m_csv;
        QHash<quint64, int> m_seen; // entry key -> line (0: already recorded)
        QDateTime m_now;
    };
    Stream stream(QByteArray bytes, const QString &fileName) const { return Stream(*this, std::move(bytes), fileName); }
    Stream streamFile(const QString &path) const;

    // The whole file at once. `lines`, if given, receives the file line of each entry.
    std::vector<ScoreEntry> importFile(const QString &path, std::vector<int> *lines = nullptr) const;
    std::vector<ScoreEntry> importBytes(const QByteArray &bytes, const QString &fileName,
                                        std::vector<int> *lines = nullptr) const;

private:
    // One number per (account, unit, item, kind) of the set-up; -1 for unknown codes.
    qint64 key(const QString &account, const QString &unitCode, const QString &indicatorCode, ScoreKind kind) const;

    const CampaignSetup &m_setup;
    QHash<QString, int> m_people;
    QHash<QString, int> m_units;
    QHash<QString, int> m_indicators;
    QHash<quint64, int> m_existing; // keys of recorded scores, line 0
};

} // namespace onsite
