#pragma once

#include "apiclient.h"
#include "hqprocess.h"

#include <QJsonArray>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace onsite::test {

// Each test gets its own onsite-hq (sample campaign, passwords set, serving).
class HqEndToEnd : public ::testing::TestWithParam<Backend>
{
protected:
    void SetUp() override;
    void TearDown() override;

    // A signed-in client for the account on a device.
    std::unique_ptr<ApiClient> signIn(const QString &account, const QString &deviceId);

    std::unique_ptr<HqProcess> hq;
};

std::string backendName(const ::testing::TestParamInfo<Backend> &info);

// A score upsert as a device sends it.
QJsonObject scoreMutation(qint64 seq, const QString &id, const QString &unit, const QString &indicator,
                          const QString &account, const QString &input, qint64 clockMs,
                          const QString &kind = QStringLiteral("rater"), const QString &reason = {});
QJsonObject pushBody(const QString &deviceId, const QJsonArray &mutations);

struct PulledChange
{
    qint64 seq;
    QString entity;
    QString id;
    QString op;
    QJsonObject data;
};

// `onsite-hq results --format json` on the process's data, and one item of one unit in it.
QJsonObject resultsOf(HqProcess &hq);
QJsonObject itemOf(const QJsonObject &results, const QString &unit, const QString &indicator);

// Pulls every page from `since`; fails the test on a non-200 answer.
std::vector<PulledChange> pullAll(ApiClient &client, qint64 since = 0, int pageSize = 500, qint64 *cursor = nullptr);

} // namespace onsite::test

#define ONSITE_E2E_BACKENDS(fixture)                                                                        \
    INSTANTIATE_TEST_SUITE_P(Backends, fixture,                                                              \
                             ::testing::Values(onsite::test::Backend::Sqlite, onsite::test::Backend::Postgres), \
                             onsite::test::backendName)
