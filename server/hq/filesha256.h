#pragma once

#include <QByteArray>
#include <QIODevice>

namespace onsite::hq {

// SHA-256 of a device's remaining bytes, as lowercase hex; empty when a read fails.
// OpenSSL, not QCryptographicHash: Qt 6.4's own SHA-256 has no use of the CPU's SHA
// instructions, and hashing each finished photo was more than half of HQ's CPU while
// photos came in (about 5× slower per byte here).
QByteArray sha256HexOf(QIODevice &device);

} // namespace onsite::hq
