#pragma once

// The authorization matrix's fixture (authorization_matrix_test.cpp,
// authorization_followup_test.cpp): an onsite-hq with records in and out of a leader's
// scope, and the eight callers' credentials.

#include "authzmatrix.h"
#include "consolefixture.h"
#include "consolerecords.h"

#include <QJsonObject>

#include <array>
#include <functional>
#include <vector>

namespace onsite::test {

struct FollowUpFixtures; // authorization_followup_test.cpp

QByteArray compact(const QJsonObject &object);
// A mutation stamped with a clock later than every one before it in this process.
QJsonObject mutation(qint64 seq, const QString &entity, const QString &id, const QJsonObject &data);
QJsonObject scoreData(const QString &unit, const QString &indicator, const QString &account, const QString &kind,
                      const QString &input, const QString &reason);
// A push of one mutation in the caller's own name, from the caller's own device.
std::function<authz::Call(authz::Credentials &)> pushOne(const QString &entity,
                                                         std::function<QJsonObject(const authz::Credentials &)> data,
                                                         const QString &deviceOverride = {});
// A sign-in with the caller's own password (a made-up one for the made-up account).
std::function<authz::Call(authz::Credentials &)> signInAs(const QByteArray &path, bool device);
// A small JPEG of the caller's own.
QByteArray imageOf(const QString &account);

class AuthorizationMatrix : public ConsoleEndToEnd
{
protected:
    void SetUp() override
    {
        ConsoleEndToEnd::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        prepareRecords();
        prepareCallers();
    }

    // A photo, a finding and a highlight on DC (第一检查组) and on QS (第二检查组): each
    // page has something in and out of a leader's scope. Nothing is published yet.
    void prepareRecords()
    {
        auto upload = [&](const QString &account, const QByteArray &image) {
            ApiClient tablet(hq->baseUrl());
            EXPECT_EQ(tablet.login(account, HqProcess::passwordOf(account), QStringLiteral("upload")).status, 200);
            const QString sha = sha256Hex(image);
            const ApiReply put =
                tablet.put(QStringLiteral("/api/v1/photos/%1?offset=0&total=%2").arg(sha).arg(image.size()), image);
            EXPECT_EQ(put.status, 200) << put.body.toStdString();
            return sha;
        };
        const QByteArray dcImage = jpegImage(320, 240, 1);
        const QByteArray qsImage = jpegImage(320, 240, 2);
        dcPhoto = upload(QStringLiteral("g1.li"), dcImage);
        qsPhoto = upload(QStringLiteral("g2.yang"), qsImage);
        for (const auto &[account, unit, site, sha, size] :
             {std::tuple{QStringLiteral("g1.li"), QStringLiteral("DC"), QStringLiteral("DC-01"), dcPhoto, dcImage.size()},
              std::tuple{QStringLiteral("g2.yang"), QStringLiteral("QS"), QStringLiteral("QS-01"), qsPhoto, qsImage.size()}}) {
            const QString p = QStringLiteral("p-") + unit;
            pushAs(account, {recordMutation(1, QStringLiteral("photo"), p, photoData(sha, unit, account, size)),
                             recordMutation(2, QStringLiteral("finding"), QStringLiteral("f-") + unit,
                                            findingData(unit, site, account, QStringLiteral("记录不全"), {p})),
                             recordMutation(3, QStringLiteral("highlight"), QStringLiteral("h-") + unit,
                                            highlightData(unit, account, QStringLiteral("有特色")))});
        }
    }

    authz::Credentials signedIn(const QString &account, const QString &device)
    {
        authz::Credentials who{account, device};
        ApiClient tablet(hq->baseUrl());
        const ApiReply login = tablet.login(account, HqProcess::passwordOf(account), device);
        EXPECT_EQ(login.status, 200) << account.toStdString() << ": " << login.body.toStdString();
        who.token = login.json.value(QStringLiteral("token")).toString().toLatin1();
        const ConsoleClient browser = console(account);
        who.cookie = browser.cookie();
        who.csrf = browser.csrfToken().toLatin1();
        return who;
    }

    void prepareCallers()
    {
        callers[authz::Hq] = signedIn(QStringLiteral("kpb.admin"), QStringLiteral("authz-hq"));
        callers[authz::Leader] = signedIn(QStringLiteral("g1.li"), QStringLiteral("authz-leader"));
        callers[authz::Inspector] = signedIn(QStringLiteral("g1.zhang"), QStringLiteral("authz-inspector"));
        callers[authz::Liaison] = signedIn(QStringLiteral("dc.liaison"), QStringLiteral("authz-liaison"));
        callers[authz::SignedOut] = authz::Credentials{QStringLiteral("nobody.here"), QStringLiteral("authz-nobody")};
        callers[authz::Crossed] = callers[authz::Hq];

        // kpb.wang (考评办 too; the prepared data has no password for it): the tablet
        // revoked by HQ, the browser signed out.
        QString out;
        const QString wangPassword = HqProcess::passwordOf(QStringLiteral("kpb.wang"));
        ASSERT_EQ(hq->admin({QStringLiteral("set-password"), QStringLiteral("kpb.wang")}, &out, (wangPassword + u'\n').toUtf8()), 0)
            << out.toStdString();
        callers[authz::Revoked] = signedIn(QStringLiteral("kpb.wang"), QStringLiteral("authz-revoked"));
        ASSERT_EQ(hq->admin({QStringLiteral("revoke"), QStringLiteral("kpb.wang")}, &out), 0) << out.toStdString();
        ConsoleClient wang(hq->port());
        ASSERT_EQ(wang.signIn(QStringLiteral("kpb.wang"), HqProcess::passwordOf(QStringLiteral("kpb.wang"))).status, 200);
        ASSERT_EQ(wang.send("DELETE", QStringLiteral("/api/v1/hq/session")).status, 204);
        callers[authz::Revoked].cookie = wang.cookie();
        callers[authz::Revoked].csrf = wang.csrfToken().toLatin1();

        // g3.xu (leader of 第三检查组): signed in everywhere, then disabled.
        callers[authz::Disabled] = signedIn(QStringLiteral("g3.xu"), QStringLiteral("authz-disabled"));
        ASSERT_EQ(hq->admin({QStringLiteral("disable-account"), QStringLiteral("g3.xu")}, &out), 0) << out.toStdString();
    }

    std::vector<authz::Row> syncRows() const;
    std::vector<authz::Row> consoleRows() const;
    std::vector<authz::Row> followUpRows(const FollowUpFixtures &fixtures) const;

    QString dcPhoto, qsPhoto;
    std::array<authz::Credentials, authz::kCallerCount> callers;
};

} // namespace onsite::test
