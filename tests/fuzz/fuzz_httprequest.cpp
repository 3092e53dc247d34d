// Raw bytes on an HQ connection, read as HttpSession reads them: Beast 1.74's parser
// with the session's limits (16 KiB header, a 64 KiB read buffer that also bounds chunk
// lines and trailers, the body limit), pipelined requests on one connection, and the
// Request the handlers see. The socket is replaced by a stream that hands the bytes
// out in pieces whose size the first input byte chooses.

#include "fuzzcheck.h"

#include "http/httpmessage.h"

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <limits>

using namespace onsite;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

constexpr std::size_t kMaxReadBuffer = 64 * 1024; // HttpSession::kMaxReadBuffer
constexpr std::size_t kHeaderLimit = 16 * 1024;
constexpr std::uint64_t kMaxBody = 256 * 1024; // ServerOptions::maxBodyBytes, smaller

class PieceStream
{
public:
    using executor_type = boost::asio::any_io_executor;

    PieceStream(const uint8_t *data, std::size_t size, std::size_t piece)
        : m_data(data), m_size(size), m_piece(piece)
    {
    }

    template <class Buffers> std::size_t read_some(const Buffers &buffers)
    {
        beast::error_code ec;
        const std::size_t n = read_some(buffers, ec);
        if (ec)
            throw beast::system_error(ec);
        return n;
    }

    template <class Buffers> std::size_t read_some(const Buffers &buffers, beast::error_code &ec)
    {
        ec = {};
        if (m_pos >= m_size) {
            ec = boost::asio::error::eof;
            return 0;
        }
        const std::size_t n = boost::asio::buffer_copy(
            buffers, boost::asio::buffer(m_data + m_pos, std::min(m_piece, m_size - m_pos)));
        m_pos += n;
        return n;
    }

private:
    const uint8_t *m_data;
    std::size_t m_size;
    std::size_t m_piece;
    std::size_t m_pos = 0;
};

// HttpSession's fromHeader: the Request a screen or handler sees.
http::Request toRequest(const bhttp::request_header<> &header)
{
    http::Request request;
    request.method = QString::fromStdString(std::string(header.method_string()));
    http::applyTarget(request, QByteArray(header.target().data(),
                                          static_cast<qsizetype>(header.target().size())));
    for (const auto &field : header) {
        request.headers.insert(
            QByteArray::fromStdString(std::string(field.name_string())).toLower(),
            QByteArray::fromStdString(std::string(field.value())));
    }
    return request;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const std::size_t pieces[] = {1, 2, 3, 7, 64, 512, 4096, 1 << 20};
    PieceStream stream(data + 1, size - 1, pieces[data[0] % 8]);
    beast::flat_buffer buffer{kMaxReadBuffer};

    for (int requests = 0; requests < 8; ++requests) {
        bhttp::request_parser<bhttp::empty_body> headerParser;
        headerParser.header_limit(kHeaderLimit);
        headerParser.body_limit(std::numeric_limits<std::uint64_t>::max());
        beast::error_code ec;
        bhttp::read_header(stream, buffer, headerParser, ec);
        FUZZ_CHECK(buffer.size() <= kMaxReadBuffer);
        if (ec)
            return 0; // 400, 431 or a closed connection

        const http::Request head = toRequest(headerParser.get().base());
        for (auto it = head.headers.cbegin(); it != head.headers.cend(); ++it)
            FUZZ_CHECK(it.key() == it.key().toLower());
        const auto declared = headerParser.content_length();
        if (declared && *declared > kMaxBody)
            return 0; // 413 before a byte of the body is read

        bhttp::request_parser<bhttp::string_body> bodyParser(std::move(headerParser));
        bodyParser.body_limit(kMaxBody);
        bhttp::read(stream, buffer, bodyParser, ec);
        FUZZ_CHECK(buffer.size() <= kMaxReadBuffer);
        if (ec)
            return 0; // 413, 400 (chunk line or trailer too long), or closed
        const std::string &body = bodyParser.get().body();
        FUZZ_CHECK(body.size() <= kMaxBody);
        if (declared)
            FUZZ_CHECK(body.size() == *declared);
        if (!bodyParser.get().keep_alive())
            return 0;
    }
    return 0;
}
