#pragma once

// The fault suite's network (R1 in docs/RELIABILITY.md): a TCP proxy between the
// onsite-field devices and onsite-hq that forwards HTTP/1.1 message by message and, on
// a schedule fixed by a seed, breaks some of them the ways a bad mobile link does:
//
// - cut mid-request: part of the request reaches HQ, then both sides are reset;
// - cut mid-response: HQ has answered (and perhaps committed), the device gets part of
//   the answer, then a reset;
// - truncated request / response: the body is cut short under a Content-Length that
//   claims it complete, so the reader sees a "whole" message with half a JSON document;
// - delay: the request and the answer each wait 0..maxDelayMs.
//
// The n-th request through the proxy (in arrival order) gets faultFor(seed, n); the
// cut points come from the same seed. Blocking Boost.Asio sockets, one thread per
// connection: a test tool for a handful of devices, not a server.

#include <QtGlobal>

#include <memory>

namespace onsite::test {

enum class Fault
{
    None,
    Delay,
    CutRequest,
    CutResponse,
    TruncateRequest,
    TruncateResponse
};

const char *faultName(Fault fault);

// Chances per request, in percent (the rest pass untouched).
struct FaultPlan
{
    int delayPercent = 10;
    int cutRequestPercent = 6;
    int cutResponsePercent = 8;
    int truncateRequestPercent = 5;
    int truncateResponsePercent = 6;
    int maxDelayMs = 250;
};

// What was injected. A fault that does not apply to a message (truncating a request
// without a body, or a chunked one) lets it pass and counts nothing.
struct FaultCounts
{
    int requests = 0;
    int delayed = 0;
    int cutMidRequest = 0;
    int cutMidResponse = 0;
    int truncatedRequests = 0;
    int truncatedResponses = 0;
    int upstreamLost =
        0; // HQ refused the connection or dropped it (HQ killed): the device's connection is reset
};

class FaultProxy
{
public:
    // Listens on 127.0.0.1 (a free port) and forwards to 127.0.0.1:`upstreamPort`.
    FaultProxy(quint16 upstreamPort, quint32 seed, FaultPlan plan = {});
    ~FaultProxy();
    FaultProxy(const FaultProxy &) = delete;
    FaultProxy &operator=(const FaultProxy &) = delete;

    quint16 port() const;
    // Off: every message passes untouched (the schedule keeps counting requests).
    void setFaultsEnabled(bool enabled);
    FaultCounts counts() const;

    // The schedule: what the `request`-th request (from 0) gets under `seed`.
    static Fault faultFor(quint32 seed, quint64 request, const FaultPlan &plan);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace onsite::test
