// gzip on the sync API (docs/API.md §Compression): pull, bootstrap and push answers are
// compressed for a client that accepts gzip; a push body may be sent gzipped; a gzip
// bomb is refused once it unpacks past the body limit, with bounded memory; an unknown
// coding is 415 and a broken stream 400.
#include "e2efixture.h"
#include "hardeningfixture.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <zlib.h>

namespace onsite::test {
namespace {

QByteArray gzip(const QByteArray &data)
{
    z_stream stream{};
    EXPECT_EQ(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    QByteArray out(static_cast<qsizetype>(deflateBound(&stream, static_cast<uLong>(data.size()))) + 32, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
    out.truncate(static_cast<qsizetype>(stream.total_out));
    deflateEnd(&stream);
    return out;
}

// `bytes` of '{' compressed without ever holding them: a few hundred KiB on the wire.
QByteArray gzipBomb(qint64 bytes)
{
    z_stream stream{};
    EXPECT_EQ(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    const QByteArray piece(1024 * 1024, '{');
    QByteArray out;
    char buffer[65536];
    for (qint64 left = bytes; left >= 0; left -= piece.size()) {
        const bool last = left < piece.size();
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(piece.constData()));
        stream.avail_in = static_cast<uInt>(last ? left : piece.size());
        do {
            stream.next_out = reinterpret_cast<Bytef *>(buffer);
            stream.avail_out = sizeof buffer;
            deflate(&stream, last ? Z_FINISH : Z_NO_FLUSH);
            out.append(buffer, static_cast<qsizetype>(sizeof buffer - stream.avail_out));
        } while (stream.avail_out == 0);
        if (last)
            break;
    }
    deflateEnd(&stream);
    return out;
}

QByteArray gunzip(const QByteArray &data)
{
    z_stream stream{};
    if (inflateInit2(&stream, 15 + 16) != Z_OK)
        return {};
    QByteArray out;
    char buffer[16384];
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = static_cast<uInt>(data.size());
    int result = Z_OK;
    while (result == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer);
        stream.avail_out = sizeof buffer;
        result = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, static_cast<qsizetype>(sizeof buffer - stream.avail_out));
    }
    inflateEnd(&stream);
    return result == Z_STREAM_END ? out : QByteArray();
}

// A raw answer split into its lower-case headers and its body.
struct RawAnswer
{
    int status = 0;
    QMap<QByteArray, QByteArray> headers;
    QByteArray body;
};

RawAnswer parse(const QByteArray &response)
{
    RawAnswer answer;
    answer.status = statusOf(response);
    const qsizetype end = response.indexOf("\r\n\r\n");
    if (end < 0)
        return answer;
    const QList<QByteArray> lines = response.left(end).split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            answer.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    answer.body = response.mid(end + 4);
    return answer;
}

QByteArray request(const QByteArray &method, const QByteArray &target, const QByteArray &headers,
                   const QByteArray &body = {})
{
    QByteArray text = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers;
    if (!body.isEmpty() || method == "POST")
        text += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return text + "\r\n" + body;
}

QByteArray bearer(const ApiReply &login)
{
    return "Authorization: Bearer " + login.json.value(QStringLiteral("token")).toString().toLatin1() + "\r\n";
}

using Compression = HqEndToEnd;

TEST_P(Compression, GzipPushIsAppliedAndPullAndBootstrapAnswerGzip)
{
    ApiClient device(hq->baseUrl());
    const ApiReply login =
        device.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")), QStringLiteral("tab-gz"));
    ASSERT_EQ(login.status, 200) << login.body.toStdString();
    const QByteArray auth = bearer(login);

    QJsonArray mutations;
    const QStringList items{QStringLiteral("1.4"), QStringLiteral("2.4")};
    for (int i = 0; i < items.size(); ++i)
        mutations.append(scoreMutation(i + 1, QStringLiteral("gz-%1").arg(i), QStringLiteral("DC"), items[i],
                                       QStringLiteral("g1.li"), QStringLiteral("好"), 5000 + i, QStringLiteral("rater"),
                                       QString(120, QChar(u'理')))); // a page above the 512 bytes worth packing
    const QByteArray json = QJsonDocument(pushBody(QStringLiteral("tab-gz"), mutations)).toJson(QJsonDocument::Compact);
    const RawAnswer pushed = parse(exchange(hq->port(), request("POST", "/api/v1/sync/push",
                                                                auth + "Content-Type: application/json\r\n"
                                                                       "Content-Encoding: gzip\r\n",
                                                                gzip(json))));
    ASSERT_EQ(pushed.status, 200) << pushed.body.toStdString();
    const QJsonObject pushAnswer = QJsonDocument::fromJson(pushed.body).object();
    EXPECT_EQ(pushAnswer.value(QStringLiteral("last_processed_seq")).toInteger(), 2) << pushed.body.toStdString();
    for (const QJsonValue &result : pushAnswer.value(QStringLiteral("results")).toArray())
        EXPECT_EQ(result.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("applied"));

    // The pull page asked for with gzip comes compressed and unpacks to the same JSON a
    // plain pull gets.
    const RawAnswer plain = parse(exchange(hq->port(), request("GET", "/api/v1/sync/pull?since=0", auth)));
    ASSERT_EQ(plain.status, 200);
    EXPECT_TRUE(plain.headers.value("content-encoding").isEmpty()) << "no gzip unless asked for";
    const RawAnswer packed =
        parse(exchange(hq->port(), request("GET", "/api/v1/sync/pull?since=0", auth + "Accept-Encoding: gzip, deflate\r\n")));
    ASSERT_EQ(packed.status, 200);
    EXPECT_EQ(packed.headers.value("content-encoding"), "gzip");
    EXPECT_TRUE(packed.headers.value("vary").contains("Accept-Encoding"));
    EXPECT_LT(packed.body.size(), plain.body.size());
    const QByteArray unpacked = gunzip(packed.body);
    const QJsonObject page = QJsonDocument::fromJson(unpacked).object();
    EXPECT_EQ(page, QJsonDocument::fromJson(plain.body).object());
    QStringList ids;
    for (const QJsonValue &change : page.value(QStringLiteral("changes")).toArray())
        ids << change.toObject().value(QStringLiteral("id")).toString();
    EXPECT_TRUE(ids.contains(QStringLiteral("gz-0")) && ids.contains(QStringLiteral("gz-1"))) << ids.join(QLatin1Char(',')).toStdString();

    // "gzip;q=0" refuses it.
    const RawAnswer refused =
        parse(exchange(hq->port(), request("GET", "/api/v1/sync/pull?since=0", auth + "Accept-Encoding: gzip;q=0\r\n")));
    EXPECT_TRUE(refused.headers.value("content-encoding").isEmpty());

    const RawAnswer bootstrap =
        parse(exchange(hq->port(), request("GET", "/api/v1/bootstrap", auth + "Accept-Encoding: gzip\r\n")));
    ASSERT_EQ(bootstrap.status, 200);
    EXPECT_EQ(bootstrap.headers.value("content-encoding"), "gzip");
    const QJsonObject setup = QJsonDocument::fromJson(gunzip(bootstrap.body)).object();
    EXPECT_EQ(setup.value(QStringLiteral("me")).toObject().value(QStringLiteral("account")).toString(), QStringLiteral("g1.li"));

    // Qt's client asks for gzip on its own and unpacks transparently.
    const ApiReply viaQt = device.get(QStringLiteral("/api/v1/sync/pull?since=0"));
    ASSERT_EQ(viaQt.status, 200);
    EXPECT_EQ(viaQt.json, page);
}

ONSITE_E2E_BACKENDS(Compression);

TEST_F(HttpHardening, GzipBombIsRefusedWithBoundedMemory)
{
    const QByteArray auth = authorization();
    const QByteArray bomb = gzipBomb(512 * kMiB); // 512 MiB of '{' in well under the 2 MiB push cap
    ASSERT_LT(bomb.size(), 2 * kMiB);
    ASSERT_EQ(statusCode(), 200);
    const qint64 before = hq->residentKiB();
    const RawAnswer answer = parse(exchange(hq->port(), request("POST", "/api/v1/sync/push",
                                                                auth + "Content-Type: application/json\r\n"
                                                                       "Content-Encoding: gzip\r\n",
                                                                bomb)));
    EXPECT_EQ(answer.status, 413) << answer.body.left(300).toStdString();
    EXPECT_EQ(QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("error")).toString(),
              QStringLiteral("body_too_large"));
    // The body limit is 8 MiB: unpacking stops there, far below the 512 MiB.
    EXPECT_LE(hq->residentKiB(), before + 32 * 1024) << "RSS grew from " << before << " KiB";
    EXPECT_EQ(statusCode(), 200);
}

TEST_F(HttpHardening, UnknownContentEncodingIs415AndBrokenGzipIs400)
{
    const QByteArray auth = authorization();
    const QByteArray json = R"({"device_id":"dev-raw","mutations":[]})";
    for (const QByteArray coding : {QByteArray("br"), QByteArray("deflate"), QByteArray("gzip, gzip")}) {
        const RawAnswer answer = parse(exchange(hq->port(), request("POST", "/api/v1/sync/push",
                                                                    auth + "Content-Encoding: " + coding + "\r\n", json)));
        EXPECT_EQ(answer.status, 415) << coding.toStdString() << ": " << answer.body.left(300).toStdString();
        EXPECT_EQ(answer.headers.value("accept-encoding"), "gzip") << "RFC 7694: what HQ takes";
        EXPECT_EQ(QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("error")).toString(),
                  QStringLiteral("unsupported_encoding"));
    }
    const QByteArray packed = gzip(json);
    for (const QByteArray &broken : {packed.left(packed.size() - 6), packed + "trailing", json}) {
        const RawAnswer answer = parse(exchange(
            hq->port(), request("POST", "/api/v1/sync/push", auth + "Content-Encoding: gzip\r\n", broken)));
        EXPECT_EQ(answer.status, 400) << answer.body.left(300).toStdString();
    }
    // Sign-in bodies are capped small before they are read: gzip would let one unpack
    // far past the cap, so none is taken there.
    const QByteArray login = R"({"account":"g1.li","password":"x","device_id":"d"})";
    const RawAnswer gzippedLogin = parse(exchange(
        hq->port(), request("POST", "/api/v1/login", "Content-Type: application/json\r\nContent-Encoding: gzip\r\n",
                            gzip(login))));
    EXPECT_EQ(gzippedLogin.status, 415) << gzippedLogin.body.left(300).toStdString();

    // The same body, whole, is taken; identity is the same as no coding.
    EXPECT_EQ(parse(exchange(hq->port(), request("POST", "/api/v1/sync/push", auth + "Content-Encoding: gzip\r\n", packed)))
                  .status,
              200);
    EXPECT_EQ(
        parse(exchange(hq->port(), request("POST", "/api/v1/sync/push", auth + "Content-Encoding: identity\r\n", json)))
            .status,
        200);
}

} // namespace
} // namespace onsite::test
