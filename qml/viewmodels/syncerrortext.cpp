#include "syncerrortext.h"

#include <QRegularExpression>

namespace onsite::app {

SyncErrorText SyncErrorText::from(const QString &line)
{
    // Chinese or English punctuation: the engine's line goes through translation.
    static const QRegularExpression technical(
        QStringLiteral("\\s*[（(]HTTP (\\d{3})(?:[，,]\\s*([a-z_]+))?[）)]\\s*$"));
    const QRegularExpressionMatch match = technical.match(line);
    if (!match.hasMatch())
        return {line, {}};
    const int status = match.captured(1).toInt();
    const QString code = match.captured(2);
    QString said = line.left(match.capturedStart()).trimmed();
    QString prefix;
    // "登录失败：…" and "同步失败：…" keep what failed; the server's words go to the detail.
    const qsizetype colon = said.indexOf(QStringLiteral("："));
    if (colon >= 0) {
        prefix = said.left(colon + 1);
        said = said.mid(colon + 1);
    }
    QStringList detail{QStringLiteral("HTTP %1").arg(status)};
    if (!code.isEmpty())
        detail << code;
    if (!said.isEmpty())
        detail << said;
    const QString sentence = sentenceFor(status, code);
    return {sentence.isEmpty() ? line.left(match.capturedStart()).trimmed() : prefix + sentence,
            detail.join(QStringLiteral(" · "))};
}

QString SyncErrorText::sentenceFor(int status, const QString &code)
{
    if (code == QLatin1String("invalid_credentials"))
        return tr("账号或密码不正确，请核对后重新输入");
    if (code == QLatin1String("invalid_token") || (code.isEmpty() && status == 401))
        return tr("登录已失效，请重新登录；本机未同步的数据不会丢失");
    if (code == QLatin1String("account_disabled"))
        return tr("此账号已被考评办停用，请联系考评办");
    if (code == QLatin1String("protocol_too_old") || status == 426)
        return tr("本机的 Onsite 版本过旧，请升级后再同步；未同步的数据仍保存在本机");
    if (code == QLatin1String("forbidden") || (code.isEmpty() && status == 403))
        return tr("没有权限执行此操作，如有疑问请联系考评办");
    if (code == QLatin1String("too_many_attempts") || status == 429)
        return tr("尝试次数过多，请过几分钟再试");
    if (code == QLatin1String("busy") || status == 503)
        return tr("总部服务器正忙，稍后会自动重试");
    if (code == QLatin1String("quota_exceeded") || status == 507)
        return tr("总部的存储空间已满，照片暂时无法上传，请联系考评办");
    if (code == QLatin1String("hash_mismatch"))
        return tr("照片上传时校验不符，稍后会自动重新上传");
    if (code == QLatin1String("offset_mismatch"))
        return tr("照片上传进度与总部不一致，稍后会自动续传");
    if (code == QLatin1String("body_too_large") || status == 413)
        return tr("一次上传的内容过大，请联系考评办");
    if (code == QLatin1String("not_found") || (code.isEmpty() && status == 404))
        return tr("总部没有找到所请求的内容，请联系考评办");
    if (code == QLatin1String("bad_request") || code == QLatin1String("length_required") ||
        code == QLatin1String("unsupported_type") ||
        code == QLatin1String("unsupported_encoding") ||
        (code.isEmpty() && status >= 400 && status < 500))
        return tr("总部无法处理本机的请求，请升级 Onsite 或联系考评办");
    if (code == QLatin1String("internal") || status >= 500)
        return tr("总部服务器出错，稍后会自动重试；一直出现请联系考评办");
    return {};
}

} // namespace onsite::app
