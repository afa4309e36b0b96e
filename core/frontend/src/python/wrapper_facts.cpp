// Facts from the tests of a wrapper: asserts, and the conditions of the branches that lead to
// the launch. Ranks (`x.dim() == 2`), strides (`x.stride(-1) == 1`), contiguity, equal shapes
// and sizes (merged), dtypes, and relations between sizes (kept as assumptions).
#include "wrapper_interpreter.h"

#include "tlift/frontend/python/ast_unparse.h"

namespace tlift::frontend::py::detail {

namespace {

CmpOpKind negate(CmpOpKind op) {
    switch (op) {
    case CmpOpKind::Eq: return CmpOpKind::NotEq;
    case CmpOpKind::NotEq: return CmpOpKind::Eq;
    case CmpOpKind::Lt: return CmpOpKind::GtE;
    case CmpOpKind::GtE: return CmpOpKind::Lt;
    case CmpOpKind::LtE: return CmpOpKind::Gt;
    case CmpOpKind::Gt: return CmpOpKind::LtE;
    case CmpOpKind::Is: return CmpOpKind::IsNot;
    case CmpOpKind::IsNot: return CmpOpKind::Is;
    case CmpOpKind::In: return CmpOpKind::NotIn;
    case CmpOpKind::NotIn: return CmpOpKind::In;
    }
    return op;
}

CmpOpKind mirror(CmpOpKind op) {
    switch (op) {
    case CmpOpKind::Lt: return CmpOpKind::Gt;
    case CmpOpKind::Gt: return CmpOpKind::Lt;
    case CmpOpKind::LtE: return CmpOpKind::GtE;
    case CmpOpKind::GtE: return CmpOpKind::LtE;
    default: return op;
    }
}

} // namespace

const Expr* WrapperInterpreter::methodReceiver(const Expr& e, std::string_view method, std::size_t nargs) {
    const auto* c = e.as<Call>();
    if (!c || c->args.size() != nargs || !c->keywords.empty()) return nullptr;
    const auto* a = c->func->as<Attribute>();
    if (!a || a->attr != method) return nullptr;
    return a->value.get();
}

std::optional<bool> WrapperInterpreter::decide(const Expr& test) {
    AbsVal v = eval(test);
    if (!v.is(AbsVal::Kind::Term)) return std::nullopt;
    auto c = m_st.constValue(v.term);
    if (!c) return std::nullopt;
    return c->truthy();
}

void WrapperInterpreter::applyTest(const Expr& test, bool truth, const util::SourceSpan& span) {
    if (const auto* u = test.as<UnaryOp>(); u && u->op == UnaryOpKind::Not) return applyTest(*u->operand, !truth, span);
    if (const auto* b = test.as<BoolOp>(); b && ((b->op == BoolOpKind::And) == truth)) {
        for (const auto& v : b->values) applyTest(*v, truth, span);
        return;
    }
    // `x is None` holds: x is None from here on (on this path).
    if (const auto* c = test.as<Compare>(); c && c->ops.size() == 1 && c->left->is<Name>() &&
                                            (c->ops[0] == CmpOpKind::Is || c->ops[0] == CmpOpKind::IsNot)) {
        const auto* k = c->comparators[0]->as<Constant>();
        if (k && k->valueKind == ConstantKind::None) {
            if ((c->ops[0] == CmpOpKind::Is) == truth) m_env[c->left->cast<Name>().id] = AbsVal::ofTerm(m_st.constant(Value()));
            return;
        }
    }
    if (m_speculative) {
        // Inside a branch that may not run, only what the branch's own test says about a
        // variable's layout: the variable is rebound, so the fact stays on this path.
        const Expr* recv = truth ? methodReceiver(test, "is_contiguous") : nullptr;
        bool lastOne = false;
        if (const auto* c = test.as<Compare>(); c && c->ops.size() == 1) {
            CmpOpKind op = truth ? c->ops[0] : negate(c->ops[0]);
            const auto* k = c->comparators[0]->as<Constant>();
            if (op == CmpOpKind::Eq && k && k->valueKind == ConstantKind::Int && k->intValue == 1)
                if ((recv = methodReceiver(*c->left, "stride", 1)))
                    if (auto idx = intArg(eval(*c->left->cast<Call>().args[0])); idx && *idx == -1) lastOne = true;
            if (!lastOne) recv = nullptr;
        }
        const auto* n = recv ? recv->as<Name>() : nullptr;
        AbsVal v = n ? lookup(n->id) : AbsVal{};
        if (!v.is(AbsVal::Kind::Tensor) || m_st.tensor(v.index).contiguous) return;
        int t = m_st.newTensor(n->id + " (where `" + unparseShort(test, 40) + "` holds)", span, m_st.tensor(v.index).shape);
        m_st.tensor(t).dtype = m_st.tensor(v.index).dtype;
        m_st.tensor(t).dtypeLike = m_st.tensor(v.index).dtype ? -1 : v.index;
        if (lastOne) {
            m_st.tensor(t).lastStrideOne = true;
            m_st.resolvePending(m_st.tensor(t).shape);
        } else {
            m_st.makeContiguous(t);
        }
        m_env[n->id] = AbsVal::ofTensor(t);
        return;
    }
    if (const auto* c = test.as<Compare>()) {
        if (c->ops.size() == 1) return applyComparison(*c->left, truth ? c->ops[0] : negate(c->ops[0]), *c->comparators[0], span);
        if (truth) {
            const Expr* left = c->left.get();
            for (std::size_t i = 0; i < c->ops.size(); ++i) {
                applyComparison(*left, c->ops[i], *c->comparators[i], span);
                left = c->comparators[i].get();
            }
            return;
        }
    }
    if (const Expr* recv = methodReceiver(test, "is_contiguous")) {
        if (!truth) return;
        if (int t = asTensor(eval(*recv)); t >= 0) m_st.makeContiguous(t);
        return;
    }
    AbsVal v = eval(test);
    if (!v.is(AbsVal::Kind::Term)) return;
    m_st.assume(truth ? v.term : m_st.unary(UnaryOpKind::Not, v.term), span);
}

void WrapperInterpreter::applyComparison(const Expr& l, CmpOpKind op, const Expr& r, const util::SourceSpan& span) {
    if (applyTensorPredicate(l, op, r, span) || applyTensorPredicate(r, mirror(op), l, span)) return;
    if (op == CmpOpKind::In || op == CmpOpKind::NotIn || op == CmpOpKind::Is || op == CmpOpKind::IsNot) return;
    AbsVal a = eval(l), b = eval(r);
    if (!a.is(AbsVal::Kind::Term) && !a.is(AbsVal::Kind::Param)) return;
    if (!b.is(AbsVal::Kind::Term) && !b.is(AbsVal::Kind::Param)) return;
    TermId ta = asTerm(a), tb = asTerm(b);
    if (ta == kNone || tb == kNone) return;
    TermType ka = termType(m_st, ta), kb = termType(m_st, tb);
    if (op == CmpOpKind::Eq && ka == TermType::Int && kb == TermType::Int) m_st.unify(ta, tb, span);
    else m_st.assume(m_st.compare(op, ta, tb), span);
}

bool WrapperInterpreter::applyTensorPredicate(const Expr& l, CmpOpKind op, const Expr& r, const util::SourceSpan& span) {
    // The rank: x.dim(), x.ndimension(), x.ndim, len(x.shape), len(x.size()).
    const Expr* x = methodReceiver(l, "dim");
    if (!x) x = methodReceiver(l, "ndimension");
    if (const auto* a = l.as<Attribute>(); !x && a && a->attr == "ndim") x = a->value.get();
    if (const auto* c = l.as<Call>(); !x && c && c->args.size() == 1 && c->func->is<Name>() && c->func->cast<Name>().id == "len") {
        if (const auto* a = c->args[0]->as<Attribute>(); a && a->attr == "shape") x = a->value.get();
        else x = methodReceiver(*c->args[0], "size");
    }
    if (x) {
        int t = asTensor(eval(*x));
        if (t < 0) return false;
        if (op == CmpOpKind::Eq)
            if (auto k = intArg(eval(r))) m_st.setRank(m_st.tensor(t).shape, static_cast<int>(*k), span);
        return true;
    }
    // A stride: x.stride(k) == value.
    if ((x = methodReceiver(l, "stride", 1))) {
        int t = asTensor(eval(*x));
        auto k = intArg(eval(*l.cast<Call>().args[0]));
        if (t < 0 || !k) return false;
        if (op == CmpOpKind::Eq) {
            TermId v = asTerm(eval(r));
            if (v != kNone) m_st.setStride(t, static_cast<int>(*k), v, span);
        }
        return true;
    }
    const bool isShape = (l.is<Attribute>() && l.cast<Attribute>().attr == "shape") || methodReceiver(l, "size");
    const bool isDtype = l.is<Attribute>() && l.cast<Attribute>().attr == "dtype";
    if (!isShape && !isDtype) return false;
    AbsVal a = eval(l);
    if (a.is(AbsVal::Kind::Shape)) {
        if (op != CmpOpKind::Eq) return true;
        AbsVal b = eval(r);
        int cls = m_st.tensor(a.index).shape;
        if (b.is(AbsVal::Kind::Shape)) m_st.mergeShapes(cls, m_st.tensor(b.index).shape, span);
        else if (b.is(AbsVal::Kind::Tuple))
            if (auto dims = dimsOf({b})) m_st.setDims(cls, *dims, span);
        return true;
    }
    if (a.is(AbsVal::Kind::Dtype) && a.index >= 0) {
        if (op != CmpOpKind::Eq) return true;
        AbsVal b = eval(r);
        TensorRec& t = m_st.tensor(a.index);
        if (!b.is(AbsVal::Kind::Dtype) || t.dtype) return true;
        if (b.index < 0) {
            t.dtype = b.text;
            t.dtypeLike = -1;
        } else if (t.dtypeLike < 0 && b.index != a.index) {
            int root = b.index;
            for (int i = 0; i < 64 && m_st.tensor(root).dtypeLike >= 0; ++i) root = m_st.tensor(root).dtypeLike;
            if (root != a.index) m_st.tensor(a.index).dtypeLike = b.index;
        }
        return true;
    }
    return a.is(AbsVal::Kind::Device);
}

} // namespace tlift::frontend::py::detail
