#pragma once

#include "changefeed.h"

#include <QByteArray>
#include <QString>

namespace onsite::hq {

// The pull answer's body for a page of the feed: byte for byte
// `QJsonDocument(page.toResponse().toJson()).toJson(Compact)` (with `incarnation` set
// when not empty), but each record's stored JSON is copied in rather than parsed and
// written again: most of a pull's work before.
QByteArray pullAnswerJson(const ChangeFeed::Page &page, const QString &incarnation);

} // namespace onsite::hq
