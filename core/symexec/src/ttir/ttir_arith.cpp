// The arith, math and ub ops: constants, integer and float arithmetic with their exact signed /
// unsigned readings, comparisons, selects, casts and math functions.
#include "ttir_interp.h"

#include <cmath>
#include <functional>

namespace tlift::symexec::ttirexec {

using ir::DType;
using ir::Expr;
using ir::Op;

namespace {

// The largest dense constant turned into a lane expression (a balanced tree of selects).
constexpr std::int64_t kMaxDenseElements = 1 << 16;

std::optional<Expr> constOf(ir::Context& ctx, const tt::TtirAttr& a, DType t) {
    switch (a.kind) {
    case tt::TtirAttr::Kind::Bool:
        if (t == DType::Bool) return ctx.boolConst(a.b);
        return ir::isFloat(t) ? ctx.floatConst(a.b ? 1.0 : 0.0, t) : ctx.intConst(a.b ? 1 : 0, t);
    case tt::TtirAttr::Kind::Int:
        if (t == DType::Bool) return ctx.boolConst(a.i != 0);
        if (ir::isFloat(t)) return ctx.floatConst(static_cast<double>(a.i), t);
        return ctx.intConst(a.i, t);
    case tt::TtirAttr::Kind::Float:
        if (!ir::isFloat(t)) return std::nullopt;
        return ctx.floatConst(a.f, t);
    default: return std::nullopt;
    }
}

struct BinSpec {
    const char* name;
    Op op;
    bool isUnsigned = false;
    bool ceil = false; // ceildivsi: -floor(-a / b)
};

const BinSpec* binSpec(std::string_view name) {
    static const BinSpec specs[] = {
        {"arith.addi", Op::Add},          {"arith.addf", Op::Add},          {"arith.subi", Op::Sub},
        {"arith.subf", Op::Sub},          {"arith.muli", Op::Mul},          {"arith.mulf", Op::Mul},
        {"arith.divf", Op::Div},          {"arith.remf", Op::TRem},         {"arith.divsi", Op::TDiv},
        {"arith.divui", Op::TDiv, true},  {"arith.remsi", Op::TRem},        {"arith.remui", Op::TRem, true},
        {"arith.floordivsi", Op::FloorDiv}, {"arith.ceildivsi", Op::FloorDiv, false, true},
        {"arith.maxsi", Op::Max},         {"arith.minsi", Op::Min},         {"arith.maxui", Op::Max, true},
        {"arith.minui", Op::Min, true},   {"arith.maximumf", Op::Max},      {"arith.maxnumf", Op::Max},
        {"arith.minimumf", Op::Min},      {"arith.minnumf", Op::Min},       {"arith.andi", Op::BitAnd},
        {"arith.ori", Op::BitOr},         {"arith.xori", Op::BitXor},       {"arith.shli", Op::Shl},
        {"arith.shrsi", Op::Shr},         {"arith.shrui", Op::Shr, true},   {"math.powf", Op::Pow},
        {"tt.precise_divf", Op::Div}};
    for (const BinSpec& s : specs)
        if (name == s.name) return &s;
    return nullptr;
}

// i1 arithmetic is arithmetic modulo 2 (and `true` is -1 when read as signed): add and sub are
// xor, mul and and are and, or is or; signed max of two i1 is their and, signed min their or.
std::optional<Op> boolOp(const BinSpec& s) {
    switch (s.op) {
    case Op::Add:
    case Op::Sub:
    case Op::BitXor: return Op::Xor;
    case Op::Mul:
    case Op::BitAnd: return Op::And;
    case Op::BitOr: return Op::Or;
    case Op::Max: return s.isUnsigned ? Op::Or : Op::And;
    case Op::Min: return s.isUnsigned ? Op::And : Op::Or;
    default: return std::nullopt;
    }
}

DType unsignedOf(DType t) {
    switch (ir::bitWidth(t)) {
    case 8: return DType::U8;
    case 16: return DType::U16;
    case 32: return DType::U32;
    default: return DType::U64;
    }
}

} // namespace

void TtirInterp::opConstant(const tt::TtirOp& op) {
    const tt::TtirAttr* a = op.attr("value");
    const tt::TtirType& t = m_module.typeOf(op.results.at(0));
    auto dt = dtypeOf(t);
    if (!a || !dt || t.kind == tt::TtirTypeKind::Pointer || t.kind == tt::TtirTypeKind::TensorOfPointers)
        return unsupported(op, "a constant of type " + t.text);
    Shape shape = shapeOf(t);
    if (a->kind != tt::TtirAttr::Kind::Dense || a->splat || a->elems.size() == 1) {
        const tt::TtirAttr& e = a->kind == tt::TtirAttr::Kind::Dense ? a->elems.at(0) : *a;
        auto c = constOf(ctx(), e, *dt);
        if (!c) return unsupported(op, "a constant attribute of this kind");
        return setResult(op, 0, Block{shape, *dt, *c});
    }
    std::int64_t n = t.numElements();
    if (static_cast<std::int64_t>(a->elems.size()) != n) return error(op, "ttir", "dense constant with the wrong number of elements");
    if (n > kMaxDenseElements) return unsupported(op, "a dense constant of " + std::to_string(n) + " elements");
    // The row-major index of the lane picks the element.
    Expr lin = ctx().intConst(0);
    for (std::size_t d = 0; d < shape.size(); ++d) {
        if (shape[d] == 1) continue;
        lin = ctx().add(ctx().mul(lin, ctx().intConst(shape[d])), m_spec.lane(static_cast<int>(d)));
    }
    lin = tidy(lin);
    std::vector<Expr> elems;
    for (const tt::TtirAttr& e : a->elems) {
        auto c = constOf(ctx(), e, *dt);
        if (!c) return unsupported(op, "a dense constant of this element kind");
        elems.push_back(*c);
    }
    // An integer progression v0 + i * d (a constant arange) reads as such.
    if (ir::isInteger(*dt)) {
        std::int64_t v0 = elems[0].intValue(), d = elems[1].intValue() - v0;
        bool progression = true;
        for (std::int64_t i = 0; i < n && progression; ++i) progression = elems[static_cast<std::size_t>(i)].intValue() == v0 + i * d;
        if (progression) {
            Expr l = *dt == DType::I32 ? lin : ctx().cast(lin, *dt);
            Expr v = ctx().add(ctx().intConst(v0, *dt), ctx().mul(ctx().intConst(d, *dt), l));
            return setResult(op, 0, Block{shape, *dt, tidy(v)});
        }
    }
    std::function<Expr(std::int64_t, std::int64_t)> tree = [&](std::int64_t lo, std::int64_t hi) -> Expr {
        if (hi - lo == 1) return elems[static_cast<std::size_t>(lo)];
        std::int64_t mid = lo + (hi - lo) / 2;
        return ctx().select(ctx().lt(lin, ctx().intConst(mid)), tree(lo, mid), tree(mid, hi));
    };
    setResult(op, 0, Block{shape, *dt, tidy(tree(0, n))});
}

void TtirInterp::opPoison(const tt::TtirOp& op) {
    const tt::TtirType& t = m_module.typeOf(op.results.at(0));
    auto dt = dtypeOf(t);
    if (!dt || t.kind == tt::TtirTypeKind::Pointer || t.kind == tt::TtirTypeKind::TensorOfPointers)
        return unsupported(op, "a poison value of type " + t.text);
    // Ids far from those of masked-off loads (the algebra's) and of atomics' old values.
    setResult(op, 0, Block{shapeOf(t), *dt, ctx().undef(2000000 + m_nextPoison++, *dt)});
}

void TtirInterp::opArithBinary(const tt::TtirOp& op) {
    const BinSpec* s = binSpec(op.name);
    auto in = operands(op);
    if (!in) return failResults(op);
    if (in->size() != 2) return error(op, "ttir", "expected two operands");
    const Block& a = (*in)[0];
    const Block& b = (*in)[1];
    if (a.isPointer() || b.isPointer()) return unsupported(op, "arithmetic on pointers (use tt.addptr)");
    if (a.shape != b.shape || a.dtype != b.dtype)
        return error(op, "internal", "operands of " + shapeText(a.shape) + " " + std::string(ir::dtypeName(a.dtype)) +
                                         " and " + shapeText(b.shape) + " " + std::string(ir::dtypeName(b.dtype)));
    Expr x = a.value, y = b.value, r;
    if (a.dtype == DType::Bool) {
        auto bop = boolOp(*s);
        if (!bop) return unsupported(op, "this operation on i1 values");
        r = ctx().binary(*bop, x, y);
    } else if (s->isUnsigned) {
        auto u = ctx().tryBinary(s->op, asUnsigned(a), asUnsigned(b));
        if (!u) return error(op, "type", u.error().message);
        r = ctx().cast(*u, a.dtype);
    } else if (s->ceil) {
        r = ctx().neg(ctx().binary(Op::FloorDiv, ctx().neg(x), y));
    } else {
        auto t = ctx().tryBinary(s->op, x, y);
        if (!t) return error(op, "type", t.error().message);
        r = *t;
    }
    setResult(op, 0, Block{a.shape, r.dtype(), tidy(r)});
}

void TtirInterp::opCmpI(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    const Block& a = (*in)[0];
    const Block& b = (*in)[1];
    if (a.isPointer() || b.isPointer()) return unsupported(op, "comparison of pointers");
    if (a.shape != b.shape) return error(op, "internal", "operand shapes differ");
    const tt::TtirAttr* p = op.attr("predicate");
    std::string pred = p ? p->text : "";
    static const std::pair<const char*, Op> preds[] = {{"eq", Op::Eq},  {"ne", Op::Ne},  {"slt", Op::Lt}, {"sle", Op::Le},
                                                       {"sgt", Op::Gt}, {"sge", Op::Ge}, {"ult", Op::Lt}, {"ule", Op::Le},
                                                       {"ugt", Op::Gt}, {"uge", Op::Ge}};
    std::optional<Op> cmp;
    for (auto& [name, o] : preds)
        if (pred == name) cmp = o;
    if (!cmp) return unsupported(op, "predicate '" + pred + "'");
    Expr x = a.value, y = b.value;
    if (pred[0] == 'u') {
        x = asUnsigned(a);
        y = asUnsigned(b);
    } else if (pred[0] == 's' && a.dtype == DType::Bool) {
        x = asSigned(a, DType::I32);
        y = asSigned(b, DType::I32);
    }
    setResult(op, 0, Block{a.shape, DType::Bool, tidy(ctx().binary(*cmp, x, y))});
}

void TtirInterp::opCmpF(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    const Block& a = (*in)[0];
    const Block& b = (*in)[1];
    const tt::TtirAttr* p = op.attr("predicate");
    std::string pred = p ? p->text : "";
    // Ordered and unordered predicates differ only on NaN, which the real-number reading has not.
    Expr r;
    if (pred == "false" || pred == "uno") r = ctx().falseConst();
    else if (pred == "true" || pred == "ord") r = ctx().trueConst();
    else {
        static const std::pair<const char*, Op> preds[] = {{"eq", Op::Eq}, {"gt", Op::Gt}, {"ge", Op::Ge},
                                                           {"lt", Op::Lt}, {"le", Op::Le}, {"ne", Op::Ne}};
        std::optional<Op> cmp;
        if (pred.size() == 3 && (pred[0] == 'o' || pred[0] == 'u'))
            for (auto& [name, o] : preds)
                if (pred.substr(1) == name) cmp = o;
        if (!cmp) return unsupported(op, "predicate '" + pred + "'");
        r = ctx().binary(*cmp, a.value, b.value);
    }
    setResult(op, 0, Block{a.shape, DType::Bool, tidy(r)});
}

void TtirInterp::opSelect(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    setResult(op, 0, m_alg.where((*in)[0], (*in)[1], (*in)[2]));
}

void TtirInterp::opCast(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    const Block& a = in->at(0);
    auto to = dtypeOf(m_module.typeOf(op.results.at(0)));
    if (!to) return unsupported(op, "a cast to " + m_module.typeOf(op.results.at(0)).text);
    if (a.isPointer()) return unsupported(op, "a cast of a pointer");
    const std::string& n = op.name;
    auto cast = [&](Expr e) { return e.dtype() == *to ? e : ctx().cast(e, *to); };
    Expr r;
    if (n == "arith.extsi" || n == "arith.sitofp" || n == "arith.index_cast") {
        r = asSigned(a, *to);
    } else if (n == "arith.extui" || n == "arith.uitofp" || n == "arith.index_castui") {
        r = cast(a.dtype == DType::Bool ? a.value : asUnsigned(a));
    } else if (n == "arith.trunci") {
        // Truncation keeps the low bits; to i1 that is the lowest bit.
        r = *to == DType::Bool ? ctx().binary(Op::Ne, ctx().binary(Op::BitAnd, a.value, ctx().one(a.dtype)), ctx().zero(a.dtype))
                               : cast(a.value);
    } else if (n == "arith.fptoui" && *to != DType::Bool) {
        // The float converted to the unsigned type, whose bits the signless result holds.
        r = cast(ctx().cast(a.value, unsignedOf(*to)));
    } else {
        // fptosi, fptoui to i1, extf, truncf, tt.fp_to_fp: the value converted (rounding modes are
        // not modelled: the real-number reading has no rounding).
        auto c = m_alg.cast(a, *to);
        return setResult(op, 0, std::move(c));
    }
    setResult(op, 0, Block{a.shape, *to, tidy(r)});
}

void TtirInterp::opBitcast(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    Block a = in->at(0);
    const tt::TtirType& from = m_module.typeOf(op.operands.at(0));
    const tt::TtirType& to = m_module.typeOf(op.results.at(0));
    auto df = dtypeOf(from), dt = dtypeOf(to);
    if (!df || !dt) return unsupported(op, "a bitcast from " + from.text + " to " + to.text);
    if (a.isPointer()) {
        // A pointer to i1 data read as a pointer to i8: Triton stores booleans as bytes, 0 or 1.
        bool boolBytes = (*df == DType::Bool && *dt == DType::I8) || (*df == DType::I8 && *dt == DType::Bool);
        if (*df != *dt && !boolBytes)
            return unsupported(op, "a bitcast of a pointer to " + std::string(ir::dtypeName(*df)) + " into a pointer to " +
                                       std::string(ir::dtypeName(*dt)) + " (the reinterpreted bits are not modelled)");
        return setResult(op, 0, a);
    }
    // Signless integers of one width are the same values; other bitcasts reinterpret bits.
    if (*df != *dt)
        return unsupported(op, "a bitcast from " + std::string(ir::dtypeName(*df)) + " to " +
                                   std::string(ir::dtypeName(*dt)) + " (the reinterpreted bits are not modelled)");
    setResult(op, 0, a);
}

void TtirInterp::opMath(const tt::TtirOp& op) {
    static const std::pair<const char*, Op> ops[] = {
        {"math.exp", Op::Exp},     {"math.exp2", Op::Exp2},   {"math.log", Op::Log},       {"math.log2", Op::Log2},
        {"math.log1p", Op::Log1p}, {"math.expm1", Op::Expm1}, {"math.sqrt", Op::Sqrt},     {"math.rsqrt", Op::Rsqrt},
        {"math.erf", Op::Erf},     {"math.tanh", Op::Tanh},   {"math.absf", Op::Abs},      {"math.absi", Op::Abs},
        {"math.floor", Op::Floor}, {"math.ceil", Op::Ceil},   {"math.sin", Op::Sin},       {"math.cos", Op::Cos},
        {"arith.negf", Op::Neg},   {"tt.precise_sqrt", Op::Sqrt}};
    auto in = operands(op);
    if (!in) return failResults(op);
    for (auto& [name, o] : ops)
        if (op.name == name) return setResult(op, 0, m_alg.math(o, in->at(0)));
    unsupported(op);
}

void TtirInterp::opFma(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    const Block& a = in->at(0);
    Expr r = ctx().add(ctx().mul(a.value, in->at(1).value), in->at(2).value);
    setResult(op, 0, Block{a.shape, a.dtype, tidy(r)});
}

} // namespace tlift::symexec::ttirexec
