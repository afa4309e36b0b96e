#include "tlift/egraph/deindex.h"

#include "tlift/ir/named_ops.h"
#include "tlift/ir/poly.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace tlift::egraph {

using ir::DType;
using ir::Expr;
using ir::Op;
using ir::ReduceKind;

namespace {

using R = util::Result<Expr>;

R fail(const std::string& m) { return R::failure("deindex", m); }

struct Slot {
    Expr var;
    Expr extent;
};
using Frame = std::vector<Slot>;

int slotOf(const Frame& f, Expr v) {
    for (std::size_t i = 0; i < f.size(); ++i)
        if (f[i].var == v) return static_cast<int>(i);
    return -1;
}

// Structural operators added by the conversion: fewer is a more natural form.
std::size_t layoutOps(Expr e) {
    std::size_t n = 0;
    ir::visitPostOrder(e, [&](Expr x) {
        if (x.op() == Op::Named && (x.namedInfo().name == "transpose" || x.namedInfo().name == "unsqueeze")) ++n;
    });
    return n;
}

class Deindexer {
public:
    explicit Deindexer(ir::Context& ctx) : m_ctx(ctx) {}

    R go(Expr e, const Frame& f) {
        if (!e.isScalar()) return fail("tensor-valued subterm " + ir::toText(e) + " outside a read");
        const std::vector<Expr>& fv = freeVarsOf(e);
        bool usesFrame = false;
        for (const Expr& v : fv) {
            if (slotOf(f, v) < 0) return fail("variable '" + std::string(v.name()) + "' is not an output coordinate");
            usesFrame = true;
        }
        if (!usesFrame) return e; // the same value at every coordinate
        switch (e.op()) {
        case Op::Var: return fail("coordinate '" + std::string(e.name()) + "' used as a value");
        case Op::Read: return read(e, f);
        case Op::Cast:
            // cast(x[i, k]) = cast(x)[i, k]: keeps the cast on the whole tensor (matmul(cast(a), ...)).
            if (e[0].op() == Op::Read) {
                auto t = m_ctx.tryCast(e[0][0], e.dtype());
                if (!t) return t;
                std::vector<Expr> idx(e[0].children().begin() + 1, e[0].children().end());
                auto r = m_ctx.tryRead(*t, idx);
                if (!r) return r;
                return read(*r, f);
            }
            return elementwise(e, f);
        case Op::Reduce: return reduce(e, f);
        case Op::Apply: return fail("function " + std::string(e.name()) + " of the coordinates");
        case Op::Named:
            if (!e.namedInfo().elementwise) return fail("operator " + e.namedInfo().name + " used as a scalar");
            return elementwise(e, f);
        default: return elementwise(e, f);
        }
    }

private:
    // Free variables per node, computed once (formulas can be long chains).
    const std::vector<Expr>& freeVarsOf(Expr e) {
        auto it = m_fv.find(e.node());
        if (it != m_fv.end()) return it->second;
        std::vector<Expr> out;
        if (e.op() == Op::Var) {
            out.push_back(e);
        } else {
            for (std::size_t i = 0; i < e.arity(); ++i) {
                if (e.op() == Op::Reduce && i == 0) continue;
                for (const Expr& v : freeVarsOf(e[i]))
                    if (!(e.op() == Op::Reduce && i >= 3 && v == e.var())) out.push_back(v);
            }
            std::sort(out.begin(), out.end(), [](Expr a, Expr b) { return a.id() < b.id(); });
            out.erase(std::unique(out.begin(), out.end()), out.end());
        }
        return m_fv.emplace(e.node(), std::move(out)).first->second;
    }

    R elementwise(Expr e, const Frame& f) {
        std::vector<Expr> kids;
        for (const Expr& k : e.children()) {
            auto t = go(k, f);
            if (!t) return t;
            kids.push_back(*t);
        }
        if (e.op() == Op::Named) {
            const auto& params = e.namedInfo().params;
            for (std::size_t i = 0; i < kids.size(); ++i)
                if (params[i].kind != ir::ParamKind::Tensor && !kids[i].isScalar())
                    return fail(e.namedInfo().name + ": parameter '" + params[i].name + "' depends on a coordinate");
        }
        return m_ctx.withChildren(e, kids);
    }

    // x[c_a, c_b, ...] with every index a distinct coordinate: x, transposed into slot order,
    // with size-1 dimensions for the slots in between.
    R read(Expr e, const Frame& f) {
        Expr t = e[0];
        for (const Expr& v : freeVarsOf(t))
            if (slotOf(f, v) >= 0) return fail("the tensor of a read depends on a coordinate");
        std::vector<int> slots;
        for (std::size_t a = 1; a < e.arity(); ++a) {
            Expr idx = e[a];
            int s = idx.op() == Op::Var ? slotOf(f, idx) : -1;
            if (s < 0 && e.arity() == 3 && idx.op() == Op::Read) return gather(e, f);
            if (s < 0) return fail("index " + ir::toText(idx) + " is not an output coordinate");
            if (std::find(slots.begin(), slots.end(), s) != slots.end())
                return fail("coordinate '" + std::string(idx.name()) + "' indexes two dimensions");
            if (t.shape()[a - 1] != f[static_cast<std::size_t>(s)].extent)
                return fail("dimension " + std::to_string(a - 1) + " of " + ir::toText(t) + " is " +
                            ir::toText(t.shape()[a - 1]) + ", not the range " +
                            ir::toText(f[static_cast<std::size_t>(s)].extent) + " of " + std::string(idx.name()));
            slots.push_back(s);
        }
        return align(t, slots, f.size());
    }

    // Reads whose index is itself a read of an integer vector at a coordinate:
    //   w[ids[c_a], c_b] = embedding(w, ids)[c_a, c_b]
    //   x[c_a, ids[c_a]] = squeeze(gather(x, 1, unsqueeze(ids, 1)), 1)[c_a]
    R gather(Expr e, const Frame& f) {
        Expr w = e[0];
        auto coord = [&](Expr i) { return i.op() == Op::Var ? slotOf(f, i) : -1; };
        auto vectorAt = [&](Expr i) -> std::pair<Expr, int> {
            if (i.op() != Op::Read || i.arity() != 2 || i[0].rank() != 1 || !ir::isInteger(i.dtype())) return {Expr(), -1};
            if (!freeVarsOf(i[0]).empty()) return {Expr(), -1};
            return {i[0], coord(i[1])};
        };
        if (w.rank() != 2) return fail("unsupported gather " + ir::toText(e));
        auto [rows, ra] = vectorAt(e[1]);
        if (rows && ra >= 0 && coord(e[2]) >= 0 && coord(e[2]) != ra) {
            int sb = coord(e[2]);
            auto emb = m_ctx.tryNamed("embedding", {w, rows});
            if (!emb) return emb;
            if (emb->shape()[0] != f[static_cast<std::size_t>(ra)].extent || emb->shape()[1] != f[static_cast<std::size_t>(sb)].extent)
                return fail("gather " + ir::toText(e) + " does not cover the coordinates' ranges");
            return align(*emb, {ra, sb}, f.size());
        }
        auto [cols, ca] = vectorAt(e[2]);
        int sa = coord(e[1]);
        if (cols && sa >= 0 && ca == sa) {
            if (w.shape()[0] != f[static_cast<std::size_t>(sa)].extent || cols.shape()[0] != w.shape()[0])
                return fail("gather " + ir::toText(e) + " does not cover the coordinates' ranges");
            auto index = m_ctx.tryNamed("unsqueeze", {cols, m_ctx.intConst(1)});
            if (!index) return index;
            auto g = m_ctx.tryNamed("gather", {w, m_ctx.intConst(1), *index});
            if (!g) return g;
            auto sq = m_ctx.tryNamed("squeeze", {*g, m_ctx.intConst(1)});
            if (!sq) return sq;
            return align(*sq, {sa}, f.size());
        }
        return fail("unsupported gather " + ir::toText(e));
    }

    R align(Expr t, std::vector<int> slots, std::size_t frameRank) {
        Expr cur = t;
        for (std::size_t pos = 0; pos < slots.size(); ++pos) {
            std::size_t j = static_cast<std::size_t>(std::min_element(slots.begin() + static_cast<long>(pos), slots.end()) - slots.begin());
            if (j == pos) continue;
            auto r = m_ctx.tryNamed("transpose", {cur, m_ctx.intConst(static_cast<std::int64_t>(pos)),
                                                   m_ctx.intConst(static_cast<std::int64_t>(j))});
            if (!r) return r;
            cur = *r;
            std::swap(slots[pos], slots[j]);
        }
        if (slots.empty()) return cur;
        int first = slots[0];
        std::size_t rank = frameRank - static_cast<std::size_t>(first);
        for (std::size_t p = 0; p < rank; ++p) {
            bool used = std::find(slots.begin(), slots.end(), first + static_cast<int>(p)) != slots.end();
            if (used) continue;
            auto r = m_ctx.tryNamed("unsqueeze", {cur, m_ctx.intConst(static_cast<std::int64_t>(p))});
            if (!r) return r;
            cur = *r;
        }
        return cur;
    }

    static Expr neutral(ir::Context& ctx, ReduceKind k, DType t) {
        double inf = std::numeric_limits<double>::infinity();
        switch (k) {
        case ReduceKind::Sum: return ctx.zero(t);
        case ReduceKind::Prod: return ctx.one(t);
        case ReduceKind::Max: return ir::isFloat(t) ? ctx.floatConst(-inf, t) : Expr();
        case ReduceKind::Min: return ir::isFloat(t) ? ctx.floatConst(inf, t) : Expr();
        default: return Expr();
        }
    }

    bool occurs(Expr e, Expr var) {
        const auto& fv = freeVarsOf(e);
        return std::find(fv.begin(), fv.end(), var) != fv.end();
    }

    bool dependsOnFrame(Expr e, const Frame& f) {
        for (const Expr& v : freeVarsOf(e))
            if (slotOf(f, v) >= 0) return true;
        return false;
    }

    R reduce(Expr e, const Frame& f) {
        ReduceKind kind = e.reduceKind();
        Expr k = e.var(), lo = e.lo(), hi = e.hi(), guard = e.guard(), body = e.body();
        if (!lo.isZero() || lo.op() != Op::Const) return fail("reduction from " + ir::toText(lo) + ", not from 0");
        // Prefix reductions: hi = c + 1, or a guard k <= c over the whole range.
        int prefixSlot = -1;
        if (dependsOnFrame(hi, f)) {
            prefixSlot = prefixOf(hi, f);
            if (prefixSlot < 0) return fail("reduction bound " + ir::toText(hi) + " is not c + 1 for a coordinate c");
        } else if (!(guard.op() == Op::Const && guard.boolValue())) {
            int s = guardPrefix(k, guard, f);
            if (s >= 0 && hi == f[static_cast<std::size_t>(s)].extent) {
                prefixSlot = s;
                guard = m_ctx.trueConst();
            }
        }
        if (!(guard.op() == Op::Const && guard.boolValue())) {
            Expr id = neutral(m_ctx, kind, body.dtype());
            if (!id) return fail("guarded " + std::string(ir::reduceKindName(kind)) + " has no neutral element");
            auto w = m_ctx.trySelect(guard, body, id);
            if (!w) return w;
            body = *w;
        }
        if (prefixSlot >= 0) return prefix(kind, k, body, prefixSlot, f);
        return full(kind, k, hi, body, f);
    }

    int prefixOf(Expr hi, const Frame& f) {
        auto p = ir::toPoly(hi);
        if (!p) return -1;
        for (std::size_t s = 0; s < f.size(); ++s) {
            auto c = ir::toPoly(f[s].var);
            if (!c) continue;
            ir::Poly d = *p - *c;
            if (d.isConstant() && d.constantTerm() == ir::Rational{1, 1}) return static_cast<int>(s);
        }
        return -1;
    }

    int guardPrefix(Expr k, Expr g, const Frame& f) {
        auto slotIf = [&](Expr c) { return c.op() == Op::Var ? slotOf(f, c) : -1; };
        if (g.op() == Op::Le && g[0] == k) return slotIf(g[1]);
        if (g.op() == Op::Ge && g[1] == k) return slotIf(g[0]);
        if (g.op() == Op::Lt && g[0] == k) return prefixOf(g[1], f);
        if (g.op() == Op::Gt && g[1] == k) return prefixOf(g[0], f);
        return -1;
    }

    R prefix(ReduceKind kind, Expr k, Expr body, int s, const Frame& f) {
        if (kind != ReduceKind::Sum && kind != ReduceKind::Prod) return fail("prefix reduction other than a sum or product");
        Expr c = f[static_cast<std::size_t>(s)].var;
        if (occurs(body, c)) return fail("prefix reduction whose body depends on its bound's coordinate");
        Frame inner = f;
        inner[static_cast<std::size_t>(s)].var = k;
        auto t = go(body, inner);
        if (!t) return t;
        long dim = static_cast<long>(s) - static_cast<long>(f.size() - t->rank());
        if (dim < 0 || t->shape()[static_cast<std::size_t>(dim)] != f[static_cast<std::size_t>(s)].extent)
            return fail("prefix reduction whose body does not depend on the reduced index");
        return m_ctx.tryNamed(kind == ReduceKind::Sum ? "cumsum" : "cumprod", {*t, m_ctx.intConst(dim)});
    }

    R full(ReduceKind kind, Expr k, Expr hi, Expr body, const Frame& f) {
        if (occurs(hi, k)) return fail("reduction bound mentions its own variable");
        struct Candidate {
            Frame frame;
            std::size_t pos;
            bool keep;
        };
        std::vector<Candidate> candidates;
        for (std::size_t s = 0; s < f.size(); ++s) {
            if (occurs(body, f[s].var)) continue;
            Frame g = f;
            g[s] = Slot{k, hi};
            candidates.push_back({std::move(g), s, true});
        }
        for (std::size_t p = f.size() + 1; p-- > 0;) {
            Frame g = f;
            g.insert(g.begin() + static_cast<long>(p), Slot{k, hi});
            candidates.push_back({std::move(g), p, false});
        }
        R best = fail("no tensor form for the reduction over " + std::string(k.name()));
        std::size_t bestScore = std::numeric_limits<std::size_t>::max();
        for (const Candidate& c : candidates) {
            auto t = go(body, c.frame);
            if (!t) {
                if (bestScore == std::numeric_limits<std::size_t>::max()) best = t;
                continue;
            }
            auto r = finish(kind, k, hi, *t, c.frame.size(), c.pos, c.keep);
            if (!r) continue;
            std::size_t score = layoutOps(*r);
            if (score < bestScore) {
                bestScore = score;
                best = r;
            }
        }
        return best;
    }

    R finish(ReduceKind kind, Expr k, Expr hi, Expr t, std::size_t frameRank, std::size_t pos, bool keep) {
        long dim = static_cast<long>(pos) - static_cast<long>(frameRank - t.rank());
        bool independent = dim < 0;
        if (!independent && t.shape()[static_cast<std::size_t>(dim)].isIntConst(1) && !hi.isIntConst(1)) {
            // A size-1 dimension for k: only a kept (shared) slot may stay; a new one would have
            // to be removed.
            if (!keep) return fail("reduction of a body that does not depend on its variable");
            independent = true;
        }
        if (independent) {
            // The body does not depend on k: a sum is a multiple of it.
            if (kind != ReduceKind::Sum) return fail("reduction of a body that does not depend on its variable");
            Expr n = m_ctx.max(hi, m_ctx.zero(hi.dtype()));
            if (ir::isFloat(t.dtype())) n = m_ctx.cast(n, t.dtype());
            else if (n.dtype() != t.dtype()) n = m_ctx.cast(n, t.dtype());
            return m_ctx.tryBinary(Op::Mul, n, t);
        }
        if (t.shape()[static_cast<std::size_t>(dim)] != hi) return fail("reduction range differs from the dimension it reads");
        const char* name = nullptr;
        switch (kind) {
        case ReduceKind::Sum: name = "sum"; break;
        case ReduceKind::Prod: name = "prod"; break;
        case ReduceKind::Max: name = "amax"; break;
        case ReduceKind::Min: name = "amin"; break;
        case ReduceKind::ArgMax: name = "argmax"; break;
        case ReduceKind::ArgMin: name = "argmin"; break;
        }
        auto r = m_ctx.tryNamed(name, {t, m_ctx.intConst(dim), m_ctx.boolConst(keep)});
        if (!r) return r;
        if ((kind == ReduceKind::ArgMax || kind == ReduceKind::ArgMin) && r->dtype() != k.dtype())
            return m_ctx.tryCast(*r, k.dtype());
        return r;
    }

    ir::Context& m_ctx;
    std::unordered_map<const ir::Node*, std::vector<Expr>> m_fv;
};

} // namespace

util::Result<Expr> deindex(ir::Context& ctx, Expr body, std::span<const Expr> coords, std::span<const Expr> extents) {
    if (coords.size() != extents.size()) return fail("one extent per coordinate is needed");
    Frame f;
    for (std::size_t i = 0; i < coords.size(); ++i) {
        if (coords[i].op() != Op::Var) return fail("coordinate " + ir::toText(coords[i]) + " is not a variable");
        if (slotOf(f, coords[i]) >= 0) return fail("coordinate '" + std::string(coords[i].name()) + "' repeated");
        f.push_back(Slot{coords[i], extents[i]});
    }
    Deindexer d(ctx);
    R t = [&]() -> R {
        try {
            return d.go(body, f);
        } catch (const ir::IrError& e) {
            return fail(e.what());
        }
    }();
    if (!t) return t;
    if (t->rank() != f.size()) return fail("the formula does not depend on every output coordinate");
    for (std::size_t i = 0; i < f.size(); ++i)
        if (t->shape()[i] != f[i].extent) return fail("the formula does not depend on coordinate '" + std::string(f[i].var.name()) + "'");
    return t;
}

util::Result<Expr> deindexSummary(ir::Context& ctx, Expr lhs, Expr rhs) {
    if (lhs.op() == Op::Tensor) return rhs;
    if (lhs.op() != Op::Read || lhs[0].op() != Op::Tensor) return fail("left side is not out[i, ...]");
    std::vector<Expr> coords(lhs.children().begin() + 1, lhs.children().end());
    Expr out = lhs[0];
    std::vector<Expr> extents(out.shape().begin(), out.shape().end());
    return deindex(ctx, rhs, coords, extents);
}

} // namespace tlift::egraph
