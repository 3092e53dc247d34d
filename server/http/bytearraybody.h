#pragma once

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/buffer_traits.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional/optional.hpp>

#include <QByteArray>

#include <cstdint>
#include <limits>

namespace onsite::http {

// A request body read straight into the QByteArray handlers take. Beast's string_body
// zero-fills each piece before copying it in, and the string was then copied again into
// the request: three passes over every byte of a photo instead of one.
struct ByteArrayBody
{
    using value_type = QByteArray;

    static std::uint64_t size(const value_type &body)
    {
        return static_cast<std::uint64_t>(body.size());
    }

    class reader
    {
    public:
        template <bool isRequest, class Fields>
        reader(boost::beast::http::header<isRequest, Fields> &, value_type &body) : m_body(body)
        {
        }

        void init(const boost::optional<std::uint64_t> &length, boost::beast::error_code &ec)
        {
            ec = {};
            if (!length)
                return;
            if (*length > static_cast<std::uint64_t>(std::numeric_limits<qsizetype>::max())) {
                ec = boost::beast::http::error::buffer_overflow;
                return;
            }
            m_body.reserve(
                static_cast<qsizetype>(*length)); // the parser has checked it against the limit
        }

        template <class ConstBufferSequence>
        std::size_t put(const ConstBufferSequence &buffers, boost::beast::error_code &ec)
        {
            ec = {};
            std::size_t taken = 0;
            for (auto it = boost::asio::buffer_sequence_begin(buffers);
                 it != boost::asio::buffer_sequence_end(buffers); ++it) {
                const boost::asio::const_buffer piece = *it;
                m_body.append(static_cast<const char *>(piece.data()),
                              static_cast<qsizetype>(piece.size()));
                taken += piece.size();
            }
            return taken;
        }

        void finish(boost::beast::error_code &ec) { ec = {}; }

    private:
        value_type &m_body;
    };
};

} // namespace onsite::http
