#include "client/signin/signinflow.h"
#include "client/store/bootstrapapplier.h"
#include "client/store/devicestore.h"
#include "client/rules/fielderror.h"
#include "client/rules/fieldrules.h"
#include "client/store/outbox.h"
#include "client/transport/syncclient.h"
#include "client/store/syncstate.h"
#include "fieldcommandline.h"
#include "fieldcommands.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QSysInfo>

namespace onsite::field {

using namespace onsite::sync;

int guarded(const std::function<int()> &body)
{
    try {
        return body();
    } catch (const FieldError &e) {
        err(e.message());
    } catch (const std::exception &e) {
        err(QStringLiteral("本机数据出错：%1").arg(QString::fromStdString(e.what())));
    }
    return kExitFailed;
}


int runLogin(const QStringList &arguments)
{
    FieldCommandLine cl(QStringLiteral("login"), QStringLiteral("Sign in to onsite-hq and load the campaign set-up."));
    cl.addOption(QStringLiteral("server"), QStringLiteral("Server address, e.g. https://hq.example.cn:8443."),
                 QStringLiteral("URL"));
    cl.addOption(QStringLiteral("user"), QStringLiteral("Your account."), QStringLiteral("ACCOUNT"));
    cl.addOption(QStringLiteral("password"), QStringLiteral("Your password."), QStringLiteral("PW"));
    cl.addOption(QStringLiteral("ca-cert"), QStringLiteral("Extra CA certificate (PEM) to trust, for a server with its own certificate."),
                 QStringLiteral("FILE"));
    int exitCode = kExitOk;
    if (!cl.parse(arguments, exitCode) ||
        !cl.require({QStringLiteral("server"), QStringLiteral("user"), QStringLiteral("password")}, exitCode))
        return exitCode;
    const QUrl url(cl.value(QStringLiteral("server")), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty()) {
        err(QStringLiteral("服务器地址“%1”无效，应形如 https://hq.example.cn:8443").arg(cl.value(QStringLiteral("server"))));
        return kExitUsage;
    }
    const QString caFile = cl.isSet(QStringLiteral("ca-cert"))
                               ? QFileInfo(cl.value(QStringLiteral("ca-cert"))).absoluteFilePath()
                               : QString();
    return guarded([&] {
        DeviceStore store(cl.dataFolder());
        SignInFlow flow(store);
        QEventLoop loop;
        QString failure;
        QObject::connect(&flow, &SignInFlow::progress, [](double, const QString &text) { out(text); });
        QObject::connect(&flow, &SignInFlow::finished,
                         [&](const QString &error, const QString &name, const QString &detail) {
            failure = detail.isEmpty() ? error : QStringLiteral("%1（%2）").arg(error, detail);
            if (error.isEmpty())
                out(QStringLiteral("已登录：%1").arg(name));
            loop.quit();
        });
        flow.start(url, cl.value(QStringLiteral("user")), cl.value(QStringLiteral("password")),
                   QSysInfo::machineHostName(), caFile);
        loop.exec();
        if (!failure.isEmpty()) {
            err(failure);
            return kExitFailed;
        }
        return kExitOk;
    });
}

int runUnits(const QStringList &arguments)
{
    FieldCommandLine cl(QStringLiteral("units"),
                        QStringLiteral("List the units you may assess, one per line: CODE<TAB>name. "
                                       "Your home unit (回避) is noted on stderr."));
    int exitCode = kExitOk;
    if (!cl.parse(arguments, exitCode))
        return exitCode;
    return guarded([&] {
        DeviceStore store(cl.dataFolder());
        const FieldRules rules = FieldRules::load(store.db());
        const auto units = rules.unitsToAssess();
        if (units.empty())
            err(QStringLiteral("%1（%2）没有需要评分的单位").arg(rules.me().name, rules.me().account));
        for (const FieldRules::UnitChoice &choice : units) {
            if (choice.conflictOfInterest)
                err(QStringLiteral("%1\t%2\t已锁定：回避（本单位，不能评分）").arg(choice.unit->code, choice.unit->name));
            else
                out(QStringLiteral("%1\t%2").arg(choice.unit->code, choice.unit->name));
        }
        return kExitOk;
    });
}

} // namespace onsite::field
