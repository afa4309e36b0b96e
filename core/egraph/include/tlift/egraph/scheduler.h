#pragma once
// Exponential rule backoff (as in egg's BackoffScheduler): a rule whose matches in one
// iteration exceed its limit is not applied and is banned for a while; each ban doubles both its
// limit and the length of its next ban. Associativity and commutativity rules, which can match
// without end, are kept in check this way while the other rules keep running.

#include <cstddef>
#include <vector>

namespace tlift::egraph {

class BackoffScheduler {
public:
    BackoffScheduler(std::size_t rules, std::size_t matchLimit, std::size_t banLength);

    bool banned(std::size_t rule, std::size_t iteration) const { return m_stats[rule].bannedUntil > iteration; }
    // The number of matches above which the rule is banned (search stops one past it).
    std::size_t threshold(std::size_t rule) const;
    // After searching: true when `matches` may be applied; false bans the rule.
    bool admit(std::size_t rule, std::size_t iteration, std::size_t matches);
    // Called when nothing changed: true when no rule is banned. Otherwise lifts the earliest
    // bans (the runner goes on, so that banned rules get their turn) and returns false.
    bool canStop(std::size_t iteration);
    std::size_t timesBanned(std::size_t rule) const { return m_stats[rule].timesBanned; }

private:
    struct Stats {
        std::size_t timesBanned = 0;
        std::size_t bannedUntil = 0;
    };
    std::vector<Stats> m_stats;
    std::size_t m_matchLimit;
    std::size_t m_banLength;
};

} // namespace tlift::egraph
