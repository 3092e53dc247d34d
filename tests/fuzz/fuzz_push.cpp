// POST /api/v1/sync/push as HQ reads it: the body as a JSON object, the push request,
// each mutation and the record in its "data", and the digest a replay is compared by.

#include "fuzzcheck.h"

#include "http/httpmessage.h"
#include "protocol/protocol.h"
#include "protocol/records.h"

#include <QJsonDocument>

using namespace onsite;
using namespace onsite::protocol;

namespace {

// A record that parses writes back to JSON that parses to the same record.
template <class Parse, class Write>
void checkRecord(const Mutation &mutation, Parse parse, Write write)
{
    QString error;
    const auto record = parse(mutation.id, mutation.data, &error);
    if (!record) {
        FUZZ_CHECK(!error.isEmpty());
        return;
    }
    const QJsonObject json = write(*record);
    QString again;
    const auto reread = parse(mutation.id, json, &again);
    FUZZ_CHECK(reread.has_value());
    FUZZ_CHECK(fuzz::compact(write(*reread)) == fuzz::compact(json));
}

void checkData(const Mutation &m)
{
    if (m.entity == entity::kScore)
        checkRecord(m, scoreFromJson, scoreToJson);
    else if (m.entity == entity::kVisit)
        checkRecord(m, visitFromJson, visitToJson);
    else if (m.entity == entity::kPhoto)
        checkRecord(m, photoFromJson, photoToJson);
    else if (m.entity == entity::kFinding)
        checkRecord(m, findingFromJson, findingToJson);
    else if (m.entity == entity::kHighlight)
        checkRecord(m, highlightFromJson, highlightToJson);
    else if (m.entity == entity::kSubmission)
        checkRecord(m, submissionFromJson, submissionToJson);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const auto body = http::parseJsonObject(input);
    if (!body)
        return 0;
    QString error;
    const auto request = PushRequest::fromJson(*body, &error);
    if (!request) {
        FUZZ_CHECK(!error.isEmpty()); // a refusal always says why (the client shows it)
        return 0;
    }
    FUZZ_CHECK(error.isEmpty() && !request->deviceId.isEmpty());
    qint64 previous = 0;
    for (const Mutation &m : request->mutations) {
        FUZZ_CHECK(m.seq > previous);
        previous = m.seq;
        FUZZ_CHECK(m.op == op::kUpsert || m.op == op::kDelete);
        FUZZ_CHECK(!m.entity.isEmpty() && !m.id.isEmpty() && !m.hlc.isEmpty());
        (void)parseHlc(m.hlc);
        checkData(m);
    }

    // Sent again (a replay after a lost answer), the request reads back the same and
    // every mutation keeps its digest, so HQ answers the replay as a duplicate.
    const QByteArray wire = QJsonDocument(request->toJson()).toJson(QJsonDocument::Compact);
    const auto reparsed = http::parseJsonObject(wire);
    FUZZ_CHECK(reparsed.has_value());
    // (Not when a string starts with U+FEFF: see fuzzcheck.h; "\ufeff" alone even reads
    // back empty, which is refused.)
    const bool bom = fuzz::hasLeadingByteOrderMark(wire) || fuzz::hasLeadingByteOrderMark(input);
    QString againError;
    const auto again = PushRequest::fromJson(*reparsed, &againError);
    FUZZ_CHECK(again.has_value() || bom);
    if (!again)
        return 0;
    FUZZ_CHECK(bom || again->deviceId == request->deviceId);
    FUZZ_CHECK(again->mutations.size() == request->mutations.size());
    for (std::size_t i = 0; i < request->mutations.size(); ++i) {
        FUZZ_CHECK(again->mutations[i].seq == request->mutations[i].seq);
        FUZZ_CHECK(bom || again->mutations[i].digest() == request->mutations[i].digest());
    }
    if (bom) {
        // Once read, it is a request like any other: it reads back again.
        const QByteArray wire2 = QJsonDocument(again->toJson()).toJson(QJsonDocument::Compact);
        const auto third = PushRequest::fromJson(*http::parseJsonObject(wire2), &againError);
        FUZZ_CHECK(fuzz::hasLeadingByteOrderMark(wire2) ||
                   (third.has_value() && third->mutations.size() == again->mutations.size()));
    }
    return 0;
}
