#include "tlift/ir/printer.h"

#include "tlift/ir/named_ops.h"
#include "tlift/util/strings.h"

#include <cmath>
#include <map>
#include <set>

namespace tlift::ir {

namespace {

enum Prec : int {
    PLowest = 0, POr = 1, PAnd = 2, PCmp = 3, PBitOr = 4, PBitXor = 5, PBitAnd = 6, PShift = 7,
    PAdd = 8, PMul = 9, PUnary = 10, PPow = 11, PAtom = 12
};

int binaryPrec(Op op) {
    switch (op) {
    case Op::Or: return POr;
    case Op::And: return PAnd;
    case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: case Op::Eq: case Op::Ne: return PCmp;
    case Op::BitOr: return PBitOr;
    case Op::BitXor: return PBitXor;
    case Op::BitAnd: return PBitAnd;
    case Op::Shl: case Op::Shr: return PShift;
    case Op::Add: case Op::Sub: return PAdd;
    case Op::Mul: case Op::Div: case Op::FloorDiv: case Op::Mod: return PMul;
    case Op::Pow: return PPow;
    default: return -1;
    }
}

const char* binarySymbol(Op op) {
    switch (op) {
    case Op::Or: return "||";
    case Op::And: return "&&";
    case Op::Lt: return "<";
    case Op::Le: return "<=";
    case Op::Gt: return ">";
    case Op::Ge: return ">=";
    case Op::Eq: return "==";
    case Op::Ne: return "!=";
    case Op::BitOr: return "|";
    case Op::BitXor: return "^";
    case Op::BitAnd: return "&";
    case Op::Shl: return "<<";
    case Op::Shr: return ">>";
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Mul: return "*";
    case Op::Div: return "/";
    case Op::FloorDiv: return "//";
    case Op::Mod: return "%";
    case Op::Pow: return "**";
    default: return "?";
    }
}

bool isIdentifier(std::string_view s) {
    if (s.empty()) return false;
    auto ok0 = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; };
    auto ok = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '@'; };
    if (!ok0(s[0])) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!ok(s[i])) return false;
        // '.' and '@' only between name characters (the lexer's rule).
        if ((s[i] == '.' || s[i] == '@') &&
            (i + 1 == s.size() || !(std::isalnum(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '_')))
            return false;
    }
    return true;
}

std::string nameText(std::string_view s) {
    if (isIdentifier(s)) return std::string(s);
    std::string out = "`";
    for (char c : s) {
        if (c == '`' || c == '\\') out += '\\';
        out += c;
    }
    return out + "`";
}

std::string typeSuffix(DType t, DType dflt) {
    return t == dflt ? std::string() : ":" + std::string(dtypeName(t));
}

std::string floatText(double v) {
    std::string s = util::formatDouble(v);
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0"; // keep floats distinct from ints
    return s;
}

class TextPrinter {
public:
    std::string print(Expr e, int ctx) {
        int p = prec(e);
        std::string s = body(e);
        return p < ctx ? "(" + s + ")" : s;
    }

    static int prec(Expr e) {
        if (e.op() == Op::Const) {
            bool negative = (e.constKind() == ConstKind::Int || e.constKind() == ConstKind::Rational)
                                ? e.intValue() < 0
                                : (e.constKind() == ConstKind::Float && std::signbit(e.floatValue()));
            if (e.constKind() == ConstKind::Rational) return PMul; // printed as a quotient
            return negative ? PUnary : PAtom;
        }
        if (e.op() == Op::Neg || e.op() == Op::Not || e.op() == Op::BitNot) return PUnary;
        int b = binaryPrec(e.op());
        return b >= 0 ? b : PAtom;
    }

    static DType defaultType(Expr e) {
        switch (e.constKind()) {
        case ConstKind::Int: return DType::I32;
        case ConstKind::Bool: return DType::Bool;
        default: return DType::F32;
        }
    }

    std::string constant(Expr e) {
        switch (e.constKind()) {
        case ConstKind::Bool: return e.boolValue() ? "true" : "false";
        case ConstKind::Int: return std::to_string(e.intValue()) + typeSuffix(e.dtype(), DType::I32);
        case ConstKind::Rational: {
            Rational r = e.rationalValue();
            return std::to_string(r.num) + "/" + std::to_string(r.den) + typeSuffix(e.dtype(), DType::F32);
        }
        case ConstKind::Float: return floatText(e.floatValue()) + typeSuffix(e.dtype(), DType::F32);
        }
        return "?";
    }

    std::string args(std::span<const Expr> kids, std::size_t from = 0) {
        std::vector<std::string> parts;
        for (std::size_t i = from; i < kids.size(); ++i) parts.push_back(print(kids[i], PLowest));
        return util::join(parts, ", ");
    }

    std::string body(Expr e) {
        Op op = e.op();
        switch (op) {
        case Op::Const: return constant(e);
        case Op::Sym:
        case Op::Var:
        case Op::Tensor: return nameText(e.name());
        case Op::Undef: return "undef(" + std::to_string(e.undefId()) + ", " + std::string(dtypeName(e.dtype())) + ")";
        case Op::Read: return print(e[0], PAtom) + "[" + args(e.children(), 1) + "]";
        case Op::Neg: {
            std::string c = print(e[0], PUnary);
            // -(2) is a negation node; -2 is the constant.
            if ((prec(e[0]) <= PUnary || e[0].op() == Op::Const) && c.front() != '(') c = "(" + c + ")";
            return "-" + c;
        }
        case Op::Not: return "!" + print(e[0], PAtom);
        case Op::BitNot: return "~" + print(e[0], PAtom);
        case Op::Select: return "where(" + args(e.children()) + ")";
        case Op::Cast: return "cast(" + print(e[0], PLowest) + ", " + std::string(dtypeName(e.dtype())) + ")";
        case Op::Reduce: {
            std::string binder = nameText(e.var().name()) + typeSuffix(e.var().dtype(), DType::I32) + " in " +
                                 print(e.lo(), PAdd) + ".." + print(e.hi(), PAdd);
            if (!(e.guard().op() == Op::Const && e.guard().boolValue())) binder += " | " + print(e.guard(), PLowest);
            return std::string(reduceKindName(e.reduceKind())) + "[" + binder + "](" + print(e.body(), PLowest) + ")";
        }
        case Op::Apply: return nameText(e.name()) + "(" + args(e.children()) + ")";
        case Op::Named: {
            const NamedOpInfo& info = e.namedInfo();
            std::vector<std::string> parts;
            for (std::size_t i = 0; i < e.arity(); ++i) {
                std::string v = print(e[i], PLowest);
                if (info.params[i].kind == ParamKind::Tensor) parts.push_back(v);
                else parts.push_back(info.params[i].name + "=" + v);
            }
            return info.name + "(" + util::join(parts, ", ") + ")";
        }
        default: break;
        }
        int p = binaryPrec(op);
        if (p >= 0) {
            bool rightAssoc = op == Op::Pow;
            int lctx = rightAssoc || p == PCmp ? p + 1 : p;
            int rctx = rightAssoc ? p : p + 1;
            return print(e[0], lctx) + " " + binarySymbol(op) + " " + print(e[1], rctx);
        }
        // Functions: exp(x), max(a, b), tdiv(a, b), xor(a, b), ...
        return std::string(opName(op)) + "(" + args(e.children()) + ")";
    }
};

void collectLeaves(Expr e, std::set<const Node*>& seen, std::vector<Expr>& out, std::set<std::string>& bound) {
    if (!seen.insert(e.node()).second) return;
    for (const Expr& k : e.children()) collectLeaves(k, seen, out, bound);
    for (const Expr& d : e.shape()) collectLeaves(d, seen, out, bound);
    if (e.op() == Op::Sym || e.op() == Op::Tensor || e.op() == Op::Var || e.op() == Op::Apply) out.push_back(e);
}

} // namespace

std::string toText(Expr e) {
    if (!e) return "<null>";
    TextPrinter p;
    return p.print(e, PLowest);
}

std::string declarationsOf(std::span<const Expr> roots) {
    std::set<const Node*> seen;
    std::vector<Expr> leaves;
    std::set<std::string> bound;
    for (const Expr& r : roots) collectLeaves(r, seen, leaves, bound);
    // One declaration per name, in a stable order: symbols (tensor shapes use them), tensors,
    // variables, functions.
    std::map<std::string, std::string> decls[4];
    TextPrinter p;
    for (const Expr& e : leaves) {
        std::string name = nameText(e.name());
        std::string type(dtypeName(e.dtype()));
        switch (e.op()) {
        case Op::Tensor: {
            std::vector<std::string> dims;
            for (const Expr& d : e.shape()) dims.push_back(p.print(d, PLowest));
            decls[1][name] = "tensor " + name + ": " + type + "[" + util::join(dims, ", ") + "]";
            break;
        }
        case Op::Sym: decls[0][name] = "sym " + name + ": " + type; break;
        case Op::Var: decls[2][name] = "var " + name + ": " + type; break;
        case Op::Apply: decls[3][name] = "fun " + name + ": " + type; break;
        default: break;
        }
    }
    std::string out;
    for (auto& group : decls)
        for (auto& [name, d] : group) out += d + "; ";
    return out;
}

std::string toTextWithDecls(Expr e) {
    Expr roots[] = {e};
    return declarationsOf(roots) + toText(e);
}

} // namespace tlift::ir
