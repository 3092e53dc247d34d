// HQ's data folder holds scores, password hashes, photos and the history key: nothing
// onsite-hq creates there may be readable by other users of the machine.
#include "hqprocess.h"

#include <QDirIterator>
#include <QFile>
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

TEST(HqFiles, ServeStartsAgainWithGlibcsHugePagesAskedForAndKeepsItsArguments)
{
    // restartWithHugePages: the same process (pid) runs again with the tunable set, once,
    // and with the arguments it was given (it serves the folder on the port it was told).
    HqProcess hq(Backend::Sqlite);
    hq.prepare();
    hq.start();
    ASSERT_TRUE(hq.running());
    QFile environ(QStringLiteral("/proc/%1/environ").arg(hq.pid()));
    ASSERT_TRUE(environ.open(QIODevice::ReadOnly));
    const QList<QByteArray> variables = environ.readAll().split('\0');
    EXPECT_EQ(variables.count("GLIBC_TUNABLES=glibc.malloc.hugetlb=1"), 1) << environ.fileName().toStdString();
    QFile command(QStringLiteral("/proc/%1/cmdline").arg(hq.pid()));
    ASSERT_TRUE(command.open(QIODevice::ReadOnly));
    EXPECT_TRUE(command.readAll().split('\0').contains("serve"));
    // Started again by its own file name, so ps, journald and pkill still call it onsite-hq.
    QFile name(QStringLiteral("/proc/%1/comm").arg(hq.pid()));
    ASSERT_TRUE(name.open(QIODevice::ReadOnly));
    EXPECT_EQ(name.readAll().trimmed(), QByteArray("onsite-hq"));
}

} // namespace
} // namespace onsite::test
