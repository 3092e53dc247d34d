// A failed sync or sign-in as the inspector reads it (SyncError::headline / detail): one
// sentence saying what happened and what to do, and apart from it the technical detail
// (HTTP status, HQ's error code, HQ's own words) a support call needs.
#include "client/transport/syncerror.h"

#include <gtest/gtest.h>

namespace onsite::sync {
namespace {

TEST(SyncErrorText, KnownCodesSayWhatToDoAndKeepTheDetailApart)
{
    const SyncError expired =
        SyncError::server(401, QStringLiteral("invalid_token"), QStringLiteral("登录凭据无效，请重新登录"));
    EXPECT_EQ(expired.headline(), QStringLiteral("登录已失效，请重新登录；本机未同步的数据不会丢失"));
    EXPECT_EQ(expired.detail(), QStringLiteral("HTTP 401 · invalid_token · 登录凭据无效，请重新登录"));

    const SyncError wrong =
        SyncError::server(401, QStringLiteral("invalid_credentials"), QStringLiteral("账号或密码不正确"));
    EXPECT_EQ(wrong.headline(), QStringLiteral("账号或密码不正确，请核对后重新输入"));
    EXPECT_FALSE(wrong.headline().contains(QStringLiteral("HTTP")));
    EXPECT_TRUE(wrong.detail().contains(QStringLiteral("invalid_credentials")));

    for (const SyncError &error :
         {SyncError::server(500, QStringLiteral("internal"), QStringLiteral("服务器内部错误")),
          SyncError::server(503, QStringLiteral("busy"), QStringLiteral("服务器正在接收大量数据，请稍后重试")),
          SyncError::server(403, QStringLiteral("forbidden"), QStringLiteral("没有权限")),
          SyncError::server(507, QStringLiteral("quota_exceeded"), QStringLiteral("空间不足")),
          SyncError::server(418, {}, {})}) {
        EXPECT_FALSE(error.headline().contains(QStringLiteral("HTTP"))) << error.headline().toStdString();
        EXPECT_FALSE(error.headline().contains(QLatin1Char('_'))) << error.headline().toStdString();
        EXPECT_TRUE(error.detail().startsWith(QStringLiteral("HTTP "))) << error.detail().toStdString();
    }
    // Not a server answer (no network): the message is already for people.
    SyncError offline;
    offline.kind = SyncError::Kind::Unreachable;
    offline.message = QStringLiteral("无法连接服务器");
    EXPECT_EQ(offline.headline(), QStringLiteral("无法连接服务器"));
    EXPECT_EQ(offline.detail(), QString());
}

// HQ (or a proxy in front of it) answered without words of its own: the one table of
// sentences gives the message too, and a status it does not know still reads as an error.
TEST(SyncErrorText, AnAnswerWithoutHqsWordsTakesTheSentenceForItsCodeOrStatus)
{
    EXPECT_EQ(SyncError::server(401, QStringLiteral("invalid_token"), {}).message,
              QStringLiteral("登录已失效，请重新登录；本机未同步的数据不会丢失"));
    EXPECT_EQ(SyncError::server(502, {}, {}).message,
              QStringLiteral("总部服务器出错，稍后会自动重试；一直出现请联系考评办"));
    const SyncError odd = SyncError::server(302, {}, {});
    EXPECT_EQ(odd.headline(), QStringLiteral("总部返回了本机无法识别的答复，请联系考评办"));
    EXPECT_EQ(odd.text(), QStringLiteral("总部返回了本机无法识别的答复，请联系考评办（HTTP 302）"));
    EXPECT_EQ(odd.detail(), QStringLiteral("HTTP 302"));
}

} // namespace
} // namespace onsite::sync
