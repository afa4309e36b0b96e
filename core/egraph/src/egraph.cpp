#include "tlift/egraph/egraph.h"

#include "tlift/egraph/analysis.h"
#include "tlift/ir/printer.h"

#include <algorithm>
#include <unordered_set>

namespace tlift::egraph {

using ir::Expr;
using ir::Op;

namespace {

std::size_t mix(std::size_t h, std::size_t v) {
    return h ^ (v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2));
}

// Operator and payload of a non-leaf term, the part of an e-node's key besides its children.
bool sameSignature(Expr a, Expr b) {
    if (a == b) return true;
    const ir::Node* x = a.node();
    const ir::Node* y = b.node();
    return x->op == y->op && x->dtype == y->dtype && x->sub == y->sub && x->i == y->i && x->nkids == y->nkids &&
           a.name() == b.name();
}

std::size_t signatureHash(Expr e) {
    const ir::Node* n = e.node();
    std::size_t h = static_cast<std::size_t>(n->op) * 1315423911u + static_cast<std::size_t>(n->dtype);
    h = mix(h, n->sub);
    h = mix(h, static_cast<std::size_t>(n->i));
    h = mix(h, std::hash<std::string_view>()(e.name()));
    return h;
}

bool byId(Expr a, Expr b) { return a.id() < b.id(); }

} // namespace

bool EGraph::Key::operator==(const Key& o) const {
    if (sig.arity() == 0 || o.sig.arity() == 0) return sig == o.sig;
    return kids == o.kids && sameSignature(sig, o.sig);
}

std::size_t EGraph::KeyHash::operator()(const Key& k) const {
    if (k.sig.arity() == 0) return std::hash<const void*>()(k.sig.node());
    std::size_t h = signatureHash(k.sig);
    for (ClassId c : k.kids) h = mix(h, c);
    return h;
}

EGraph::EGraph(ir::Context& ctx) : m_ctx(ctx) {}

ClassId EGraph::find(ClassId id) const {
    ClassId root = id;
    while (m_parent[root] != root) root = m_parent[root];
    while (m_parent[id] != root) {
        ClassId next = m_parent[id];
        m_parent[id] = root;
        id = next;
    }
    return root;
}

ClassId EGraph::lookup(Expr term) const {
    auto it = m_terms.find(term.node());
    return it == m_terms.end() ? kNoClass : find(it->second.cls);
}

std::vector<ClassId> EGraph::classIds() const {
    std::vector<ClassId> out;
    out.reserve(m_liveClasses);
    for (ClassId i = 0; i < m_classes.size(); ++i)
        if (m_parent[i] == i) out.push_back(i);
    return out;
}

bool EGraph::sameType(Expr a, Expr b) {
    if (a.dtype() != b.dtype() || a.rank() != b.rank()) return false;
    auto sa = a.shape(), sb = b.shape();
    return std::equal(sa.begin(), sa.end(), sb.begin());
}

bool EGraph::sameType(ClassId a, ClassId b) const { return sameType(eclass(a).rep, eclass(b).rep); }

EGraph::Key EGraph::keyOf(const ENode& n) const {
    Key k{n.term, n.kids};
    for (ClassId& c : k.kids) c = find(c);
    return k;
}

ClassId EGraph::add(Expr term) {
    if (ClassId c = lookup(term); c != kNoClass) return c;
    // Iterative post-order: terms can be deep (long sums).
    std::vector<std::pair<Expr, std::size_t>> stack{{term, 0}};
    while (!stack.empty()) {
        auto& [e, i] = stack.back();
        if (i < e.arity()) {
            Expr k = e.child(i++);
            if (lookup(k) == kNoClass) stack.emplace_back(k, 0);
            continue;
        }
        Expr done = e;
        stack.pop_back();
        if (lookup(done) != kNoClass) continue;
        std::vector<ClassId> kids;
        kids.reserve(done.arity());
        for (const Expr& k : done.children()) kids.push_back(lookup(k));
        addNode(done, std::move(kids));
    }
    return lookup(term);
}

ClassId EGraph::addNode(Expr term, std::vector<ClassId> kids) {
    ENode probe{term, std::move(kids), kNoClass};
    Key key = keyOf(probe);
    if (auto it = m_memo.find(key); it != m_memo.end()) {
        // A new term for an existing e-node: equal by congruence.
        const ENode& existing = m_nodes[it->second];
        ClassId c = find(existing.cls);
        m_terms[term.node()] = TermInfo{c, {}};
        linkTerms(term, existing.term, Justification{Justification::Congruence, 0});
        return c;
    }
    auto n = static_cast<NodeId>(m_nodes.size());
    probe.kids = key.kids;
    m_nodes.push_back(std::move(probe));
    m_memo.emplace(std::move(key), n);
    ClassId c = newClass(term, n);
    m_nodes[n].cls = c;
    m_terms[term.node()] = TermInfo{c, {}};
    for (ClassId k : m_nodes[n].kids) m_classes[k].parents.push_back(n);
    m_classes[c].data = make(m_nodes[n]);
    if (m_classes[c].data.constant && term.op() != Op::Const) queueFold(c);
    ++m_liveNodes;
    ++m_version;
    return c;
}

ClassId EGraph::newClass(Expr term, NodeId n) {
    auto c = static_cast<ClassId>(m_classes.size());
    EClass cls;
    cls.id = c;
    cls.rep = term;
    cls.nodes.push_back(n);
    m_classes.push_back(std::move(cls));
    m_parent.push_back(c);
    ++m_liveClasses;
    return c;
}

// ---- proof forest ----

const ProofLink* EGraph::link(Expr term) const {
    auto it = m_terms.find(term.node());
    if (it == m_terms.end() || !it->second.link.next) return nullptr;
    return &it->second.link;
}

void EGraph::reroot(Expr t) {
    // Reverse the path from t to its root so that t becomes the root.
    Expr prev;
    ProofLink carried;
    Expr cur = t;
    while (cur) {
        TermInfo& info = m_terms.at(cur.node());
        ProofLink old = info.link;
        if (prev) {
            info.link = ProofLink{prev, carried.why, !carried.forward};
        } else {
            info.link = ProofLink{};
        }
        carried = old;
        prev = cur;
        cur = old.next;
    }
}

void EGraph::linkTerms(Expr a, Expr b, Justification why) {
    reroot(a);
    m_terms.at(a.node()).link = ProofLink{b, why, true};
}

std::uint32_t EGraph::justificationName(const std::string& name) {
    auto [it, inserted] = m_justIndex.emplace(name, static_cast<std::uint32_t>(m_justNames.size()));
    if (inserted) m_justNames.push_back(name);
    return it->second;
}

// ---- unions ----

bool EGraph::unionTerms(Expr a, Expr b, Justification why) {
    ClassId ca = lookup(a), cb = lookup(b);
    if (ca == kNoClass || cb == kNoClass) throw EGraphError("unionTerms: term was not added to the e-graph");
    if (ca == cb) return false;
    if (!sameType(eclass(ca).rep, eclass(cb).rep))
        throw EGraphError("union of differently typed classes: " + ir::toText(a) + " and " + ir::toText(b));
    linkTerms(a, b, why);
    return mergeClasses(ca, cb);
}

bool EGraph::mergeClasses(ClassId a, ClassId b) {
    a = find(a);
    b = find(b);
    if (a == b) return false;
    if (!sameType(m_classes[a].rep, m_classes[b].rep))
        throw EGraphError("union of differently typed classes: " + ir::toText(m_classes[a].rep) + " and " +
                          ir::toText(m_classes[b].rep));
    // The larger class stays the root; the smaller one's parents need re-canonicalizing.
    if (m_classes[a].nodes.size() + m_classes[a].parents.size() <
        m_classes[b].nodes.size() + m_classes[b].parents.size())
        std::swap(a, b);
    EClass& root = m_classes[a];
    EClass& gone = m_classes[b];
    m_parent[b] = a;
    --m_liveClasses;
    ++m_version;
    ++m_counters.unions;

    ClassData before = root.data;
    ClassData joined = root.data;
    joinData(joined, gone.data);
    bool changedRoot = !(joined == before);
    bool changedGone = !(joined == gone.data);

    m_pending.insert(m_pending.end(), gone.parents.begin(), gone.parents.end());
    if (changedRoot) m_analysisPending.insert(m_analysisPending.end(), root.parents.begin(), root.parents.end());
    if (changedGone) m_analysisPending.insert(m_analysisPending.end(), gone.parents.begin(), gone.parents.end());
    root.nodes.insert(root.nodes.end(), gone.nodes.begin(), gone.nodes.end());
    root.parents.insert(root.parents.end(), gone.parents.begin(), gone.parents.end());
    root.data = std::move(joined);
    gone.nodes.clear();
    gone.nodes.shrink_to_fit();
    gone.parents.clear();
    gone.parents.shrink_to_fit();
    gone.data = ClassData{};
    if (root.data.constant && !before.constant) queueFold(a);
    m_touched.push_back(a);
    return true;
}

// ---- analyses ----

ClassData EGraph::make(const ENode& n) const {
    ClassData d;
    Expr t = n.term;
    if (t.op() == Op::Const) {
        d.constant = t;
        d.sign = signFacts(t, {}, {}, false);
        return d;
    }
    if (t.op() == Op::Var) {
        d.freeVars.push_back(t);
        return d;
    }
    std::vector<Expr> kidConsts;
    std::vector<std::uint8_t> kidSigns;
    bool allConst = !n.kids.empty();
    bool equal = !n.kids.empty();
    for (ClassId k : n.kids) {
        const ClassData& kd = m_classes[find(k)].data;
        kidConsts.push_back(kd.constant);
        kidSigns.push_back(kd.sign);
        allConst = allConst && kd.constant;
        equal = equal && find(k) == find(n.kids[0]);
    }
    // Free variables: the union over children, minus a binder's own variable in its body.
    std::vector<Expr> fv;
    for (std::size_t i = 0; i < n.kids.size(); ++i) {
        if (t.op() == Op::Reduce && i == 0) continue;
        const auto& kv = m_classes[find(n.kids[i])].data.freeVars;
        std::vector<Expr> u;
        if (t.op() == Op::Reduce && i >= 3) {
            std::vector<Expr> body;
            for (const Expr& v : kv)
                if (v != t.var()) body.push_back(v);
            std::set_union(fv.begin(), fv.end(), body.begin(), body.end(), std::back_inserter(u), byId);
        } else {
            std::set_union(fv.begin(), fv.end(), kv.begin(), kv.end(), std::back_inserter(u), byId);
        }
        fv = std::move(u);
    }
    d.freeVars = std::move(fv);
    if (allConst) d.constant = foldConstant(m_ctx, t, kidConsts);
    d.sign = signFacts(t, kidSigns, kidConsts, equal);
    if (d.constant) d.sign |= signFacts(d.constant, {}, {}, false);
    return d;
}

bool EGraph::joinData(ClassData& into, const ClassData& from) {
    bool changed = false;
    if (from.constant) {
        if (!into.constant) {
            into.constant = from.constant;
            changed = true;
        } else if (!sameConstant(into.constant, from.constant)) {
            ++m_counters.constantConflicts;
        }
    }
    std::vector<Expr> inter;
    std::set_intersection(into.freeVars.begin(), into.freeVars.end(), from.freeVars.begin(), from.freeVars.end(),
                          std::back_inserter(inter), byId);
    if (inter.size() != into.freeVars.size()) {
        into.freeVars = std::move(inter);
        changed = true;
    }
    std::uint8_t s = into.sign | from.sign;
    if (s != into.sign) {
        into.sign = s;
        changed = true;
    }
    return changed;
}

void EGraph::queueFold(ClassId c) { m_foldQueue.push_back(c); }

void EGraph::processFolds() {
    while (!m_foldQueue.empty()) {
        ClassId c = find(m_foldQueue.back());
        m_foldQueue.pop_back();
        Expr value = m_classes[c].data.constant;
        if (!value) continue;
        bool hasLeaf = false;
        for (NodeId n : m_classes[c].nodes) hasLeaf = hasLeaf || m_nodes[n].term == value;
        if (hasLeaf) continue;
        // The node the value was folded from, with its children replaced by their constants:
        // the explanation shows the children becoming constants, then the fold.
        Expr source;
        for (NodeId n : m_classes[c].nodes) {
            const ENode& en = m_nodes[n];
            if (en.kids.empty()) continue;
            std::vector<Expr> consts;
            for (ClassId k : en.kids) consts.push_back(m_classes[find(k)].data.constant);
            if (std::any_of(consts.begin(), consts.end(), [](Expr e) { return !e; })) continue;
            Expr f = foldConstant(m_ctx, en.term, consts);
            if (!f || !sameConstant(f, value)) continue;
            auto built = m_ctx.withChildren(en.term, consts);
            if (!built) continue;
            source = *built;
            break;
        }
        if (!source) source = m_classes[c].rep; // no single folding step explains it
        add(source);
        add(value);
        ++m_counters.folds;
        unionTerms(source, value, Justification{Justification::Fold, 0});
    }
}

// ---- rebuilding ----

std::size_t EGraph::rebuild() {
    std::size_t unionsBefore = m_counters.unions;
    while (!clean()) {
        while (!m_pending.empty()) {
            NodeId n = m_pending.back();
            m_pending.pop_back();
            ENode& en = m_nodes[n];
            for (ClassId& k : en.kids) k = find(k);
            Key key{en.term, en.kids};
            auto [it, inserted] = m_memo.try_emplace(std::move(key), n);
            if (inserted || it->second == n) continue;
            const ENode& other = m_nodes[it->second];
            ClassId a = find(en.cls), b = find(other.cls);
            if (a == b) {
                m_touched.push_back(a);
                continue;
            }
            ++m_counters.congruences;
            linkTerms(en.term, other.term, Justification{Justification::Congruence, 0});
            mergeClasses(a, b);
        }
        while (!m_analysisPending.empty()) {
            NodeId n = m_analysisPending.back();
            m_analysisPending.pop_back();
            ClassId c = find(m_nodes[n].cls);
            ClassData d = make(m_nodes[n]);
            EClass& cls = m_classes[c];
            bool hadConstant = static_cast<bool>(cls.data.constant);
            if (joinData(cls.data, d)) {
                m_analysisPending.insert(m_analysisPending.end(), cls.parents.begin(), cls.parents.end());
                if (!hadConstant && cls.data.constant) queueFold(c);
            }
        }
        processFolds();
    }
    std::vector<ClassId> touched;
    touched.swap(m_touched);
    dedupeClasses(touched);
    ++m_counters.rebuilds;
    return m_counters.unions - unionsBefore;
}

void EGraph::dedupeClasses(const std::vector<ClassId>& touched) {
    std::unordered_set<ClassId> done;
    for (ClassId t : touched) {
        ClassId c = find(t);
        if (!done.insert(c).second) continue;
        EClass& cls = m_classes[c];
        std::unordered_set<Key, KeyHash> seen;
        std::vector<NodeId> kept;
        for (NodeId n : cls.nodes) {
            ENode& en = m_nodes[n];
            for (ClassId& k : en.kids) k = find(k);
            Key key{en.term, en.kids};
            if (seen.insert(key).second) {
                kept.push_back(n);
            } else {
                --m_liveNodes;
            }
        }
        // The hash-cons must point at the surviving e-node of each key.
        for (NodeId n : kept) m_memo[Key{m_nodes[n].term, m_nodes[n].kids}] = n;
        cls.nodes = std::move(kept);
        std::sort(cls.parents.begin(), cls.parents.end());
        cls.parents.erase(std::unique(cls.parents.begin(), cls.parents.end()), cls.parents.end());
    }
}

// ---- queries ----

bool EGraph::hasFreeVar(ClassId c, Expr var) const {
    const auto& fv = data(c).freeVars;
    return std::binary_search(fv.begin(), fv.end(), var, byId);
}

Expr EGraph::varOf(ClassId c) const {
    for (NodeId n : eclass(c).nodes)
        if (m_nodes[n].op() == Op::Var) return m_nodes[n].term;
    return Expr();
}

bool EGraph::denotes(ClassId c, Expr e) const {
    c = find(c);
    if (ClassId k = lookup(e); k != kNoClass && k == c) return true;
    const ClassData& d = m_classes[c].data;
    if (e.op() == Op::Const && d.constant && sameConstant(d.constant, e)) return true;
    for (NodeId n : m_classes[c].nodes) {
        const ENode& en = m_nodes[n];
        if (en.op() == Op::Cast && ir::isFloat(en.term.dtype()) && !ir::isFloat(en.term[0].dtype()) &&
            find(en.kids[0]) != c && denotes(en.kids[0], e))
            return true;
    }
    return false;
}

} // namespace tlift::egraph
