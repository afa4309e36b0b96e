#include "tlift/symexec/launch_infer.h"

#include "tlift/ir/poly.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/simplify.h"
#include "tlift/ir/subst.h"
#include "tlift/symexec/reindex.h"
#include "tlift/util/strings.h"

#include <algorithm>
#include <set>

namespace tlift::symexec {

using ir::Expr;
using ir::Poly;

std::string tensorNameOf(const std::string& param) {
    for (const char* suffix : {"_ptrs", "_ptr", "Ptr", "_p"}) {
        if (util::endsWith(param, suffix) && param.size() > std::char_traits<char>::length(suffix))
            return param.substr(0, param.size() - std::char_traits<char>::length(suffix));
    }
    return param;
}

namespace {

struct Access {
    Expr offset;
    Expr mask;
    Shape shape;
    std::vector<int> loops;
};

// A coordinate's variables: lanes, program ids, loop counters, reduction variables.
bool isIndexVar(const Spec& spec, Expr v) {
    return v.op() == ir::Op::Var;
}

void conjuncts(Expr e, std::vector<Expr>& out) {
    if (e.op() == ir::Op::And) {
        conjuncts(e[0], out);
        conjuncts(e[1], out);
        return;
    }
    out.push_back(e);
}

// The bound B of a conjunct `c < B` (or `c <= B - 1`, `B > c`) whose left side equals `coord`.
Expr boundFor(ir::Context& ctx, Expr conj, const Poly& coord) {
    Expr lhs, rhs;
    bool strict = true;
    switch (conj.op()) {
    case ir::Op::Lt: lhs = conj[0]; rhs = conj[1]; break;
    case ir::Op::Le: lhs = conj[0]; rhs = conj[1]; strict = false; break;
    case ir::Op::Gt: lhs = conj[1]; rhs = conj[0]; break;
    case ir::Op::Ge: lhs = conj[1]; rhs = conj[0]; strict = false; break;
    default: return Expr();
    }
    auto lp = ir::toPoly(lhs), rp = ir::toPoly(rhs);
    if (!lp || !rp) return Expr();
    // lhs - coord must be free of variables: then bound = rhs - (lhs - coord).
    Poly extra = *lp - coord;
    for (auto& [m, c] : extra.terms())
        for (const Expr& a : m.atoms)
            if (a.op() == ir::Op::Var) return Expr();
    for (auto& [m, c] : rp->terms())
        for (const Expr& a : m.atoms)
            if (a.op() == ir::Op::Var) return Expr();
    Poly b = *rp - extra;
    if (!strict) b = b + Poly::constant(ir::Rational{1, 1});
    auto e = ir::fromPoly(ctx, b, lhs.dtype());
    return e ? *e : Expr();
}

std::string freshSizeName(const Spec& spec, std::set<std::string>& used) {
    static const char* names[] = {"M", "N", "K", "B", "H", "D", "R", "C", "S", "T"};
    for (const char* n : names)
        if (!used.count(n)) {
            used.insert(n);
            return n;
        }
    for (int k = 0;; ++k) {
        std::string n = "size" + std::to_string(k);
        if (!used.count(n)) {
            used.insert(n);
            return n;
        }
    }
}

} // namespace

void inferFromSpec(ir::Context& ctx, const Spec& spec, LaunchContext& lc) {
    std::set<std::string> used;
    for (const ScalarInfo& s : spec.scalars) used.insert(s.name);
    for (const BufferInfo& b : spec.buffers) used.insert(b.name);
    for (auto& [n, v] : spec.constexprs) used.insert(n);
    for (const Expr& s : sizeSymbols(lc)) used.insert(std::string(s.name()));
    if (lc.grid.size() < spec.pids.size()) lc.grid.resize(spec.pids.size());
    // Sizes already given to grid axes by earlier buffers (one program per row: grid0 = M).
    std::map<int, Expr> gridSize;
    for (std::size_t a = 0; a < lc.grid.size(); ++a)
        if (lc.grid[a]) gridSize[static_cast<int>(a)] = lc.grid[a];
    // Buffers with a store come first: the output's sizes name the grid.
    std::vector<int> order;
    for (std::size_t b = 0; b < spec.buffers.size(); ++b) {
        bool stored = false;
        for (const StoreSpec& s : spec.stores) stored = stored || s.buffer == static_cast<int>(b);
        if (stored) order.push_back(static_cast<int>(b));
    }
    for (std::size_t b = 0; b < spec.buffers.size(); ++b)
        if (std::find(order.begin(), order.end(), static_cast<int>(b)) == order.end()) order.push_back(static_cast<int>(b));

    for (int bi : order) {
        const BufferInfo& buf = spec.buffers[static_cast<std::size_t>(bi)];
        if (lc.tensorForParam(buf.name)) continue;
        std::vector<Access> acc;
        for (const StoreSpec& s : spec.stores)
            if (s.buffer == bi) acc.push_back({applyScalarValues(ctx, lc, s.offset), applyScalarValues(ctx, lc, s.mask), s.shape, s.loops});
        for (const LoadSite& l : spec.loads)
            if (l.buffer == bi) acc.push_back({applyScalarValues(ctx, lc, l.offset), applyScalarValues(ctx, lc, l.mask), l.shape, l.loops});
        if (acc.empty()) continue;
        const Access& a0 = acc.front();
        auto P = ir::toPoly(a0.offset);
        if (!P) continue;
        // Strides: symbols multiplying an index variable; constant coefficients: the unit dim.
        std::vector<ir::Monomial> strideMonos;
        bool unit = false;
        for (auto& [m, c] : P->terms()) {
            std::vector<Expr> syms;
            bool hasVar = false;
            for (const Expr& a : m.atoms) {
                if (isIndexVar(spec, a)) hasVar = true;
                else if (a.op() == ir::Op::Sym) syms.push_back(a);
            }
            if (!hasVar) continue;
            if (syms.empty()) {
                unit = true;
                continue;
            }
            ir::Monomial sm;
            sm.atoms = syms;
            std::sort(sm.atoms.begin(), sm.atoms.end(), ir::atomLess);
            if (std::find(strideMonos.begin(), strideMonos.end(), sm) == strideMonos.end()) strideMonos.push_back(sm);
        }
        std::vector<Expr> strides;
        for (const ir::Monomial& m : strideMonos) {
            Expr s;
            for (const Expr& a : m.atoms) s = s ? ctx.mul(s, a) : a;
            if (s.dtype() != ir::DType::I32) s = ctx.cast(s, ir::DType::I32);
            strides.push_back(s);
        }
        if (unit || strides.empty()) strides.push_back(ctx.intConst(1));
        ir::SimplifyOptions ranges = laneRanges(spec, a0.shape);
        auto coords = delinearize(ctx, a0.offset, strides, ranges);
        if (!coords) continue;
        // Order dims outermost first: by the first lane axis / program axis each coordinate uses.
        std::vector<std::size_t> dims(strides.size());
        for (std::size_t d = 0; d < dims.size(); ++d) dims[d] = d;
        auto key = [&](std::size_t d) {
            if (strides[d].isIntConst(1)) return 1000;
            int k = 999;
            for (const Expr& v : ir::freeVars((*coords)[d])) {
                std::string n(v.name());
                if (n.rfind("pid", 0) == 0) k = std::min(k, 100 + (n[3] - '0'));
                else if (n.size() == 2 && n[0] == 'l') k = std::min(k, n[1] - '0');
            }
            return k;
        };
        std::stable_sort(dims.begin(), dims.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
        TensorBinding t;
        t.param = buf.name;
        t.name = tensorNameOf(buf.name);
        t.dtype = buf.dtype;
        std::vector<std::string> how;
        for (std::size_t di = 0; di < dims.size(); ++di) {
            std::size_t d = dims[di];
            Expr c = (*coords)[d];
            auto cp = ir::toPoly(c);
            Expr size;
            // A mask conjunct bounding this coordinate, in any access of the buffer.
            for (const Access& a : acc) {
                std::vector<Expr> cs;
                conjuncts(a.mask, cs);
                auto cd = delinearize(ctx, a.offset, strides, laneRanges(spec, a.shape));
                if (!cd) continue;
                auto cpa = ir::toPoly((*cd)[d]);
                if (!cpa) continue;
                for (const Expr& conj : cs)
                    if (Expr b = boundFor(ctx, conj, *cpa)) {
                        size = b;
                        break;
                    }
                if (size) break;
            }
            std::string why = size ? "bounded by a mask" : "";
            // A dimension indexed by a program id alone and bounded by a mask (or an early
            // return): the grid must launch at least that many programs; take exactly that many.
            if (size && cp) {
                std::vector<Expr> vars = ir::freeVars(c);
                if (vars.size() == 1 && std::string(vars[0].name()).rfind("pid", 0) == 0 && ir::toPoly(c) &&
                    *ir::toPoly(c) == ir::Poly::atom(vars[0])) {
                    int a = std::string(vars[0].name())[3] - '0';
                    if (!lc.grid[static_cast<std::size_t>(a)]) {
                        lc.grid[static_cast<std::size_t>(a)] = size;
                        gridSize[a] = size;
                        lc.note("grid" + std::to_string(a) + " = " + ir::toText(size) + " (at least one program per index of " +
                                    t.name + "'s dimension " + std::to_string(di) + "; the kernel masks the others out)",
                                "inferred from the kernel");
                    }
                }
            }
            if (!size && cp) {
                // A coordinate that is a program id (times the block) spans the grid.
                std::vector<Expr> vars = ir::freeVars(c);
                int pidAxis = -1;
                std::int64_t block = 1;
                bool ok = true;
                for (const Expr& v : vars) {
                    std::string n(v.name());
                    if (n.rfind("pid", 0) == 0) pidAxis = n[3] - '0';
                    else if (n.size() == 2 && n[0] == 'l') block *= a0.shape[static_cast<std::size_t>(n[1] - '0')];
                    else ok = false;
                }
                if (ok && pidAxis >= 0) {
                    auto& g = gridSize[pidAxis];
                    if (!g) {
                        Expr s = ctx.sym(freshSizeName(spec, used), ir::DType::I32);
                        g = block == 1 ? s : s;
                        if (block == 1) {
                            lc.grid[static_cast<std::size_t>(pidAxis)] = s;
                            lc.note("grid" + std::to_string(pidAxis) + " = " + std::string(s.name()) + " (one program per index of " +
                                        t.name + "'s dimension " + std::to_string(di) + ")",
                                    "inferred from the kernel");
                        }
                    }
                    size = block == 1 ? g : ctx.mul(g, ctx.intConst(block));
                    why = "spanned by the grid";
                } else if (vars.empty()) {
                    size = ctx.intConst(1);
                    why = "a single index";
                }
            }
            if (!size) {
                size = ctx.sym(freshSizeName(spec, used), ir::DType::I32);
                why = "unknown (named here)";
            }
            t.shape.push_back(size);
            t.strides.push_back(strides[d]);
            how.push_back(ir::toText(size) + " (" + why + ")");
        }
        // Grid axes with a block per program: cdiv(size, BLOCK) programs.
        for (std::size_t k = 0; k < dims.size(); ++k) {
            Expr c = (*coords)[dims[k]];
            std::vector<Expr> vars = ir::freeVars(c);
            int pidAxis = -1;
            std::int64_t block = 1;
            for (const Expr& v : vars) {
                std::string n(v.name());
                if (n.rfind("pid", 0) == 0) pidAxis = n[3] - '0';
                else if (n.size() == 2 && n[0] == 'l') block *= a0.shape[static_cast<std::size_t>(n[1] - '0')];
            }
            if (pidAxis >= 0 && block > 1 && !lc.grid[static_cast<std::size_t>(pidAxis)]) {
                Expr g = ir::simplify(ctx, ctx.binary(ir::Op::FloorDiv, ctx.add(t.shape[k], ctx.intConst(block - 1)), ctx.intConst(block)));
                lc.grid[static_cast<std::size_t>(pidAxis)] = g;
                gridSize[pidAxis] = g;
                lc.note("grid" + std::to_string(pidAxis) + " = cdiv(" + ir::toText(t.shape[k]) + ", " + std::to_string(block) + ")",
                        "inferred from the kernel (assumed: the wrapper launches exactly enough programs)");
            }
        }
        t.node = ctx.tensor(t.name, t.dtype, t.shape);
        std::vector<std::string> st;
        for (auto& s : t.strides) st.push_back(ir::toText(s));
        lc.note(t.param + " points to " + t.name + ": " + std::string(ir::dtypeName(t.dtype)) + "[" + util::join(how, ", ") +
                    "] with strides [" + util::join(st, ", ") + "]",
                "inferred from the kernel's addresses and masks");
        lc.tensors.push_back(std::move(t));
    }
    for (std::size_t a = 0; a < lc.grid.size(); ++a)
        if (!lc.grid[a]) lc.grid[a] = spec.grid[a];
}

} // namespace tlift::symexec
