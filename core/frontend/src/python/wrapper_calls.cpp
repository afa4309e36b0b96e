// Calls in the wrapper: triton / math / builtin size arithmetic, torch tensor constructors,
// tensor methods (stride, size, numel, view, transpose, contiguous, to, ...), helper functions.
#include "wrapper_interpreter.h"

#include "tlift/frontend/python/ast_unparse.h"

#include <algorithm>
#include <numeric>

namespace tlift::frontend::py::detail {

namespace {

const Expr* chainRoot(const Expr& e) {
    const Expr* x = &e;
    while (const auto* a = x->as<Attribute>()) x = a->value.get();
    return x;
}

std::optional<TermFn> mathFn(std::string_view q) {
    if (q == "math.ceil") return TermFn::Ceil;
    if (q == "math.floor") return TermFn::Floor;
    if (q == "math.sqrt") return TermFn::Sqrt;
    if (q == "math.log2") return TermFn::Log2;
    if (q == "math.log") return TermFn::Log;
    if (q == "math.exp") return TermFn::Exp;
    return std::nullopt;
}

std::optional<std::int64_t> dtypeSize(const std::string& d) {
    if (d == "float64" || d == "int64") return 8;
    if (d == "float32" || d == "int32") return 4;
    if (d == "float16" || d == "bfloat16" || d == "int16") return 2;
    if (d == "int8" || d == "uint8" || d == "bool" || d.rfind("float8", 0) == 0) return 1;
    return std::nullopt;
}

bool isTensorMethod(std::string_view m) {
    static const char* names[] = {
        "stride", "size", "numel", "nelement", "dim", "ndimension", "is_contiguous", "contiguous", "view", "reshape",
        "flatten", "t", "transpose", "swapaxes", "swapdims", "permute", "unsqueeze", "to", "float", "half", "bfloat16",
        "double", "int", "long", "bool", "type", "cuda", "cpu", "detach", "clone", "new_empty", "new_zeros", "new_ones",
        "new_full", "element_size", "data_ptr", "zero_", "fill_", "copy_", "expand", "expand_as", "squeeze",
        "view_as", "reshape_as", "requires_grad_", "sum", "mean", "max", "min", "narrow", "select", "unbind", "split",
        "chunk", "movedim", "item", "storage_offset", "get_device", "is_floating_point", "uniform_", "normal_"};
    return std::any_of(std::begin(names), std::end(names), [&](const char* n) { return m == n; });
}

} // namespace

std::optional<std::string> WrapperInterpreter::qualifiedCallee(const Expr& func) const {
    const Expr* root = chainRoot(func);
    const auto* n = root->as<Name>();
    if (!n || m_env.count(n->id)) return std::nullopt;
    return m_info.qualifiedName(func);
}

std::optional<std::string> WrapperInterpreter::dtypeName(const std::string& q) {
    static const std::pair<const char*, const char*> table[] = {
        {"torch.float32", "float32"},   {"torch.float", "float32"},     {"torch.float16", "float16"},
        {"torch.half", "float16"},      {"torch.bfloat16", "bfloat16"}, {"torch.float64", "float64"},
        {"torch.double", "float64"},    {"torch.int8", "int8"},         {"torch.int16", "int16"},
        {"torch.short", "int16"},       {"torch.int32", "int32"},       {"torch.int", "int32"},
        {"torch.int64", "int64"},       {"torch.long", "int64"},        {"torch.uint8", "uint8"},
        {"torch.bool", "bool"},         {"torch.complex64", "complex64"}, {"torch.float8_e4m3fn", "float8_e4m3fn"},
        {"torch.float8_e5m2", "float8_e5m2"}, {"torch.float8_e4m3fnuz", "float8_e4m3fnuz"},
        {"torch.float8_e5m2fnuz", "float8_e5m2fnuz"},
    };
    for (auto& [k, v] : table)
        if (q == k) return std::string(v);
    // tl.float32 and friends, passed as constexpr dtypes.
    static const std::string tl = "triton.language.";
    if (q.rfind(tl, 0) == 0) {
        std::string rest = q.substr(tl.size());
        static const char* names[] = {"float32", "float16", "bfloat16", "float64", "int8", "int16", "int32", "int64", "uint8"};
        for (const char* n : names)
            if (rest == n) return rest;
    }
    return std::nullopt;
}

std::optional<std::int64_t> WrapperInterpreter::intArg(const AbsVal& v) {
    if (!v.is(AbsVal::Kind::Term)) return std::nullopt;
    auto c = m_st.constValue(v.term);
    if (!c || !(c->isInt() || c->isBool())) return std::nullopt;
    return c->asInt();
}

std::vector<AbsVal> WrapperInterpreter::positional(const Call& c) {
    std::vector<AbsVal> out;
    for (const auto& a : c.args) {
        if (const auto* s = a->as<Starred>()) {
            AbsVal v = eval(*s->value);
            if (v.is(AbsVal::Kind::Tuple)) out.insert(out.end(), v.items.begin(), v.items.end());
            else out.push_back(v.is(AbsVal::Kind::Unknown) ? v : AbsVal::unknown("`*" + unparseShort(*s->value, 40) + "` of a value that is not a known sequence"));
            continue;
        }
        out.push_back(eval(*a));
    }
    return out;
}

AbsVal WrapperInterpreter::dtypeValue(const Expr& e) {
    AbsVal v = eval(e);
    if (v.is(AbsVal::Kind::Dtype)) return v;
    return AbsVal::unknown("not a dtype");
}

std::optional<std::vector<TermId>> WrapperInterpreter::dimsOf(const std::vector<AbsVal>& args) {
    std::vector<AbsVal> items = args;
    if (args.size() == 1 && args[0].is(AbsVal::Kind::Tuple)) items = args[0].items;
    std::vector<TermId> dims;
    for (const AbsVal& v : items) {
        TermId t = asTerm(v);
        promoteInt(t);
        dims.push_back(t != kNone ? t : m_st.unknown("a size that is not a number"));
    }
    if (items.size() > 64) return std::nullopt;
    return dims;
}

AbsVal WrapperInterpreter::evalCall(const Call& c) {
    if (auto q = qualifiedCallee(*c.func)) return callQualified(*q, c);
    if (const auto* a = c.func->as<Attribute>()) return callMethod(eval(*a->value), a->attr, c);
    std::vector<std::pair<std::string, AbsVal>> keywords;
    for (const Keyword& k : c.keywords)
        if (!k.isDoubleStar()) keywords.emplace_back(k.name, eval(*k.value));
    if (const auto* n = c.func->as<Name>()) {
        bool bound = m_env.count(n->id) || m_info.function(n->id) || m_info.constant(n->id);
        if (!bound) return callBuiltin(n->id, c);
    }
    AbsVal f = eval(*c.func);
    if (f.is(AbsVal::Kind::Function)) return callFunction(f, positional(c), keywords);
    return AbsVal::unknown("`" + unparseShort(*c.func, 40) + "(...)` is a call the analysis does not follow");
}

AbsVal WrapperInterpreter::callBuiltin(const std::string& name, const Call& c) {
    std::vector<AbsVal> args = positional(c);
    auto terms = [&](std::vector<AbsVal> vs) -> std::optional<std::vector<TermId>> {
        if (vs.size() == 1 && vs[0].is(AbsVal::Kind::Tuple)) vs = vs[0].items;
        std::vector<TermId> out;
        for (const AbsVal& v : vs) {
            TermId t = asTerm(v);
            if (t == kNone) return std::nullopt;
            out.push_back(t);
        }
        return out;
    };
    if ((name == "min" || name == "max") && c.keywords.empty()) {
        auto ts = terms(args);
        if (!ts || ts->empty()) return AbsVal::unknown("`" + name + "(...)` of values that are not numbers");
        if (ts->size() == 1) return AbsVal::ofTerm(ts->front());
        return AbsVal::ofTerm(m_st.call(name == "min" ? TermFn::Min : TermFn::Max, *ts));
    }
    if ((name == "abs" || name == "int" || name == "float") && args.size() == 1) {
        TermId t = asTerm(args[0]);
        if (t == kNone) return AbsVal::unknown("`" + name + "(...)` of a value that is not a number");
        return AbsVal::ofTerm(m_st.call(name == "abs" ? TermFn::Abs : name == "int" ? TermFn::Int : TermFn::Float, {t}));
    }
    if (name == "len" && args.size() == 1) {
        if (args[0].is(AbsVal::Kind::Tuple)) return AbsVal::ofTerm(m_st.constant(Value::integer(static_cast<std::int64_t>(args[0].items.size()))));
        if (args[0].is(AbsVal::Kind::Shape)) {
            if (auto r = m_st.rankOf(m_st.tensor(args[0].index).shape)) return AbsVal::ofTerm(m_st.constant(Value::integer(*r)));
            return AbsVal::ofTerm(m_st.unknown("the rank of `" + m_st.tensor(args[0].index).name + "` is not known"));
        }
    }
    if ((name == "tuple" || name == "list") && args.size() == 1) {
        AbsVal v = args[0];
        if (v.is(AbsVal::Kind::Shape))
            if (auto r = m_st.rankOf(m_st.tensor(v.index).shape)) {
                std::vector<AbsVal> dims;
                for (int i = 0; i < *r; ++i) dims.push_back(AbsVal::ofTerm(m_st.dim(m_st.tensor(v.index).shape, i)));
                return AbsVal::tuple(std::move(dims));
            }
        if (v.is(AbsVal::Kind::Tuple)) return v;
        // A list of the dims of a tensor whose rank is not known yet: still its shape (a change
        // in place makes it unknown).
        if (v.is(AbsVal::Kind::Shape) || v.is(AbsVal::Kind::Unknown)) return v;
    }
    if (name == "pow" && args.size() == 2) {
        TermId a = asTerm(args[0]), b = asTerm(args[1]);
        if (a != kNone && b != kNone) return AbsVal::ofTerm(m_st.binary(BinOpKind::Pow, a, b));
    }
    return AbsVal::unknown("`" + name + "(...)` is a call the analysis does not follow");
}

bool WrapperInterpreter::sameSize(TermId a, TermId b) const {
    if (a == b) return true;
    SymbolId sa = m_st.symbolOf(a), sb = m_st.symbolOf(b);
    if (sa != kNone && sa == sb) return true;
    return describeTerm(m_st, a) == describeTerm(m_st, b);
}

void WrapperInterpreter::promoteInt(TermId t) {
    SymbolId s = m_st.symbolOf(t);
    if (s != kNone && m_st.symbols[s].kind == SymbolKind::OtherParam && m_st.symbols[s].definition == kNone)
        m_st.symbols[s].kind = SymbolKind::IntParam;
}

AbsVal WrapperInterpreter::product(const Expr& e) {
    // x.shape[:-k] or x.shape[k:] of a tensor whose rank is not known: the element count over
    // the dims left out.
    if (const auto* s = e.as<Subscript>(); s && s->indices.size() == 1 && !s->tupleIndex) {
        const auto* sl = s->indices[0]->as<Slice>();
        AbsVal base = sl && !sl->step ? eval(*s->value) : AbsVal{};
        if (base.is(AbsVal::Kind::Shape) && !m_st.rankOf(m_st.tensor(base.index).shape)) {
            int cls = m_st.tensor(base.index).shape;
            auto bound = [&](const Own<Expr>& x) -> std::optional<std::int64_t> {
                if (!x) return 0;
                return intArg(eval(*x));
            };
            auto lo = bound(sl->lower), hi = bound(sl->upper);
            TermId divisor = kNone;
            auto mul = [&](TermId d) { divisor = divisor == kNone ? d : m_st.binary(BinOpKind::Mult, divisor, d); };
            if (lo && hi && *lo == 0 && *hi < 0 && *hi >= -8 && sl->upper)
                for (std::int64_t k = -1; k >= *hi; --k) mul(m_st.dim(cls, static_cast<int>(k)));
            else if (lo && *lo > 0 && *lo <= 8 && !sl->upper)
                for (std::int64_t k = 0; k < *lo; ++k) mul(m_st.dim(cls, static_cast<int>(k)));
            else
                return AbsVal::unknown("`" + unparseShort(e, 40) + "`: the rank of `" + m_st.tensor(base.index).name + "` is not known");
            return AbsVal::ofTerm(m_st.binary(BinOpKind::FloorDiv, m_st.numel(cls), divisor));
        }
    }
    AbsVal v = eval(e);
    if (v.is(AbsVal::Kind::Shape)) return AbsVal::ofTerm(m_st.numel(m_st.tensor(v.index).shape));
    if (v.is(AbsVal::Kind::Tuple)) {
        TermId p = m_st.constant(Value::integer(1));
        for (const AbsVal& x : v.items) {
            TermId t = asTerm(x);
            if (t == kNone) return AbsVal::unknown("a product of values that are not numbers");
            p = m_st.constValue(p) && m_st.constValue(p)->asInt() == 1 && m_st.constValue(p)->isInt() ? t : m_st.binary(BinOpKind::Mult, p, t);
        }
        return AbsVal::ofTerm(p);
    }
    if (v.is(AbsVal::Kind::Unknown)) return v;
    return AbsVal::unknown("`math.prod(" + unparseShort(e, 40) + ")`: not a known sequence");
}

AbsVal WrapperInterpreter::callQualified(const std::string& q, const Call& c) {
    if (q == "triton.cdiv" || q == "triton.next_power_of_2" || mathFn(q)) {
        std::vector<TermId> ts;
        for (const AbsVal& v : positional(c)) {
            TermId t = asTerm(v);
            if (t == kNone) return AbsVal::unknown("`" + q + "(...)` of a value that is not a number");
            if (!mathFn(q)) promoteInt(t);
            ts.push_back(t);
        }
        TermFn fn = q == "triton.cdiv" ? TermFn::Cdiv : q == "triton.next_power_of_2" ? TermFn::NextPow2 : *mathFn(q);
        if (ts.size() != (fn == TermFn::Cdiv ? 2u : 1u)) return AbsVal::unknown(q + "() with unexpected arguments");
        return AbsVal::ofTerm(m_st.call(fn, std::move(ts)));
    }
    if (q == "math.prod" && c.args.size() == 1 && c.keywords.empty()) return product(*c.args[0]);
    if (q == "functools.reduce" && (c.args.size() == 2 || c.args.size() == 3)) {
        // reduce(operator.mul, seq[, init]) and reduce(lambda a, b: a * b, seq[, init])
        const Expr& f = *c.args[0];
        bool mul = m_info.qualifiedName(f) == "operator.mul";
        if (const auto* lam = f.as<Lambda>(); lam && lam->params.params.size() == 2)
            if (const auto* b = lam->body->as<BinOp>(); b && b->op == BinOpKind::Mult && b->left->is<Name>() && b->right->is<Name>())
                mul = b->left->cast<Name>().id == lam->params.params[0].name && b->right->cast<Name>().id == lam->params.params[1].name;
        if (mul) {
            AbsVal p = product(*c.args[1]);
            if (c.args.size() == 2 || !p.is(AbsVal::Kind::Term)) return p;
            TermId init = asTerm(eval(*c.args[2]));
            if (init == kNone) return AbsVal::unknown("`functools.reduce` with an initial value that is not a number");
            return AbsVal::ofTerm(m_st.binary(BinOpKind::Mult, init, p.term));
        }
    }
    static const char* creators[] = {"torch.empty", "torch.zeros", "torch.ones", "torch.full", "torch.rand", "torch.randn", "torch.empty_strided"};
    for (const char* k : creators)
        if (q == k) return createTensor(q, c);
    if (q.rfind("torch.", 0) == 0 && q.size() > 11 && q.compare(q.size() - 5, 5, "_like") == 0 && !c.args.empty()) {
        AbsVal arg = eval(*c.args[0]);
        if (arg.is(AbsVal::Kind::Unknown)) return arg;
        int src = asTensor(arg);
        if (src < 0) return AbsVal::unknown("`" + q + "` of a value that is not a tensor");
        return likeTensor(src, c, q);
    }
    static const char* asMethods[] = {"torch.transpose", "torch.permute", "torch.reshape", "torch.t", "torch.flatten", "torch.unsqueeze"};
    for (const char* k : asMethods)
        if (q == k && !c.args.empty()) {
            int src = asTensor(eval(*c.args[0]));
            if (src < 0) break;
            // The same as the method with the remaining arguments.
            std::string method = q.substr(6);
            std::vector<AbsVal> args;
            for (std::size_t i = 1; i < c.args.size(); ++i) args.push_back(eval(*c.args[i]));
            if (method == "reshape") return reshape(src, args, c);
            if (method == "flatten" && args.empty()) return reshape(src, {AbsVal::ofTerm(m_st.constant(Value::integer(-1)))}, c);
            if (method == "unsqueeze" && args.size() == 1)
                if (auto d = intArg(args[0])) return unsqueeze(src, *d, c);
            auto rank = m_st.rankOf(m_st.tensor(src).shape);
            if (!rank) break;
            std::vector<int> order(static_cast<std::size_t>(*rank));
            std::iota(order.begin(), order.end(), 0);
            if (method == "t" && *rank == 2) return permute(src, {1, 0}, c);
            if (method == "transpose" && args.size() == 2) {
                auto a = intArg(args[0]), b = intArg(args[1]);
                if (!a || !b || *a < -*rank || *a >= *rank || *b < -*rank || *b >= *rank) break;
                std::swap(order[static_cast<std::size_t>(*a < 0 ? *a + *rank : *a)], order[static_cast<std::size_t>(*b < 0 ? *b + *rank : *b)]);
                return permute(src, order, c);
            }
            break;
        }
    return AbsVal::unknown("`" + q + "(...)` is a call the analysis does not follow");
}

AbsVal WrapperInterpreter::createTensor(const std::string& fn, const Call& c) {
    std::vector<AbsVal> args = positional(c);
    std::vector<AbsVal> size = args;
    if (const Expr* s = c.keyword("size")) size = {eval(*s)};
    std::vector<AbsVal> strides;
    if (fn == "torch.full" || fn == "torch.empty_strided") {
        if (size.size() < 2 && fn == "torch.empty_strided" && !c.keyword("stride")) return AbsVal::unknown("torch.empty_strided without strides");
        if (fn == "torch.empty_strided") strides = {c.keyword("stride") ? eval(*c.keyword("stride")) : size[1]};
        if (!c.keyword("size")) size = {size.empty() ? AbsVal::unknown("no size") : size[0]};
    }
    int t = m_st.newTensor(unparseShort(c, 80), c.span);
    if (size.size() == 1 && size[0].is(AbsVal::Kind::Shape)) {
        m_st.mergeShapes(m_st.tensor(t).shape, m_st.tensor(size[0].index).shape, c.span);
    } else if (size.size() == 1 && !size[0].is(AbsVal::Kind::Tuple) && !size[0].is(AbsVal::Kind::Term)) {
        // The size is a value the analysis does not know: the rank is not known either.
        ShapeClass& cls = m_st.shapes[static_cast<std::size_t>(m_st.findShape(m_st.tensor(t).shape))];
        cls.noFlat = true;
        cls.why = size[0].is(AbsVal::Kind::Unknown) ? size[0].text : "its size is not a known sequence";
    } else if (auto dims = dimsOf(size)) {
        m_st.setDims(m_st.tensor(t).shape, *dims, c.span);
    }
    if (fn == "torch.empty_strided") {
        auto s = dimsOf(strides);
        if (s)
            for (std::size_t i = 0; i < s->size(); ++i) m_st.setStride(t, static_cast<int>(i), (*s)[i], c.span);
    } else {
        m_st.makeContiguous(t);
    }
    if (const Expr* d = c.keyword("dtype")) {
        AbsVal dv = dtypeValue(*d);
        if (dv.index >= 0) m_st.tensor(t).dtypeLike = dv.index;
        else if (!dv.text.empty() && dv.is(AbsVal::Kind::Dtype)) m_st.tensor(t).dtype = dv.text;
    } else if (fn != "torch.full") {
        m_st.tensor(t).dtype = "float32"; // torch's default dtype
    }
    return AbsVal::ofTensor(t);
}

AbsVal WrapperInterpreter::likeTensor(int src, const Call& c, const std::string& fn) {
    (void)fn;
    std::optional<AbsVal> dv;
    if (const Expr* d = c.keyword("dtype")) dv = dtypeValue(*d);
    int t = m_st.newTensor(unparseShort(c, 80), c.span, m_st.tensor(src).shape);
    TensorRec& rec = m_st.tensor(t);
    rec.dtypeLike = src;
    if (dv) {
        if (dv->index >= 0) rec.dtypeLike = dv->index;
        else if (dv->is(AbsVal::Kind::Dtype)) {
            rec.dtype = dv->text;
            rec.dtypeLike = -1;
        } else {
            rec.dtypeLike = -1;
        }
    }
    // torch.preserve_format: a dense source's strides are copied, so the result is contiguous
    // when the source is; asked for torch.contiguous_format, it is contiguous anyway.
    bool contiguous = m_st.tensor(src).contiguous;
    if (const Expr* mf = c.keyword("memory_format"))
        if (m_info.qualifiedName(*mf) == "torch.contiguous_format") contiguous = true;
    if (contiguous) m_st.makeContiguous(t);
    else if (m_st.lastStrideIsOne(src)) {
        m_st.tensor(t).lastStrideOne = true;
        m_st.resolvePending(m_st.tensor(t).shape);
    }
    return AbsVal::ofTensor(t);
}

AbsVal WrapperInterpreter::copyOf(int src, const Expr& origin, bool contiguous, std::optional<std::string> dtype, int dtypeLike) {
    int t = m_st.newTensor(unparseShort(origin, 80), origin.span, m_st.tensor(src).shape);
    TensorRec& rec = m_st.tensor(t);
    rec.dtype = dtype ? dtype : m_st.tensor(src).dtype;
    rec.dtypeLike = dtype ? -1 : dtypeLike >= 0 ? dtypeLike : m_st.tensor(src).dtype ? -1 : src;
    if (contiguous || m_st.tensor(src).contiguous) m_st.makeContiguous(t);
    else if (m_st.lastStrideIsOne(src)) {
        m_st.tensor(t).lastStrideOne = true;
        m_st.resolvePending(m_st.tensor(t).shape);
    }
    return AbsVal::ofTensor(t);
}

AbsVal WrapperInterpreter::reshape(int src, const std::vector<AbsVal>& args, const Expr& origin) {
    std::vector<AbsVal> items = args;
    if (args.size() == 1 && args[0].is(AbsVal::Kind::Tuple)) items = args[0].items;
    if (args.size() == 1 && args[0].is(AbsVal::Kind::Shape)) {
        int t = m_st.newTensor(unparseShort(origin, 80), origin.span, m_st.tensor(args[0].index).shape);
        m_st.tensor(t).dtypeLike = src;
        if (m_st.tensor(src).contiguous) m_st.makeContiguous(t);
        return AbsVal::ofTensor(t);
    }
    if (items.empty() || items.size() > 64) return AbsVal::unknown("`" + unparseShort(origin) + "`");
    std::vector<TermId> dims;
    int inferred = -1;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].is(AbsVal::Kind::Dtype)) return AbsVal::unknown("a view as another dtype");
        TermId d = asTerm(items[i]);
        promoteInt(d);
        if (d == kNone) d = m_st.unknown("a size that is not a number");
        if (auto k = intArg(items[i]); k && *k == -1) inferred = static_cast<int>(i);
        dims.push_back(d);
    }
    if (inferred >= 0) {
        // The -1 dim is numel / (product of the others).
        TermId rest = kNone;
        for (std::size_t i = 0; i < dims.size(); ++i)
            if (static_cast<int>(i) != inferred) rest = rest == kNone ? dims[i] : m_st.binary(BinOpKind::Mult, rest, dims[i]);
        TermId n = m_st.numel(m_st.tensor(src).shape);
        dims[static_cast<std::size_t>(inferred)] = rest == kNone ? n : m_st.binary(BinOpKind::FloorDiv, n, rest);
        // When the other dims are dims of the source, the -1 dim is the product of the rest:
        // x.view(-1, N) with N = x.shape[-1] is [x_d0 * x_d1, N], not numel // N.
        int cls = m_st.tensor(src).shape;
        if (auto r = m_st.rankOf(cls)) {
            std::vector<TermId> own;
            for (int i = 0; i < *r; ++i) own.push_back(m_st.dim(cls, i));
            std::vector<bool> used(own.size(), false);
            bool all = true;
            for (std::size_t i = 0; i < dims.size() && all; ++i) {
                if (static_cast<int>(i) == inferred) continue;
                bool found = false;
                for (std::size_t j = 0; j < own.size() && !found; ++j)
                    if (!used[j] && sameSize(own[j], dims[i])) used[j] = found = true;
                all = found;
            }
            if (all) {
                TermId left = kNone;
                for (std::size_t j = 0; j < own.size(); ++j)
                    if (!used[j]) left = left == kNone ? own[j] : m_st.binary(BinOpKind::Mult, left, own[j]);
                dims[static_cast<std::size_t>(inferred)] = left == kNone ? m_st.constant(Value::integer(1)) : left;
            }
        }
    }
    int t = m_st.newTensor(unparseShort(origin, 80), origin.span);
    m_st.setDims(m_st.tensor(t).shape, dims, origin.span);
    m_st.tensor(t).dtype = m_st.tensor(src).dtype;
    if (!m_st.tensor(t).dtype) m_st.tensor(t).dtypeLike = src;
    // A view of a contiguous tensor is contiguous; of anything else, its strides are its own.
    if (m_st.tensor(src).contiguous) m_st.makeContiguous(t);
    else if (m_st.lastStrideIsOne(src)) {
        m_st.tensor(t).lastStrideOne = true;
        m_st.resolvePending(m_st.tensor(t).shape);
    }
    return AbsVal::ofTensor(t);
}

AbsVal WrapperInterpreter::permute(int src, const std::vector<int>& order, const Expr& origin) {
    auto rank = m_st.rankOf(m_st.tensor(src).shape);
    if (!rank || *rank != static_cast<int>(order.size())) return AbsVal::unknown("`" + unparseShort(origin) + "`: the rank does not match");
    std::vector<TermId> dims, strides;
    bool identity = true;
    for (std::size_t i = 0; i < order.size(); ++i) {
        int k = order[i] < 0 ? order[i] + *rank : order[i];
        if (k < 0 || k >= *rank) return AbsVal::unknown("`" + unparseShort(origin) + "`: a dim out of range");
        identity = identity && k == static_cast<int>(i);
        dims.push_back(m_st.dim(m_st.tensor(src).shape, k));
        TermId s = m_st.stride(src, k);
        strides.push_back(m_st.term(s).op == TermOp::StrideOf ? m_st.term(s).args[0] : s);
    }
    if (identity) return AbsVal::ofTensor(src);
    int t = m_st.newTensor(unparseShort(origin, 80), origin.span);
    m_st.setDims(m_st.tensor(t).shape, dims, origin.span);
    TensorRec& rec = m_st.tensor(t);
    rec.dtype = m_st.tensor(src).dtype;
    rec.dtypeLike = rec.dtype ? -1 : src;
    rec.strides = strides;
    return AbsVal::ofTensor(t);
}

AbsVal WrapperInterpreter::unsqueeze(int src, std::int64_t d, const Expr& origin) {
    auto rank = m_st.rankOf(m_st.tensor(src).shape);
    if (!rank) return AbsVal::unknown("`" + unparseShort(origin) + "`: the rank of `" + m_st.tensor(src).name + "` is not known");
    if (d < -(*rank + 1) || d > *rank) return AbsVal::unknown("`" + unparseShort(origin) + "`: a dim out of range");
    int at = static_cast<int>(d < 0 ? d + *rank + 1 : d);
    std::vector<TermId> dims, strides;
    for (int i = 0; i < *rank; ++i) {
        dims.push_back(m_st.dim(m_st.tensor(src).shape, i));
        TermId s = m_st.stride(src, i);
        strides.push_back(m_st.term(s).op == TermOp::StrideOf ? m_st.term(s).args[0] : s);
    }
    // torch gives the new dim the stride stride[d] * size[d] (1 at the end).
    TermId ns = at < *rank ? m_st.binary(BinOpKind::Mult, strides[static_cast<std::size_t>(at)], dims[static_cast<std::size_t>(at)])
                           : m_st.constant(Value::integer(1));
    dims.insert(dims.begin() + at, m_st.constant(Value::integer(1)));
    strides.insert(strides.begin() + at, ns);
    int t = m_st.newTensor(unparseShort(origin, 80), origin.span);
    m_st.setDims(m_st.tensor(t).shape, dims, origin.span);
    TensorRec& rec = m_st.tensor(t);
    rec.dtype = m_st.tensor(src).dtype;
    rec.dtypeLike = rec.dtype ? -1 : src;
    rec.strides = strides;
    rec.contiguous = m_st.tensor(src).contiguous;
    return AbsVal::ofTensor(t);
}

AbsVal WrapperInterpreter::callMethod(const AbsVal& recv, const std::string& method, const Call& c) {
    if (recv.is(AbsVal::Kind::Unknown)) return recv;
    if (isReshapingInPlace(method)) {
        changedInPlace(*c.func->cast<Attribute>().value, c.span, true);
        return AbsVal::unknown("`" + unparseShort(c, 40) + "` reshapes a tensor in place");
    }
    if ((recv.is(AbsVal::Kind::Tuple) || recv.is(AbsVal::Kind::Shape)) && isMutatingMethod(method)) {
        changedInPlace(*c.func->cast<Attribute>().value, c.span);
        return AbsVal::unknown("`" + unparseShort(c, 40) + "` changes a list in place");
    }
    if (recv.is(AbsVal::Kind::Tensor) || (recv.is(AbsVal::Kind::Param) && isTensorMethod(method))) {
        int t = asTensor(recv);
        if (t >= 0) return tensorMethod(t, method, c);
    }
    if (recv.is(AbsVal::Kind::Shape) && (method == "numel")) return AbsVal::ofTerm(m_st.numel(m_st.tensor(recv.index).shape));
    if (recv.is(AbsVal::Kind::Meta) && method == "get" && !c.args.empty()) {
        TermId k = asTerm(eval(*c.args[0]));
        auto key = k != kNone ? m_st.constValue(k) : std::nullopt;
        if (key && key->isString()) return AbsVal::ofTerm(m_st.meta(key->asString()));
    }
    return AbsVal::unknown("`" + unparseShort(c, 40) + "` is a call the analysis does not follow");
}

AbsVal WrapperInterpreter::tensorMethod(int t, const std::string& method, const Call& c) {
    std::vector<AbsVal> args = positional(c);
    int cls = m_st.tensor(t).shape;
    auto rank = m_st.rankOf(cls);
    const std::string text = "`" + unparseShort(c) + "`";
    if (method == "stride" || method == "size") {
        std::optional<AbsVal> dimArg;
        if (!args.empty()) dimArg = args[0];
        else if (const Expr* d = c.keyword("dim")) dimArg = eval(*d);
        if (!dimArg) {
            if (method == "size") {
                AbsVal v;
                v.kind = AbsVal::Kind::Shape;
                v.index = t;
                return v;
            }
            if (!rank) return AbsVal::unknown("the rank of `" + m_st.tensor(t).name + "` is not known");
            std::vector<AbsVal> items;
            for (int i = 0; i < *rank; ++i) items.push_back(AbsVal::ofTerm(m_st.stride(t, i)));
            return AbsVal::tuple(std::move(items));
        }
        auto k = intArg(*dimArg);
        if (!k) {
            promoteInt(asTerm(*dimArg));
            return AbsVal::ofTerm(m_st.unknown(text + ": the dim is not known"));
        }
        if (method == "size") return AbsVal::ofTerm(m_st.dim(cls, static_cast<int>(*k)));
        return AbsVal::ofTerm(m_st.stride(t, static_cast<int>(*k)));
    }
    if (method == "numel" || method == "nelement") return AbsVal::ofTerm(m_st.numel(cls));
    if (method == "dim" || method == "ndimension") {
        if (rank) return AbsVal::ofTerm(m_st.constant(Value::integer(*rank)));
        return AbsVal::ofTerm(m_st.unknown("the rank of `" + m_st.tensor(t).name + "` is not known"));
    }
    if (method == "is_contiguous") {
        if (m_st.tensor(t).contiguous) return AbsVal::ofTerm(m_st.constant(Value::boolean(true)));
        return AbsVal::ofTerm(m_st.unknown("whether " + m_st.tensor(t).name + " is contiguous"));
    }
    if (method == "contiguous") {
        if (m_st.tensor(t).contiguous) return AbsVal::ofTensor(t);
        return copyOf(t, c, true, std::nullopt, -1);
    }
    if (method == "view" || method == "reshape") return reshape(t, args, c);
    if (method == "view_as" || method == "reshape_as") {
        int other = args.empty() ? -1 : asTensor(args[0]);
        if (other < 0) return AbsVal::unknown(text);
        AbsVal shape;
        shape.kind = AbsVal::Kind::Shape;
        shape.index = other;
        return reshape(t, {shape}, c);
    }
    if (method == "flatten" && args.empty()) return reshape(t, {AbsVal::ofTerm(m_st.constant(Value::integer(-1)))}, c);
    if (method == "unsqueeze" && args.size() == 1)
        if (auto d = intArg(args[0])) return unsqueeze(t, *d, c);
    if (method == "t" || method == "transpose" || method == "swapaxes" || method == "swapdims" || method == "permute") {
        if (!rank) return AbsVal::unknown("the rank of `" + m_st.tensor(t).name + "` is not known");
        std::vector<int> order(static_cast<std::size_t>(*rank));
        std::iota(order.begin(), order.end(), 0);
        if (method == "t") {
            if (*rank < 2) return AbsVal::ofTensor(t);
            if (*rank != 2) return AbsVal::unknown(text + " of a tensor of rank " + std::to_string(*rank));
            return permute(t, {1, 0}, c);
        }
        if (method == "permute") {
            std::vector<AbsVal> items = args.size() == 1 && args[0].is(AbsVal::Kind::Tuple) ? args[0].items : args;
            if (static_cast<int>(items.size()) != *rank) return AbsVal::unknown(text);
            for (std::size_t i = 0; i < items.size(); ++i) {
                auto k = intArg(items[i]);
                if (!k) return AbsVal::unknown(text);
                order[i] = static_cast<int>(*k);
            }
            return permute(t, order, c);
        }
        if (args.size() != 2) return AbsVal::unknown(text);
        auto a = intArg(args[0]), b = intArg(args[1]);
        if (!a || !b || *a < -*rank || *a >= *rank || *b < -*rank || *b >= *rank) return AbsVal::unknown(text);
        std::swap(order[static_cast<std::size_t>(*a < 0 ? *a + *rank : *a)], order[static_cast<std::size_t>(*b < 0 ? *b + *rank : *b)]);
        return permute(t, order, c);
    }
    static const std::pair<const char*, const char*> casts[] = {
        {"float", "float32"}, {"half", "float16"}, {"bfloat16", "bfloat16"}, {"double", "float64"},
        {"int", "int32"},     {"long", "int64"},   {"bool", "bool"},
    };
    for (auto& [m, d] : casts)
        if (method == m) return copyOf(t, c, false, std::string(d), -1);
    if (method == "to" || method == "type") {
        for (const AbsVal& a : args) {
            if (a.is(AbsVal::Kind::Dtype)) return copyOf(t, c, false, a.index < 0 ? std::optional<std::string>(a.text) : std::nullopt, a.index);
            if (int other = a.is(AbsVal::Kind::Tensor) ? a.index : -1; other >= 0) return copyOf(t, c, false, std::nullopt, other);
        }
        if (const Expr* d = c.keyword("dtype")) {
            AbsVal dv = dtypeValue(*d);
            if (dv.is(AbsVal::Kind::Dtype)) return copyOf(t, c, false, dv.index < 0 ? std::optional<std::string>(dv.text) : std::nullopt, dv.index);
            return AbsVal::unknown(text);
        }
        return AbsVal::ofTensor(t); // a device move keeps what the analysis knows
    }
    static const char* same[] = {"cuda", "cpu", "detach", "requires_grad_", "zero_", "fill_", "copy_", "uniform_", "normal_"};
    for (const char* m : same)
        if (method == m) return AbsVal::ofTensor(t);
    if (method == "clone") return copyOf(t, c, false, std::nullopt, -1);
    if (method == "new_empty" || method == "new_zeros" || method == "new_ones" || method == "new_full") {
        std::vector<AbsVal> size = args;
        if (method == "new_full" && !size.empty()) size.resize(1);
        int r = m_st.newTensor(unparseShort(c, 80), c.span);
        if (size.size() == 1 && size[0].is(AbsVal::Kind::Shape)) m_st.mergeShapes(m_st.tensor(r).shape, m_st.tensor(size[0].index).shape, c.span);
        else if (auto dims = dimsOf(size)) m_st.setDims(m_st.tensor(r).shape, *dims, c.span);
        m_st.makeContiguous(r);
        m_st.tensor(r).dtypeLike = t;
        if (const Expr* d = c.keyword("dtype")) {
            AbsVal dv = dtypeValue(*d);
            m_st.tensor(r).dtypeLike = dv.index;
            if (dv.index < 0 && dv.is(AbsVal::Kind::Dtype)) m_st.tensor(r).dtype = dv.text;
        }
        return AbsVal::ofTensor(r);
    }
    if (method == "element_size") {
        int src = t;
        for (int i = 0; i < 64 && !m_st.tensor(src).dtype && m_st.tensor(src).dtypeLike >= 0; ++i) src = m_st.tensor(src).dtypeLike;
        if (auto& d = m_st.tensor(src).dtype)
            if (auto n = dtypeSize(*d)) return AbsVal::ofTerm(m_st.constant(Value::integer(*n)));
        return AbsVal::ofTerm(m_st.unknown("the element size of " + m_st.tensor(t).name));
    }
    return AbsVal::unknown(text + " is a tensor method the analysis does not model");
}

} // namespace tlift::frontend::py::detail
