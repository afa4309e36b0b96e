#include "tlift/egraph/scheduler.h"

#include <algorithm>
#include <limits>

namespace tlift::egraph {

BackoffScheduler::BackoffScheduler(std::size_t rules, std::size_t matchLimit, std::size_t banLength)
    : m_stats(rules), m_matchLimit(matchLimit), m_banLength(banLength) {}

std::size_t BackoffScheduler::threshold(std::size_t rule) const {
    std::size_t shift = std::min<std::size_t>(m_stats[rule].timesBanned, 20);
    return m_matchLimit << shift;
}

bool BackoffScheduler::admit(std::size_t rule, std::size_t iteration, std::size_t matches) {
    if (matches <= threshold(rule)) return true;
    Stats& s = m_stats[rule];
    std::size_t shift = std::min<std::size_t>(s.timesBanned, 20);
    s.bannedUntil = iteration + (m_banLength << shift);
    ++s.timesBanned;
    return false;
}

bool BackoffScheduler::canStop(std::size_t iteration) {
    std::size_t earliest = std::numeric_limits<std::size_t>::max();
    for (const Stats& s : m_stats)
        if (s.bannedUntil > iteration) earliest = std::min(earliest, s.bannedUntil);
    if (earliest == std::numeric_limits<std::size_t>::max()) return true;
    // Move every ban forward so that the earliest one ends now.
    std::size_t delta = earliest - iteration;
    for (Stats& s : m_stats)
        if (s.bannedUntil > iteration) s.bannedUntil -= delta;
    return false;
}

} // namespace tlift::egraph
