#include "encryptedfile.h"

#include "encrypteddatabase.h"

#include <QFileDevice>
#include <QSaveFile>

#include <sodium.h>

#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace onsite {

namespace {

constexpr char kMagic[] = "ONSITEF1";
constexpr int kMagicBytes = 8;
constexpr int kHeaderBytes = crypto_secretstream_xchacha20poly1305_HEADERBYTES; // 24
constexpr int kOverhead = crypto_secretstream_xchacha20poly1305_ABYTES;         // 17
constexpr qint64 kChunk = EncryptedFile::kChunkBytes;
constexpr qint64 kSealedChunk = kChunk + kOverhead;
constexpr const char *kFileKeyContext = "onsitefl";

bool failWith(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

struct FileKey
{
    unsigned char bytes[crypto_secretstream_xchacha20poly1305_KEYBYTES];
    explicit FileKey(const QByteArray &master)
    {
        if (sodium_init() < 0)
            throw std::runtime_error("libsodium cannot be initialised");
        if (master.size() != EncryptedFile::kKeyBytes)
            throw std::invalid_argument("a file key has 32 bytes");
        crypto_kdf_derive_from_key(bytes, sizeof bytes, 2, kFileKeyContext,
                                   reinterpret_cast<const unsigned char *>(master.constData()));
    }
    ~FileKey() { sodium_memzero(bytes, sizeof bytes); }
};

// Reads up to `size` bytes, looping over short reads of pipes and sockets.
QByteArray readUpTo(QIODevice &in, qint64 size)
{
    QByteArray block;
    while (block.size() < size) {
        const QByteArray more = in.read(size - block.size());
        if (more.isEmpty())
            break;
        block += more;
    }
    return block;
}

} // namespace

bool EncryptedFile::isEncrypted(const QByteArray &head) { return head.startsWith(QByteArray(kMagic, kMagicBytes)); }

qint64 EncryptedFile::plainSize(qint64 fileSize)
{
    const qint64 body = fileSize - kMagicBytes - kHeaderBytes;
    if (body < kOverhead)
        return -1;
    const qint64 chunks = (body + kSealedChunk - 1) / kSealedChunk;
    const qint64 last = body - (chunks - 1) * kSealedChunk;
    if (last < kOverhead)
        return -1;
    return body - chunks * kOverhead;
}

bool EncryptedFile::encrypt(QIODevice &in, QIODevice &out, const QByteArray &key, QString *error,
                            const std::function<void(const QByteArray &)> &seen)
{
    const FileKey fileKey(key);
    crypto_secretstream_xchacha20poly1305_state state;
    unsigned char header[kHeaderBytes];
    crypto_secretstream_xchacha20poly1305_init_push(&state, header, fileKey.bytes);
    if (out.write(kMagic, kMagicBytes) != kMagicBytes
        || out.write(reinterpret_cast<const char *>(header), kHeaderBytes) != kHeaderBytes)
        return failWith(error, out.errorString());
    // One chunk is held back so the last one written carries the final tag, also when
    // the content ends exactly on a chunk boundary (or is empty).
    QByteArray current = readUpTo(in, kChunk);
    QByteArray sealed(kSealedChunk, Qt::Uninitialized);
    for (;;) {
        const QByteArray next = current.size() == kChunk ? readUpTo(in, kChunk) : QByteArray();
        const bool last = next.isEmpty();
        if (seen)
            seen(current);
        unsigned long long sealedLength = 0;
        crypto_secretstream_xchacha20poly1305_push(
            &state, reinterpret_cast<unsigned char *>(sealed.data()), &sealedLength,
            reinterpret_cast<const unsigned char *>(current.constData()), static_cast<unsigned long long>(current.size()),
            nullptr, 0, last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
        if (out.write(sealed.constData(), static_cast<qint64>(sealedLength)) != static_cast<qint64>(sealedLength))
            return failWith(error, out.errorString());
        if (last)
            break;
        current = next;
    }
    sodium_memzero(&state, sizeof state);
    const auto *file = qobject_cast<QFileDevice *>(&in);
    if (file && file->error() != QFileDevice::NoError)
        return failWith(error, in.errorString());
    return true;
}

QByteArray EncryptedFile::readAll(const QString &path, const QByteArray &key, QString *error)
{
    EncryptedFileReader reader(path, key);
    if (!reader.open(QIODevice::ReadOnly)) {
        failWith(error, reader.errorString());
        return {};
    }
    QByteArray plain = reader.readAll();
    if (plain.size() != reader.size()) {
        failWith(error, reader.errorString());
        return {};
    }
    return plain;
}

bool EncryptedFile::encryptInPlace(const QString &path, const QByteArray &key, QString *error)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return failWith(error, in.errorString());
    if (isEncrypted(in.peek(kMagicBytes)))
        return true;
    const QString temporary = path + QStringLiteral(".encrypting");
    {
        QSaveFile out(temporary);
        if (!out.open(QIODevice::WriteOnly) || !encrypt(in, out, key, error))
            return failWith(error, error && !error->isEmpty() ? *error : out.errorString());
        if (!out.commit())
            return failWith(error, out.errorString());
    }
    in.close();
    QFile::setPermissions(temporary, QFile(path).permissions());
    const QString leftover = path + QStringLiteral(".plain");
    QFile::remove(leftover);
    if (::link(QFile::encodeName(path).constData(), QFile::encodeName(leftover).constData()) != 0)
        QFile::copy(path, leftover);
    if (std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) != 0) {
        QFile::remove(temporary);
        QFile::remove(leftover);
        return failWith(error, QStringLiteral("cannot replace %1").arg(path));
    }
    EncryptedDatabase::wipe(leftover);
    return true;
}

// --- reader ---

struct EncryptedFileReader::State
{
    crypto_secretstream_xchacha20poly1305_state stream;
    ~State() { sodium_memzero(&stream, sizeof stream); }
};

EncryptedFileReader::EncryptedFileReader(const QString &path, const QByteArray &key) : m_file(path), m_key(key) {}

EncryptedFileReader::~EncryptedFileReader() { sodium_memzero(m_chunk.data(), m_chunk.size()); }

bool EncryptedFileReader::open(OpenMode mode)
{
    if ((mode & QIODevice::WriteOnly) || !(mode & QIODevice::ReadOnly)) {
        setErrorString(QStringLiteral("an encrypted file opens for reading only"));
        return false;
    }
    if (!m_file.open(QIODevice::ReadOnly)) {
        setErrorString(m_file.errorString());
        return false;
    }
    m_plainSize = EncryptedFile::plainSize(m_file.size());
    if (!EncryptedFile::isEncrypted(m_file.peek(kMagicBytes)) || m_plainSize < 0) {
        setErrorString(QStringLiteral("%1 is not an encrypted file").arg(m_file.fileName()));
        m_file.close();
        return false;
    }
    if (!restart()) {
        m_file.close();
        return false;
    }
    m_position = 0;
    return QIODevice::open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

void EncryptedFileReader::close()
{
    m_state.reset();
    m_file.close();
    QIODevice::close();
}

bool EncryptedFileReader::restart()
{
    unsigned char header[kHeaderBytes];
    if (!m_file.seek(kMagicBytes)
        || m_file.read(reinterpret_cast<char *>(header), kHeaderBytes) != kHeaderBytes) {
        setErrorString(m_file.errorString());
        return false;
    }
    try {
        const FileKey fileKey(m_key);
        m_state = std::make_unique<State>();
        if (crypto_secretstream_xchacha20poly1305_init_pull(&m_state->stream, header, fileKey.bytes) != 0) {
            setErrorString(QStringLiteral("%1: damaged header").arg(m_file.fileName()));
            return false;
        }
    } catch (const std::exception &e) {
        setErrorString(QString::fromUtf8(e.what()));
        return false;
    }
    m_chunkStart = -1;
    m_nextChunk = 0;
    m_finished = false;
    return true;
}

bool EncryptedFileReader::nextChunk()
{
    if (m_finished) {
        setErrorString(QStringLiteral("%1: read past its end").arg(m_file.fileName()));
        return false;
    }
    const QByteArray sealed = m_file.read(kSealedChunk);
    if (sealed.size() < kOverhead) {
        setErrorString(QStringLiteral("%1 is cut short").arg(m_file.fileName()));
        return false;
    }
    m_chunk.resize(sealed.size() - kOverhead);
    unsigned long long length = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(
            &m_state->stream, reinterpret_cast<unsigned char *>(m_chunk.data()), &length, &tag,
            reinterpret_cast<const unsigned char *>(sealed.constData()), static_cast<unsigned long long>(sealed.size()),
            nullptr, 0)
        != 0) {
        setErrorString(QStringLiteral("%1 is damaged or was altered (a chunk does not authenticate)")
                           .arg(m_file.fileName()));
        m_chunkStart = -1;
        return false;
    }
    m_finished = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    m_chunkStart = m_nextChunk;
    m_nextChunk += static_cast<qint64>(length);
    const bool atEnd = m_file.atEnd();
    if (m_finished != atEnd) { // a final chunk with more after it, or the end without one
        setErrorString(QStringLiteral("%1 is damaged or was altered (it does not end where it should)")
                           .arg(m_file.fileName()));
        m_chunkStart = -1;
        return false;
    }
    return true;
}

bool EncryptedFileReader::seek(qint64 position)
{
    if (position < 0 || position > m_plainSize)
        return false;
    m_position = position;
    return QIODevice::seek(position);
}

qint64 EncryptedFileReader::readData(char *data, qint64 maxSize)
{
    qint64 copied = 0;
    while (copied < maxSize && m_position < m_plainSize) {
        const bool inChunk = m_chunkStart >= 0 && m_position >= m_chunkStart
                             && m_position < m_chunkStart + m_chunk.size();
        if (!inChunk) {
            if (m_position < m_nextChunk && !restart())
                return copied > 0 ? copied : -1;
            if (!nextChunk())
                return copied > 0 ? copied : -1;
            continue;
        }
        const qint64 offset = m_position - m_chunkStart;
        const qint64 n = std::min(maxSize - copied, m_chunk.size() - offset);
        std::memcpy(data + copied, m_chunk.constData() + offset, n);
        copied += n;
        m_position += n;
    }
    return copied;
}

} // namespace onsite
