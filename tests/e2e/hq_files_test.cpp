// HQ's data folder holds scores, password hashes, photos and the history key: nothing
// onsite-hq creates there may be readable by other users of the machine.
#include "hqprocess.h"

#include <QDirIterator>
#include <QFileInfo>

#include <gtest/gtest.h>

namespace onsite::test {
namespace {

TEST(HqFiles, EverythingInTheDataFolderIsPrivateToHqsUser)
{
    HqProcess hq(Backend::Sqlite);
    hq.prepare(); // init, import-campaign, set-password through the real binary
    int checked = 0;
    QDirIterator it(hq.dataFolder(), QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo entry(it.next());
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                                               QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        EXPECT_EQ(entry.permissions() & others, QFileDevice::Permissions()) << entry.filePath().toStdString();
        ++checked;
    }
    EXPECT_GT(checked, 0);
    EXPECT_TRUE(QFileInfo::exists(hq.dataFolder() + QStringLiteral("/hq.sqlite")));
}

} // namespace
} // namespace onsite::test
