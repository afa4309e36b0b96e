#include "tlift/frontend/python/ast_dump.h"

#include "tlift/util/strings.h"

#include <fmt/format.h>

namespace tlift::frontend::py {

namespace {

std::string quoted(std::string_view s, bool bytes) {
    std::string out = bytes ? "b'" : "'";
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '\\': out += "\\\\"; break;
        case '\'': out += "\\'"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20 || c == 0x7F || (bytes && c >= 0x80)) out += fmt::format("\\x{:02x}", c);
            else out += ch;
        }
    }
    out += '\'';
    return out;
}

std::string floatRepr(double v) {
    std::string s = util::formatDouble(v);
    if (s.find_first_of(".eninf") == std::string::npos) s += ".0";
    return s;
}

class Dumper {
public:
    explicit Dumper(DumpOptions o) : m_opts(o) {}

    std::string at(const util::SourceSpan& s) const {
        return m_opts.positions ? fmt::format("@{}:{}", s.line, s.col) : std::string();
    }

    std::string expr(const Expr* e) { return e ? expr(*e) : "_"; }
    std::string expr(const Expr& e);
    std::string list(const ExprList& l) {
        std::string out;
        for (const auto& e : l) out += " " + expr(e.get());
        return out;
    }
    std::string params(const Parameters& ps);
    std::string generators(const std::vector<Comprehension>& gens);
    std::string keywords(const std::vector<Keyword>& kws);

    void stmt(const Stmt& s, int indent);
    void body(const char* label, const Body& b, int indent) {
        if (b.empty()) return;
        m_out += "\n" + std::string(static_cast<std::size_t>(indent), ' ') + label;
        for (const auto& s : b) {
            m_out += "\n";
            stmt(*s, indent + 2);
        }
    }
    std::string take() { return std::move(m_out); }

private:
    std::string stmtHead(const Stmt& s);

    DumpOptions m_opts;
    std::string m_out;
};

std::string Dumper::params(const Parameters& ps) {
    std::string out = "(params";
    for (const Param& p : ps.params) {
        out += " (" + p.name + at(p.span);
        if (p.kind != ParamKind::Regular) out += std::string(" :") + paramKindName(p.kind);
        if (p.annotation) out += " :ann " + expr(*p.annotation);
        if (p.defaultValue) out += " :default " + expr(*p.defaultValue);
        out += ")";
    }
    return out + ")";
}

std::string Dumper::generators(const std::vector<Comprehension>& gens) {
    std::string out;
    for (const Comprehension& g : gens) {
        out += g.isAsync ? " (async-for " : " (for ";
        out += expr(g.target.get()) + " " + expr(g.iter.get());
        for (const auto& c : g.ifs) out += " (if " + expr(*c) + ")";
        out += ")";
    }
    return out;
}

std::string Dumper::keywords(const std::vector<Keyword>& kws) {
    std::string out;
    for (const Keyword& k : kws)
        out += " (kw " + (k.isDoubleStar() ? std::string("**") : k.name) + " " + expr(k.value.get()) + ")";
    return out;
}

std::string Dumper::expr(const Expr& e) {
    std::string p = at(e.span);
    switch (e.kind) {
    case ExprKind::Name: return e.cast<Name>().id + p;
    case ExprKind::Constant: return constantRepr(e.cast<Constant>()) + p;
    case ExprKind::Attribute: {
        const auto& a = e.cast<Attribute>();
        return "(Attribute" + p + " " + expr(a.value.get()) + " " + a.attr + ")";
    }
    case ExprKind::Subscript: {
        const auto& s = e.cast<Subscript>();
        return "(Subscript" + p + (s.tupleIndex ? " :tuple " : " ") + expr(s.value.get()) + list(s.indices) + ")";
    }
    case ExprKind::Slice: {
        const auto& s = e.cast<Slice>();
        return "(Slice" + p + " " + expr(s.lower.get()) + " " + expr(s.upper.get()) + " " + expr(s.step.get()) + ")";
    }
    case ExprKind::Call: {
        const auto& c = e.cast<Call>();
        return "(Call" + p + " " + expr(c.func.get()) + list(c.args) + keywords(c.keywords) + ")";
    }
    case ExprKind::BinOp: {
        const auto& b = e.cast<BinOp>();
        return fmt::format("(BinOp{} {} {} {})", p, binOpSymbol(b.op), expr(b.left.get()), expr(b.right.get()));
    }
    case ExprKind::UnaryOp: {
        const auto& u = e.cast<UnaryOp>();
        return fmt::format("(UnaryOp{} {} {})", p, unaryOpSymbol(u.op), expr(u.operand.get()));
    }
    case ExprKind::BoolOp: {
        const auto& b = e.cast<BoolOp>();
        return fmt::format("(BoolOp{} {}{})", p, boolOpSymbol(b.op), list(b.values));
    }
    case ExprKind::Compare: {
        const auto& c = e.cast<Compare>();
        std::string out = "(Compare" + p + " " + expr(c.left.get());
        for (std::size_t i = 0; i < c.ops.size(); ++i)
            out += std::string(" ") + cmpOpSymbol(c.ops[i]) + " " + expr(c.comparators[i].get());
        return out + ")";
    }
    case ExprKind::IfExp: {
        const auto& i = e.cast<IfExp>();
        return "(IfExp" + p + " " + expr(i.test.get()) + " " + expr(i.body.get()) + " " + expr(i.orelse.get()) + ")";
    }
    case ExprKind::Tuple: return "(Tuple" + p + list(e.cast<Tuple>().elts) + ")";
    case ExprKind::List: return "(List" + p + list(e.cast<List>().elts) + ")";
    case ExprKind::Set: return "(Set" + p + list(e.cast<Set>().elts) + ")";
    case ExprKind::Dict: {
        const auto& d = e.cast<Dict>();
        std::string out = "(Dict" + p;
        for (std::size_t i = 0; i < d.values.size(); ++i)
            out += " (" + (d.keys[i] ? expr(*d.keys[i]) : std::string("**")) + " " + expr(d.values[i].get()) + ")";
        return out + ")";
    }
    case ExprKind::Lambda: {
        const auto& l = e.cast<Lambda>();
        return "(Lambda" + p + " " + params(l.params) + " " + expr(l.body.get()) + ")";
    }
    case ExprKind::Starred: return "(Starred" + p + " " + expr(e.cast<Starred>().value.get()) + ")";
    case ExprKind::ListComp: {
        const auto& c = e.cast<ListComp>();
        return "(ListComp" + p + " " + expr(c.elt.get()) + generators(c.generators) + ")";
    }
    case ExprKind::SetComp: {
        const auto& c = e.cast<SetComp>();
        return "(SetComp" + p + " " + expr(c.elt.get()) + generators(c.generators) + ")";
    }
    case ExprKind::GeneratorExp: {
        const auto& c = e.cast<GeneratorExp>();
        return "(GeneratorExp" + p + " " + expr(c.elt.get()) + generators(c.generators) + ")";
    }
    case ExprKind::DictComp: {
        const auto& c = e.cast<DictComp>();
        return "(DictComp" + p + " " + expr(c.key.get()) + " " + expr(c.value.get()) + generators(c.generators) + ")";
    }
    case ExprKind::JoinedStr: {
        std::string out = "(JoinedStr" + p;
        for (const auto& piece : e.cast<JoinedStr>().pieces)
            out += (piece.formatted ? " f" : " ") + quoted(piece.text, false);
        return out + ")";
    }
    case ExprKind::NamedExpr: {
        const auto& n = e.cast<NamedExpr>();
        return "(NamedExpr" + p + " " + expr(n.target.get()) + " " + expr(n.value.get()) + ")";
    }
    case ExprKind::Await: return "(Await" + p + " " + expr(e.cast<Await>().value.get()) + ")";
    case ExprKind::Yield: return "(Yield" + p + " " + expr(e.cast<Yield>().value.get()) + ")";
    case ExprKind::YieldFrom: return "(YieldFrom" + p + " " + expr(e.cast<YieldFrom>().value.get()) + ")";
    }
    return "?";
}

std::string aliases(const std::vector<Alias>& names) {
    std::string out;
    for (const Alias& a : names) out += " (alias " + a.name + (a.asname.empty() ? "" : " as " + a.asname) + ")";
    return out;
}

// The statement's first line, without its bodies and without the closing parenthesis.
std::string Dumper::stmtHead(const Stmt& s) {
    std::string h = std::string("(") + stmtKindName(s.kind) + at(s.span);
    switch (s.kind) {
    case StmtKind::FunctionDef: {
        const auto& f = s.cast<FunctionDef>();
        h += " " + f.name + (f.isAsync ? " :async" : "");
        if (!f.decorators.empty()) h += " (decorators" + list(f.decorators) + ")";
        h += " " + params(f.params);
        if (f.returns) h += " :returns " + expr(*f.returns);
        return h;
    }
    case StmtKind::ClassDef: {
        const auto& c = s.cast<ClassDef>();
        h += " " + c.name;
        if (!c.bases.empty()) h += " (bases" + list(c.bases) + ")";
        if (!c.keywords.empty()) h += " (keywords" + keywords(c.keywords) + ")";
        if (!c.decorators.empty()) h += " (decorators" + list(c.decorators) + ")";
        return h;
    }
    case StmtKind::Return: {
        const auto& r = s.cast<Return>();
        return r.value ? h + " " + expr(*r.value) : h;
    }
    case StmtKind::Delete: return h + list(s.cast<Delete>().targets);
    case StmtKind::Assign: {
        const auto& a = s.cast<Assign>();
        return h + " (targets" + list(a.targets) + ") " + expr(a.value.get());
    }
    case StmtKind::AugAssign: {
        const auto& a = s.cast<AugAssign>();
        return fmt::format("{} {} {}= {}", h, expr(a.target.get()), binOpSymbol(a.op), expr(a.value.get()));
    }
    case StmtKind::AnnAssign: {
        const auto& a = s.cast<AnnAssign>();
        h += " " + expr(a.target.get()) + " :ann " + expr(a.annotation.get());
        if (a.value) h += " :value " + expr(*a.value);
        return a.simple ? h + " :simple" : h;
    }
    case StmtKind::For: {
        const auto& f = s.cast<For>();
        return h + (f.isAsync ? " :async " : " ") + expr(f.target.get()) + " " + expr(f.iter.get());
    }
    case StmtKind::While: return h + " " + expr(s.cast<While>().test.get());
    case StmtKind::If: {
        const auto& i = s.cast<If>();
        return h + (i.isElif ? " :elif " : " ") + expr(i.test.get());
    }
    case StmtKind::With: {
        const auto& w = s.cast<With>();
        if (w.isAsync) h += " :async";
        for (const WithItem& item : w.items) {
            h += " (item " + expr(item.contextExpr.get());
            if (item.optionalVars) h += " :as " + expr(*item.optionalVars);
            h += ")";
        }
        return h;
    }
    case StmtKind::Raise: {
        const auto& r = s.cast<Raise>();
        if (r.exc) h += " " + expr(*r.exc);
        if (r.cause) h += " :from " + expr(*r.cause);
        return h;
    }
    case StmtKind::Try: return s.cast<Try>().isStar ? h + " :star" : h;
    case StmtKind::Assert: {
        const auto& a = s.cast<Assert>();
        h += " " + expr(a.test.get());
        return a.msg ? h + " " + expr(*a.msg) : h;
    }
    case StmtKind::Import: return h + aliases(s.cast<Import>().names);
    case StmtKind::ImportFrom: {
        const auto& i = s.cast<ImportFrom>();
        h += " " + std::string(static_cast<std::size_t>(i.level), '.') + (i.module.empty() ? "" : i.module);
        return h + aliases(i.names);
    }
    case StmtKind::Global: return h + " " + util::join(s.cast<Global>().names, " ");
    case StmtKind::Nonlocal: return h + " " + util::join(s.cast<Nonlocal>().names, " ");
    case StmtKind::Expr: return h + " " + expr(s.cast<ExprStmt>().value.get());
    case StmtKind::Pass:
    case StmtKind::Break:
    case StmtKind::Continue: return h;
    }
    return h;
}

void Dumper::stmt(const Stmt& s, int indent) {
    m_out += std::string(static_cast<std::size_t>(indent), ' ') + stmtHead(s);
    int inner = indent + 2;
    switch (s.kind) {
    case StmtKind::FunctionDef: body(":body", s.cast<FunctionDef>().body, inner); break;
    case StmtKind::ClassDef: body(":body", s.cast<ClassDef>().body, inner); break;
    case StmtKind::For:
        body(":body", s.cast<For>().body, inner);
        body(":orelse", s.cast<For>().orelse, inner);
        break;
    case StmtKind::While:
        body(":body", s.cast<While>().body, inner);
        body(":orelse", s.cast<While>().orelse, inner);
        break;
    case StmtKind::If:
        body(":body", s.cast<If>().body, inner);
        body(":orelse", s.cast<If>().orelse, inner);
        break;
    case StmtKind::With: body(":body", s.cast<With>().body, inner); break;
    case StmtKind::Try: {
        const auto& t = s.cast<Try>();
        body(":body", t.body, inner);
        for (const ExceptHandler& h : t.handlers) {
            std::string label = ":except" + at(h.span);
            if (h.type) label += " " + expr(*h.type);
            if (!h.name.empty()) label += " :as " + h.name;
            if (h.body.empty()) m_out += "\n" + std::string(static_cast<std::size_t>(inner), ' ') + label;
            body(label.c_str(), h.body, inner);
        }
        body(":orelse", t.orelse, inner);
        body(":finally", t.finalbody, inner);
        break;
    }
    default: break;
    }
    m_out += ")";
}

} // namespace

std::string constantRepr(const Constant& c) {
    switch (c.valueKind) {
    case ConstantKind::None: return "None";
    case ConstantKind::Bool: return c.boolValue ? "True" : "False";
    case ConstantKind::Ellipsis: return "...";
    case ConstantKind::Int: return c.bigInt ? c.text : std::to_string(c.intValue);
    case ConstantKind::Float: return floatRepr(c.floatValue);
    case ConstantKind::Imaginary: return util::formatDouble(c.floatValue) + "j";
    case ConstantKind::String: return quoted(c.stringValue, false);
    case ConstantKind::Bytes: return quoted(c.stringValue, true);
    }
    return "?";
}

std::string dumpExpr(const Expr& e, DumpOptions opts) { return Dumper(opts).expr(e); }

std::string dumpStmt(const Stmt& s, DumpOptions opts) {
    Dumper d(opts);
    d.stmt(s, 0);
    return d.take();
}

std::string dumpAst(const Module& m, DumpOptions opts) {
    std::string out = "(Module";
    for (const auto& s : m.body) {
        Dumper sd(opts);
        sd.stmt(*s, 2);
        out += "\n" + sd.take();
    }
    return out + ")\n";
}

} // namespace tlift::frontend::py
