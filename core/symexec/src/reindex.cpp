#include "tlift/symexec/reindex.h"

#include "tlift/ir/poly.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"

#include <algorithm>
#include <set>

namespace tlift::symexec {

using ir::Expr;
using ir::Poly;
using ir::Rational;

std::vector<std::string> coordinateNames(std::size_t rank) {
    static const char* names[] = {"i", "j", "k", "l"};
    std::vector<std::string> out;
    for (std::size_t d = 0; d < rank; ++d)
        out.push_back(rank <= 4 ? std::string(names[d]) : "i" + std::to_string(d));
    return out;
}

ir::SimplifyOptions laneRanges(const Spec& spec, const Shape& shape) {
    ir::SimplifyOptions o;
    for (std::size_t d = 0; d < shape.size(); ++d) o.setRange(spec.lane(static_cast<int>(d)), 0, shape[d]);
    for (const Expr& p : spec.pids) o.ranges[p.node()] = {0, INT64_MAX / 4};
    return o;
}

namespace {

// Adds the ranges of reduction variables with constant bounds.
void addBinderRanges(Expr e, ir::SimplifyOptions& o) {
    ir::visitPostOrder(e, [&](Expr n) {
        if (n.op() == ir::Op::Reduce && n.lo().op() == ir::Op::Const && n.hi().op() == ir::Op::Const &&
            n.lo().constKind() == ir::ConstKind::Int && n.hi().constKind() == ir::ConstKind::Int)
            o.setRange(n.var(), n.lo().intValue(), n.hi().intValue());
    });
}

bool isMonomialStride(const Poly& p, Rational& coef, ir::Monomial& mono) {
    if (p.size() != 1) return false;
    auto it = p.terms().begin();
    if (it->first.atoms.empty() || it->second.den != 1 || it->second.num <= 0) return false;
    coef = it->second;
    mono = it->first;
    return true;
}

// Does monomial m contain every atom of d (with multiplicity)? Then m = d * rest.
std::optional<ir::Monomial> divideMonomial(const ir::Monomial& m, const ir::Monomial& d) {
    ir::Monomial rest = m;
    for (const Expr& a : d.atoms) {
        auto it = std::find(rest.atoms.begin(), rest.atoms.end(), a);
        if (it == rest.atoms.end()) return std::nullopt;
        rest.atoms.erase(it);
    }
    return rest;
}

Poly polyOfMonomial(const ir::Monomial& m, Rational c) {
    Poly p = Poly::constant(c);
    for (const Expr& a : m.atoms) p = p * Poly::atom(a);
    return p;
}

} // namespace

std::optional<std::vector<Expr>> delinearize(ir::Context& ctx, Expr offset, const std::vector<Expr>& strides,
                                             const ir::SimplifyOptions& ranges) {
    const std::size_t r = strides.size();
    if (r == 0) return std::nullopt;
    ir::DType t = offset.dtype();
    auto P = ir::toPoly(offset);
    if (!P) return std::nullopt;
    std::vector<std::optional<Poly>> coord(r);
    Poly rest = *P;
    // Symbolic strides first: the terms that are multiples of the stride's monomial.
    std::vector<std::size_t> constDims;
    for (std::size_t d = 0; d < r; ++d) {
        Expr s = strides[d];
        if (s.dtype() != t && ir::isInteger(s.dtype())) s = ctx.cast(s, t);
        auto sp = ir::toPoly(s);
        if (!sp) return std::nullopt;
        if (sp->isConstant()) {
            constDims.push_back(d);
            continue;
        }
        Rational c;
        ir::Monomial mono;
        if (!isMonomialStride(*sp, c, mono)) return std::nullopt;
        Poly part, keep;
        for (auto& [m, coef] : rest.terms()) {
            auto q = divideMonomial(m, mono);
            if (q && coef.den == 1 && coef.num % c.num == 0) part = part + polyOfMonomial(*q, Rational{coef.num / c.num, 1});
            else keep = keep + polyOfMonomial(m, coef);
        }
        coord[d] = part;
        rest = keep;
    }
    // Constant strides, largest first: quotient and remainder, decided by the lane ranges.
    std::sort(constDims.begin(), constDims.end(), [&](std::size_t a, std::size_t b) {
        return ir::toPoly(strides[a])->constantTerm().num > ir::toPoly(strides[b])->constantTerm().num;
    });
    auto restE = ir::fromPoly(ctx, rest, t);
    if (!restE) return std::nullopt;
    Expr R = *restE;
    for (std::size_t idx = 0; idx < constDims.size(); ++idx) {
        std::size_t d = constDims[idx];
        std::int64_t s = ir::toPoly(strides[d])->constantTerm().num;
        if (s <= 0) return std::nullopt;
        bool last = idx + 1 == constDims.size();
        if (s == 1 || last) {
            if (s != 1) {
                Expr q = ir::simplify(ctx, ctx.binary(ir::Op::FloorDiv, R, ctx.intConst(s, t)), ranges);
                Expr m = ir::simplify(ctx, ctx.binary(ir::Op::Mod, R, ctx.intConst(s, t)), ranges);
                if (!m.isZero()) return std::nullopt; // an offset between elements of the last dim
                coord[d] = ir::toPoly(q);
            } else {
                coord[d] = ir::toPoly(R);
            }
            R = ctx.zero(t);
            continue;
        }
        Expr q = ir::simplify(ctx, ctx.binary(ir::Op::FloorDiv, R, ctx.intConst(s, t)), ranges);
        Expr m = ir::simplify(ctx, ctx.binary(ir::Op::Mod, R, ctx.intConst(s, t)), ranges);
        coord[d] = ir::toPoly(q);
        R = m;
    }
    if (!R.isZero()) {
        // Terms left over belong to no dimension (no unit stride): not a tensor access.
        if (constDims.empty()) return std::nullopt;
    }
    std::vector<Expr> out;
    for (std::size_t d = 0; d < r; ++d) {
        Poly p = coord[d] ? *coord[d] : Poly();
        auto e = ir::fromPoly(ctx, p, t);
        if (!e) return std::nullopt;
        out.push_back(ir::simplify(ctx, *e, ranges));
    }
    return out;
}

Expr applyScalarValues(ir::Context& ctx, const LaunchContext& lc, Expr e) {
    if (lc.scalarValues.empty()) return e;
    ir::ExprMap m;
    for (const Expr& s : ir::leavesOf(e, ir::Op::Sym)) {
        auto it = lc.scalarValues.find(std::string(s.name()));
        if (it == lc.scalarValues.end()) continue;
        Expr v = it->second;
        if (v.dtype() != s.dtype()) v = ctx.cast(v, s.dtype());
        m.emplace(s, v);
    }
    return m.empty() ? e : ir::simplify(ctx, ir::substitute(ctx, e, m));
}

Expr toLogicalReads(ir::Context& ctx, const Spec& spec, const LaunchContext& lc, Expr e, const ir::SimplifyOptions& ranges0) {
    ir::SimplifyOptions ranges = ranges0;
    addBinderRanges(e, ranges);
    std::map<std::string, const TensorBinding*> byBuffer;
    for (const BufferInfo& b : spec.buffers)
        if (const TensorBinding* t = lc.tensorForParam(b.name)) byBuffer[b.name] = t;
    return ir::rewriteBottomUp(ctx, e, [&](Expr n) -> Expr {
        if (n.op() != ir::Op::Read || n[0].op() != ir::Op::Tensor) return n;
        auto it = byBuffer.find(std::string(n[0].name()));
        if (it == byBuffer.end() || n.arity() != 2) return n;
        const TensorBinding* t = it->second;
        if (n[0] == t->node) return n; // already logical
        auto coords = delinearize(ctx, n[1], t->strides, ranges);
        if (!coords) return n;
        for (Expr& c : *coords)
            if (c.dtype() != ir::DType::I32 && ir::isInteger(c.dtype())) c = ir::simplify(ctx, ctx.cast(c, ir::DType::I32));
        auto r = ctx.tryRead(t->node, *coords);
        if (!r) return n;
        if (r->dtype() != n.dtype()) return ctx.cast(*r, n.dtype());
        return *r;
    });
}

namespace {

struct LinearTerm {
    Expr var;
    std::int64_t coef;
    std::int64_t range; // 0: unbounded
};

} // namespace

util::Result<Reindexed> reindexStore(ir::Context& ctx, const Spec& spec, const StoreSpec& st, const LaunchContext& lc,
                                     Expr value) {
    using R = util::Result<Reindexed>;
    const BufferInfo& buf = spec.buffers[static_cast<std::size_t>(st.buffer)];
    const TensorBinding* out = lc.tensorForParam(buf.name);
    if (!out) return R::failure("launch", "no tensor is known for '" + buf.name + "': give its shape and strides in the launch context");
    Reindexed res;
    res.store = st.id;
    res.output = out->name;
    res.outTensor = out->node;
    ir::SimplifyOptions ranges = laneRanges(spec, st.shape);
    Expr offset = applyScalarValues(ctx, lc, st.offset);
    auto coords = delinearize(ctx, offset, out->strides, ranges);
    if (!coords)
        return R::failure("reindex", "the store's address " + ir::toText(offset) + " does not match the layout of " + out->name +
                                         " (strides " + [&] {
                                             std::string s;
                                             for (auto& e : out->strides) s += (s.empty() ? "" : ", ") + ir::toText(e);
                                             return s;
                                         }() + ")");
    std::vector<std::string> names = coordinateNames(out->shape.size());
    for (std::size_t d = 0; d < names.size(); ++d) {
        Expr v = ctx.var(names[d]);
        res.coords.push_back(v);
        res.domain.push_back(ctx.land(ctx.le(ctx.intConst(0), v), ctx.lt(v, out->shape[d])));
    }
    // Loop counters of enclosing loops: counter = lo + step * t with an iteration variable t.
    std::map<const ir::Node*, const LoopSpec*> counters;
    for (int id : st.loops)
        if (const LoopSpec* L = spec.loop(id); L && !L->isWhile) counters[L->counter.node()] = L;
    std::set<const ir::Node*> solved;
    for (std::size_t d = 0; d < coords->size(); ++d) {
        Expr cd = (*coords)[d];
        if (cd.dtype() != ir::DType::I32) cd = ir::simplify(ctx, ctx.cast(cd, ir::DType::I32));
        auto P = ir::toPoly(cd);
        if (!P) return R::failure("reindex", "coordinate " + std::to_string(d) + " of the store is not a polynomial");
        std::vector<LinearTerm> terms;
        Poly constPart;
        ir::ExprMap counterSubst;
        for (auto& [m, coef] : P->terms()) {
            Expr var;
            for (const Expr& a : m.atoms)
                if (a.op() == ir::Op::Var) {
                    if (var) return R::failure("reindex", "coordinate " + ir::toText(cd) + " multiplies two variables");
                    var = a;
                }
            if (!var) {
                constPart = constPart + polyOfMonomial(m, coef);
                continue;
            }
            if (m.atoms.size() != 1 || coef.den != 1)
                return R::failure("reindex", "coordinate " + ir::toText(cd) + " scales " + std::string(var.name()) +
                                                 " by a symbol: the store does not tile the output");
            std::int64_t range = 0;
            bool isLane = false;
            for (std::size_t a = 0; a < st.shape.size(); ++a)
                if (var == spec.lane(static_cast<int>(a))) {
                    range = st.shape[a];
                    isLane = true;
                }
            if (auto c = counters.find(var.node()); c != counters.end()) {
                const LoopSpec* L = c->second;
                if (L->step.op() != ir::Op::Const) return R::failure("reindex", "loop " + L->label() + " has a symbolic step");
                Expr it = ctx.var(std::string(var.name()) + "_it");
                Expr lo = applyScalarValues(ctx, lc, L->lo);
                auto loP = ir::toPoly(lo);
                if (!loP) return R::failure("reindex", "loop bound is not a polynomial");
                constPart = constPart + loP->scaled(coef);
                terms.push_back({it, coef.num * L->step.intValue(), 0});
                counterSubst.emplace(var, it);
                continue;
            }
            bool isPid = std::find(spec.pids.begin(), spec.pids.end(), var) != spec.pids.end();
            if (!isLane && !isPid) return R::failure("reindex", "coordinate depends on '" + std::string(var.name()) + "'");
            terms.push_back({var, coef.num, range});
        }
        if (terms.empty()) {
            // One index along this dimension: only the elements there are written (programs and
            // lanes that differ in nothing else are a race, or an accumulation when atomic).
            auto cE = ir::fromPoly(ctx, constPart, ir::DType::I32);
            if (!cE) return R::failure("reindex", "constant part of coordinate is not integral");
            res.obligations.push_back({"the store writes index " + ir::toText(*cE) + " of dimension " + std::to_string(d),
                                       ctx.eq(res.coords[d], *cE)});
            continue;
        }
        std::sort(terms.begin(), terms.end(), [](const LinearTerm& a, const LinearTerm& b) { return a.coef < b.coef; });
        // Mixed radix: coefficients 1, R1, R1*R2, ...; only the last variable may be unbounded.
        std::int64_t expect = 1;
        for (std::size_t k = 0; k < terms.size(); ++k) {
            if (terms[k].coef != expect)
                return R::failure("reindex", "coordinate " + ir::toText(cd) + " is not a one-to-one tiling (coefficient " +
                                                 std::to_string(terms[k].coef) + " of " + std::string(terms[k].var.name()) +
                                                 " where " + std::to_string(expect) + " is needed)");
            if (terms[k].range == 0 && k + 1 != terms.size())
                return R::failure("reindex", "coordinate " + ir::toText(cd) + " has two unbounded variables");
            expect *= terms[k].range == 0 ? 1 : terms[k].range;
        }
        // i' = i - constant part; each variable is a digit of i'.
        auto cE = ir::fromPoly(ctx, constPart, ir::DType::I32);
        if (!cE) return R::failure("reindex", "constant part of coordinate is not integral");
        Expr base = res.coords[d];
        if (!cE->isZero()) {
            base = ctx.sub(base, *cE);
            res.obligations.push_back({"the store's start offset fits dimension " + std::to_string(d), ctx.le(*cE, res.coords[d])});
        }
        for (std::size_t k = 0; k < terms.size(); ++k) {
            const LinearTerm& lt = terms[k];
            Expr q = lt.coef == 1 ? base : ctx.binary(ir::Op::FloorDiv, base, ctx.intConst(lt.coef));
            bool last = k + 1 == terms.size();
            Expr v = last ? q : ctx.binary(ir::Op::Mod, q, ctx.intConst(lt.range));
            v = ir::simplify(ctx, v);
            res.sigma.emplace(lt.var, v);
            solved.insert(lt.var.node());
            if (last && lt.range > 0)
                res.obligations.push_back({"the block of " + std::to_string(lt.range) + " lanes covers dimension " + std::to_string(d),
                                           ir::simplify(ctx, ctx.lt(v, ctx.intConst(lt.range)))});
        }
        // Counters become lo + step * t.
        for (auto& [cv, it] : counterSubst) {
            const LoopSpec* L = counters[cv.node()];
            Expr lo = applyScalarValues(ctx, lc, L->lo);
            res.sigma[cv] = ir::simplify(ctx, ctx.add(lo, ctx.mul(L->step, res.sigma.at(it))));
            res.notes.push_back(std::string(cv.name()) + " = " + ir::toText(res.sigma[cv]) + " (iteration " +
                                ir::toText(res.sigma.at(it)) + " of loop " + L->label() + ")");
            res.obligations.push_back({"loop " + L->label() + " reaches the iteration that writes the element",
                                       ctx.lt(res.sigma[cv], applyScalarValues(ctx, lc, L->hi))});
            res.sigma.erase(it);
        }
    }
    // Lanes and programs that do not appear in the address: for an atomic accumulation they are
    // reduced over; for a plain store they would race on the same element.
    bool accumulate = st.kind == StoreKind::AtomicAdd || st.kind == StoreKind::AtomicMax || st.kind == StoreKind::AtomicMin;
    std::vector<std::pair<Expr, Expr>> reducedRanges; // variable, upper bound
    for (std::size_t a = 0; a < st.shape.size(); ++a) {
        Expr l = spec.lane(static_cast<int>(a));
        if (solved.count(l.node())) continue;
        if (st.shape[a] == 1) {
            res.sigma.emplace(l, ctx.intConst(0));
            continue;
        }
        if (!accumulate)
            return R::failure("reindex", "the lanes of axis " + std::to_string(a) + " (" + std::to_string(st.shape[a]) +
                                             " of them) all store to the same element");
        reducedRanges.emplace_back(l, ctx.intConst(st.shape[a]));
    }
    for (std::size_t a = 0; a < spec.pids.size(); ++a) {
        Expr p = spec.pids[a];
        if (solved.count(p.node())) continue;
        Expr g = a < lc.grid.size() && lc.grid[a] ? lc.grid[a] : spec.grid[a];
        if (g.isIntConst(1)) {
            res.sigma.emplace(p, ctx.intConst(0));
            continue;
        }
        if (!accumulate)
            return R::failure("reindex", "every program along grid axis " + std::to_string(a) +
                                             " stores to the same elements (the store does not use tl.program_id(" + std::to_string(a) + "))");
        reducedRanges.emplace_back(p, g);
    }
    for (int id : st.loops) {
        const LoopSpec* L = spec.loop(id);
        if (L && L->isWhile) return R::failure("unsupported", "a store inside a while loop");
    }
    // Obligations: every coordinate comes from a program of the grid, and the mask holds.
    for (std::size_t a = 0; a < spec.pids.size(); ++a) {
        if (!res.sigma.count(spec.pids[a])) continue;
        Expr g = a < lc.grid.size() && lc.grid[a] ? lc.grid[a] : spec.grid[a];
        res.obligations.push_back({"the grid covers the program of every element (axis " + std::to_string(a) + ")",
                                   ir::simplify(ctx, ctx.lt(res.sigma.at(spec.pids[a]), g))});
    }
    Expr mask = applyScalarValues(ctx, lc, st.mask);
    if (reducedRanges.empty())
        res.obligations.push_back({"the store's mask holds", ir::simplify(ctx, ir::substitute(ctx, mask, res.sigma))});
    for (int id : st.loops)
        if (const LoopSpec* L = spec.loop(id); L && L->guard && !(L->guard.isConst() && L->guard.boolValue()))
            res.obligations.push_back({"loop " + L->label() + " runs", ir::simplify(ctx, ir::substitute(ctx, applyScalarValues(ctx, lc, L->guard), res.sigma))});
    // The value over the coordinates, with logical reads.
    Expr v = applyScalarValues(ctx, lc, value);
    v = ir::simplify(ctx, ir::substitute(ctx, v, res.sigma));
    if (!reducedRanges.empty()) {
        // Every masked-in program and lane adds its contribution: a reduction over them.
        ir::ReduceKind k = st.kind == StoreKind::AtomicAdd ? ir::ReduceKind::Sum
                           : st.kind == StoreKind::AtomicMax ? ir::ReduceKind::Max : ir::ReduceKind::Min;
        Expr m = ir::simplify(ctx, ir::substitute(ctx, mask, res.sigma));
        for (auto it = reducedRanges.rbegin(); it != reducedRanges.rend(); ++it) {
            Expr fresh = ctx.freshVar(std::string(it->first.name()) == "pid0" ? "p" : "q");
            Expr body = ir::substitute(ctx, v, it->first, fresh);
            Expr guard = ir::substitute(ctx, m, it->first, fresh);
            v = ctx.reduce(k, fresh, ctx.intConst(0), it->second, guard, body);
            m = ctx.trueConst();
            res.accumulated.push_back(fresh);
        }
        v = ir::simplify(ctx, v);
        res.notes.push_back("atomic " + std::string(storeKindName(st.kind)) + ": the contributions of " +
                            std::to_string(reducedRanges.size()) + " program/lane axes are reduced into each element");
    }
    ir::SimplifyOptions coordRanges;
    v = toLogicalReads(ctx, spec, lc, v, coordRanges);
    res.value = ir::simplify(ctx, v);
    return res;
}

} // namespace tlift::symexec
