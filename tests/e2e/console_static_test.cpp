// The built web console served by onsite-hq (docs/API.md §Web console): types, caching,
// gzip, security headers, the single-page fallback, no way out of the web root, and a
// clear 503 when the console has not been built.
#include "consolefixture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <zlib.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace onsite::test {
namespace {

using ConsoleStatic = ConsoleEndToEnd;

QByteArray gunzip(const QByteArray &data)
{
    z_stream stream{};
    if (inflateInit2(&stream, 15 + 16) != Z_OK) // gzip wrapper only
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

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly)) << path.toStdString();
    file.write(bytes);
}

class Bundle
{
public:
    Bundle()
    {
        root = dir.filePath(QStringLiteral("web"));
        index = "<!doctype html><html><head><script type=\"module\" src=\"/assets/index-abc123.js\"></script>"
                "</head><body><div id=\"app\"></div></body></html>";
        script = "// console\n" + QByteArray("console.log('onsite');\n").repeated(200);
        writeFile(root + QStringLiteral("/index.html"), index);
        writeFile(root + QStringLiteral("/assets/index-abc123.js"), script);
        writeFile(root + QStringLiteral("/assets/index-def456.css"), "body{margin:0}");
        writeFile(root + QStringLiteral("/assets/logo-1a2b.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        writeFile(root + QStringLiteral("/assets/font-9z.woff2"), QByteArray(100, '\x01'));
        writeFile(dir.filePath(QStringLiteral("secret.txt")), "outside the web root");
    }
    QTemporaryDir dir;
    QString root;
    QByteArray index;
    QByteArray script;
};

void expectSecurityHeaders(const RawReply &reply, const char *what)
{
    const QByteArray csp = reply.header("content-security-policy");
    EXPECT_TRUE(csp.contains("default-src 'self'")) << what << ": " << csp.toStdString();
    EXPECT_TRUE(csp.contains("img-src 'self' data: blob:")) << what;
    EXPECT_TRUE(csp.contains("style-src 'self' 'unsafe-inline'")) << what;
    EXPECT_TRUE(csp.contains("script-src 'self'")) << what;
    EXPECT_FALSE(csp.contains("script-src 'self' 'unsafe")) << what;
    EXPECT_TRUE(csp.contains("frame-ancestors 'none'")) << what;
    EXPECT_EQ(reply.header("x-content-type-options"), "nosniff") << what;
}

TEST_P(ConsoleStatic, ServesTheBundleWithTypesCachingAndSecurityHeaders)
{
    Bundle bundle;
    hq->terminate();
    hq->start({QStringLiteral("--web-root"), bundle.root});
    const quint16 port = hq->port();

    const RawReply index = rawHttp(port, "GET", "/");
    ASSERT_EQ(index.status, 200) << index.body.toStdString();
    EXPECT_EQ(index.body, bundle.index);
    EXPECT_EQ(index.header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(index.header("cache-control"), "no-cache");
    EXPECT_FALSE(index.header("etag").isEmpty());
    expectSecurityHeaders(index, "/");

    const RawReply script = rawHttp(port, "GET", "/assets/index-abc123.js");
    ASSERT_EQ(script.status, 200);
    EXPECT_EQ(script.body, bundle.script);
    EXPECT_EQ(script.header("content-type"), "application/javascript; charset=utf-8");
    EXPECT_EQ(script.header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_TRUE(script.header("content-encoding").isEmpty()) << "no gzip unless asked for";
    expectSecurityHeaders(script, "script");
    EXPECT_EQ(rawHttp(port, "GET", "/assets/index-def456.css").header("content-type"), "text/css; charset=utf-8");
    EXPECT_EQ(rawHttp(port, "GET", "/assets/logo-1a2b.svg").header("content-type"), "image/svg+xml");
    EXPECT_EQ(rawHttp(port, "GET", "/assets/font-9z.woff2").header("content-type"), "font/woff2");

    const RawReply revalidated = rawHttp(port, "GET", "/assets/index-abc123.js", {{"If-None-Match", script.header("etag")}});
    EXPECT_EQ(revalidated.status, 304);
    EXPECT_TRUE(revalidated.body.isEmpty());
    EXPECT_EQ(rawHttp(port, "GET", "/", {{"If-None-Match", index.header("etag")}}).status, 304);
    EXPECT_EQ(rawHttp(port, "GET", "/", {{"If-None-Match", "\"something-else\""}}).status, 200);

    const RawReply gzipped = rawHttp(port, "GET", "/assets/index-abc123.js", {{"Accept-Encoding", "gzip, deflate, br"}});
    ASSERT_EQ(gzipped.status, 200);
    EXPECT_EQ(gzipped.header("content-encoding"), "gzip");
    EXPECT_TRUE(gzipped.header("vary").contains("Accept-Encoding"));
    EXPECT_TRUE(gzipped.body.startsWith("\x1f\x8b")) << "gzip magic, not a zlib stream";
    EXPECT_LT(gzipped.body.size(), bundle.script.size() / 4);
    EXPECT_EQ(gunzip(gzipped.body), bundle.script);
    EXPECT_NE(gzipped.header("etag"), script.header("etag"));
    EXPECT_TRUE(rawHttp(port, "GET", "/assets/index-abc123.js", {{"Accept-Encoding", "gzip;q=0"}})
                    .header("content-encoding").isEmpty());
}

TEST_P(ConsoleStatic, ManyFilesAskedForAtOnceAreEachServedWhole)
{
    // A page's first visit asks for several new files in the same instant: while one worker
    // adds a file to the cache (which may grow and move its entries) others serve theirs,
    // and each must still get its own bytes, never an empty answer or a 304.
    Bundle bundle;
    constexpr int kFiles = 1000;
    std::vector<QByteArray> contents;
    for (int i = 0; i < kFiles; ++i) {
        contents.push_back("// chunk " + QByteArray::number(i) + "\n" +
                           QByteArray("let x = " + QByteArray::number(i) + ";\n").repeated(40 + i % 300));
        writeFile(bundle.root + QStringLiteral("/assets/chunk-%1.js").arg(i), contents.back());
    }
    hq->terminate();
    hq->start({QStringLiteral("--web-root"), bundle.root});
    const quint16 port = hq->port();

    constexpr int kClients = 8;
    std::mutex mutex;
    std::vector<std::string> wrong;
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
        clients.emplace_back([&, c] {
            for (int n = 0; n < kFiles; ++n) {
                const int i = (n + c * 37) % kFiles; // each client in its own order
                const RawReply reply =
                    rawHttp(port, "GET", "/assets/chunk-" + QByteArray::number(i) + ".js");
                if (reply.status != 200 || reply.body != contents[std::size_t(i)]) {
                    std::lock_guard lock(mutex);
                    wrong.push_back("chunk-" + std::to_string(i) + ": HTTP " +
                                    std::to_string(reply.status) + ", " +
                                    std::to_string(reply.body.size()) + " bytes");
                }
            }
        });
    }
    for (std::thread &client : clients)
        client.join();
    EXPECT_TRUE(wrong.empty()) << wrong.size()
                               << " wrong answers, first: " << (wrong.empty() ? "" : wrong.front());
}

TEST_P(ConsoleStatic, RoutesFallBackToIndexButNothingLeavesTheWebRoot)
{
    Bundle bundle;
    hq->terminate();
    hq->start({QStringLiteral("--web-root"), bundle.root});
    const quint16 port = hq->port();

    for (const QByteArray route : {QByteArray("/results"), QByteArray("/units/DC"), QByteArray("/publish?version=2")}) {
        const RawReply page = rawHttp(port, "GET", route);
        EXPECT_EQ(page.status, 200) << route.toStdString();
        EXPECT_EQ(page.body, bundle.index) << route.toStdString();
        EXPECT_EQ(page.header("cache-control"), "no-cache") << route.toStdString();
    }
    EXPECT_EQ(rawHttp(port, "GET", "/assets/missing-000.js").status, 404);
    EXPECT_EQ(rawHttp(port, "GET", "/favicon.ico").status, 404);
    // /api stays the API's: unknown endpoints are JSON 404s, never the page.
    const RawReply api = rawHttp(port, "GET", "/api/v1/nothing-here");
    EXPECT_NE(api.body, bundle.index);
    EXPECT_EQ(rawHttp(port, "GET", "/api/v1/hq/nothing-here").status, 401);
    EXPECT_EQ(rawHttp(port, "POST", "/", {}, "x").status, 405);

    const QByteArray attempts[] = {
        "/../secret.txt",           "/assets/../../secret.txt", "/%2e%2e/secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt",    "/assets/..%5c..%5csecret.txt",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/../../../../etc/passwd", "/.hidden",
    };
    for (const QByteArray &target : attempts) {
        const RawReply reply = rawHttp(port, "GET", target);
        EXPECT_FALSE(reply.body.contains("outside the web root")) << target.toStdString();
        EXPECT_FALSE(reply.body.contains("root:x:")) << target.toStdString();
        EXPECT_TRUE(reply.status == 404 || reply.status == 400) << target.toStdString() << " → " << reply.status;
    }
    // A symbolic link inside the root that points out of it is not followed.
    ASSERT_TRUE(QFile::link(bundle.dir.filePath(QStringLiteral("secret.txt")), bundle.root + QStringLiteral("/assets/link.txt")));
    const RawReply link = rawHttp(port, "GET", "/assets/link.txt");
    EXPECT_EQ(link.status, 404);
    EXPECT_FALSE(link.body.contains("outside the web root"));
}

TEST_P(ConsoleStatic, WithoutABundleTheConsoleSaysHowToBuildIt)
{
    QTemporaryDir empty;
    hq->terminate();
    hq->start({QStringLiteral("--web-root"), empty.path()});
    for (const QByteArray path : {QByteArray("/"), QByteArray("/results")}) {
        const RawReply reply = rawHttp(hq->port(), "GET", path);
        EXPECT_EQ(reply.status, 503) << path.toStdString();
        EXPECT_EQ(reply.header("content-type"), "text/plain; charset=utf-8");
        const QString text = QString::fromUtf8(reply.body);
        EXPECT_TRUE(text.contains(QStringLiteral("控制台尚未构建"))) << text.toStdString();
        EXPECT_TRUE(text.contains(QStringLiteral("has not been built"))) << text.toStdString();
        EXPECT_TRUE(text.contains(QStringLiteral("--web-root"))) << text.toStdString();
        expectSecurityHeaders(reply, "503");
    }
    EXPECT_TRUE(hq->serverOutput().contains(QStringLiteral("未找到网页控制台"))) << hq->serverOutput().toStdString();
    // The API still works without the page.
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/campaign")).status, 200);
}

ONSITE_E2E_BACKENDS(ConsoleStatic);

} // namespace
} // namespace onsite::test
