// tt.reduce and tt.scan: the combine region is run on placeholder scalars (the two partial
// results), as the Python driver runs a combine function; plain sums, products, maxima and minima
// and argmax/argmin pairs become IR reductions, anything else a FoldSpec.
#include "ttir_interp.h"

#include "tlift/ir/eval.h"

#include <functional>

namespace tlift::symexec::ttirexec {

using ir::DType;
using ir::Expr;
using ir::Op;

void TtirInterp::opReduce(const tt::TtirOp& op) {
    bool scan = op.name == "tt.scan";
    auto in = operands(op);
    if (!in) return failResults(op);
    const tt::TtirAttr* ax = op.attr("axis");
    const tt::TtirAttr* rev = op.attr("reverse");
    if (!ax || ax->kind != tt::TtirAttr::Kind::Int || in->empty()) return error(op, "ttir", op.name + " without an axis");
    for (const Block& b : *in) {
        if (b.isPointer()) return unsupported(op, "a reduction of pointers");
        if (b.shape != in->at(0).shape) return error(op, "shape", op.name + " inputs must have one shape");
    }
    int rank = static_cast<int>(in->at(0).rank());
    int axis = static_cast<int>(ax->i);
    if (axis < 0) axis += rank;
    if (axis < 0 || axis >= rank) return error(op, "shape", "axis out of range for shape " + shapeText(in->at(0).shape));
    bool reverse = rev && ((rev->kind == tt::TtirAttr::Kind::Bool && rev->b) || (rev->kind == tt::TtirAttr::Kind::Int && rev->i));
    reduceWithCombine(op, *in, axis, scan, reverse);
}

void TtirInterp::reduceWithCombine(const tt::TtirOp& op, const std::vector<Block>& inputs, int axis, bool scan,
                                   bool reverse) {
    std::size_t n = inputs.size();
    if (op.regions.empty() || op.regions[0].blocks.empty() || op.regions[0].blocks[0].args.size() != 2 * n)
        return error(op, "ttir", "the combine region must take two values per input");
    const tt::TtirBlock& body = op.regions[0].blocks[0];
    std::string fn = "combine" + std::to_string(++m_combineCount);
    std::vector<Expr> as, bs;
    for (std::size_t i = 0; i < n; ++i) as.push_back(ctx().sym("a" + std::to_string(i) + "@" + fn, inputs[i].dtype));
    for (std::size_t i = 0; i < n; ++i) bs.push_back(ctx().sym("b" + std::to_string(i) + "@" + fn, inputs[i].dtype));
    for (std::size_t i = 0; i < n; ++i) {
        m_values.at(body.args[i]) = Block{{}, inputs[i].dtype, as[i]};
        m_values.at(body.args[n + i]) = Block{{}, inputs[i].dtype, bs[i]};
    }
    ++m_quiet;
    std::size_t stores = m_spec.stores.size(), loads = m_spec.loads.size();
    const tt::TtirOp* term = execBlock(body);
    --m_quiet;
    if (m_spec.stores.size() != stores || m_spec.loads.size() != loads)
        return unsupported(op, "memory access in a combine region");
    if (!term || term->operands.size() != n) return error(op, "ttir", "the combine region must return one value per input");
    std::vector<Expr> comb;
    for (std::size_t i = 0; i < n; ++i) {
        const TVal& r = value(term->operands[i]);
        if (!r) return failResults(op);
        Block m = m_alg.materialize(*r, inputs[i].dtype);
        if (!m.isScalar() || m.isPointer()) return error(op, "shape", "the combine region must return scalars");
        if (m.dtype != inputs[i].dtype) {
            auto c = m_alg.cast(m, inputs[i].dtype);
            if (!c) return setResult(op, 0, std::move(c));
            m = *c;
        }
        comb.push_back(tidy(m.value));
    }
    if (tryPlainReduce(op, inputs, as, bs, comb, axis, scan, reverse)) return;
    if (tryArgReduce(op, inputs, as, bs, comb, axis, scan)) return;
    // Anything else is a fold, kept opaque (the concrete runner evaluates it).
    FoldSpec f;
    f.id = static_cast<int>(m_spec.folds.size()) + 1;
    f.fnName = fn;
    f.a = as;
    f.b = bs;
    f.combine = comb;
    for (const Block& b : inputs) f.inputs.push_back(b.value);
    f.inputShape = inputs[0].shape;
    f.axis = axis;
    f.scan = scan;
    f.reverse = reverse;
    f.span = m_sources.opSpan(op);
    Shape outShape = f.inputShape;
    if (!scan) outShape.erase(outShape.begin() + axis);
    for (std::size_t i = 0; i < n && i < op.results.size(); ++i) {
        std::string name = "fold" + std::to_string(f.id) + "." + std::to_string(i);
        f.resultFns.push_back(name);
        Block like{outShape, inputs[i].dtype, Expr()};
        like.value = carriedApply(name, like);
        setResult(op, i, like);
    }
    m_spec.folds.push_back(std::move(f));
}

// A combine of one value that is a + b, a * b, max, min (or a select that picks the larger or the
// smaller of the two) is a plain reduction.
bool TtirInterp::tryPlainReduce(const tt::TtirOp& op, const std::vector<Block>& inputs, const std::vector<Expr>& as,
                                const std::vector<Expr>& bs, const std::vector<Expr>& comb, int axis, bool scan,
                                bool reverse) {
    if (inputs.size() != 1) return false;
    Expr a = as[0], b = bs[0], c = comb[0];
    std::optional<ir::ReduceKind> kind;
    auto is = [&](Op o) { return c.op() == o && ((c[0] == a && c[1] == b) || (c[0] == b && c[1] == a)); };
    if (is(Op::Add)) kind = ir::ReduceKind::Sum;
    else if (is(Op::Mul)) kind = ir::ReduceKind::Prod;
    else if (is(Op::Max)) kind = ir::ReduceKind::Max;
    else if (is(Op::Min)) kind = ir::ReduceKind::Min;
    else if (c.op() == Op::Select && c[1] != c[2] && ((c[1] == a && c[2] == b) || (c[1] == b && c[2] == a)) &&
             ir::isComparison(c[0].op())) {
        Expr x = c[0][0], y = c[0][1];
        Op cmp = c[0].op();
        if (!(x == c[1] && y == c[2])) cmp = (x == c[2] && y == c[1]) ? ir::swapComparison(cmp) : Op::Eq;
        if (cmp == Op::Gt || cmp == Op::Ge) kind = ir::ReduceKind::Max;
        if (cmp == Op::Lt || cmp == Op::Le) kind = ir::ReduceKind::Min;
    }
    if (!kind) return false;
    if (scan) setResult(op, 0, m_alg.scan(*kind, inputs[0], axis, reverse));
    else setResult(op, 0, m_alg.reduce(*kind, inputs[0], axis, false));
    return true;
}

namespace {

// The condition c of `e = c ? x : y`, if e has that form (or `!c ? y : x`).
std::optional<Expr> pickCondition(ir::Context& ctx, Expr e, Expr x, Expr y) {
    if (e.op() != Op::Select) return std::nullopt;
    if (e[1] == x && e[2] == y) return e[0];
    if (e[1] == y && e[2] == x) return ctx.lnot(e[0]);
    return std::nullopt;
}

// True when c is a boolean combination of comparisons between a0 and b0 or between a1 and b1:
// then its value depends only on how a0 compares with b0 and a1 with b1.
bool onlyOrderOf(Expr c, const std::vector<Expr>& as, const std::vector<Expr>& bs) {
    switch (c.op()) {
    case Op::Const: return c.dtype() == DType::Bool;
    case Op::And:
    case Op::Or:
    case Op::Xor:
    case Op::Not:
        for (const Expr& k : c.children())
            if (!onlyOrderOf(k, as, bs)) return false;
        return true;
    default:
        if (!ir::isComparison(c.op())) return false;
        for (std::size_t i = 0; i < as.size(); ++i)
            if ((c[0] == as[i] && c[1] == bs[i]) || (c[0] == bs[i] && c[1] == as[i])) return true;
        return false;
    }
}

} // namespace

// (value, index) pairs combined by "the larger value, the smaller index on ties" over an index
// that is the lane along the axis: argmax (or argmin, with "the smaller value"). The condition's
// truth table over the 3 x 3 orderings of (a0, b0) and (a1, b1) decides it exactly.
bool TtirInterp::tryArgReduce(const tt::TtirOp& op, const std::vector<Block>& inputs, const std::vector<Expr>& as,
                              const std::vector<Expr>& bs, const std::vector<Expr>& comb, int axis, bool scan) {
    if (inputs.size() != 2 || scan || !ir::isInteger(inputs[1].dtype)) return false;
    auto cv = pickCondition(ctx(), comb[0], as[0], bs[0]);
    auto ci = pickCondition(ctx(), comb[1], as[1], bs[1]);
    if (!cv || !ci) return false;
    Expr c = tidy(*cv);
    if (c != tidy(*ci) || !onlyOrderOf(c, as, bs)) return false;
    // Truth table: cell [s0][s1], s = 0 for a < b, 1 for a == b, 2 for a > b.
    bool table[3][3];
    const double pairs[3][2] = {{0, 1}, {1, 1}, {1, 0}};
    for (int s0 = 0; s0 < 3; ++s0)
        for (int s1 = 0; s1 < 3; ++s1) {
            ir::Env env;
            env.setSym(as[0].name(), pairs[s0][0]);
            env.setSym(bs[0].name(), pairs[s0][1]);
            env.setSym(as[1].name(), pairs[s1][0]);
            env.setSym(bs[1].name(), pairs[s1][1]);
            ir::Evaluator ev(env);
            auto r = ev.scalar(c);
            if (!r || r->undef) return false;
            table[s0][s1] = r->v != 0;
        }
    // Ties of values go to the smaller index; equal indices may go either way (same result).
    auto matches = [&](int better) {
        int worse = 2 - better;
        for (int s1 = 0; s1 < 3; ++s1)
            if (!table[better][s1] || table[worse][s1]) return false;
        return table[1][0] && !table[1][2];
    };
    std::optional<ir::ReduceKind> value, index;
    if (matches(2)) value = ir::ReduceKind::Max, index = ir::ReduceKind::ArgMax;
    else if (matches(0)) value = ir::ReduceKind::Min, index = ir::ReduceKind::ArgMin;
    if (!value) return false;
    Expr idx = inputs[1].value;
    if (idx.op() == Op::Cast) idx = idx[0];
    if (idx != m_spec.lane(axis)) return false;
    setResult(op, 0, m_alg.reduce(*value, inputs[0], axis, false));
    if (op.results.size() > 1) setResult(op, 1, m_alg.reduce(*index, inputs[0], axis, false));
    return true;
}

} // namespace tlift::symexec::ttirexec
