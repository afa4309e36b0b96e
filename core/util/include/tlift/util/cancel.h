#pragma once
// Cooperative cancellation and deadlines. Long-running loops (search, e-graph runs, solver
// queries) poll a CancelToken; a cancelled or expired token makes them stop with a reason.

#include <atomic>
#include <chrono>
#include <memory>

namespace tlift::util {

using Clock = std::chrono::steady_clock;

class CancelSource;

// A cheap, copyable view of a cancellation flag. A default token never cancels.
class CancelToken {
public:
    CancelToken() = default;
    bool cancelled() const { return m_flag && m_flag->load(std::memory_order_relaxed); }
    // The raw flag, for libraries that poll a pointer (e.g. a solver interrupt thread).
    const std::atomic<bool>* flag() const { return m_flag.get(); }

private:
    friend class CancelSource;
    explicit CancelToken(std::shared_ptr<std::atomic<bool>> f) : m_flag(std::move(f)) {}
    std::shared_ptr<std::atomic<bool>> m_flag;
};

class CancelSource {
public:
    CancelSource() : m_flag(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() { m_flag->store(true); }
    bool cancelled() const { return m_flag->load(); }
    CancelToken token() const { return CancelToken(m_flag); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

// A point in time after which work should stop; a default Deadline never expires.
class Deadline {
public:
    Deadline() = default;
    static Deadline after(std::chrono::milliseconds ms) {
        Deadline d;
        d.m_at = Clock::now() + ms;
        d.m_set = true;
        return d;
    }
    static Deadline never() { return {}; }
    bool expired() const { return m_set && Clock::now() >= m_at; }
    bool isSet() const { return m_set; }
    // Milliseconds left (0 when expired); a large number when unset.
    long long remainingMs() const;
    // The earlier of two deadlines.
    static Deadline earliest(const Deadline& a, const Deadline& b);

private:
    Clock::time_point m_at{};
    bool m_set = false;
};

// Why a bounded computation stopped. Every search, e-graph run and solver query reports one.
enum class StopReason {
    Completed,    // ran to the end
    Saturated,    // (e-graph) nothing more to apply
    NodeLimit,
    IterationLimit,
    TimeLimit,
    Cancelled,
    Failed        // an error; the details are in a diagnostic
};
const char* stopReasonName(StopReason r);

// The limits of one stage. Zero means "no limit" for the count fields.
struct Budget {
    std::chrono::milliseconds time{10000};
    std::size_t nodes = 0;
    std::size_t iterations = 0;
};

} // namespace tlift::util
