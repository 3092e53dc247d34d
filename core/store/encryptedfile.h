#pragma once

#include <QByteArray>
#include <QFile>
#include <QIODevice>
#include <QString>

#include <functional>
#include <memory>

namespace onsite {

// Files (the device's photos) encrypted with libsodium's secretstream
// (XChaCha20-Poly1305) in 64 KiB chunks, so a large file streams in and out without
// being held whole. Layout: "ONSITEF1", the 24-byte stream header, then each chunk
// with its 17 bytes of tag and MAC; the last chunk is marked final, so a file cut
// short, reordered or altered fails to read. The key is the device's 32-byte key;
// a subkey for files is derived from it, distinct from the database's.
class EncryptedFile
{
public:
    static constexpr qint64 kChunkBytes = 64 * 1024;
    static constexpr int kKeyBytes = 32;

    // True when `head` (the file's first bytes) starts like an encrypted file.
    static bool isEncrypted(const QByteArray &head);
    // The plain size of an encrypted file of `fileSize` bytes; -1 when no encrypted
    // file has that size.
    static qint64 plainSize(qint64 fileSize);

    // Encrypts everything `in` still has to read into `out`, showing each plain block to
    // `seen` (to hash it on the way). False with `error` set when reading or writing fails.
    static bool encrypt(QIODevice &in, QIODevice &out, const QByteArray &key, QString *error,
                        const std::function<void(const QByteArray &)> &seen = {});
    // The whole plain content; empty with `error` set when it cannot be read or does not
    // authenticate.
    static QByteArray readAll(const QString &path, const QByteArray &key, QString *error);
    // Replaces a plain file by its encrypted form (a file already encrypted is left
    // alone); the plain bytes are zeroed before they are unlinked. False with `error`.
    static bool encryptInPlace(const QString &path, const QByteArray &key, QString *error);
};

// Reads an encrypted file as its plain content. Forward reads stream chunk by chunk;
// seeking backwards starts again from the beginning (secretstream decrypts in order),
// which suits a resumable upload that moves forward. A chunk that does not
// authenticate makes read() fail with errorString() saying so.
class EncryptedFileReader : public QIODevice
{
public:
    EncryptedFileReader(const QString &path, const QByteArray &key);
    ~EncryptedFileReader() override;

    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_plainSize; }
    bool seek(qint64 position) override;
    QString fileName() const { return m_file.fileName(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    struct State;
    bool restart();
    bool nextChunk();

    QFile m_file;
    QByteArray m_key;
    std::unique_ptr<State> m_state;
    qint64 m_plainSize = -1;
    qint64 m_position = 0;
    QByteArray m_chunk;       // the plain chunk that starts at m_chunkStart
    qint64 m_chunkStart = -1; // -1: none decrypted since the stream (re)started
    qint64 m_nextChunk = 0;   // plain offset of the chunk the stream gives next
    bool m_finished = false;
};

} // namespace onsite
