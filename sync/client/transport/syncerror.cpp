#include "client/transport/syncerror.h"

#include <QCoreApplication>

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

SyncError SyncError::server(int status, const QString &code, const QString &message)
{
    SyncError error;
    error.kind = Kind::Server;
    error.httpStatus = status;
    error.code = code;
    error.message = message.isEmpty() ? messageForStatus(status, code) : message;
    return error;
}

SyncError SyncError::local(const QString &message)
{
    SyncError error;
    error.kind = Kind::Local;
    error.message = message;
    return error;
}

QString SyncError::messageForStatus(int status, const QString &code)
{
    if (code == QLatin1String("invalid_credentials"))
        return QCoreApplication::translate("SyncError", "账号或密码错误");
    if (code == QLatin1String("invalid_token"))
        return QCoreApplication::translate("SyncError", "登录已失效，请重新登录");
    if (code == QLatin1String("protocol_too_old") || status == 426)
        return QCoreApplication::translate(
            "SyncError", "本机的 Onsite 版本过旧，请先升级；未同步的数据仍保存在本机");
    switch (status) {
    case 400:
        return QCoreApplication::translate("SyncError", "服务器无法理解本机的请求");
    case 401:
        return QCoreApplication::translate("SyncError", "需要重新登录");
    case 403:
        return QCoreApplication::translate("SyncError", "没有权限执行此操作");
    case 404:
        return QCoreApplication::translate("SyncError", "服务器上没有找到所请求的内容");
    case 409:
        return QCoreApplication::translate("SyncError", "上传位置与服务器记录不一致");
    case 413:
        return QCoreApplication::translate("SyncError", "上传的内容过大");
    case 415:
        return QCoreApplication::translate("SyncError", "服务器不接受这种文件类型");
    case 422:
        return QCoreApplication::translate("SyncError", "照片内容校验失败（哈希不符）");
    case 429:
        return QCoreApplication::translate("SyncError", "尝试次数过多，请稍后再试");
    default:
        break;
    }
    if (status >= 500)
        return QCoreApplication::translate("SyncError", "服务器内部错误，请稍后再试");
    return QCoreApplication::translate("SyncError", "服务器返回了错误（HTTP %1）").arg(status);
}

} // namespace onsite::sync
