#pragma once

#include "appundertest.h"
#include "e2e/hqprocess.h"
#include "uidriver.h"

#include <gtest/gtest.h>

#include <memory>

namespace onsite::test {

// The app's screens against a real onsite-hq on loopback (SQLite): HQ started, the app
// composed and shown, a driver for its items. A QML binding or type error in any screen
// walked through fails the test even if the flow still went through.
class AppFixture : public ::testing::Test
{
protected:
    void SetUp() override
    {
        hq = std::make_unique<HqProcess>(Backend::Sqlite);
        hq->prepare();
        hq->start();
        app = std::make_unique<AppUnderTest>();
        ASSERT_NE(app->window(), nullptr) << app->qmlErrors().join(QLatin1Char('\n')).toStdString();
        ui = std::make_unique<UiDriver>(app->window());
        ASSERT_TRUE(ui->ready());
    }

    void TearDown() override
    {
        if (app) {
            EXPECT_TRUE(app->qmlErrors().isEmpty()) << app->qmlErrors().join(QLatin1Char('\n')).toStdString();
        }
        ui.reset();
        app.reset();
        if (hq)
            hq->terminate();
    }

    QObject *visit() const { return ui->object(QStringLiteral("visitModel")); }
    QObject *syncStatus() const { return ui->object(QStringLiteral("syncStatus")); }

    std::unique_ptr<HqProcess> hq;
    std::unique_ptr<AppUnderTest> app;
    std::unique_ptr<UiDriver> ui;
};

} // namespace onsite::test
