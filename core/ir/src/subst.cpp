#include "tlift/ir/subst.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <set>
#include <unordered_set>

namespace tlift::ir {

namespace {

void collectFree(Expr e, std::vector<Expr>& boundStack, std::unordered_set<const Node*>& out,
                 std::unordered_map<const Node*, bool>& closedCache) {
    if (e.varMask() == 0) return; // no variables below
    if (e.op() == Op::Var) {
        if (std::find(boundStack.begin(), boundStack.end(), e) == boundStack.end()) out.insert(e.node());
        return;
    }
    if (e.op() == Op::Reduce) {
        collectFree(e.lo(), boundStack, out, closedCache);
        collectFree(e.hi(), boundStack, out, closedCache);
        boundStack.push_back(e.var());
        collectFree(e.guard(), boundStack, out, closedCache);
        collectFree(e.body(), boundStack, out, closedCache);
        boundStack.pop_back();
        return;
    }
    for (const Expr& k : e.children()) collectFree(k, boundStack, out, closedCache);
    for (const Expr& d : e.shape()) collectFree(d, boundStack, out, closedCache);
}

std::vector<Expr> sortedByName(const std::unordered_set<const Node*>& s) {
    std::vector<Expr> v;
    for (const Node* n : s) v.emplace_back(n);
    std::sort(v.begin(), v.end(), [](Expr a, Expr b) {
        if (a.name() != b.name()) return a.name() < b.name();
        return a.dtype() < b.dtype();
    });
    return v;
}

} // namespace

std::vector<Expr> freeVars(Expr e) {
    std::vector<Expr> stack;
    std::unordered_set<const Node*> out;
    std::unordered_map<const Node*, bool> cache;
    collectFree(e, stack, out, cache);
    return sortedByName(out);
}

bool occursFree(Expr e, Expr var) {
    if ((e.varMask() & var.varMask()) == 0) return false;
    for (const Expr& v : freeVars(e))
        if (v == var) return true;
    return false;
}

std::vector<Expr> leavesOf(Expr e, Op kind) {
    std::vector<Expr> out;
    visitPostOrder(e, [&](Expr n) {
        if (n.op() == kind) out.push_back(n);
    });
    std::sort(out.begin(), out.end(), stableLess);
    return out;
}

bool contains(Expr e, Expr needle) {
    bool found = false;
    visitPostOrder(e, [&](Expr n) { found = found || n == needle; });
    return found;
}

void visitPostOrder(Expr e, const std::function<void(Expr)>& f) {
    std::unordered_set<const Node*> seen;
    std::vector<std::pair<Expr, std::size_t>> stack{{e, 0}};
    seen.insert(e.node());
    while (!stack.empty()) {
        auto& [n, i] = stack.back();
        std::size_t total = n.arity() + n.shape().size();
        if (i < total) {
            Expr k = i < n.arity() ? n.child(i) : n.shape()[i - n.arity()];
            ++i;
            if (seen.insert(k.node()).second) stack.emplace_back(k, 0);
            continue;
        }
        Expr done = n;
        stack.pop_back();
        f(done);
    }
}

namespace {

class Substituter {
public:
    Substituter(Context& ctx) : m_ctx(ctx) {}

    Expr run(Expr e, const ExprMap& m) {
        if (m.empty()) return e;
        std::uint64_t mask = 0;
        bool onlyVars = true;
        for (auto& [k, v] : m) {
            mask |= k.varMask();
            if (k.op() != Op::Var) onlyVars = false;
        }
        Memo memo;
        return go(e, m, mask, onlyVars, memo);
    }

private:
    using Memo = std::unordered_map<const Node*, Expr>;

    Expr go(Expr e, const ExprMap& m, std::uint64_t mask, bool onlyVars, Memo& memo) {
        if (onlyVars && (e.varMask() & mask) == 0) return e;
        if (auto it = memo.find(e.node()); it != memo.end()) return it->second;
        Expr result;
        if (auto hit = m.find(e); hit != m.end()) {
            result = hit->second;
        } else if (e.op() == Op::Reduce) {
            result = reduce(e, m, mask, onlyVars, memo);
        } else if (e.arity() == 0 && e.shape().empty()) {
            result = e;
        } else {
            std::vector<Expr> kids;
            bool changed = false;
            for (const Expr& k : e.children()) {
                kids.push_back(go(k, m, mask, onlyVars, memo));
                changed |= kids.back() != k;
            }
            if (e.op() == Op::Tensor) {
                kids.clear();
                for (const Expr& d : e.shape()) {
                    kids.push_back(go(d, m, mask, onlyVars, memo));
                    changed |= kids.back() != d;
                }
            }
            if (!changed) {
                result = e;
            } else {
                auto r = m_ctx.withChildren(e, kids);
                if (!r) throw IrError("substitution produced an ill-typed node: " + r.error().message);
                result = *r;
            }
        }
        memo.emplace(e.node(), result);
        return result;
    }

    Expr reduce(Expr e, const ExprMap& m, std::uint64_t mask, bool onlyVars, Memo& memo) {
        Expr v = e.var();
        Expr lo = go(e.lo(), m, mask, onlyVars, memo);
        Expr hi = go(e.hi(), m, mask, onlyVars, memo);
        // Inside the binder: the bound variable is not substituted, and a value that mentions
        // it would be captured, so the binder is renamed first.
        ExprMap inner;
        bool capture = false;
        for (auto& [k, val] : m) {
            if (k == v) continue;
            if (contains(k, v)) continue; // a key mentioning the bound variable cannot match freely
            inner.emplace(k, val);
            if (occursFree(val, v)) capture = true;
        }
        Expr guard = e.guard(), body = e.body();
        Expr nv = v;
        if (capture) {
            nv = m_ctx.freshVar(v.name(), v.dtype());
            ExprMap rename{{v, nv}};
            Memo rm;
            guard = go(guard, rename, v.varMask(), true, rm);
            body = go(body, rename, v.varMask(), true, rm);
        }
        std::uint64_t innerMask = 0;
        bool innerOnlyVars = true;
        for (auto& [k, val] : inner) {
            innerMask |= k.varMask();
            if (k.op() != Op::Var) innerOnlyVars = false;
        }
        Memo innerMemo;
        Expr g2 = inner.empty() ? guard : go(guard, inner, innerMask, innerOnlyVars, innerMemo);
        Expr b2 = inner.empty() ? body : go(body, inner, innerMask, innerOnlyVars, innerMemo);
        if (nv == v && lo == e.lo() && hi == e.hi() && g2 == e.guard() && b2 == e.body()) return e;
        return m_ctx.reduce(e.reduceKind(), nv, lo, hi, g2, b2);
    }

    Context& m_ctx;
};

} // namespace

Expr substitute(Context& ctx, Expr e, const ExprMap& m) { return Substituter(ctx).run(e, m); }

Expr substitute(Context& ctx, Expr e, Expr key, Expr value) {
    ExprMap m{{key, value}};
    return substitute(ctx, e, m);
}

namespace {

Expr canon(Context& ctx, Expr e, int depth, std::unordered_map<const Node*, Expr>& memo, const std::string& prefix) {
    if (e.op() == Op::Reduce) {
        Expr v = e.var();
        Expr nv = ctx.var(prefix + std::to_string(depth), v.dtype());
        Expr lo = canon(ctx, e.lo(), depth, memo, prefix);
        Expr hi = canon(ctx, e.hi(), depth, memo, prefix);
        std::unordered_map<const Node*, Expr> innerMemo;
        Expr guard = canon(ctx, e.guard(), depth + 1, innerMemo, prefix);
        Expr body = canon(ctx, e.body(), depth + 1, innerMemo, prefix);
        if (nv != v) {
            // Rename v to nv; nv cannot be captured inside since inner binders use deeper names.
            guard = substitute(ctx, guard, v, nv);
            body = substitute(ctx, body, v, nv);
        }
        return ctx.reduce(e.reduceKind(), nv, lo, hi, guard, body);
    }
    if (e.arity() == 0) return e;
    if (auto it = memo.find(e.node()); it != memo.end()) return it->second;
    std::vector<Expr> kids;
    bool changed = false;
    for (const Expr& k : e.children()) {
        kids.push_back(canon(ctx, k, depth, memo, prefix));
        changed |= kids.back() != k;
    }
    Expr r = changed ? *ctx.withChildren(e, kids) : e;
    memo.emplace(e.node(), r);
    return r;
}

} // namespace

Expr canonicalizeBinders(Context& ctx, Expr e) {
    // Canonical names must not capture a free variable of the same name.
    std::string prefix = "k";
    for (const Expr& v : freeVars(e)) {
        std::string_view n = v.name();
        if (n.size() > 1 && n[0] == 'k' && std::all_of(n.begin() + 1, n.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
            prefix = "_k";
            break;
        }
    }
    std::unordered_map<const Node*, Expr> memo;
    return canon(ctx, e, 0, memo, prefix);
}

bool stableLess(Expr a, Expr b) {
    if (a == b) return false;
    if (a.structuralHash() != b.structuralHash()) return a.structuralHash() < b.structuralHash();
    // Equal hashes of different nodes: compare the structure.
    if (a.op() != b.op()) return a.op() < b.op();
    if (a.dtype() != b.dtype()) return a.dtype() < b.dtype();
    if (a.name() != b.name()) return a.name() < b.name();
    if (a.node()->i != b.node()->i) return a.node()->i < b.node()->i;
    if (a.node()->j != b.node()->j) return a.node()->j < b.node()->j;
    if (a.node()->f != b.node()->f) return a.node()->f < b.node()->f;
    std::size_t n = std::min(a.arity(), b.arity());
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return stableLess(a[i], b[i]);
    return a.arity() < b.arity();
}

std::size_t dagSize(Expr e) {
    std::size_t n = 0;
    visitPostOrder(e, [&](Expr) { ++n; });
    return n;
}

std::size_t treeSize(Expr e) {
    std::unordered_map<const Node*, std::size_t> size;
    visitPostOrder(e, [&](Expr n) {
        std::size_t s = 1;
        for (const Expr& k : n.children()) s = std::min<std::size_t>(s + size[k.node()], std::size_t(1) << 62);
        size[n.node()] = s;
    });
    return size[e.node()];
}

Expr rewriteBottomUp(Context& ctx, Expr e, const std::function<Expr(Expr)>& f) {
    std::unordered_map<const Node*, Expr> done;
    visitPostOrder(e, [&](Expr n) {
        Expr rebuilt = n;
        if (n.arity() > 0) {
            std::vector<Expr> kids;
            bool changed = false;
            for (const Expr& k : n.children()) {
                kids.push_back(done.at(k.node()));
                changed |= kids.back() != k;
            }
            if (changed) {
                auto r = ctx.withChildren(n, kids);
                if (!r) throw IrError("rewrite produced an ill-typed node: " + r.error().message);
                rebuilt = *r;
            }
        }
        done[n.node()] = f(rebuilt);
    });
    return done.at(e.node());
}

} // namespace tlift::ir
