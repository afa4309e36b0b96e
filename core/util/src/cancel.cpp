#include "tlift/util/cancel.h"

#include <algorithm>

namespace tlift::util {

long long Deadline::remainingMs() const {
    if (!m_set) return 1LL << 40;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(m_at - Clock::now()).count();
    return std::max<long long>(left, 0);
}

Deadline Deadline::earliest(const Deadline& a, const Deadline& b) {
    if (!a.m_set) return b;
    if (!b.m_set) return a;
    return a.m_at <= b.m_at ? a : b;
}

const char* stopReasonName(StopReason r) {
    switch (r) {
    case StopReason::Completed: return "completed";
    case StopReason::Saturated: return "saturated";
    case StopReason::NodeLimit: return "node_limit";
    case StopReason::IterationLimit: return "iteration_limit";
    case StopReason::TimeLimit: return "time_limit";
    case StopReason::Cancelled: return "cancelled";
    case StopReason::Failed: return "failed";
    }
    return "failed";
}

} // namespace tlift::util
