#include "tlift/ir/named_ops.h"
#include "tlift/ir/printer.h"
#include "tlift/util/strings.h"

#include <cmath>
#include <map>

namespace tlift::ir {

std::string latexName(std::string_view name) {
    static const std::map<std::string, std::string, std::less<>> greek = {
        {"alpha", "\\alpha"}, {"beta", "\\beta"},   {"gamma", "\\gamma"}, {"delta", "\\delta"},
        {"eps", "\\varepsilon"}, {"epsilon", "\\varepsilon"}, {"eta", "\\eta"}, {"theta", "\\theta"},
        {"lambda", "\\lambda"}, {"lam", "\\lambda"}, {"mu", "\\mu"}, {"sigma", "\\sigma"},
        {"tau", "\\tau"},     {"phi", "\\phi"},     {"omega", "\\omega"}, {"rho", "\\rho"}};
    auto escape = [](std::string_view s) {
        std::string out;
        for (char c : s) {
            if (c == '_' || c == '#' || c == '%' || c == '&' || c == '$') out += '\\';
            if (c == '.' || c == '@' || c == '`') {
                out += '.';
                continue;
            }
            out += c;
        }
        return out;
    };
    auto word = [&](std::string_view w) -> std::string {
        if (auto it = greek.find(w); it != greek.end()) return it->second;
        if (w.size() == 1) return std::string(w);
        return "\\mathrm{" + escape(w) + "}";
    };
    std::size_t us = name.find('_');
    if (us != std::string_view::npos && us > 0 && us + 1 < name.size())
        return word(name.substr(0, us)) + "_{" + word(name.substr(us + 1)) + "}";
    // x1 -> x_{1}
    std::size_t d = name.size();
    while (d > 0 && std::isdigit(static_cast<unsigned char>(name[d - 1]))) --d;
    if (d > 0 && d < name.size() && d == 1) return word(name.substr(0, d)) + "_{" + std::string(name.substr(d)) + "}";
    return word(name);
}

namespace {

enum Prec : int { PLow = 0, PLogic = 1, PCmp = 2, PAdd = 3, PMul = 4, PUnary = 5, PPow = 6, PAtom = 7 };

class LatexPrinter {
public:
    explicit LatexPrinter(const LatexOptions& o) : m_opts(o) {}

    std::string print(Expr e, int ctx) {
        int p = 0;
        std::string s = body(e, p);
        if (p < ctx) s = "\\left(" + s + "\\right)";
        if (m_opts.subtermId && e.op() != Op::Const) {
            if (auto id = m_opts.subtermId(e)) s = "\\htmlData{id=" + *id + "}{" + s + "}";
        }
        return s;
    }

private:
    std::string args(std::span<const Expr> kids) {
        std::vector<std::string> parts;
        for (const Expr& k : kids) parts.push_back(print(k, PLow));
        return util::join(parts, ", ");
    }
    std::string fn(const char* name, Expr a, int& p) {
        p = PAtom;
        return std::string(name) + "\\left(" + print(a, PLow) + "\\right)";
    }
    std::string upperBound(Expr hi) {
        if (hi.op() == Op::Const && hi.constKind() == ConstKind::Int) return std::to_string(hi.intValue() - 1);
        if (hi.op() == Op::Add && hi[1].isIntConst(1)) return print(hi[0], PAdd);
        return print(hi, PAdd) + " - 1";
    }
    std::string constant(Expr e, int& p) {
        p = PAtom;
        switch (e.constKind()) {
        case ConstKind::Bool: return e.boolValue() ? "\\mathrm{true}" : "\\mathrm{false}";
        case ConstKind::Int:
            if (e.intValue() < 0) p = PUnary;
            return std::to_string(e.intValue());
        case ConstKind::Rational: {
            Rational r = e.rationalValue();
            p = r.num < 0 ? PUnary : PAtom;
            std::string f = "\\frac{" + std::to_string(r.num < 0 ? -r.num : r.num) + "}{" + std::to_string(r.den) + "}";
            return r.num < 0 ? "-" + f : f;
        }
        case ConstKind::Float: {
            double v = e.floatValue();
            if (std::isnan(v)) return "\\mathrm{NaN}";
            if (std::isinf(v)) {
                if (v < 0) p = PUnary;
                return v < 0 ? "-\\infty" : "\\infty";
            }
            if (v < 0) p = PUnary;
            std::string s = util::formatDouble(v);
            std::size_t ePos = s.find('e');
            if (ePos != std::string::npos) {
                std::string mant = s.substr(0, ePos);
                int ex = std::stoi(s.substr(ePos + 1));
                p = PMul;
                return (mant == "1" ? "" : mant + " \\cdot ") + "10^{" + std::to_string(ex) + "}";
            }
            return s;
        }
        }
        return "?";
    }

    std::string reduction(Expr e, int& p) {
        p = PAdd; // a reduction extends to the right: parenthesize it inside products
        std::string v = print(e.var(), PAtom);
        bool guarded = !(e.guard().op() == Op::Const && e.guard().boolValue());
        std::string guard = guarded ? print(e.guard(), PLow) : "";
        std::string bodyS = print(e.body(), PMul);
        switch (e.reduceKind()) {
        case ReduceKind::Sum:
        case ReduceKind::Prod: {
            std::string sym = e.reduceKind() == ReduceKind::Sum ? "\\sum" : "\\prod";
            std::string lower = v + "=" + print(e.lo(), PLow);
            if (guarded) lower = "\\substack{" + lower + " \\\\ " + guard + "}";
            return sym + "_{" + lower + "}^{" + upperBound(e.hi()) + "} " + bodyS;
        }
        default: {
            const char* sym = e.reduceKind() == ReduceKind::Max   ? "\\max"
                              : e.reduceKind() == ReduceKind::Min ? "\\min"
                              : e.reduceKind() == ReduceKind::ArgMax
                                  ? "\\operatorname*{arg\\,max}"
                                  : "\\operatorname*{arg\\,min}";
            std::string range = print(e.lo(), PAdd) + " \\le " + v + " < " + print(e.hi(), PAdd);
            if (guarded) range = "\\substack{" + range + " \\\\ " + guard + "}";
            return std::string(sym) + "_{" + range + "} " + bodyS;
        }
        }
    }

    std::string named(Expr e, int& p) {
        p = PAtom;
        const NamedOpInfo& info = e.namedInfo();
        std::string t = info.latex;
        std::string out;
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (t[i] == '$' && i + 1 < t.size() && std::isdigit(static_cast<unsigned char>(t[i + 1]))) {
                std::size_t k = static_cast<std::size_t>(t[i + 1] - '0');
                if (k < e.arity()) out += print(e[k], info.params[k].kind == ParamKind::Tensor ? PPow : PLow);
                ++i;
            } else {
                out += t[i];
            }
        }
        if (info.latex.find("\\, ") != std::string::npos || info.latex.find("\\odot") != std::string::npos ||
            info.latex.find('+') != std::string::npos)
            p = PMul;
        return out;
    }

    std::string binaryOp(Expr e, const char* sym, int prec, int& p, bool rightStrict = true) {
        p = prec;
        return print(e[0], prec) + " " + sym + " " + print(e[1], rightStrict ? prec + 1 : prec);
    }

    std::string body(Expr e, int& p) {
        p = PAtom;
        switch (e.op()) {
        case Op::Const: return constant(e, p);
        case Op::Sym:
        case Op::Var:
        case Op::Tensor: return latexName(e.name());
        case Op::Undef: return "\\bot";
        case Op::Read: {
            std::vector<std::string> idx;
            for (std::size_t i = 1; i < e.arity(); ++i) idx.push_back(print(e[i], PLow));
            std::string t = e[0].op() == Op::Tensor ? latexName(e[0].name()) : "\\left[" + print(e[0], PLow) + "\\right]";
            // A tensor name with its own subscript (x_ptr) gets the indices in brackets.
            if (t.find('_') != std::string::npos) return t + "\\left[" + util::join(idx, ", ") + "\\right]";
            return t + "_{" + util::join(idx, ", ") + "}";
        }
        case Op::Neg: p = PUnary; return "-" + print(e[0], PUnary + 1);
        case Op::Add: return binaryOp(e, "+", PAdd, p, false);
        case Op::Sub: return binaryOp(e, "-", PAdd, p);
        case Op::Mul: return binaryOp(e, "\\cdot", PMul, p, false);
        case Op::Div: return "\\frac{" + print(e[0], PLow) + "}{" + print(e[1], PLow) + "}";
        case Op::FloorDiv:
            return "\\left\\lfloor \\frac{" + print(e[0], PLow) + "}{" + print(e[1], PLow) + "} \\right\\rfloor";
        case Op::Mod: return binaryOp(e, "\\bmod", PMul, p);
        case Op::TDiv: return "\\operatorname{tdiv}\\left(" + args(e.children()) + "\\right)";
        case Op::TRem: return "\\operatorname{rem}\\left(" + args(e.children()) + "\\right)";
        case Op::Min: return "\\min\\left(" + args(e.children()) + "\\right)";
        case Op::Max: return "\\max\\left(" + args(e.children()) + "\\right)";
        case Op::Pow: p = PPow; return "{" + print(e[0], PAtom) + "}^{" + print(e[1], PLow) + "}";
        case Op::Exp: {
            std::string a = print(e[0], PLow);
            if (a.size() < 60 && a.find("\\frac") == std::string::npos) {
                p = PPow;
                return "e^{" + a + "}";
            }
            return "\\exp\\left(" + a + "\\right)";
        }
        case Op::Exp2: p = PPow; return "2^{" + print(e[0], PLow) + "}";
        case Op::Log: return fn("\\log", e[0], p);
        case Op::Log2: return fn("\\log_2", e[0], p);
        case Op::Log1p: return "\\log\\left(1 + " + print(e[0], PAdd) + "\\right)";
        case Op::Expm1: p = PAdd; return "e^{" + print(e[0], PLow) + "} - 1";
        case Op::Sqrt: return "\\sqrt{" + print(e[0], PLow) + "}";
        case Op::Rsqrt: return "\\frac{1}{\\sqrt{" + print(e[0], PLow) + "}}";
        case Op::Erf: return fn("\\operatorname{erf}", e[0], p);
        case Op::Tanh: return fn("\\tanh", e[0], p);
        case Op::Sigmoid: return fn("\\sigma", e[0], p);
        case Op::Abs: return "\\left|" + print(e[0], PLow) + "\\right|";
        case Op::Sin: return fn("\\sin", e[0], p);
        case Op::Cos: return fn("\\cos", e[0], p);
        case Op::Floor: return "\\left\\lfloor " + print(e[0], PLow) + " \\right\\rfloor";
        case Op::Ceil: return "\\left\\lceil " + print(e[0], PLow) + " \\right\\rceil";
        case Op::Lt: return binaryOp(e, "<", PCmp, p);
        case Op::Le: return binaryOp(e, "\\le", PCmp, p);
        case Op::Gt: return binaryOp(e, ">", PCmp, p);
        case Op::Ge: return binaryOp(e, "\\ge", PCmp, p);
        case Op::Eq: return binaryOp(e, "=", PCmp, p);
        case Op::Ne: return binaryOp(e, "\\ne", PCmp, p);
        case Op::And: return binaryOp(e, "\\land", PLogic, p, false);
        case Op::Or: return binaryOp(e, "\\lor", PLogic, p, false);
        case Op::Xor: return binaryOp(e, "\\oplus", PLogic, p);
        case Op::Not: p = PUnary; return "\\lnot " + print(e[0], PAtom);
        case Op::BitAnd: return binaryOp(e, "\\mathbin{\\&}", PMul, p, false);
        case Op::BitOr: return binaryOp(e, "\\mathbin{|}", PAdd, p, false);
        case Op::BitXor: return binaryOp(e, "\\mathbin{\\veebar}", PAdd, p, false);
        case Op::BitNot: p = PUnary; return "\\sim " + print(e[0], PAtom);
        case Op::Shl: return binaryOp(e, "\\ll", PMul, p);
        case Op::Shr: return binaryOp(e, "\\gg", PMul, p);
        case Op::Select:
            return "\\begin{cases} " + print(e[1], PLow) + " & \\text{if } " + print(e[0], PLow) + " \\\\ " +
                   print(e[2], PLow) + " & \\text{otherwise} \\end{cases}";
        case Op::Cast: {
            DType from = e[0].dtype(), to = e.dtype();
            bool hidden = (isFloat(from) && isFloat(to) && !m_opts.showFloatCasts) ||
                          (isInteger(from) && (isFloat(to) || isInteger(to))) || (from == DType::Bool && isInteger(to));
            if (hidden) {
                int inner = 0;
                std::string s = body(e[0], inner);
                p = inner;
                return s;
            }
            return "\\operatorname{" + std::string(dtypeName(to)) + "}\\left(" + print(e[0], PLow) + "\\right)";
        }
        case Op::Reduce: return reduction(e, p);
        case Op::Apply: return latexName(e.name()) + "\\left(" + args(e.children()) + "\\right)";
        case Op::Named: return named(e, p);
        }
        return "?";
    }

    const LatexOptions& m_opts;
};

} // namespace

std::string toLatex(Expr e, const LatexOptions& options) {
    if (!e) return "";
    LatexPrinter p(options);
    return p.print(e, PLow);
}

} // namespace tlift::ir
