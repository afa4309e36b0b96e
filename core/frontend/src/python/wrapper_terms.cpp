// Terms and symbols of the wrapper state: building (with constant folding), unification,
// evaluation for given sizes.
#include "wrapper_state.h"

#include "tlift/frontend/python/const_evaluator.h"

#include <cmath>

namespace tlift::frontend::py::detail {

namespace {

// Terms nest as deep as the wrapper's expressions do (the parser bounds those) plus symbol
// definitions; this bound keeps a pathological chain of definitions from recursing further.
constexpr int kMaxDepth = 400;

std::optional<Value> nextPow2(const Value& v) {
    if (!(v.isInt() || v.isBool())) return std::nullopt;
    std::int64_t n = v.asInt();
    if (n == 0) return Value::integer(0);
    if (n < 0 || n > (std::int64_t(1) << 62)) return std::nullopt;
    std::int64_t p = 1;
    while (p < n) p <<= 1;
    return Value::integer(p);
}

std::optional<Value> minMax(const std::vector<Value>& args, bool wantMax) {
    const std::vector<Value>* items = &args;
    if (args.size() == 1 && args[0].isSequence()) items = &args[0].elements();
    if (items->empty()) return std::nullopt;
    Value best = items->front();
    for (std::size_t i = 1; i < items->size(); ++i) {
        std::optional<bool> better = applyCompare(wantMax ? CmpOpKind::Gt : CmpOpKind::Lt, (*items)[i], best);
        if (!better) return std::nullopt;
        if (*better) best = (*items)[i];
    }
    return best;
}

std::optional<Value> integral(double d) {
    if (!(d >= -9.2e18 && d <= 9.2e18)) return std::nullopt;
    return Value::integer(static_cast<std::int64_t>(d));
}

std::optional<Value> applyFn(TermFn fn, const std::vector<Value>& a) {
    if (fn == TermFn::Min || fn == TermFn::Max) return minMax(a, fn == TermFn::Max);
    if (fn == TermFn::Cdiv) {
        if (a.size() != 2) return std::nullopt;
        auto sum = applyBinary(BinOpKind::Add, a[0], a[1]);
        auto num = sum ? applyBinary(BinOpKind::Sub, *sum, Value::integer(1)) : std::nullopt;
        return num ? applyBinary(BinOpKind::FloorDiv, *num, a[1]) : std::nullopt;
    }
    if (a.size() != 1) return std::nullopt;
    const Value& x = a[0];
    if (fn == TermFn::Len) {
        if (x.isSequence()) return Value::integer(static_cast<std::int64_t>(x.elements().size()));
        return std::nullopt;
    }
    if (!x.isNumber()) return std::nullopt;
    double d = x.asFloat();
    switch (fn) {
    case TermFn::NextPow2: return nextPow2(x);
    case TermFn::Abs:
        if (x.isFloat()) return Value::real(std::fabs(d));
        return applyUnary(x.asInt() < 0 ? UnaryOpKind::USub : UnaryOpKind::UAdd, x);
    case TermFn::Int: return x.isFloat() ? integral(std::trunc(d)) : Value::integer(x.asInt());
    case TermFn::Float: return Value::real(d);
    case TermFn::Ceil: return integral(std::ceil(d));
    case TermFn::Floor: return integral(std::floor(d));
    case TermFn::Sqrt: return d >= 0 ? std::optional<Value>(Value::real(std::sqrt(d))) : std::nullopt;
    case TermFn::Log2: return d > 0 ? std::optional<Value>(Value::real(std::log2(d))) : std::nullopt;
    case TermFn::Log: return d > 0 ? std::optional<Value>(Value::real(std::log(d))) : std::nullopt;
    case TermFn::Exp: return Value::real(std::exp(d));
    default: return std::nullopt;
    }
}

class Evaluator {
public:
    Evaluator(const WrapperState& st, const std::map<std::string, std::int64_t>* sizes) : m_st(st), m_sizes(sizes) {}

    std::optional<Value> eval(TermId id, int depth = 0) const {
        if (id == kNone || depth > kMaxDepth) return std::nullopt;
        const Term& t = m_st.term(id);
        switch (t.op) {
        case TermOp::Const: return t.value;
        case TermOp::Sym: {
            const Symbol& s = m_st.symbols[m_st.find(t.sym)];
            if (s.definition != kNone) return eval(s.definition, depth + 1);
            return lookup(s.name);
        }
        case TermOp::StrideOf: return eval(t.args[0], depth + 1);
        case TermOp::Meta: return lookup(t.text);
        case TermOp::Numel: return numel(t.shape, depth);
        case TermOp::Binary: {
            auto a = eval(t.args[0], depth + 1);
            auto b = a ? eval(t.args[1], depth + 1) : std::nullopt;
            return b ? applyBinary(static_cast<BinOpKind>(t.code), *a, *b) : std::nullopt;
        }
        case TermOp::Unary: {
            auto a = eval(t.args[0], depth + 1);
            return a ? applyUnary(static_cast<UnaryOpKind>(t.code), *a) : std::nullopt;
        }
        case TermOp::Compare: {
            auto a = eval(t.args[0], depth + 1);
            auto b = a ? eval(t.args[1], depth + 1) : std::nullopt;
            auto r = b ? applyCompare(static_cast<CmpOpKind>(t.code), *a, *b) : std::nullopt;
            return r ? std::optional<Value>(Value::boolean(*r)) : std::nullopt;
        }
        case TermOp::BoolOp: {
            std::optional<Value> v;
            for (TermId a : t.args) {
                v = eval(a, depth + 1);
                if (!v) return std::nullopt;
                if (v->truthy() == (static_cast<BoolOpKind>(t.code) == BoolOpKind::Or)) return v;
            }
            return v;
        }
        case TermOp::IfExp: {
            auto c = eval(t.args[0], depth + 1);
            if (!c) return std::nullopt;
            return eval(c->truthy() ? t.args[1] : t.args[2], depth + 1);
        }
        case TermOp::Call: {
            std::vector<Value> args;
            for (TermId a : t.args) {
                auto v = eval(a, depth + 1);
                if (!v) return std::nullopt;
                args.push_back(std::move(*v));
            }
            return applyFn(static_cast<TermFn>(t.code), args);
        }
        case TermOp::Unknown: return std::nullopt;
        }
        return std::nullopt;
    }

private:
    std::optional<Value> lookup(const std::string& name) const {
        if (!m_sizes || name.empty()) return std::nullopt;
        auto it = m_sizes->find(name);
        if (it == m_sizes->end()) return std::nullopt;
        return Value::integer(it->second);
    }

    std::optional<Value> numel(int shape, int depth) const {
        const ShapeClass& c = m_st.shapes[static_cast<std::size_t>(m_st.findShape(shape))];
        if (!c.rank) {
            if (c.numel == kNone) return std::nullopt;
            const Symbol& s = m_st.symbols[m_st.find(c.numel)];
            return s.definition != kNone ? eval(s.definition, depth + 1) : lookup(s.name);
        }
        Value p = Value::integer(1);
        for (TermId d : c.dims) {
            auto v = eval(d, depth + 1);
            auto q = v ? applyBinary(BinOpKind::Mult, p, *v) : std::nullopt;
            if (!q) return std::nullopt;
            p = *q;
        }
        return p;
    }

    const WrapperState& m_st;
    const std::map<std::string, std::int64_t>* m_sizes;
};

} // namespace

TermId WrapperState::add(Term t) {
    terms.push_back(std::move(t));
    return static_cast<TermId>(terms.size() - 1);
}

TermId WrapperState::constant(Value v) {
    Term t;
    t.op = TermOp::Const;
    t.value = std::move(v);
    return add(std::move(t));
}

TermId WrapperState::unknown(std::string why) {
    Term t;
    t.op = TermOp::Unknown;
    t.text = std::move(why);
    return add(std::move(t));
}

TermId WrapperState::symTerm(SymbolId s) {
    if (auto it = symTerms.find(s); it != symTerms.end()) return it->second;
    Term t;
    t.op = TermOp::Sym;
    t.sym = s;
    TermId id = add(std::move(t));
    symTerms[s] = id;
    return id;
}

TermId WrapperState::binary(BinOpKind op, TermId a, TermId b) {
    auto va = constValue(a), vb = va ? constValue(b) : std::nullopt;
    if (vb)
        if (auto r = applyBinary(op, *va, *vb)) return constant(*r);
    Term t;
    t.op = TermOp::Binary;
    t.code = static_cast<std::uint8_t>(op);
    t.args = {a, b};
    return add(std::move(t));
}

TermId WrapperState::unary(UnaryOpKind op, TermId a) {
    if (auto va = constValue(a))
        if (auto r = applyUnary(op, *va)) return constant(*r);
    Term t;
    t.op = TermOp::Unary;
    t.code = static_cast<std::uint8_t>(op);
    t.args = {a};
    return add(std::move(t));
}

TermId WrapperState::compare(CmpOpKind op, TermId a, TermId b) {
    auto va = constValue(a), vb = va ? constValue(b) : std::nullopt;
    if (vb)
        if (auto r = applyCompare(op, *va, *vb)) return constant(Value::boolean(*r));
    Term t;
    t.op = TermOp::Compare;
    t.code = static_cast<std::uint8_t>(op);
    t.args = {a, b};
    return add(std::move(t));
}

TermId WrapperState::boolOp(BoolOpKind op, std::vector<TermId> args) {
    Term t;
    t.op = TermOp::BoolOp;
    t.code = static_cast<std::uint8_t>(op);
    t.args = std::move(args);
    TermId id = add(std::move(t));
    if (auto v = constValue(id)) return constant(*v);
    return id;
}

TermId WrapperState::ifExp(TermId test, TermId a, TermId b) {
    if (auto c = constValue(test)) return c->truthy() ? a : b;
    Term t;
    t.op = TermOp::IfExp;
    t.args = {test, a, b};
    return add(std::move(t));
}

TermId WrapperState::call(TermFn fn, std::vector<TermId> args) {
    Term t;
    t.op = TermOp::Call;
    t.code = static_cast<std::uint8_t>(fn);
    t.args = std::move(args);
    TermId id = add(std::move(t));
    if (auto v = constValue(id)) return constant(*v);
    return id;
}

TermId WrapperState::meta(std::string key) {
    Term t;
    t.op = TermOp::Meta;
    t.text = std::move(key);
    return add(std::move(t));
}

TermId WrapperState::numelOf(int shape) {
    Term t;
    t.op = TermOp::Numel;
    t.shape = shape;
    return add(std::move(t));
}

TermId WrapperState::strideOf(int tensorIndex, int dimIndex, TermId value) {
    Term t;
    t.op = TermOp::StrideOf;
    t.tensor = tensorIndex;
    t.dim = dimIndex;
    t.args = {value};
    return add(std::move(t));
}

std::optional<Value> WrapperState::constValue(TermId t) const {
    if (t == kNone) return std::nullopt;
    if (terms[t].op == TermOp::Const) return terms[t].value;
    return Evaluator(*this, nullptr).eval(t);
}

std::optional<Value> WrapperState::evaluate(TermId t, const std::map<std::string, std::int64_t>& sizes) const {
    return Evaluator(*this, &sizes).eval(t);
}

TermId WrapperState::strip(TermId t) const {
    for (int i = 0; t != kNone && i < kMaxDepth; ++i) {
        const Term& term = terms[t];
        if (term.op == TermOp::StrideOf) t = term.args[0];
        else if (term.op == TermOp::Sym && symbols[find(term.sym)].definition != kNone) t = symbols[find(term.sym)].definition;
        else break;
    }
    return t;
}

SymbolId WrapperState::newSymbol(SymbolKind kind, int tensorIndex, int dimIndex, const std::string& name) {
    Symbol s;
    s.kind = kind;
    s.tensor = tensorIndex;
    s.dim = dimIndex;
    s.parent = static_cast<SymbolId>(symbols.size());
    s.order = ++clock;
    if (!name.empty()) {
        bool param = kind == SymbolKind::IntParam || kind == SymbolKind::FloatParam || kind == SymbolKind::OtherParam;
        s.name = param ? name : freshName(name);
        s.named = true;
        taken.insert(s.name);
    }
    symbols.push_back(std::move(s));
    return symbols.back().parent;
}

SymbolId WrapperState::find(SymbolId s) const {
    for (std::size_t i = 0; i < symbols.size() && symbols[s].parent != s; ++i) s = symbols[s].parent;
    return s;
}

void WrapperState::unionSymbols(SymbolId a, SymbolId b, const util::SourceSpan& span) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    // The named one wins, then the older one (the first name wins).
    auto better = [this](SymbolId x, SymbolId y) {
        if (symbols[x].named != symbols[y].named) return symbols[x].named;
        return symbols[x].order < symbols[y].order;
    };
    SymbolId winner = better(a, b) ? a : b, loser = winner == a ? b : a;
    symbols[loser].parent = winner;
    TermId def = symbols[loser].definition;
    if (def == kNone) return;
    Symbol& w = symbols[winner];
    if (w.definition == kNone && (!w.named || w.kind == SymbolKind::Stride) && !mentions(def, winner)) w.definition = def;
    else assume(compare(CmpOpKind::Eq, symTerm(winner), def), span);
}

bool WrapperState::nameSymbol(SymbolId s, const std::string& name) {
    s = find(s);
    Symbol& sym = symbols[s];
    if (sym.named || sym.kind == SymbolKind::Stride || sym.definition != kNone || name.empty() || name == "_" ||
        taken.count(name))
        return false;
    sym.name = name;
    sym.named = true;
    sym.order = ++clock;
    taken.insert(name);
    return true;
}

SymbolId WrapperState::symbolOf(TermId t) const {
    if (t == kNone) return kNone;
    if (terms[t].op == TermOp::StrideOf) return symbolOf(terms[t].args[0]);
    if (terms[t].op == TermOp::Numel) {
        // The count of a one-dimensional tensor is its dim.
        const ShapeClass& c = shapes[static_cast<std::size_t>(findShape(terms[t].shape))];
        return c.rank && *c.rank == 1 && !c.dims.empty() ? symbolOf(c.dims[0]) : kNone;
    }
    return terms[t].op == TermOp::Sym ? find(terms[t].sym) : kNone;
}

bool WrapperState::mentions(TermId t, SymbolId s, int depth) const {
    if (t == kNone || depth > kMaxDepth) return true; // too deep to tell: say yes, the safe answer
    const Term& term = terms[t];
    if (term.op == TermOp::Sym) {
        SymbolId r = find(term.sym);
        if (r == find(s)) return true;
        return symbols[r].definition != kNone && mentions(symbols[r].definition, s, depth + 1);
    }
    for (TermId a : term.args)
        if (mentions(a, s, depth + 1)) return true;
    return false;
}

void WrapperState::unify(TermId a, TermId b, const util::SourceSpan& span) {
    if (a == kNone || b == kNone || a == b) return;
    SymbolId sa = symbolOf(a), sb = symbolOf(b);
    auto definable = [this](SymbolId s) {
        const Symbol& sym = symbols[s];
        return s != kNone && sym.definition == kNone && (!sym.named || sym.kind == SymbolKind::Stride);
    };
    if (sa != kNone && sb != kNone && symbols[sa].definition == kNone && symbols[sb].definition == kNone) {
        unionSymbols(sa, sb, span);
        return;
    }
    if (definable(sa) && !mentions(b, sa)) {
        symbols[sa].definition = b;
        return;
    }
    if (definable(sb) && !mentions(a, sb)) {
        symbols[sb].definition = a;
        return;
    }
    if (describeTerm(*this, a) == describeTerm(*this, b)) return;
    assume(compare(CmpOpKind::Eq, a, b), span);
}

void WrapperState::assume(TermId t, const util::SourceSpan& span) {
    if (auto v = constValue(t); v && v->truthy()) return;
    for (const Assumption& a : assumptions)
        if (a.term == t) return;
    assumptions.push_back({t, span});
}

std::optional<std::string> unknownReason(const WrapperState& st, TermId t) {
    std::vector<std::pair<TermId, int>> stack{{t, 0}};
    while (!stack.empty()) {
        auto [id, depth] = stack.back();
        stack.pop_back();
        if (id == kNone || depth > kMaxDepth) continue;
        const Term& term = st.term(id);
        if (term.op == TermOp::Unknown) return term.text;
        if (term.op == TermOp::Sym) {
            const Symbol& s = st.symbols[st.find(term.sym)];
            if (s.definition != kNone) stack.emplace_back(s.definition, depth + 1);
            continue;
        }
        for (auto it = term.args.rbegin(); it != term.args.rend(); ++it) stack.emplace_back(*it, depth + 1);
    }
    return std::nullopt;
}

TermType termType(const WrapperState& st, TermId id) {
    if (id == kNone) return TermType::Unknown;
    const Term& t = st.term(id);
    auto join = [&](const std::vector<TermId>& args) {
        TermType r = TermType::Int;
        for (TermId a : args) {
            TermType k = termType(st, a);
            if (k == TermType::Unknown || k == TermType::String || k == TermType::None) return TermType::Unknown;
            if (k == TermType::Float) r = TermType::Float;
        }
        return r;
    };
    switch (t.op) {
    case TermOp::Const:
        switch (t.value.kind()) {
        case Value::Kind::Bool: return TermType::Bool;
        case Value::Kind::Int: return TermType::Int;
        case Value::Kind::Float: return TermType::Float;
        case Value::Kind::None: return TermType::None;
        case Value::Kind::String: return TermType::String;
        default: return TermType::Unknown;
        }
    case TermOp::Sym: {
        const Symbol& s = st.symbols[st.find(t.sym)];
        if (s.definition != kNone) return termType(st, s.definition);
        if (s.kind == SymbolKind::FloatParam) return TermType::Float;
        if (s.kind == SymbolKind::OtherParam) return TermType::Unknown;
        return TermType::Int;
    }
    case TermOp::StrideOf:
    case TermOp::Numel:
    case TermOp::Meta: return TermType::Int;
    case TermOp::Binary: {
        auto op = static_cast<BinOpKind>(t.code);
        // True division gives a float whatever numbers it divides.
        if (op == BinOpKind::Div && !unknownReason(st, id)) return TermType::Float;
        return join(t.args);
    }
    case TermOp::Unary:
        if (static_cast<UnaryOpKind>(t.code) == UnaryOpKind::Not) return TermType::Bool;
        return join(t.args);
    case TermOp::Compare:
    case TermOp::BoolOp: return TermType::Bool;
    case TermOp::IfExp: return join({t.args[1], t.args[2]});
    case TermOp::Call:
        switch (static_cast<TermFn>(t.code)) {
        case TermFn::Cdiv:
        case TermFn::NextPow2:
        case TermFn::Int:
        case TermFn::Ceil:
        case TermFn::Floor:
        case TermFn::Len: return TermType::Int;
        case TermFn::Float:
        case TermFn::Sqrt:
        case TermFn::Log2:
        case TermFn::Log:
        case TermFn::Exp: return TermType::Float;
        case TermFn::Min:
        case TermFn::Max:
        case TermFn::Abs: return join(t.args);
        }
        return TermType::Unknown;
    case TermOp::Unknown: return TermType::Unknown;
    }
    return TermType::Unknown;
}

} // namespace tlift::frontend::py::detail
