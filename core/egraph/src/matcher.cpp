#include "tlift/egraph/matcher.h"

#include "tlift/ir/named_ops.h"

namespace tlift::egraph {

using ir::Op;

bool Matcher::match(ClassId c, const std::function<bool(const Subst&)>& onMatch) const {
    Subst s(m_slots, kNoClass);
    auto done = [&]() { return onMatch(s); };
    return matchNode(m_p.root, m_g.find(c), s, cont(done));
}

bool Matcher::matchNode(int p, ClassId c, Subst& s, Cont k) const {
    const PatternNode& pn = m_p.nodes[static_cast<std::size_t>(p)];
    c = m_g.find(c);
    switch (pn.kind) {
    case PatternNode::Var: {
        ClassId& slot = s[static_cast<std::size_t>(pn.slot)];
        if (slot == kNoClass) {
            slot = c;
            bool r = k();
            slot = kNoClass;
            return r;
        }
        return m_g.find(slot) == c ? k() : true;
    }
    case PatternNode::Lit: {
        if (!pn.lit.matches(m_g.data(c).constant)) return true;
        if (pn.slot < 0) return k();
        ClassId& slot = s[static_cast<std::size_t>(pn.slot)];
        ClassId saved = slot;
        slot = c;
        bool r = k();
        slot = saved;
        return r;
    }
    case PatternNode::Op: break;
    }
    for (NodeId n : m_g.eclass(c).nodes) {
        const ENode& en = m_g.node(n);
        if (en.op() != pn.op || en.kids.size() != pn.kids.size()) continue;
        if (pn.op == Op::Named && en.term.namedInfo().index != pn.named) continue;
        if (pn.op == Op::Reduce && static_cast<std::uint8_t>(en.term.reduceKind()) != pn.sub) continue;
        if (pn.op == Op::Cast && en.term.dtype() != pn.castTo) continue;
        if (!matchKids(pn, en, 0, s, k)) return false;
    }
    return true;
}

bool Matcher::matchKids(const PatternNode& pn, const ENode& en, std::size_t i, Subst& s, Cont k) const {
    if (i == pn.kids.size()) return k();
    auto next = [&]() { return matchKids(pn, en, i + 1, s, k); };
    return matchNode(pn.kids[i], en.kids[i], s, cont(next));
}

} // namespace tlift::egraph
