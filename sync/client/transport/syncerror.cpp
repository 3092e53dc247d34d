#include "client/transport/syncerror.h"

#include <QCoreApplication>
#include <QStringList>

namespace onsite::sync {

QString SyncError::text() const
{
    if (kind == Kind::Server) {
        // The punctuation is Chinese (full-width), so even these go through translation.
        //: %1 is the HTTP status, %2 the server's error code (e.g. invalid_token)
        const QString detail =
            code.isEmpty()
                ? QStringLiteral("HTTP %1").arg(httpStatus)
                : QCoreApplication::translate("SyncError", "HTTP %1，%2").arg(httpStatus).arg(code);
        //: %1 is the message, %2 the HTTP status and error code
        return QCoreApplication::translate("SyncError", "%1（%2）").arg(message, detail);
    }
    return message;
}

QString SyncError::headline() const
{
    if (kind != Kind::Server)
        return message;
    const QString sentence = whatToDo(httpStatus, code);
    return sentence.isEmpty() ? message : sentence;
}

QString SyncError::detail() const
{
    if (kind != Kind::Server)
        return {};
    QStringList parts{QStringLiteral("HTTP %1").arg(httpStatus)};
    if (!code.isEmpty())
        parts << code;
    if (!message.isEmpty() && message != headline()) // not the same words twice
        parts << message;
    return parts.join(QStringLiteral(" · "));
}

QString SyncError::whatToDo(int status, const QString &code)
{
    if (code == QLatin1String("invalid_credentials"))
        return QCoreApplication::translate("SyncError", "账号或密码不正确，请核对后重新输入");
    if (code == QLatin1String("invalid_token") || (code.isEmpty() && status == 401))
        return QCoreApplication::translate("SyncError", "登录已失效，请重新登录；本机未同步的数据不会丢失");
    if (code == QLatin1String("account_disabled"))
        return QCoreApplication::translate("SyncError", "此账号已被考评办停用，请联系考评办");
    if (code == QLatin1String("protocol_too_old") || status == 426)
        return QCoreApplication::translate("SyncError", "本机的 Onsite 版本过旧，请升级后再同步；未同步的数据仍保存在本机");
    if (code == QLatin1String("forbidden") || (code.isEmpty() && status == 403))
        return QCoreApplication::translate("SyncError", "没有权限执行此操作，如有疑问请联系考评办");
    if (code == QLatin1String("too_many_attempts") || status == 429)
        return QCoreApplication::translate("SyncError", "尝试次数过多，请过几分钟再试");
    if (code == QLatin1String("busy") || status == 503)
        return QCoreApplication::translate("SyncError", "总部服务器正忙，稍后会自动重试");
    if (code == QLatin1String("quota_exceeded") || status == 507)
        return QCoreApplication::translate("SyncError", "总部的存储空间已满，照片暂时无法上传，请联系考评办");
    if (code == QLatin1String("hash_mismatch"))
        return QCoreApplication::translate("SyncError", "照片上传时校验不符，稍后会自动重新上传");
    if (code == QLatin1String("offset_mismatch"))
        return QCoreApplication::translate("SyncError", "照片上传进度与总部不一致，稍后会自动续传");
    if (code == QLatin1String("body_too_large") || status == 413)
        return QCoreApplication::translate("SyncError", "一次上传的内容过大，请联系考评办");
    if (code == QLatin1String("not_found") || (code.isEmpty() && status == 404))
        return QCoreApplication::translate("SyncError", "总部没有找到所请求的内容，请联系考评办");
    if (code == QLatin1String("bad_request") || code == QLatin1String("length_required") ||
        code == QLatin1String("unsupported_type") ||
        code == QLatin1String("unsupported_encoding") ||
        (code.isEmpty() && status >= 400 && status < 500))
        return QCoreApplication::translate("SyncError", "总部无法处理本机的请求，请升级 Onsite 或联系考评办");
    if (code == QLatin1String("internal") || status >= 500)
        return QCoreApplication::translate("SyncError", "总部服务器出错，稍后会自动重试；一直出现请联系考评办");
    return {};
}

SyncError SyncError::server(int status, const QString &code, const QString &message)
{
    SyncError error;
    error.kind = Kind::Server;
    error.httpStatus = status;
    error.code = code;
    // HQ's own words when it gave them; else what to do about its code or status.
    if (!message.isEmpty())
        error.message = message;
    else if (const QString sentence = whatToDo(status, code); !sentence.isEmpty())
        error.message = sentence;
    else
        error.message = QCoreApplication::translate("SyncError", "总部返回了本机无法识别的答复，请联系考评办");
    return error;
}

SyncError SyncError::local(const QString &message)
{
    SyncError error;
    error.kind = Kind::Local;
    error.message = message;
    return error;
}

} // namespace onsite::sync
