#include "tlift/symexec/block_algebra.h"

#include "tlift/ir/named_ops.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/simplify.h"
#include "tlift/ir/subst.h"

#include <algorithm>
#include <cmath>

namespace tlift::symexec {

using ir::DType;
using ir::Expr;
using ir::Op;
using util::Result;

BlockAlgebra::BlockAlgebra(Spec& spec) : m_spec(spec) {}

Result<Block> BlockAlgebra::fail(const std::string& category, const std::string& msg) {
    return Result<Block>::failure(category, msg);
}

Expr BlockAlgebra::tidy(Expr e) { return ir::simplify(ctx(), e); }

// ---------------------------------------------------------------------------------------------
// Values

Block BlockAlgebra::weakInt(std::int64_t v) {
    bool fits32 = v >= INT32_MIN && v <= INT32_MAX;
    Block b{{}, fits32 ? DType::I32 : DType::I64, ctx().intConst(v, fits32 ? DType::I32 : DType::I64)};
    b.weak = true;
    return b;
}

Block BlockAlgebra::weakFloat(double v) {
    Block b{{}, DType::F32, ctx().floatConst(v, DType::F32)};
    b.weak = true;
    return b;
}

Block BlockAlgebra::boolConst(bool v) { return Block{{}, DType::Bool, ctx().boolConst(v)}; }

Block BlockAlgebra::scalar(Expr e) { return Block{{}, e.dtype(), e}; }

Block BlockAlgebra::materialize(const Block& b, std::optional<DType> want) {
    if (!b.weak) return b;
    DType t = want.value_or(b.dtype);
    Block out = b;
    out.weak = false;
    out.dtype = t;
    Expr c = b.value;
    if (c.op() == Op::Const) {
        double v = c.numericValue();
        if (ir::isFloat(t)) {
            if (c.constKind() == ir::ConstKind::Rational) out.value = ctx().rationalConst(c.rationalValue(), t);
            else out.value = ctx().floatConst(v, t);
        } else if (t == DType::Bool) {
            out.value = ctx().boolConst(v != 0);
        } else {
            out.value = ctx().intConst(static_cast<std::int64_t>(v), t);
        }
    } else if (c.dtype() != t) {
        out.value = ctx().cast(c, t);
    }
    return out;
}

Result<Block> BlockAlgebra::programId(int axis) {
    if (axis < 0 || axis > 2) return fail("unsupported", "tl.program_id axis must be 0, 1 or 2");
    if (axis >= static_cast<int>(m_spec.pids.size()))
        return fail("internal", "program id axis " + std::to_string(axis) + " was not declared");
    return Block{{}, DType::I32, m_spec.pids[static_cast<std::size_t>(axis)]};
}

Result<Block> BlockAlgebra::numPrograms(int axis) {
    if (axis < 0 || axis > 2) return fail("unsupported", "tl.num_programs axis must be 0, 1 or 2");
    if (axis >= static_cast<int>(m_spec.grid.size()))
        return fail("internal", "grid axis " + std::to_string(axis) + " was not declared");
    return Block{{}, DType::I32, m_spec.grid[static_cast<std::size_t>(axis)]};
}

Result<Block> BlockAlgebra::arange(std::int64_t start, std::int64_t end) {
    if (end <= start) return fail("shape", "tl.arange(" + std::to_string(start) + ", " + std::to_string(end) + ") is empty");
    std::int64_t n = end - start;
    if ((n & (n - 1)) != 0)
        return fail("shape", "tl.arange range must be a power of 2, got " + std::to_string(n));
    Expr v = start == 0 ? lane(0) : ctx().add(lane(0), ctx().intConst(start));
    return Block{{n}, DType::I32, tidy(v)};
}

Result<Block> BlockAlgebra::full(const Shape& shape, const Block& value, DType dtype) {
    if (!value.isScalar()) return fail("shape", "tl.full needs a scalar value");
    for (std::int64_t d : shape)
        if (d <= 0) return fail("shape", "block dimensions must be positive, got " + shapeText(shape));
    Block v = materialize(value, dtype);
    if (v.dtype != dtype) {
        auto c = cast(v, dtype);
        if (!c) return c;
        v = *c;
    }
    return Block{shape, dtype, v.value};
}

// ---------------------------------------------------------------------------------------------
// Shapes

Expr BlockAlgebra::shiftLanes(Expr e, std::size_t from, std::size_t to) {
    if (from == to) return e;
    ir::ExprMap m;
    for (std::size_t d = 0; d < from; ++d)
        m.emplace(lane(static_cast<int>(d)), lane(static_cast<int>(d + to - from)));
    return ir::substitute(ctx(), e, m);
}

Result<Block> BlockAlgebra::broadcastTo(const Block& b, const Shape& shape) {
    if (b.shape == shape) return b;
    if (b.rank() > shape.size())
        return fail("shape", "cannot broadcast " + shapeText(b.shape) + " to " + shapeText(shape));
    std::size_t off = shape.size() - b.rank();
    ir::ExprMap zeroed;
    for (std::size_t d = 0; d < b.rank(); ++d) {
        std::int64_t have = b.shape[d], want = shape[d + off];
        if (have == want) continue;
        if (have != 1) return fail("shape", "cannot broadcast " + shapeText(b.shape) + " to " + shapeText(shape));
        zeroed.emplace(lane(static_cast<int>(d)), ctx().intConst(0));
    }
    Block out = b;
    Expr v = zeroed.empty() ? b.value : ir::substitute(ctx(), b.value, zeroed);
    out.value = tidy(shiftLanes(v, b.rank(), shape.size()));
    out.shape = shape;
    return out;
}

Result<Block> BlockAlgebra::expandDims(const Block& b, int axis) {
    int r = static_cast<int>(b.rank());
    if (axis < 0) axis += r + 1;
    if (axis < 0 || axis > r) return fail("shape", "expand_dims axis out of range for shape " + shapeText(b.shape));
    ir::ExprMap m;
    for (int d = axis; d < r; ++d) m.emplace(lane(d), lane(d + 1));
    Block out = b;
    out.value = m.empty() ? b.value : ir::substitute(ctx(), b.value, m);
    out.shape.insert(out.shape.begin() + axis, 1);
    return out;
}

Result<Block> BlockAlgebra::reshape(const Block& b, const Shape& shape) {
    std::int64_t n = 1;
    for (std::int64_t d : shape) n *= d;
    if (n != b.numel())
        return fail("shape", "cannot reshape " + shapeText(b.shape) + " to " + shapeText(shape) + ": sizes differ");
    // The row-major linear index of a lane in the new shape gives its lanes in the old one.
    Expr linear = ctx().intConst(0);
    for (std::size_t e = 0; e < shape.size(); ++e) {
        if (shape[e] == 1) continue;
        linear = ctx().add(ctx().mul(linear, ctx().intConst(shape[e])), lane(static_cast<int>(e)));
    }
    linear = tidy(linear);
    ir::ExprMap m;
    std::int64_t inner = 1;
    for (std::size_t d = b.rank(); d-- > 0;) {
        std::int64_t size = b.shape[d];
        Expr old;
        if (size == 1) {
            old = ctx().intConst(0);
        } else {
            Expr q = inner == 1 ? linear : ctx().binary(Op::TDiv, linear, ctx().intConst(inner));
            // The outermost non-trivial old axis needs no modulo: the linear index is in range.
            bool outermost = true;
            for (std::size_t e = 0; e < d; ++e) outermost = outermost && b.shape[e] == 1;
            old = outermost ? q : ctx().binary(Op::TRem, q, ctx().intConst(size));
        }
        m.emplace(lane(static_cast<int>(d)), tidy(old));
        inner *= size;
    }
    // Simple splits/merges give readable forms: when an old axis equals a new axis lane, the
    // div/mod above already simplified through the polynomial normal form where possible.
    Block out = b;
    out.value = tidy(ir::substitute(ctx(), b.value, m));
    out.shape = shape;
    return out;
}

Result<Block> BlockAlgebra::permute(const Block& b, const std::vector<int>& perm) {
    if (perm.size() != b.rank()) return fail("shape", "permutation does not match the block's rank");
    std::vector<bool> seen(perm.size(), false);
    ir::ExprMap m;
    Shape shape(perm.size());
    for (std::size_t e = 0; e < perm.size(); ++e) {
        int d = perm[e];
        if (d < 0 || d >= static_cast<int>(perm.size()) || seen[static_cast<std::size_t>(d)])
            return fail("shape", "invalid permutation");
        seen[static_cast<std::size_t>(d)] = true;
        m.emplace(lane(d), lane(static_cast<int>(e)));
        shape[e] = b.shape[static_cast<std::size_t>(d)];
    }
    Block out = b;
    out.value = ir::substitute(ctx(), b.value, m);
    out.shape = shape;
    return out;
}

Result<std::pair<Block, Block>> BlockAlgebra::broadcastPair(const Block& a, const Block& b) {
    using R = Result<std::pair<Block, Block>>;
    Shape s;
    if (!broadcastShape(a.shape, b.shape, s))
        return R::failure("shape", "shapes " + shapeText(a.shape) + " and " + shapeText(b.shape) + " do not broadcast");
    auto x = broadcastTo(a, s);
    if (!x) return std::move(x).takeError();
    auto y = broadcastTo(b, s);
    if (!y) return std::move(y).takeError();
    return std::make_pair(*x, *y);
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

namespace {

int floatRank(DType t) {
    switch (t) {
    case DType::F8E4M3:
    case DType::F8E5M2: return 1;
    case DType::F16:
    case DType::BF16: return 2;
    case DType::F32: return 3;
    case DType::F64: return 4;
    default: return 0;
    }
}

DType promoteFloats(DType a, DType b) {
    if (a == b) return a;
    if ((a == DType::F16 && b == DType::BF16) || (a == DType::BF16 && b == DType::F16)) return DType::F32;
    return floatRank(a) >= floatRank(b) ? a : b;
}

DType promoteInts(DType a, DType b) {
    if (a == b) return a;
    if (a == DType::Bool) return b;
    if (b == DType::Bool) return a;
    int wa = ir::bitWidth(a), wb = ir::bitWidth(b);
    if (wa != wb) return wa > wb ? a : b;
    return ir::isSigned(a) ? b : a; // same width, different signedness: unsigned wins
}

bool isArith(BinKind k) {
    return k == BinKind::Add || k == BinKind::Sub || k == BinKind::Mul || k == BinKind::TrueDiv ||
           k == BinKind::FloorDiv || k == BinKind::Mod || k == BinKind::Pow || k == BinKind::Min ||
           k == BinKind::Max;
}

bool isCompare(BinKind k) {
    return k == BinKind::Lt || k == BinKind::Le || k == BinKind::Gt || k == BinKind::Ge || k == BinKind::Eq ||
           k == BinKind::Ne;
}

const char* binName(BinKind k) {
    switch (k) {
    case BinKind::Add: return "+";
    case BinKind::Sub: return "-";
    case BinKind::Mul: return "*";
    case BinKind::TrueDiv: return "/";
    case BinKind::FloorDiv: return "//";
    case BinKind::Mod: return "%";
    case BinKind::Pow: return "**";
    case BinKind::BitAnd: return "&";
    case BinKind::BitOr: return "|";
    case BinKind::BitXor: return "^";
    case BinKind::Shl: return "<<";
    case BinKind::Shr: return ">>";
    case BinKind::Lt: return "<";
    case BinKind::Le: return "<=";
    case BinKind::Gt: return ">";
    case BinKind::Ge: return ">=";
    case BinKind::Eq: return "==";
    case BinKind::Ne: return "!=";
    case BinKind::Min: return "minimum";
    case BinKind::Max: return "maximum";
    case BinKind::LogicalAnd: return "and";
    case BinKind::LogicalOr: return "or";
    }
    return "?";
}

} // namespace

Result<DType> BlockAlgebra::commonType(const Block& a, const Block& b, BinKind k) {
    DType ta = a.dtype, tb = b.dtype;
    DType t;
    if (a.weak && b.weak) {
        t = (ir::isFloat(ta) || ir::isFloat(tb)) ? DType::F32 : promoteInts(ta, tb);
    } else if (a.weak || b.weak) {
        const Block& w = a.weak ? a : b;
        DType other = a.weak ? tb : ta;
        if (ir::isFloat(w.dtype)) t = ir::isFloat(other) ? other : DType::F32;
        else if (ir::isFloat(other)) t = other;
        else if (other == DType::Bool) t = (k == BinKind::BitAnd || k == BinKind::BitOr || k == BinKind::BitXor ||
                                            k == BinKind::Eq || k == BinKind::Ne || k == BinKind::LogicalAnd ||
                                            k == BinKind::LogicalOr)
                                               ? DType::Bool
                                               : DType::I32;
        else t = other;
    } else if (ir::isFloat(ta) || ir::isFloat(tb)) {
        t = ir::isFloat(ta) && ir::isFloat(tb) ? promoteFloats(ta, tb) : (ir::isFloat(ta) ? ta : tb);
    } else {
        t = promoteInts(ta, tb);
        if (t == DType::Bool && isArith(k) && k != BinKind::Min && k != BinKind::Max) t = DType::I32;
    }
    if (k == BinKind::TrueDiv && !ir::isFloat(t)) t = DType::F32;
    if (k == BinKind::Pow && !ir::isFloat(t)) t = DType::F32;
    if ((k == BinKind::BitAnd || k == BinKind::BitOr || k == BinKind::BitXor || k == BinKind::Shl ||
         k == BinKind::Shr) && ir::isFloat(t))
        return Result<DType>::failure("type", std::string("operator ") + binName(k) + " needs integer or boolean operands, got " +
                                                  std::string(ir::dtypeName(t)));
    return t;
}

Result<Block> BlockAlgebra::pointerArith(BinKind k, const Block& a, const Block& b) {
    if (a.isPointer() && b.isPointer()) return fail("unsupported", "arithmetic between two pointers");
    const Block& p = a.isPointer() ? a : b;
    const Block& i = a.isPointer() ? b : a;
    if (k != BinKind::Add && !(k == BinKind::Sub && a.isPointer()))
        return fail("type", std::string("operator ") + binName(k) + " is not defined on pointers");
    Block off = materialize(i);
    if (!ir::isInteger(off.dtype) && off.dtype != DType::Bool)
        return fail("type", "pointer offset must be an integer, got " + std::string(ir::dtypeName(off.dtype)));
    auto pair = broadcastPair(Block{p.shape, p.value.dtype(), p.value}, off);
    if (!pair) return std::move(pair).takeError();
    Expr x = pair->first.value, y = pair->second.value;
    if (y.dtype() == DType::Bool) y = ctx().cast(y, DType::I32);
    if (x.dtype() != y.dtype()) {
        DType t = promoteInts(x.dtype(), y.dtype());
        if (ir::bitWidth(t) < 64 && x.dtype() != y.dtype()) t = DType::I64;
        if (x.dtype() != t) x = ctx().cast(x, t);
        if (y.dtype() != t) y = ctx().cast(y, t);
    }
    Block out = p;
    out.shape = pair->first.shape;
    out.value = tidy(k == BinKind::Add ? ctx().add(x, y) : ctx().sub(x, y));
    return out;
}

Result<Block> BlockAlgebra::binary(BinKind k, const Block& a0, const Block& b0) {
    if (a0.isPointer() || b0.isPointer()) {
        if (isCompare(k)) return fail("unsupported", "comparison of pointers");
        return pointerArith(k, a0, b0);
    }
    auto t = commonType(a0, b0, k);
    if (!t) return std::move(t).takeError();
    DType ct = *t;
    if (k == BinKind::LogicalAnd || k == BinKind::LogicalOr) ct = DType::Bool;
    auto conv = [&](const Block& x) -> Result<Block> {
        Block m = materialize(x, ct);
        if (m.dtype == ct) return m;
        if (ct == DType::Bool) {
            Block out = m;
            out.value = ctx().binary(Op::Ne, m.value, ctx().zero(m.dtype));
            out.dtype = DType::Bool;
            return out;
        }
        return cast(m, ct);
    };
    auto a = conv(a0);
    if (!a) return a;
    auto b = conv(b0);
    if (!b) return b;
    auto pair = broadcastPair(*a, *b);
    if (!pair) return std::move(pair).takeError();
    Expr x = pair->first.value, y = pair->second.value;
    Op op;
    bool isBool = ct == DType::Bool;
    switch (k) {
    case BinKind::Add: op = Op::Add; break;
    case BinKind::Sub: op = Op::Sub; break;
    case BinKind::Mul: op = Op::Mul; break;
    case BinKind::TrueDiv: op = Op::Div; break;
    case BinKind::FloorDiv: op = ir::isFloat(ct) ? Op::FloorDiv : Op::TDiv; break; // Triton: sdiv on ints
    case BinKind::Mod: op = Op::TRem; break;                                      // srem / frem
    case BinKind::Pow: op = Op::Pow; break;
    case BinKind::BitAnd: op = isBool ? Op::And : Op::BitAnd; break;
    case BinKind::BitOr: op = isBool ? Op::Or : Op::BitOr; break;
    case BinKind::BitXor: op = isBool ? Op::Xor : Op::BitXor; break;
    case BinKind::Shl: op = Op::Shl; break;
    case BinKind::Shr: op = Op::Shr; break;
    case BinKind::Lt: op = Op::Lt; break;
    case BinKind::Le: op = Op::Le; break;
    case BinKind::Gt: op = Op::Gt; break;
    case BinKind::Ge: op = Op::Ge; break;
    case BinKind::Eq: op = Op::Eq; break;
    case BinKind::Ne: op = Op::Ne; break;
    case BinKind::Min: op = Op::Min; break;
    case BinKind::Max: op = Op::Max; break;
    case BinKind::LogicalAnd: op = Op::And; break;
    case BinKind::LogicalOr: op = Op::Or; break;
    default: return fail("internal", "unknown operator");
    }
    if (isBool && (op == Op::Add || op == Op::Sub || op == Op::Mul || op == Op::Min || op == Op::Max)) {
        x = ctx().cast(x, DType::I32);
        y = ctx().cast(y, DType::I32);
    }
    auto r = ctx().tryBinary(op, x, y);
    if (!r) return fail("type", std::string("operator ") + binName(k) + ": " + r.error().message);
    Block out{pair->first.shape, r->dtype(), tidy(*r)};
    out.weak = a0.weak && b0.weak;
    return out;
}

Result<Block> BlockAlgebra::unary(UnKind k, const Block& a0) {
    if (a0.isPointer()) return fail("type", "unary operator on a pointer");
    Block a = materialize(a0);
    Expr r;
    switch (k) {
    case UnKind::Neg:
        if (a.dtype == DType::Bool) return fail("type", "negation of a boolean");
        r = ctx().neg(a.value);
        break;
    case UnKind::Not:
        r = a.dtype == DType::Bool ? ctx().lnot(a.value) : ctx().eq(a.value, ctx().zero(a.dtype));
        break;
    case UnKind::Invert:
        if (a.dtype == DType::Bool) r = ctx().lnot(a.value);
        else if (ir::isInteger(a.dtype)) r = ctx().unary(Op::BitNot, a.value);
        else return fail("type", "~ needs an integer or boolean operand");
        break;
    }
    Block out{a.shape, r.dtype(), tidy(r)};
    out.weak = a0.weak && k == UnKind::Neg;
    return out;
}

Result<Block> BlockAlgebra::math(Op op, const Block& a0) {
    if (a0.isPointer()) return fail("type", std::string(ir::opName(op)) + " of a pointer");
    Block a = materialize(a0, a0.weak ? std::optional<DType>(DType::F32) : std::nullopt);
    if (op != Op::Abs && !ir::isFloat(a.dtype))
        return fail("type", std::string("tl.") + std::string(ir::opName(op)) + " needs a floating-point operand, got " +
                                std::string(ir::dtypeName(a.dtype)));
    auto r = ctx().tryUnary(op, a.value);
    if (!r) return fail("type", r.error().message);
    return Block{a.shape, a.dtype, tidy(*r)};
}

Result<Block> BlockAlgebra::namedElementwise(const std::string& name, const std::vector<Block>& args) {
    const ir::NamedOpInfo* info = ir::findNamedOp(name);
    if (!info || !info->elementwise) return fail("internal", "no elementwise operator '" + name + "'");
    std::vector<Block> bs;
    Shape shape;
    for (const Block& b : args) {
        Block m = materialize(b, DType::F32);
        Shape s;
        if (!broadcastShape(shape, m.shape, s)) return fail("shape", name + ": shapes do not broadcast");
        shape = s;
        bs.push_back(m);
    }
    std::vector<Expr> kids;
    for (Block& b : bs) {
        auto x = broadcastTo(b, shape);
        if (!x) return x;
        kids.push_back(x->value);
    }
    auto r = ctx().tryNamed(name, kids);
    if (!r) return fail("type", r.error().message);
    return Block{shape, r->dtype(), *r};
}

Result<Block> BlockAlgebra::where(const Block& c0, const Block& a0, const Block& b0) {
    if (c0.isPointer()) return fail("type", "tl.where condition is a pointer");
    Block c = materialize(c0);
    if (c.dtype != DType::Bool) c = Block{c.shape, DType::Bool, ctx().binary(Op::Ne, c.value, ctx().zero(c.dtype))};
    if (a0.isPointer() || b0.isPointer()) {
        if (!(a0.isPointer() && b0.isPointer() && a0.buffer == b0.buffer))
            return fail("unsupported", "tl.where between pointers of different buffers");
        auto s = broadcastPair(c, Block{a0.shape, a0.value.dtype(), a0.value});
        if (!s) return std::move(s).takeError();
        auto t = broadcastPair(s->first, Block{b0.shape, b0.value.dtype(), b0.value});
        if (!t) return std::move(t).takeError();
        auto c2 = broadcastTo(c, t->first.shape);
        auto x = broadcastTo(Block{a0.shape, a0.value.dtype(), a0.value}, t->first.shape);
        if (!c2 || !x) return fail("shape", "tl.where shapes do not broadcast");
        Expr bv = t->second.value, av = x->value;
        if (av.dtype() != bv.dtype()) {
            av = ctx().cast(av, DType::I64);
            bv = ctx().cast(bv, DType::I64);
        }
        Block out = a0;
        out.shape = t->first.shape;
        out.value = tidy(ctx().select(c2->value, av, bv));
        return out;
    }
    auto t = commonType(a0, b0, BinKind::Add);
    if (!t) return std::move(t).takeError();
    DType ct = (a0.dtype == DType::Bool && b0.dtype == DType::Bool) ? DType::Bool : *t;
    auto conv = [&](const Block& x) -> Result<Block> {
        Block m = materialize(x, ct);
        return m.dtype == ct ? Result<Block>(m) : cast(m, ct);
    };
    auto a = conv(a0);
    if (!a) return a;
    auto b = conv(b0);
    if (!b) return b;
    Shape s1, s2;
    if (!broadcastShape(c.shape, a->shape, s1) || !broadcastShape(s1, b->shape, s2))
        return fail("shape", "tl.where shapes " + shapeText(c.shape) + ", " + shapeText(a->shape) + ", " +
                                 shapeText(b->shape) + " do not broadcast");
    auto cc = broadcastTo(c, s2);
    auto aa = broadcastTo(*a, s2);
    auto bb = broadcastTo(*b, s2);
    if (!cc || !aa || !bb) return fail("shape", "tl.where shapes do not broadcast");
    return Block{s2, ct, tidy(ctx().select(cc->value, aa->value, bb->value))};
}

Result<Block> BlockAlgebra::cast(const Block& a0, DType to) {
    if (a0.isPointer()) return fail("unsupported", "cast of a pointer");
    Block a = a0.weak ? materialize(a0, to) : a0;
    if (a.dtype == to) return Block{a.shape, to, a.value};
    Expr v = a.value;
    if (to == DType::Bool) v = ctx().binary(Op::Ne, v, ctx().zero(a.dtype));
    else v = ctx().cast(v, to);
    return Block{a.shape, to, tidy(v)};
}

// ---------------------------------------------------------------------------------------------
// Memory

void BlockAlgebra::pushPath(Expr cond) { m_path.push_back(cond); }
void BlockAlgebra::popPath() {
    if (!m_path.empty()) m_path.pop_back();
}
Expr BlockAlgebra::pathCondition() {
    Expr c = ctx().trueConst();
    for (const Expr& p : m_path) c = ctx().land(c, p);
    return tidy(c);
}

Result<Block> BlockAlgebra::load(const Block& ptr, const std::optional<Block>& mask0, const std::optional<Block>& other0,
                                 util::SourceSpan span) {
    if (!ptr.isPointer()) return fail("type", "tl.load needs a pointer, got a value of type " + std::string(ir::dtypeName(ptr.dtype)));
    const BufferInfo& buf = m_spec.buffers[static_cast<std::size_t>(ptr.buffer)];
    Shape shape = ptr.shape;
    std::optional<Block> mask, other;
    if (mask0) {
        if (mask0->isPointer()) return fail("type", "tl.load mask is a pointer");
        Block m = materialize(*mask0);
        if (m.dtype != DType::Bool) return fail("type", "tl.load mask must be boolean, got " + std::string(ir::dtypeName(m.dtype)));
        Shape s;
        if (!broadcastShape(shape, m.shape, s)) return fail("shape", "tl.load mask shape " + shapeText(m.shape) + " does not match pointer shape " + shapeText(shape));
        shape = s;
        mask = m;
    }
    if (other0) {
        if (!mask) return fail("type", "tl.load `other` needs a mask");
        auto o = cast(materialize(*other0, buf.dtype), buf.dtype);
        if (!o) return o;
        Shape s;
        if (!broadcastShape(shape, o->shape, s)) return fail("shape", "tl.load `other` shape does not broadcast");
        shape = s;
        other = *o;
    }
    auto p = broadcastTo(Block{ptr.shape, ptr.value.dtype(), ptr.value}, shape);
    if (!p) return p;
    Expr read = ctx().read(buf.flat, {p->value});
    Expr value = read;
    Expr maskExpr = ctx().trueConst();
    if (mask) {
        auto m = broadcastTo(*mask, shape);
        if (!m) return m;
        maskExpr = m->value;
        Expr alt;
        if (other) {
            auto o = broadcastTo(*other, shape);
            if (!o) return o;
            alt = o->value;
        } else {
            alt = ctx().undef(m_nextUndef++, buf.dtype);
        }
        value = ctx().select(maskExpr, read, alt);
    }
    LoadSite site;
    site.id = static_cast<int>(m_spec.loads.size());
    site.buffer = ptr.buffer;
    site.shape = shape;
    site.offset = p->value;
    site.mask = tidy(ctx().land(maskExpr, pathCondition()));
    site.hasOther = other.has_value();
    site.loops = m_loops;
    site.span = span;
    m_spec.loads.push_back(site);
    return Block{shape, buf.dtype, tidy(value)};
}

Result<bool> BlockAlgebra::store(const Block& ptr, const Block& value0, const std::optional<Block>& mask0,
                                 util::SourceSpan span, StoreKind kind) {
    using R = Result<bool>;
    if (!ptr.isPointer()) return R::failure("type", "tl.store needs a pointer");
    if (value0.isPointer()) return R::failure("unsupported", "storing pointers");
    const BufferInfo& buf = m_spec.buffers[static_cast<std::size_t>(ptr.buffer)];
    auto v = cast(materialize(value0, buf.dtype), buf.dtype);
    if (!v) return std::move(v).takeError();
    Shape shape = ptr.shape;
    Shape s;
    if (!broadcastShape(shape, v->shape, s) || s != shape)
        return R::failure("shape", "tl.store value of shape " + shapeText(v->shape) + " does not fit pointer shape " + shapeText(shape));
    Expr maskExpr = ctx().trueConst();
    if (mask0) {
        Block m = materialize(*mask0);
        if (m.dtype != DType::Bool) return R::failure("type", "tl.store mask must be boolean");
        Shape ms;
        if (!broadcastShape(shape, m.shape, ms) || ms != shape)
            return R::failure("shape", "tl.store mask shape " + shapeText(m.shape) + " does not fit pointer shape " + shapeText(shape));
        auto mb = broadcastTo(m, shape);
        if (!mb) return std::move(mb).takeError();
        maskExpr = mb->value;
    }
    auto vb = broadcastTo(*v, shape);
    if (!vb) return std::move(vb).takeError();
    StoreSpec st;
    st.id = static_cast<int>(m_spec.stores.size());
    st.kind = kind;
    st.buffer = ptr.buffer;
    st.shape = shape;
    st.offset = ptr.value;
    st.mask = tidy(ctx().land(maskExpr, pathCondition()));
    st.value = vb->value;
    st.loops = m_loops;
    st.span = span;
    m_spec.stores.push_back(st);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Reductions

Result<Block> BlockAlgebra::reduce(ir::ReduceKind k, const Block& a0, std::optional<int> axis, bool keepDims) {
    if (a0.isPointer()) return fail("type", "reduction of pointers");
    Block a = materialize(a0);
    if (a.isScalar()) return a;
    if (!axis) {
        // Reduce every axis, innermost first; the result is a scalar (or all-ones shape).
        Block cur = a;
        if (k == ir::ReduceKind::ArgMax || k == ir::ReduceKind::ArgMin) {
            auto flat = reshape(a, {a.numel()});
            if (!flat) return flat;
            cur = *flat;
            auto r = reduce(k, cur, 0, false);
            if (!r) return r;
            if (!keepDims) return r;
            return reshape(*r, Shape(a.rank(), 1));
        }
        for (int d = static_cast<int>(a.rank()) - 1; d >= 0; --d) {
            auto r = reduce(k, cur, d, keepDims);
            if (!r) return r;
            cur = *r;
        }
        return cur;
    }
    int r = static_cast<int>(a.rank());
    int ax = *axis < 0 ? *axis + r : *axis;
    if (ax < 0 || ax >= r) return fail("shape", "reduction axis " + std::to_string(*axis) + " out of range for shape " + shapeText(a.shape));
    Expr body = a.value;
    if (k == ir::ReduceKind::Sum && a.dtype == DType::Bool) body = ctx().cast(body, DType::I32);
    if (k == ir::ReduceKind::Sum && ir::isInteger(a.dtype) && ir::bitWidth(a.dtype) < 32)
        body = ctx().cast(body, ir::isSigned(a.dtype) ? DType::I32 : DType::U32);
    Expr kv = ctx().freshVar("k");
    ir::ExprMap m{{lane(ax), kv}};
    if (!keepDims)
        for (int d = ax + 1; d < r; ++d) m.emplace(lane(d), lane(d - 1));
    body = ir::substitute(ctx(), body, m);
    Expr red = ctx().reduce(k, kv, ctx().intConst(0), ctx().intConst(a.shape[static_cast<std::size_t>(ax)]), body);
    Shape shape = a.shape;
    if (keepDims) shape[static_cast<std::size_t>(ax)] = 1;
    else shape.erase(shape.begin() + ax);
    return Block{shape, red.dtype(), tidy(red)};
}

Result<Block> BlockAlgebra::scan(ir::ReduceKind k, const Block& a0, int axis, bool reverse) {
    if (a0.isPointer()) return fail("type", "scan of pointers");
    Block a = materialize(a0);
    int r = static_cast<int>(a.rank());
    int ax = axis < 0 ? axis + r : axis;
    if (ax < 0 || ax >= r) return fail("shape", "scan axis out of range for shape " + shapeText(a.shape));
    Expr kv = ctx().freshVar("k");
    Expr body = ir::substitute(ctx(), a.value, lane(ax), kv);
    if (k == ir::ReduceKind::Sum && a.dtype == DType::Bool) body = ctx().cast(body, DType::I32);
    Expr l = lane(ax);
    Expr lo = reverse ? l : ctx().intConst(0);
    Expr hi = reverse ? ctx().intConst(a.shape[static_cast<std::size_t>(ax)]) : ctx().add(l, ctx().intConst(1));
    Expr red = ctx().reduce(k, kv, lo, hi, body);
    return Block{a.shape, red.dtype(), tidy(red)};
}

Result<Block> BlockAlgebra::dot(const Block& a0, const Block& b0, const std::optional<Block>& acc, DType outType) {
    if (a0.isPointer() || b0.isPointer()) return fail("type", "tl.dot of pointers");
    Block a = materialize(a0), b = materialize(b0);
    if (a.rank() != b.rank() || (a.rank() != 2 && a.rank() != 3))
        return fail("shape", "tl.dot needs two 2-D (or two 3-D) blocks, got " + shapeText(a.shape) + " and " + shapeText(b.shape));
    std::size_t r = a.rank();
    std::int64_t K = a.shape[r - 1];
    if (b.shape[r - 2] != K)
        return fail("shape", "tl.dot inner dimensions differ: " + shapeText(a.shape) + " and " + shapeText(b.shape));
    if (r == 3 && a.shape[0] != b.shape[0]) return fail("shape", "tl.dot batch dimensions differ");
    for (std::int64_t d : {a.shape[r - 2], K, b.shape[r - 1]})
        if (d < 16) return fail("shape", "tl.dot needs every dimension >= 16, got " + shapeText(a.shape) + " @ " + shapeText(b.shape));
    Expr kv = ctx().freshVar("k");
    int im = static_cast<int>(r) - 2, in = static_cast<int>(r) - 1;
    // a[.., l_m, k] and b[.., k, l_n]
    Expr av = ir::substitute(ctx(), a.value, lane(in), kv);
    ir::ExprMap mb{{lane(im), kv}, {lane(in), lane(in)}};
    Expr bv = ir::substitute(ctx(), b.value, lane(im), kv);
    (void)mb;
    if (av.dtype() != outType) av = ctx().cast(av, outType);
    if (bv.dtype() != outType) bv = ctx().cast(bv, outType);
    Expr sum = ctx().reduce(ir::ReduceKind::Sum, kv, ctx().intConst(0), ctx().intConst(K), ctx().mul(av, bv));
    Shape shape = a.shape;
    shape[r - 1] = b.shape[r - 1];
    if (acc) {
        auto c = broadcastTo(materialize(*acc, outType), shape);
        if (!c) return c;
        Expr cv = c->value.dtype() == outType ? c->value : ctx().cast(c->value, outType);
        sum = ctx().add(cv, sum);
    }
    return Block{shape, outType, tidy(sum)};
}

} // namespace tlift::symexec
