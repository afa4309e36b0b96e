// Text of wrapper terms: the IR text form (docs/ir-format.md) for facts, Python for notes.
#include "wrapper_state.h"

namespace tlift::frontend::py::detail {

namespace {

// Binding strength, loosest first, as the IR text form orders them (Python's order for notes
// is the same for the operators that occur in sizes).
enum Prec : int { kOr = 1, kAnd, kCmp, kBitOr, kBitXor, kBitAnd, kShift, kAdd, kMul, kUnary, kPow, kAtom };

struct Text {
    std::string s;
    int prec = kAtom;
};

constexpr int kMaxDepth = 400;

class Renderer {
public:
    Renderer(const WrapperState& st, const RenderOptions& opts, bool python) : m_st(st), m_opts(opts), m_python(python) {}

    std::optional<Text> render(TermId id, int depth = 0) {
        if (id == kNone || depth > kMaxDepth) return fail("?");
        if (m_opts.constexprNames)
            if (auto it = m_opts.constexprNames->find(id); it != m_opts.constexprNames->end()) return Text{it->second};
        if (m_opts.derived)
            if (auto it = m_opts.derived->find(id); it != m_opts.derived->end()) return symbol(it->second, depth);
        const Term& t = m_st.term(id);
        switch (t.op) {
        case TermOp::Const: return constant(t.value);
        case TermOp::Sym: return symbol(t.sym, depth);
        case TermOp::StrideOf: return render(t.args[0], depth + 1);
        case TermOp::Meta: return m_python ? Text{"meta['" + t.text + "']"} : Text{t.text};
        case TermOp::Numel: return numel(t.shape, depth);
        case TermOp::Binary: return binary(static_cast<BinOpKind>(t.code), t.args[0], t.args[1], depth);
        case TermOp::Unary: return unary(static_cast<UnaryOpKind>(t.code), t.args[0], depth);
        case TermOp::Compare: return compare(static_cast<CmpOpKind>(t.code), t.args[0], t.args[1], depth);
        case TermOp::BoolOp: return boolOp(static_cast<BoolOpKind>(t.code), t.args, depth);
        case TermOp::IfExp: return ifExp(t.args, depth);
        case TermOp::Call: return call(static_cast<TermFn>(t.code), t.args, depth);
        case TermOp::Unknown: return fail(t.text.empty() ? "?" : "<" + t.text + ">");
        }
        return fail("?");
    }

private:
    std::optional<Text> fail(std::string pythonText) {
        if (m_python) return Text{std::move(pythonText)};
        return std::nullopt;
    }

    static std::string wrap(const Text& t, bool paren) { return paren ? "(" + t.s + ")" : t.s; }

    std::optional<Text> constant(const Value& v) {
        switch (v.kind()) {
        case Value::Kind::Int: return Text{v.repr(), v.asInt() < 0 ? int(kUnary) : int(kAtom)};
        case Value::Kind::Bool: return Text{m_python ? v.repr() : (v.asBool() ? "true" : "false")};
        case Value::Kind::Float: return Text{v.repr(), v.asFloat() < 0 ? int(kUnary) : int(kAtom)};
        default: return fail(v.repr());
        }
    }

    std::optional<Text> symbol(SymbolId sid, int depth) {
        SymbolId r = m_st.find(sid);
        const Symbol& s = m_st.symbols[r];
        if (s.definition != kNone && !(s.derived && !m_python)) return render(s.definition, depth + 1);
        // Unnamed (before finalize): a text of its own, so that two symbols never read alike.
        if (s.name.empty()) return fail("$" + std::to_string(r));
        if (m_opts.used) m_opts.used->insert(r);
        return Text{s.name};
    }

    std::optional<Text> numel(int shape, int depth) {
        const ShapeClass& c = m_st.shapes[static_cast<std::size_t>(m_st.findShape(shape))];
        if (!c.rank) {
            if (c.numel != kNone) return symbol(c.numel, depth);
            return fail("?.numel()");
        }
        if (c.dims.empty()) return Text{"1"};
        std::optional<Text> acc;
        for (TermId d : c.dims) {
            auto x = render(d, depth + 1);
            if (!x) return std::nullopt;
            if (!acc) acc = Text{wrap(*x, x->prec < kMul), x->prec < kMul ? int(kAtom) : x->prec};
            else acc = Text{acc->s + " * " + wrap(*x, x->prec <= kMul), kMul};
        }
        return acc;
    }

    static std::optional<std::pair<const char*, int>> binOp(BinOpKind op) {
        switch (op) {
        case BinOpKind::Add: return std::pair{"+", int(kAdd)};
        case BinOpKind::Sub: return std::pair{"-", int(kAdd)};
        case BinOpKind::Mult: return std::pair{"*", int(kMul)};
        case BinOpKind::Div: return std::pair{"/", int(kMul)};
        case BinOpKind::FloorDiv: return std::pair{"//", int(kMul)};
        case BinOpKind::Mod: return std::pair{"%", int(kMul)};
        case BinOpKind::Pow: return std::pair{"**", int(kPow)};
        case BinOpKind::LShift: return std::pair{"<<", int(kShift)};
        case BinOpKind::RShift: return std::pair{">>", int(kShift)};
        case BinOpKind::BitAnd: return std::pair{"&", int(kBitAnd)};
        case BinOpKind::BitOr: return std::pair{"|", int(kBitOr)};
        case BinOpKind::BitXor: return std::pair{"^", int(kBitXor)};
        case BinOpKind::MatMult: return std::nullopt;
        }
        return std::nullopt;
    }

    std::optional<Text> binary(BinOpKind op, TermId l, TermId r, int depth) {
        auto sym = binOp(op);
        if (!sym) return fail("?");
        auto a = render(l, depth + 1);
        auto b = a ? render(r, depth + 1) : std::nullopt;
        if (!b) return std::nullopt;
        return join(*a, sym->first, *b, sym->second);
    }

    static Text join(const Text& a, const std::string& op, const Text& b, int prec) {
        bool rightAssoc = prec == kPow;
        bool wrapA = rightAssoc ? a.prec <= prec : a.prec < prec;
        bool wrapB = rightAssoc ? b.prec < prec : b.prec <= prec;
        return Text{wrap(a, wrapA) + " " + op + " " + wrap(b, wrapB), prec};
    }

    std::optional<Text> unary(UnaryOpKind op, TermId x, int depth) {
        auto a = render(x, depth + 1);
        if (!a) return std::nullopt;
        if (op == UnaryOpKind::UAdd) return a;
        std::string sym = op == UnaryOpKind::USub ? "-" : op == UnaryOpKind::Invert ? "~" : (m_python ? "not " : "!");
        bool paren = a->prec < kUnary || (!a->s.empty() && (a->s[0] == '-' || a->s[0] == '~' || a->s[0] == '!'));
        return Text{sym + wrap(*a, paren), kUnary};
    }

    std::optional<Text> compare(CmpOpKind op, TermId l, TermId r, int depth) {
        const char* sym = nullptr;
        switch (op) {
        case CmpOpKind::Eq: sym = "=="; break;
        case CmpOpKind::NotEq: sym = "!="; break;
        case CmpOpKind::Lt: sym = "<"; break;
        case CmpOpKind::LtE: sym = "<="; break;
        case CmpOpKind::Gt: sym = ">"; break;
        case CmpOpKind::GtE: sym = ">="; break;
        default: break;
        }
        if (!sym) {
            if (!m_python) return std::nullopt;
            sym = cmpOpSymbol(op);
        }
        auto a = render(l, depth + 1);
        auto b = a ? render(r, depth + 1) : std::nullopt;
        if (!b) return std::nullopt;
        return Text{wrap(*a, a->prec <= kCmp) + " " + sym + " " + wrap(*b, b->prec <= kCmp), kCmp};
    }

    std::optional<Text> boolOp(BoolOpKind op, const std::vector<TermId>& args, int depth) {
        int prec = op == BoolOpKind::And ? kAnd : kOr;
        std::string sym = m_python ? (op == BoolOpKind::And ? "and" : "or") : (op == BoolOpKind::And ? "&&" : "||");
        std::optional<Text> acc;
        for (TermId a : args) {
            auto x = render(a, depth + 1);
            if (!x) return std::nullopt;
            acc = acc ? join(*acc, sym, *x, prec) : *x;
        }
        return acc;
    }

    std::optional<Text> ifExp(const std::vector<TermId>& args, int depth) {
        auto c = render(args[0], depth + 1);
        auto a = c ? render(args[1], depth + 1) : std::nullopt;
        auto b = a ? render(args[2], depth + 1) : std::nullopt;
        if (!b) return std::nullopt;
        if (m_python) return Text{wrap(*a, a->prec <= kOr) + " if " + wrap(*c, c->prec <= kOr) + " else " + b->s, 0};
        return Text{"where(" + c->s + ", " + a->s + ", " + b->s + ")"};
    }

    std::optional<Text> call(TermFn fn, const std::vector<TermId>& args, int depth) {
        std::vector<Text> a;
        for (TermId x : args) {
            auto t = render(x, depth + 1);
            if (!t) return std::nullopt;
            a.push_back(*t);
        }
        auto list = [&]() {
            std::string s;
            for (std::size_t i = 0; i < a.size(); ++i) s += (i ? ", " : "") + a[i].s;
            return s;
        };
        if (m_python) {
            static const char* names[] = {"triton.cdiv", "triton.next_power_of_2", "min", "max", "abs", "int", "float",
                                          "math.ceil", "math.floor", "math.sqrt", "math.log2", "math.log", "math.exp", "len"};
            return Text{std::string(names[static_cast<int>(fn)]) + "(" + list() + ")"};
        }
        switch (fn) {
        case TermFn::Cdiv: return cdiv(a, args);
        case TermFn::Min:
        case TermFn::Max: {
            if (a.size() < 2) return std::nullopt;
            std::string name = fn == TermFn::Min ? "min" : "max";
            Text acc = a[0];
            for (std::size_t i = 1; i < a.size(); ++i) acc = Text{name + "(" + acc.s + ", " + a[i].s + ")"};
            return acc;
        }
        case TermFn::Abs: return a.size() == 1 ? std::optional<Text>(Text{"abs(" + a[0].s + ")"}) : std::nullopt;
        case TermFn::Int:
            if (a.size() == 1 && termType(m_st, args[0]) == TermType::Int) return a[0];
            return std::nullopt;
        default: return std::nullopt;
        }
    }

    // cdiv(a, b) = (a + b - 1) // b; with a constant b the numerator folds: (M + 15) // 16.
    std::optional<Text> cdiv(const std::vector<Text>& a, const std::vector<TermId>& args) {
        if (a.size() != 2) return std::nullopt;
        std::string num;
        auto b = m_st.constValue(args[1]);
        bool named = m_opts.constexprNames && m_opts.constexprNames->count(args[1]);
        if (b && b->isInt() && b->asInt() >= 1 && !named) {
            std::int64_t k = b->asInt() - 1;
            num = k == 0 ? a[0].s : join(a[0], "+", Text{std::to_string(k)}, kAdd).s;
            bool paren = k != 0 || a[0].prec <= kMul;
            return Text{(paren ? "(" + num + ")" : num) + " // " + a[1].s, kMul};
        }
        Text sum = join(a[0], "+", a[1], kAdd);
        num = join(sum, "-", Text{"1"}, kAdd).s;
        return Text{"(" + num + ") // " + wrap(a[1], a[1].prec <= kMul), kMul};
    }

    const WrapperState& m_st;
    const RenderOptions& m_opts;
    bool m_python;
};

} // namespace

std::optional<std::string> renderTerm(const WrapperState& st, TermId t, const RenderOptions& opts) {
    Renderer r(st, opts, false);
    auto text = r.render(t);
    if (!text) return std::nullopt;
    return text->s;
}

std::string describeTerm(const WrapperState& st, TermId t) {
    RenderOptions none;
    Renderer r(st, none, true);
    auto text = r.render(t);
    return text ? text->s : "?";
}

} // namespace tlift::frontend::py::detail
