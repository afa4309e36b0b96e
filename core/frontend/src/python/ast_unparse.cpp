#include "tlift/frontend/python/ast_unparse.h"

#include "tlift/frontend/python/ast_dump.h"

namespace tlift::frontend::py {

namespace {

// Python's precedence levels, lowest first.
enum Prec : int {
    kTuple = 0, kNamed, kLambda, kIfExp, kOr, kAnd, kNot, kCmp, kBitOr, kBitXor, kBitAnd,
    kShift, kArith, kTerm, kFactor, kPower, kAwait, kAtom,
};

int binPrec(BinOpKind op) {
    switch (op) {
    case BinOpKind::BitOr: return kBitOr;
    case BinOpKind::BitXor: return kBitXor;
    case BinOpKind::BitAnd: return kBitAnd;
    case BinOpKind::LShift:
    case BinOpKind::RShift: return kShift;
    case BinOpKind::Add:
    case BinOpKind::Sub: return kArith;
    case BinOpKind::Pow: return kPower;
    default: return kTerm;
    }
}

class Unparser {
public:
    std::string expr(const Expr& e, int minPrec);

private:
    std::string list(const ExprList& l, const char* sep = ", ") {
        std::string out;
        for (std::size_t i = 0; i < l.size(); ++i) out += (i ? sep : "") + expr(*l[i], kIfExp);
        return out;
    }
    std::string params(const Parameters& ps);
    std::string generators(const std::vector<Comprehension>& gens);
    std::string call(const Call& c);
    std::string subscript(const Subscript& s);
    std::string joined(const JoinedStr& j);
    int precOf(const Expr& e) const;
};

int Unparser::precOf(const Expr& e) const {
    switch (e.kind) {
    case ExprKind::Tuple: return e.cast<Tuple>().elts.empty() ? kAtom : kTuple;
    case ExprKind::NamedExpr: return kNamed;
    case ExprKind::Lambda: return kLambda;
    case ExprKind::IfExp: return kIfExp;
    case ExprKind::BoolOp: return e.cast<BoolOp>().op == BoolOpKind::Or ? kOr : kAnd;
    case ExprKind::UnaryOp: return e.cast<UnaryOp>().op == UnaryOpKind::Not ? kNot : kFactor;
    case ExprKind::Compare: return kCmp;
    case ExprKind::BinOp: return binPrec(e.cast<BinOp>().op);
    case ExprKind::Await: return kAwait;
    case ExprKind::Yield:
    case ExprKind::YieldFrom: return kTuple;
    default: return kAtom;
    }
}

std::string Unparser::params(const Parameters& ps) {
    std::string out;
    bool starSeen = false;
    for (std::size_t i = 0; i < ps.params.size(); ++i) {
        const Param& p = ps.params[i];
        if (i) out += ", ";
        if (p.kind == ParamKind::KeywordOnly && !starSeen) {
            out += "*, ";
            starSeen = true;
        }
        if (p.kind == ParamKind::VarArgs) out += "*", starSeen = true;
        if (p.kind == ParamKind::VarKeywords) out += "**";
        out += p.name;
        if (p.annotation) out += ": " + expr(*p.annotation, kIfExp);
        if (p.defaultValue) out += (p.annotation ? " = " : "=") + expr(*p.defaultValue, kIfExp);
        bool lastPosOnly = p.kind == ParamKind::PositionalOnly &&
                           (i + 1 == ps.params.size() || ps.params[i + 1].kind != ParamKind::PositionalOnly);
        if (lastPosOnly) out += ", /";
    }
    return out;
}

std::string Unparser::generators(const std::vector<Comprehension>& gens) {
    std::string out;
    for (const Comprehension& g : gens) {
        out += g.isAsync ? " async for " : " for ";
        out += expr(*g.target, kTuple) + " in " + expr(*g.iter, kOr);
        for (const auto& c : g.ifs) out += " if " + expr(*c, kOr);
    }
    return out;
}

std::string Unparser::call(const Call& c) {
    std::string out = expr(*c.func, kAtom) + "(";
    bool first = true;
    if (c.args.size() == 1 && c.keywords.empty() && c.args[0]->is<GeneratorExp>()) {
        const auto& g = c.args[0]->cast<GeneratorExp>();
        return out + expr(*g.elt, kIfExp) + generators(g.generators) + ")";
    }
    for (const auto& a : c.args) {
        out += (first ? "" : ", ") + expr(*a, kIfExp);
        first = false;
    }
    for (const Keyword& k : c.keywords) {
        out += (first ? "" : ", ") + (k.isDoubleStar() ? "**" + expr(*k.value, kBitOr) : k.name + "=" + expr(*k.value, kIfExp));
        first = false;
    }
    return out + ")";
}

std::string Unparser::subscript(const Subscript& s) {
    std::string out = expr(*s.value, kAtom) + "[";
    for (std::size_t i = 0; i < s.indices.size(); ++i) out += (i ? ", " : "") + expr(*s.indices[i], kIfExp);
    if (s.tupleIndex && s.indices.size() == 1) out += ",";
    return out + "]";
}

std::string Unparser::joined(const JoinedStr& j) {
    std::string out;
    for (const auto& piece : j.pieces) {
        if (!out.empty()) out += " ";
        if (!piece.formatted) {
            Constant c(util::SourceSpan{});
            c.valueKind = ConstantKind::String;
            c.stringValue = piece.text;
            out += constantRepr(c);
            continue;
        }
        char q = piece.text.find('\'') == std::string::npos ? '\'' : '"';
        out += "f" + std::string(1, q) + piece.text + std::string(1, q);
    }
    return out;
}

std::string Unparser::expr(const Expr& e, int minPrec) {
    std::string s;
    switch (e.kind) {
    case ExprKind::Name: s = e.cast<Name>().id; break;
    case ExprKind::Constant: s = constantRepr(e.cast<Constant>()); break;
    case ExprKind::Attribute: {
        const auto& a = e.cast<Attribute>();
        s = expr(*a.value, kAtom) + "." + a.attr;
        break;
    }
    case ExprKind::Subscript: s = subscript(e.cast<Subscript>()); break;
    case ExprKind::Slice: {
        const auto& sl = e.cast<Slice>();
        s = (sl.lower ? expr(*sl.lower, kIfExp) : "") + ":" + (sl.upper ? expr(*sl.upper, kIfExp) : "");
        if (sl.step) s += ":" + expr(*sl.step, kIfExp);
        break;
    }
    case ExprKind::Call: s = call(e.cast<Call>()); break;
    case ExprKind::BinOp: {
        const auto& b = e.cast<BinOp>();
        int p = binPrec(b.op);
        // ** groups to the right and takes a unary operand on its right: 2 ** -x.
        if (b.op == BinOpKind::Pow) s = expr(*b.left, p + 1) + " ** " + expr(*b.right, kFactor);
        else s = expr(*b.left, p) + " " + binOpSymbol(b.op) + " " + expr(*b.right, p + 1);
        break;
    }
    case ExprKind::UnaryOp: {
        const auto& u = e.cast<UnaryOp>();
        s = u.op == UnaryOpKind::Not ? "not " + expr(*u.operand, kNot)
                                     : unaryOpSymbol(u.op) + expr(*u.operand, kFactor);
        break;
    }
    case ExprKind::BoolOp: {
        const auto& b = e.cast<BoolOp>();
        int p = precOf(e);
        for (std::size_t i = 0; i < b.values.size(); ++i)
            s += (i ? std::string(" ") + boolOpSymbol(b.op) + " " : "") + expr(*b.values[i], p + 1);
        break;
    }
    case ExprKind::Compare: {
        const auto& c = e.cast<Compare>();
        s = expr(*c.left, kCmp + 1);
        for (std::size_t i = 0; i < c.ops.size(); ++i)
            s += std::string(" ") + cmpOpSymbol(c.ops[i]) + " " + expr(*c.comparators[i], kCmp + 1);
        break;
    }
    case ExprKind::IfExp: {
        const auto& i = e.cast<IfExp>();
        s = expr(*i.body, kOr) + " if " + expr(*i.test, kOr) + " else " + expr(*i.orelse, kIfExp);
        break;
    }
    case ExprKind::Tuple: {
        const auto& t = e.cast<Tuple>();
        s = "(" + list(t.elts) + (t.elts.size() == 1 ? ",)" : ")");
        return s; // always parenthesized
    }
    case ExprKind::List: s = "[" + list(e.cast<List>().elts) + "]"; break;
    case ExprKind::Set: s = "{" + list(e.cast<Set>().elts) + "}"; break;
    case ExprKind::Dict: {
        const auto& d = e.cast<Dict>();
        s = "{";
        for (std::size_t i = 0; i < d.values.size(); ++i) {
            if (i) s += ", ";
            s += d.keys[i] ? expr(*d.keys[i], kIfExp) + ": " + expr(*d.values[i], kIfExp)
                           : "**" + expr(*d.values[i], kBitOr);
        }
        s += "}";
        break;
    }
    case ExprKind::Lambda: {
        const auto& l = e.cast<Lambda>();
        std::string ps = params(l.params);
        s = "lambda" + (ps.empty() ? "" : " " + ps) + ": " + expr(*l.body, kIfExp);
        break;
    }
    case ExprKind::Starred: s = "*" + expr(*e.cast<Starred>().value, kBitOr); break;
    case ExprKind::ListComp: {
        const auto& c = e.cast<ListComp>();
        s = "[" + expr(*c.elt, kIfExp) + generators(c.generators) + "]";
        break;
    }
    case ExprKind::SetComp: {
        const auto& c = e.cast<SetComp>();
        s = "{" + expr(*c.elt, kIfExp) + generators(c.generators) + "}";
        break;
    }
    case ExprKind::GeneratorExp: {
        const auto& c = e.cast<GeneratorExp>();
        s = "(" + expr(*c.elt, kIfExp) + generators(c.generators) + ")";
        break;
    }
    case ExprKind::DictComp: {
        const auto& c = e.cast<DictComp>();
        s = "{" + expr(*c.key, kIfExp) + ": " + expr(*c.value, kIfExp) + generators(c.generators) + "}";
        break;
    }
    case ExprKind::JoinedStr: s = joined(e.cast<JoinedStr>()); break;
    case ExprKind::NamedExpr: {
        const auto& n = e.cast<NamedExpr>();
        return "(" + expr(*n.target, kAtom) + " := " + expr(*n.value, kIfExp) + ")";
    }
    case ExprKind::Await: s = "await " + expr(*e.cast<Await>().value, kAtom); break;
    case ExprKind::Yield: {
        const auto& y = e.cast<Yield>();
        return y.value ? "(yield " + expr(*y.value, kTuple) + ")" : "(yield)";
    }
    case ExprKind::YieldFrom: return "(yield from " + expr(*e.cast<YieldFrom>().value, kIfExp) + ")";
    }
    return precOf(e) < minPrec ? "(" + s + ")" : s;
}

} // namespace

std::string unparse(const Expr& e) { return Unparser().expr(e, kTuple); }

std::string unparseShort(const Expr& e, std::size_t maxChars) {
    std::string s = unparse(e);
    if (s.size() <= maxChars || maxChars < 8) return s;
    auto boundary = [&](std::size_t i) { // back to the start of a UTF-8 character
        while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
        return i;
    };
    std::size_t keep = (maxChars - 3) / 2;
    return s.substr(0, boundary(keep)) + "..." + s.substr(boundary(s.size() - keep));
}

} // namespace tlift::frontend::py
