#include "typing.h"

#include "tlift/ir/named_ops.h"
#include "tlift/ir/printer.h"

namespace tlift::ir {

namespace {

util::Result<Typed> fail(Op op, const std::string& msg) {
    return util::Result<Typed>::failure("type", std::string(opName(op)) + ": " + msg);
}

std::string tn(DType t) { return std::string(dtypeName(t)); }

} // namespace

std::string shapeText(std::span<const Expr> shape) {
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i) s += ", ";
        s += toText(shape[i]);
    }
    return s + "]";
}

util::Result<std::vector<Expr>> broadcastShapes(std::span<const Expr> a, std::span<const Expr> b) {
    std::size_t r = std::max(a.size(), b.size());
    std::vector<Expr> out(r);
    for (std::size_t k = 0; k < r; ++k) {
        Expr da = k < r - a.size() ? Expr() : a[k - (r - a.size())];
        Expr db = k < r - b.size() ? Expr() : b[k - (r - b.size())];
        if (!da) out[k] = db;
        else if (!db) out[k] = da;
        else if (da == db) out[k] = da;
        else if (da.isIntConst(1)) out[k] = db;
        else if (db.isIntConst(1)) out[k] = da;
        else
            return util::Result<std::vector<Expr>>::failure(
                "shape", "shapes " + shapeText(a) + " and " + shapeText(b) + " do not broadcast");
    }
    return out;
}

static util::Result<std::vector<Expr>> broadcastAll(std::span<const Expr> kids) {
    std::vector<Expr> shape;
    for (const Expr& k : kids) {
        auto r = broadcastShapes(shape, k.shape());
        if (!r) return r;
        shape = std::move(*r);
    }
    return shape;
}

util::Result<Typed> inferType(Context& ctx, const NodeSpec& spec) {
    const Op op = spec.op;
    const auto& k = spec.kids;
    const OpInfo& info = opInfo(op);
    if (info.arity >= 0 && static_cast<int>(k.size()) != info.arity)
        return fail(op, "expects " + std::to_string(info.arity) + " operands, got " + std::to_string(k.size()));

    switch (info.cls) {
    case OpClass::Leaf: return fail(op, "leaves are built with their own constructors");
    case OpClass::Access: {
        if (k.empty()) return fail(op, "needs a tensor");
        Expr t = k[0];
        if (t.rank() + 1 != k.size())
            return fail(op, "tensor of rank " + std::to_string(t.rank()) + " indexed with " +
                                std::to_string(k.size() - 1) + " indices");
        for (std::size_t i = 1; i < k.size(); ++i)
            if (!isInteger(k[i].dtype()) || !k[i].isScalar())
                return fail(op, "index " + std::to_string(i - 1) + " must be an integer scalar, got " +
                                    tn(k[i].dtype()));
        return Typed{t.dtype(), {}};
    }
    case OpClass::Arith:
    case OpClass::Math:
    case OpClass::Compare:
    case OpClass::Logic:
    case OpClass::Bitwise: {
        DType t = k[0].dtype();
        for (const Expr& e : k)
            if (e.dtype() != t) return fail(op, "operand types differ: " + tn(t) + " and " + tn(e.dtype()));
        auto shape = broadcastAll(k);
        if (!shape) return fail(op, shape.error().message);
        switch (info.cls) {
        case OpClass::Arith:
            if (!isNumeric(t)) return fail(op, "needs numbers, got " + tn(t));
            if (op == Op::Div && !isFloat(t)) return fail(op, "true division needs floats, got " + tn(t));
            break;
        case OpClass::Math:
            if (op == Op::Abs) {
                if (!isNumeric(t)) return fail(op, "needs a number, got " + tn(t));
            } else if (!isFloat(t)) {
                return fail(op, "needs a float, got " + tn(t));
            }
            break;
        case OpClass::Compare: return Typed{DType::Bool, std::move(*shape)};
        case OpClass::Logic:
            if (t != DType::Bool) return fail(op, "needs i1 operands, got " + tn(t));
            break;
        case OpClass::Bitwise:
            if (!isInteger(t)) return fail(op, "needs integers, got " + tn(t));
            break;
        default: break;
        }
        return Typed{t, std::move(*shape)};
    }
    case OpClass::Structure: break;
    }

    switch (op) {
    case Op::Select: {
        if (k[0].dtype() != DType::Bool) return fail(op, "condition must be i1, got " + tn(k[0].dtype()));
        if (k[1].dtype() != k[2].dtype())
            return fail(op, "branch types differ: " + tn(k[1].dtype()) + " and " + tn(k[2].dtype()));
        auto shape = broadcastAll(k);
        if (!shape) return fail(op, shape.error().message);
        return Typed{k[1].dtype(), std::move(*shape)};
    }
    case Op::Cast: return Typed{spec.dtype, std::vector<Expr>(k[0].shape().begin(), k[0].shape().end())};
    case Op::Reduce: {
        Expr v = k[0];
        if (v.op() != Op::Var) return fail(op, "the bound variable must be a variable");
        if (k[1].dtype() != v.dtype() || k[2].dtype() != v.dtype())
            return fail(op, "bounds must have the variable's type " + tn(v.dtype()));
        if (!k[1].isScalar() || !k[2].isScalar()) return fail(op, "bounds must be scalars");
        if (k[3].dtype() != DType::Bool || !k[3].isScalar()) return fail(op, "guard must be an i1 scalar");
        if (!k[4].isScalar()) return fail(op, "body must be a scalar");
        auto kind = static_cast<ReduceKind>(spec.sub);
        if (spec.sub > static_cast<std::uint8_t>(ReduceKind::ArgMin)) return fail(op, "unknown reduction kind");
        if (kind == ReduceKind::ArgMax || kind == ReduceKind::ArgMin) {
            if (!isNumeric(k[4].dtype())) return fail(op, "argmax/argmin need a numeric body");
            return Typed{v.dtype(), {}};
        }
        if (!isNumeric(k[4].dtype())) return fail(op, "reduction of a non-numeric body " + tn(k[4].dtype()));
        return Typed{k[4].dtype(), {}};
    }
    case Op::Apply:
        if (spec.name.empty()) return fail(op, "function without a name");
        return Typed{spec.dtype, {}};
    case Op::Named: {
        const NamedOpInfo* info2 = findNamedOp(spec.name);
        if (!info2) return fail(op, "unknown operator '" + spec.name + "'");
        if (k.size() != info2->params.size())
            return fail(op, info2->name + " takes " + std::to_string(info2->params.size()) + " arguments, got " +
                                std::to_string(k.size()));
        for (std::size_t i = 0; i < k.size(); ++i) {
            const NamedParam& p = info2->params[i];
            bool isConstKind = p.kind == ParamKind::Dim || p.kind == ParamKind::Int || p.kind == ParamKind::Bool;
            if (isConstKind && (k[i].op() != Op::Const || !k[i].isScalar()))
                return fail(op, info2->name + ": argument '" + p.name + "' must be a constant");
            if (p.kind == ParamKind::Bool && k[i].dtype() != DType::Bool)
                return fail(op, info2->name + ": argument '" + p.name + "' must be a boolean");
            if ((p.kind == ParamKind::Dim || p.kind == ParamKind::Int) && !isInteger(k[i].dtype()))
                return fail(op, info2->name + ": argument '" + p.name + "' must be an integer");
            if (p.kind == ParamKind::Scalar && (!k[i].isScalar() || !isNumeric(k[i].dtype())))
                return fail(op, info2->name + ": argument '" + p.name + "' must be a numeric scalar");
        }
        auto t = info2->type(ctx, k);
        if (!t) return fail(op, t.error().message);
        return Typed{t->dtype, std::move(t->shape), info2->index};
    }
    default: return fail(op, "unhandled operator");
    }
}

} // namespace tlift::ir
