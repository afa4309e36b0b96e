#pragma once
// E-matching: finding the instances of a pattern in an e-graph.

#include "tlift/egraph/pattern.h"

#include <functional>
#include <vector>

namespace tlift::egraph {

// A substitution: the class bound to each slot (kNoClass when unbound).
using Subst = std::vector<ClassId>;

// E-matching: top-down backtracking over the e-nodes of each class. `onMatch` returns false to
// stop the search; match() returns false when it was stopped.
class Matcher {
public:
    Matcher(const EGraph& g, const Pattern& p, std::size_t slots) : m_g(g), m_p(p), m_slots(slots) {}
    bool match(ClassId c, const std::function<bool(const Subst&)>& onMatch) const;

private:
    // A non-owning continuation: what to do once the rest of the pattern matched.
    struct Cont {
        const void* obj;
        bool (*fn)(const void*);
        bool operator()() const { return fn(obj); }
    };
    template <class F>
    static Cont cont(const F& f) {
        return Cont{&f, [](const void* o) { return (*static_cast<const F*>(o))(); }};
    }
    bool matchNode(int p, ClassId c, Subst& s, Cont k) const;
    bool matchKids(const PatternNode& pn, const ENode& en, std::size_t i, Subst& s, Cont k) const;

    const EGraph& m_g;
    const Pattern& m_p;
    std::size_t m_slots;
};

} // namespace tlift::egraph
