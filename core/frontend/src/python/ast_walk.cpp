#include "tlift/frontend/python/ast_walk.h"

namespace tlift::frontend::py {

namespace {

void each(const ExprList& list, const ExprFn& f) {
    for (const auto& e : list)
        if (e) f(*e);
}
void opt(const Own<Expr>& e, const ExprFn& f) {
    if (e) f(*e);
}
void params(const Parameters& ps, const ExprFn& f) {
    for (const Param& p : ps.params) {
        opt(p.annotation, f);
        opt(p.defaultValue, f);
    }
}
void generators(const std::vector<Comprehension>& gens, const ExprFn& f) {
    for (const Comprehension& g : gens) {
        opt(g.target, f);
        opt(g.iter, f);
        each(g.ifs, f);
    }
}
void keywords(const std::vector<Keyword>& kws, const ExprFn& f) {
    for (const Keyword& k : kws) opt(k.value, f);
}
void body(const Body& b, const StmtFn& f) {
    for (const auto& s : b) f(*s);
}

} // namespace

void forEachChild(const Expr& e, const ExprFn& f) {
    switch (e.kind) {
    case ExprKind::Name:
    case ExprKind::Constant:
    case ExprKind::JoinedStr: return;
    case ExprKind::Attribute: return opt(e.cast<Attribute>().value, f);
    case ExprKind::Subscript: {
        const auto& s = e.cast<Subscript>();
        opt(s.value, f);
        return each(s.indices, f);
    }
    case ExprKind::Slice: {
        const auto& s = e.cast<Slice>();
        opt(s.lower, f);
        opt(s.upper, f);
        return opt(s.step, f);
    }
    case ExprKind::Call: {
        const auto& c = e.cast<Call>();
        opt(c.func, f);
        each(c.args, f);
        return keywords(c.keywords, f);
    }
    case ExprKind::BinOp: {
        const auto& b = e.cast<BinOp>();
        opt(b.left, f);
        return opt(b.right, f);
    }
    case ExprKind::UnaryOp: return opt(e.cast<UnaryOp>().operand, f);
    case ExprKind::BoolOp: return each(e.cast<BoolOp>().values, f);
    case ExprKind::Compare: {
        const auto& c = e.cast<Compare>();
        opt(c.left, f);
        return each(c.comparators, f);
    }
    case ExprKind::IfExp: {
        const auto& i = e.cast<IfExp>();
        opt(i.body, f);
        opt(i.test, f);
        return opt(i.orelse, f);
    }
    case ExprKind::Tuple: return each(e.cast<Tuple>().elts, f);
    case ExprKind::List: return each(e.cast<List>().elts, f);
    case ExprKind::Set: return each(e.cast<Set>().elts, f);
    case ExprKind::Dict: {
        const auto& d = e.cast<Dict>();
        for (std::size_t i = 0; i < d.values.size(); ++i) {
            opt(d.keys[i], f);
            opt(d.values[i], f);
        }
        return;
    }
    case ExprKind::Lambda: {
        const auto& l = e.cast<Lambda>();
        params(l.params, f);
        return opt(l.body, f);
    }
    case ExprKind::Starred: return opt(e.cast<Starred>().value, f);
    case ExprKind::ListComp: {
        const auto& c = e.cast<ListComp>();
        opt(c.elt, f);
        return generators(c.generators, f);
    }
    case ExprKind::SetComp: {
        const auto& c = e.cast<SetComp>();
        opt(c.elt, f);
        return generators(c.generators, f);
    }
    case ExprKind::GeneratorExp: {
        const auto& c = e.cast<GeneratorExp>();
        opt(c.elt, f);
        return generators(c.generators, f);
    }
    case ExprKind::DictComp: {
        const auto& c = e.cast<DictComp>();
        opt(c.key, f);
        opt(c.value, f);
        return generators(c.generators, f);
    }
    case ExprKind::NamedExpr: {
        const auto& n = e.cast<NamedExpr>();
        opt(n.target, f);
        return opt(n.value, f);
    }
    case ExprKind::Await: return opt(e.cast<Await>().value, f);
    case ExprKind::Yield: return opt(e.cast<Yield>().value, f);
    case ExprKind::YieldFrom: return opt(e.cast<YieldFrom>().value, f);
    }
}

void forEachChild(const Stmt& s, const ExprFn& f, const StmtFn& g) {
    switch (s.kind) {
    case StmtKind::FunctionDef: {
        const auto& d = s.cast<FunctionDef>();
        each(d.decorators, f);
        params(d.params, f);
        opt(d.returns, f);
        return body(d.body, g);
    }
    case StmtKind::ClassDef: {
        const auto& c = s.cast<ClassDef>();
        each(c.decorators, f);
        each(c.bases, f);
        keywords(c.keywords, f);
        return body(c.body, g);
    }
    case StmtKind::Return: return opt(s.cast<Return>().value, f);
    case StmtKind::Delete: return each(s.cast<Delete>().targets, f);
    case StmtKind::Assign: {
        const auto& a = s.cast<Assign>();
        each(a.targets, f);
        return opt(a.value, f);
    }
    case StmtKind::AugAssign: {
        const auto& a = s.cast<AugAssign>();
        opt(a.target, f);
        return opt(a.value, f);
    }
    case StmtKind::AnnAssign: {
        const auto& a = s.cast<AnnAssign>();
        opt(a.target, f);
        opt(a.annotation, f);
        return opt(a.value, f);
    }
    case StmtKind::For: {
        const auto& l = s.cast<For>();
        opt(l.target, f);
        opt(l.iter, f);
        body(l.body, g);
        return body(l.orelse, g);
    }
    case StmtKind::While: {
        const auto& w = s.cast<While>();
        opt(w.test, f);
        body(w.body, g);
        return body(w.orelse, g);
    }
    case StmtKind::If: {
        const auto& i = s.cast<If>();
        opt(i.test, f);
        body(i.body, g);
        return body(i.orelse, g);
    }
    case StmtKind::With: {
        const auto& w = s.cast<With>();
        for (const WithItem& item : w.items) {
            opt(item.contextExpr, f);
            opt(item.optionalVars, f);
        }
        return body(w.body, g);
    }
    case StmtKind::Raise: {
        const auto& r = s.cast<Raise>();
        opt(r.exc, f);
        return opt(r.cause, f);
    }
    case StmtKind::Try: {
        const auto& t = s.cast<Try>();
        body(t.body, g);
        for (const ExceptHandler& h : t.handlers) {
            opt(h.type, f);
            body(h.body, g);
        }
        body(t.orelse, g);
        return body(t.finalbody, g);
    }
    case StmtKind::Assert: {
        const auto& a = s.cast<Assert>();
        opt(a.test, f);
        return opt(a.msg, f);
    }
    case StmtKind::Expr: return opt(s.cast<ExprStmt>().value, f);
    case StmtKind::Import:
    case StmtKind::ImportFrom:
    case StmtKind::Global:
    case StmtKind::Nonlocal:
    case StmtKind::Pass:
    case StmtKind::Break:
    case StmtKind::Continue: return;
    }
}

void walk(const Expr& e, AstVisitor& v) {
    if (!v.visitExpr(e)) return;
    forEachChild(e, [&](const Expr& c) { walk(c, v); });
}

void walk(const Stmt& s, AstVisitor& v) {
    if (!v.visitStmt(s)) return;
    forEachChild(
        s, [&](const Expr& c) { walk(c, v); }, [&](const Stmt& c) { walk(c, v); });
}

void walk(const Module& m, AstVisitor& v) {
    for (const auto& s : m.body) walk(*s, v);
}

} // namespace tlift::frontend::py
