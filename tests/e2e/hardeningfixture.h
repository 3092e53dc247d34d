#pragma once

#include "apiclient.h"
#include "hqprocess.h"
#include "rawhttp.h"

#include <gtest/gtest.h>

#include <memory>

namespace onsite::test {

// A real onsite-hq (SQLite) for the HTTP-layer tests, hostile and clumsy clients alike.
class HttpHardening : public ::testing::Test
{
protected:
    void SetUp() override
    {
        hq = std::make_unique<HqProcess>(Backend::Sqlite);
        hq->prepare();
        hq->start();
    }
    void TearDown() override
    {
        if (hq)
            hq->terminate();
    }

    // "Authorization: Bearer …\r\n" of a signed-in device: bodies of others are refused
    // on their header, before the reading under test.
    QByteArray authorization()
    {
        ApiClient client(hq->baseUrl());
        const ApiReply login =
            client.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")), QStringLiteral("dev-raw"));
        EXPECT_EQ(login.status, 200);
        return "Authorization: Bearer " + login.json.value(QStringLiteral("token")).toString().toLatin1() + "\r\n";
    }

    void expectEndlessChunkedPartRefused(const QByteArray &chunkedStart, const QByteArray &piece);

    int statusCode()
    {
        ApiClient client(hq->baseUrl());
        return client.get(QStringLiteral("/api/v1/status")).status;
    }

    std::unique_ptr<HqProcess> hq;
};

} // namespace onsite::test
