// The wrapper interpreter: parameters, statements, the path to the launch, and the expressions
// that are not calls (calls are in wrapper_calls.cpp, facts from tests in wrapper_facts.cpp).
#include "wrapper_interpreter.h"

#include "tlift/frontend/python/ast_unparse.h"
#include "tlift/frontend/python/ast_walk.h"

#include <algorithm>

namespace tlift::frontend::py::detail {

namespace {

// Expressions one launch analysis may read (helpers inlined included).
constexpr std::size_t kMaxWork = 200'000;
// Depth of inlined helper calls.
constexpr int kMaxCallDepth = 4;

enum class ParamType { Unknown, Tensor, Int, Float, Other };

ParamType typeFromName(std::string_view n) {
    if (n == "torch.Tensor" || n == "Tensor" || n == "torch.FloatTensor") return ParamType::Tensor;
    if (n == "int") return ParamType::Int;
    if (n == "float") return ParamType::Float;
    if (n == "bool" || n == "str") return ParamType::Other;
    return ParamType::Unknown;
}

ParamType annotationType(const Expr* ann, const ModuleInfo& info) {
    if (!ann) return ParamType::Unknown;
    if (const auto* c = ann->as<Constant>(); c && c->valueKind == ConstantKind::String) return typeFromName(c->stringValue);
    if (auto q = info.qualifiedName(*ann)) return typeFromName(*q);
    if (const auto* n = ann->as<Name>()) return typeFromName(n->id);
    // Optional[X], X | None
    if (const auto* s = ann->as<Subscript>(); s && s->indices.size() == 1) {
        auto q = info.qualifiedName(*s->value);
        const auto* n = s->value->as<Name>();
        if ((q && (*q == "typing.Optional")) || (n && n->id == "Optional")) return annotationType(s->indices[0].get(), info);
    }
    if (const auto* b = ann->as<BinOp>(); b && b->op == BinOpKind::BitOr) {
        const auto* none = b->right->as<Constant>();
        if (none && none->valueKind == ConstantKind::None) return annotationType(b->left.get(), info);
    }
    return ParamType::Unknown;
}

ParamType defaultType(const Expr* d) {
    const auto* c = d ? d->as<Constant>() : nullptr;
    if (!c) return ParamType::Unknown;
    switch (c->valueKind) {
    case ConstantKind::Int: return ParamType::Int;
    case ConstantKind::Float: return ParamType::Float;
    case ConstantKind::Bool:
    case ConstantKind::String: return ParamType::Other;
    default: return ParamType::Unknown;
    }
}

bool isNoneConstant(const Expr* e) {
    const auto* c = e ? e->as<Constant>() : nullptr;
    return c && c->valueKind == ConstantKind::None;
}

class Finder : public AstVisitor {
public:
    explicit Finder(const Expr& target) : m_target(target) {}
    bool visitStmt(const Stmt&) override { return !found; }
    bool visitExpr(const Expr& e) override {
        if (&e == &m_target) found = true;
        return !found;
    }
    bool found = false;

private:
    const Expr& m_target;
};

bool contains(const Stmt& s, const Expr& target) {
    Finder f(target);
    walk(s, f);
    return f.found;
}

bool bodyContains(const Body& body, const Expr& target) {
    return std::any_of(body.begin(), body.end(), [&](const Own<Stmt>& s) { return contains(*s, target); });
}

void chainInto(const Body& body, const Expr& target, std::vector<const Stmt*>& chain) {
    for (const auto& s : body) {
        if (!contains(*s, target)) continue;
        chain.push_back(s.get());
        auto into = [&](const Body& b) {
            if (!bodyContains(b, target)) return false;
            chainInto(b, target, chain);
            return true;
        };
        if (const auto* i = s->as<If>()) into(i->body) || into(i->orelse);
        else if (const auto* f = s->as<For>()) into(f->body) || into(f->orelse);
        else if (const auto* w = s->as<While>()) into(w->body) || into(w->orelse);
        else if (const auto* w = s->as<With>()) into(w->body);
        else if (const auto* t = s->as<Try>()) {
            bool done = into(t->body);
            for (const auto& h : t->handlers) done = done || into(h.body);
            done = done || into(t->orelse) || into(t->finalbody);
        }
        return;
    }
}

void assignedNames(const Expr& target, std::vector<std::string>& out) {
    if (const auto* n = target.as<Name>()) out.push_back(n->id);
    else if (const auto* t = target.as<Tuple>())
        for (const auto& e : t->elts) assignedNames(*e, out);
    else if (const auto* l = target.as<List>())
        for (const auto& e : l->elts) assignedNames(*e, out);
    else if (const auto* s = target.as<Starred>()) assignedNames(*s->value, out);
}

void assignedIn(const Body& body, std::vector<std::string>& out);

// The list a target changes in place: `shape` in `shape[i] = 1`.
void mutatedName(const Expr& target, std::vector<std::string>& out) {
    if (const auto* s = target.as<Subscript>())
        if (const auto* n = s->value->as<Name>()) out.push_back(n->id);
}

void assignedIn(const Stmt& s, std::vector<std::string>& out) {
    switch (s.kind) {
    case StmtKind::Assign:
        for (const auto& t : s.cast<Assign>().targets) {
            assignedNames(*t, out);
            mutatedName(*t, out);
        }
        break;
    case StmtKind::AugAssign:
        assignedNames(*s.cast<AugAssign>().target, out);
        mutatedName(*s.cast<AugAssign>().target, out);
        break;
    case StmtKind::Delete:
        for (const auto& t : s.cast<Delete>().targets) mutatedName(*t, out);
        break;
    case StmtKind::Expr:
        if (const auto* c = s.cast<ExprStmt>().value->as<Call>())
            if (const auto* a = c->func->as<Attribute>(); a && isMutatingMethod(a->attr))
                if (const auto* n = a->value->as<Name>()) out.push_back(n->id);
        break;
    case StmtKind::AnnAssign: assignedNames(*s.cast<AnnAssign>().target, out); break;
    case StmtKind::For:
        assignedNames(*s.cast<For>().target, out);
        assignedIn(s.cast<For>().body, out);
        assignedIn(s.cast<For>().orelse, out);
        break;
    case StmtKind::While:
        assignedIn(s.cast<While>().body, out);
        assignedIn(s.cast<While>().orelse, out);
        break;
    case StmtKind::If:
        assignedIn(s.cast<If>().body, out);
        assignedIn(s.cast<If>().orelse, out);
        break;
    case StmtKind::With:
        for (const auto& item : s.cast<With>().items)
            if (item.optionalVars) assignedNames(*item.optionalVars, out);
        assignedIn(s.cast<With>().body, out);
        break;
    case StmtKind::Try: {
        const auto& t = s.cast<Try>();
        assignedIn(t.body, out);
        for (const auto& h : t.handlers) {
            if (!h.name.empty()) out.push_back(h.name);
            assignedIn(h.body, out);
        }
        assignedIn(t.orelse, out);
        assignedIn(t.finalbody, out);
        break;
    }
    case StmtKind::FunctionDef: out.push_back(s.cast<FunctionDef>().name); break;
    case StmtKind::ClassDef: out.push_back(s.cast<ClassDef>().name); break;
    default: break;
    }
}

void assignedIn(const Body& body, std::vector<std::string>& out) {
    for (const auto& s : body) assignedIn(*s, out);
}

// Two values that are numbers: terms, or an untyped parameter beside a term (a parameter is
// not made a number by being beside another parameter: it may be a tensor).
bool scalarPair(const AbsVal& a, const AbsVal& b) {
    bool ta = a.is(AbsVal::Kind::Term), tb = b.is(AbsVal::Kind::Term);
    auto scalarish = [](const AbsVal& v) { return v.is(AbsVal::Kind::Term) || v.is(AbsVal::Kind::Param) || v.is(AbsVal::Kind::Unknown); };
    return scalarish(a) && scalarish(b) && (ta || tb);
}

bool isNoneValue(const WrapperState& st, const AbsVal& v) {
    if (!v.is(AbsVal::Kind::Term)) return false;
    auto c = st.constValue(v.term);
    return c && c->isNone();
}

bool sameValue(const AbsVal& a, const AbsVal& b) {
    if (a.kind != b.kind) return false;
    switch (a.kind) {
    case AbsVal::Kind::Term: return a.term == b.term;
    case AbsVal::Kind::Tensor:
    case AbsVal::Kind::Shape: return a.index == b.index;
    case AbsVal::Kind::Dtype: return a.index == b.index && a.text == b.text;
    case AbsVal::Kind::Function: return a.lambda == b.lambda && a.def == b.def;
    case AbsVal::Kind::Param: return a.text == b.text;
    case AbsVal::Kind::Meta:
    case AbsVal::Kind::Device: return true;
    case AbsVal::Kind::Tuple:
    case AbsVal::Kind::Choice:
        if (a.items.size() != b.items.size() || a.term != b.term) return false;
        for (std::size_t i = 0; i < a.items.size(); ++i)
            if (!sameValue(a.items[i], b.items[i])) return false;
        return true;
    case AbsVal::Kind::Unknown: return a.text == b.text;
    }
    return false;
}

} // namespace

AbsVal AbsVal::unknown(std::string why) {
    AbsVal v;
    v.text = std::move(why);
    return v;
}

AbsVal AbsVal::ofTerm(TermId t) {
    AbsVal v;
    v.kind = Kind::Term;
    v.term = t;
    return v;
}

AbsVal AbsVal::ofTensor(int t) {
    AbsVal v;
    v.kind = Kind::Tensor;
    v.index = t;
    return v;
}

AbsVal AbsVal::tuple(std::vector<AbsVal> items) {
    AbsVal v;
    v.kind = Kind::Tuple;
    v.items = std::move(items);
    return v;
}

std::vector<const Stmt*> statementChain(const Body& body, const Expr& target) {
    std::vector<const Stmt*> chain;
    chainInto(body, target, chain);
    return chain;
}

std::vector<std::string> namesBoundIn(const Body& body) {
    std::vector<std::string> out;
    assignedIn(body, out);
    return out;
}

bool bodyExits(const Body& body) {
    for (const auto& s : body) {
        if (s->is<Return>() || s->is<Raise>()) return true;
        if (const auto* i = s->as<If>(); i && !i->orelse.empty() && bodyExits(i->body) && bodyExits(i->orelse)) return true;
        if (const auto* w = s->as<With>(); w && bodyExits(w->body)) return true;
    }
    return false;
}

WrapperInterpreter::WrapperInterpreter(WrapperState& st, const Module& m, const ModuleInfo& info, Env& env)
    : m_st(st), m_module(m), m_info(info), m_env(env) {}

void WrapperInterpreter::bindParameters(const FunctionDef& f) {
    bool method = false;
    for (const auto& d : f.decorators)
        if (const auto* n = d->as<Name>(); n && n->id == "staticmethod") method = true;
    for (std::size_t i = 0; i < f.params.params.size(); ++i) {
        const Param& p = f.params.params[i];
        m_params[p.name] = &p;
        if (p.kind == ParamKind::VarArgs || p.kind == ParamKind::VarKeywords) {
            m_env[p.name] = AbsVal::unknown("*" + p.name);
            continue;
        }
        // The receiver of a method (not a plain function's first parameter that happens to be
        // called `self`, as in the aten-style signatures `addmv(self, mat, vec)`).
        bool topLevel = m_info.function(f.name) && m_info.function(f.name)->def == &f;
        if (i == 0 && ((!topLevel && (p.name == "self" || p.name == "cls")) || (p.name == "ctx" && method))) {
            m_env[p.name] = AbsVal::unknown("`" + p.name + "`, the receiver of a method");
            continue;
        }
        ParamType type = annotationType(p.annotation.get(), m_info);
        if (type == ParamType::Unknown) type = defaultType(p.defaultValue.get());
        switch (type) {
        case ParamType::Tensor: {
            AbsVal v;
            v.kind = AbsVal::Kind::Param;
            v.text = p.name;
            m_env[p.name] = AbsVal::ofTensor(asTensor(v));
            break;
        }
        case ParamType::Int:
        case ParamType::Float:
        case ParamType::Other: {
            SymbolKind k = type == ParamType::Int ? SymbolKind::IntParam
                           : type == ParamType::Float ? SymbolKind::FloatParam
                                                      : SymbolKind::OtherParam;
            SymbolId s = m_st.newSymbol(k, -1, 0, p.name);
            m_st.paramSymbols[p.name] = s;
            m_env[p.name] = AbsVal::ofTerm(m_st.symTerm(s));
            break;
        }
        case ParamType::Unknown: {
            AbsVal v;
            v.kind = AbsVal::Kind::Param;
            v.text = p.name;
            m_env[p.name] = v;
            break;
        }
        }
    }
}

int WrapperInterpreter::asTensor(const AbsVal& v) {
    if (v.is(AbsVal::Kind::Tensor)) return v.index;
    if (!v.is(AbsVal::Kind::Param)) return -1;
    if (auto it = m_st.paramTensor.find(v.text); it != m_st.paramTensor.end()) return it->second;
    if (m_st.paramSymbols.count(v.text)) return -1; // already used as a scalar
    const Param* p = m_params.count(v.text) ? m_params[v.text] : nullptr;
    int t = m_st.newTensor("parameter", p ? p->span : util::SourceSpan{});
    m_st.tensor(t).parameter = true;
    m_st.tensor(t).optional = p && isNoneConstant(p->defaultValue.get());
    m_st.nameTensor(t, v.text);
    m_st.paramTensor[v.text] = t;
    return t;
}

TermId WrapperInterpreter::asTerm(const AbsVal& v) {
    if (v.is(AbsVal::Kind::Term)) return v.term;
    // An unknown value used as a number: a term that keeps the reason, so that whatever is
    // computed from it says why it is not known.
    if (v.is(AbsVal::Kind::Unknown)) return m_st.unknown(v.text.empty() ? "a value that is not known" : v.text);
    if (!v.is(AbsVal::Kind::Param) || m_st.paramTensor.count(v.text)) return kNone;
    auto it = m_st.paramSymbols.find(v.text);
    if (it == m_st.paramSymbols.end()) it = m_st.paramSymbols.emplace(v.text, m_st.newSymbol(SymbolKind::OtherParam, -1, 0, v.text)).first;
    return m_st.symTerm(it->second);
}

AbsVal WrapperInterpreter::lookup(const std::string& name) {
    if (auto it = m_env.find(name); it != m_env.end()) {
        if (it->second.is(AbsVal::Kind::Param)) {
            const std::string& param = it->second.text;
            if (auto t = m_st.paramTensor.find(param); t != m_st.paramTensor.end()) return AbsVal::ofTensor(t->second);
            if (auto s = m_st.paramSymbols.find(param); s != m_st.paramSymbols.end()) return AbsVal::ofTerm(m_st.symTerm(s->second));
        }
        return it->second;
    }
    if (const ModuleConstant* c = m_info.constant(name)) return AbsVal::ofTerm(m_st.constant(c->value));
    if (const FunctionInfo* f = m_info.function(name)) {
        if (f->isJit()) return AbsVal::unknown("the JIT function " + name);
        AbsVal v;
        v.kind = AbsVal::Kind::Function;
        v.def = f->def;
        return v;
    }
    return AbsVal::unknown("`" + name + "` is not known here");
}

bool WrapperInterpreter::runTo(const Body& body, const std::vector<const Stmt*>& chain, std::size_t level) {
    if (level >= chain.size()) return false;
    for (const auto& s : body) {
        if (s.get() == chain[level]) {
            if (level + 1 == chain.size()) return true;
            return descend(*s, chain, level);
        }
        if (exec(*s) == Flow::Exit) return false;
    }
    return false;
}

bool WrapperInterpreter::descend(const Stmt& s, const std::vector<const Stmt*>& chain, std::size_t level) {
    const Stmt* next = chain[level + 1];
    auto in = [next](const Body& b) {
        return std::any_of(b.begin(), b.end(), [next](const Own<Stmt>& x) { return x.get() == next; });
    };
    const std::string line = "line " + std::to_string(s.span.line);
    switch (s.kind) {
    case StmtKind::If: {
        const auto& i = s.cast<If>();
        bool inBody = in(i.body);
        applyTest(*i.test, inBody, i.test->span);
        m_st.note(i.test->span, "the launch runs when `" + unparseShort(*i.test) + "` is " + (inBody ? "true" : "false"));
        return runTo(inBody ? i.body : i.orelse, chain, level + 1);
    }
    case StmtKind::For: {
        const auto& f = s.cast<For>();
        havoc(f.body, "assigned in the loop at " + line);
        havoc(f.orelse, "assigned in the loop at " + line);
        bind(*f.target, AbsVal::unknown("`" + unparseShort(*f.target, 40) + "` is the variable of the loop at " + line), f.span);
        return runTo(in(f.body) ? f.body : f.orelse, chain, level + 1);
    }
    case StmtKind::While: {
        const auto& w = s.cast<While>();
        havoc(w.body, "assigned in the loop at " + line);
        return runTo(in(w.body) ? w.body : w.orelse, chain, level + 1);
    }
    case StmtKind::With: {
        const auto& w = s.cast<With>();
        for (const auto& item : w.items)
            if (item.optionalVars) bind(*item.optionalVars, AbsVal::unknown("a context manager"), w.span);
        return runTo(w.body, chain, level + 1);
    }
    case StmtKind::Try: {
        const auto& t = s.cast<Try>();
        if (in(t.body)) return runTo(t.body, chain, level + 1);
        if (in(t.orelse)) {
            if (execBody(t.body) == Flow::Exit) return false;
            return runTo(t.orelse, chain, level + 1);
        }
        havoc(t.body, "assigned in the try at " + line);
        for (const auto& h : t.handlers)
            if (in(h.body)) {
                if (!h.name.empty()) m_env[h.name] = AbsVal::unknown("an exception");
                return runTo(h.body, chain, level + 1);
            }
        return runTo(t.finalbody, chain, level + 1);
    }
    default: return false;
    }
}

WrapperInterpreter::Flow WrapperInterpreter::execBody(const Body& body) {
    for (const auto& s : body)
        if (exec(*s) == Flow::Exit) return Flow::Exit;
    return Flow::Normal;
}

WrapperInterpreter::Flow WrapperInterpreter::exec(const Stmt& s) {
    switch (s.kind) {
    case StmtKind::Assign: {
        const auto& a = s.cast<Assign>();
        if (a.targets.size() == 1 && unpackShapePrefix(*a.targets[0], *a.value)) return Flow::Normal;
        AbsVal v = eval(*a.value);
        for (const auto& t : a.targets) bind(*t, v, s.span);
        if (v.is(AbsVal::Kind::Tensor) && !m_speculative)
            m_st.note(s.span, unparseShort(*a.targets.front(), 40) + " = " + unparseShort(*a.value, 80));
        return Flow::Normal;
    }
    case StmtKind::AugAssign: {
        const auto& a = s.cast<AugAssign>();
        const auto* n = a.target->as<Name>();
        if (const auto* sub = a.target->as<Subscript>()) changedInPlace(*sub->value, s.span);
        if (!n) return Flow::Normal;
        AbsVal cur = lookup(n->id), rhs = eval(*a.value);
        TermId l = asTerm(cur), r = asTerm(rhs);
        if (cur.is(AbsVal::Kind::Tensor)) return Flow::Normal; // in place
        m_env[n->id] = l != kNone && r != kNone ? AbsVal::ofTerm(m_st.binary(a.op, l, r)) : AbsVal::unknown("`" + n->id + " " + binOpSymbol(a.op) + "=` of a value that is not a number");
        return Flow::Normal;
    }
    case StmtKind::AnnAssign: {
        const auto& a = s.cast<AnnAssign>();
        if (a.value) bind(*a.target, eval(*a.value), s.span);
        return Flow::Normal;
    }
    case StmtKind::Assert:
        if (!m_speculative) m_st.note(s.span, "assert " + unparseShort(*s.cast<Assert>().test, 100));
        applyTest(*s.cast<Assert>().test, true, s.span);
        return Flow::Normal;
    case StmtKind::If: return execIf(s.cast<If>());
    case StmtKind::Return:
        if (m_inHelper) {
            const auto& r = s.cast<Return>();
            m_return = r.value ? eval(*r.value) : AbsVal::ofTerm(m_st.constant(Value()));
        }
        return Flow::Exit;
    case StmtKind::Raise: return Flow::Exit;
    case StmtKind::For:
        havoc(s.cast<For>().body, "assigned in the loop at line " + std::to_string(s.span.line));
        havoc(s.cast<For>().orelse, "assigned in the loop at line " + std::to_string(s.span.line));
        return Flow::Normal;
    case StmtKind::While:
        havoc(s.cast<While>().body, "assigned in the loop at line " + std::to_string(s.span.line));
        havoc(s.cast<While>().orelse, "assigned in the loop at line " + std::to_string(s.span.line));
        return Flow::Normal;
    case StmtKind::With: {
        const auto& w = s.cast<With>();
        for (const auto& item : w.items)
            if (item.optionalVars) bind(*item.optionalVars, AbsVal::unknown("a context manager"), s.span);
        return execBody(w.body);
    }
    case StmtKind::Try: {
        const auto& t = s.cast<Try>();
        Flow f = execBody(t.body);
        if (f == Flow::Normal) f = execBody(t.orelse);
        if (execBody(t.finalbody) == Flow::Exit) f = Flow::Exit;
        return f;
    }
    case StmtKind::FunctionDef: {
        AbsVal v;
        v.kind = AbsVal::Kind::Function;
        v.def = &s.cast<FunctionDef>();
        m_env[v.def->name] = v;
        return Flow::Normal;
    }
    case StmtKind::ClassDef: m_env[s.cast<ClassDef>().name] = AbsVal::unknown("a class"); return Flow::Normal;
    case StmtKind::Import:
    case StmtKind::ImportFrom: {
        const std::vector<Alias>& names = s.is<Import>() ? s.cast<Import>().names : s.cast<ImportFrom>().names;
        for (const Alias& a : names) {
            std::string bound = !a.asname.empty() ? a.asname : a.name.substr(0, a.name.find('.'));
            // A local import of what the module imports anyway keeps the module's meaning.
            if (bound != "*" && !m_info.imports.lookup(bound)) m_env[bound] = AbsVal::unknown("imported inside the function");
        }
        return Flow::Normal;
    }
    case StmtKind::Delete:
        for (const auto& t : s.cast<Delete>().targets) {
            if (const auto* n = t->as<Name>()) m_env.erase(n->id);
            else if (const auto* sub = t->as<Subscript>()) changedInPlace(*sub->value, s.span);
        }
        return Flow::Normal;
    case StmtKind::Expr: {
        // A call for its effect: a list changed in place (`shape.append(n)`).
        const auto* c = s.cast<ExprStmt>().value->as<Call>();
        if (c && c->func->is<Attribute>() && isMutatingMethod(c->func->cast<Attribute>().attr)) eval(*c);
        return Flow::Normal;
    }
    default: return Flow::Normal;
    }
}

WrapperInterpreter::Flow WrapperInterpreter::execIf(const If& s) {
    if (auto c = decide(*s.test)) return execBody(*c ? s.body : s.orelse);
    bool bodyEx = bodyExits(s.body), elseEx = !s.orelse.empty() && bodyExits(s.orelse);
    TermId test = asTerm(eval(*s.test));
    if (test == kNone) test = m_st.unknown("the test at line " + std::to_string(s.span.line));
    if (m_inHelper && bodyEx && !elseEx) {
        // `if c: return a` in a helper: the result is `a if c else <what follows>`.
        Env saved = m_env;
        bool spec = m_speculative;
        m_speculative = true;
        m_return.reset();
        execBody(s.body);
        std::optional<AbsVal> rv = m_return;
        m_return.reset();
        m_env = saved;
        m_speculative = spec;
        if (rv) m_conditionalReturns.emplace_back(test, *rv);
        return execBody(s.orelse);
    }
    if (bodyEx && elseEx) return Flow::Exit;
    if (bodyEx || elseEx) {
        // An early exit: what follows runs only when the other branch is taken.
        bool truth = elseEx;
        if (!m_speculative) {
            applyTest(*s.test, truth, s.test->span);
            m_st.note(s.test->span, "past this `if`, `" + unparseShort(*s.test) + "` is " + (truth ? "true" : "false"));
        }
        return execBody(truth ? s.body : s.orelse);
    }
    // Both branches fall through: read each (their facts stay local) and merge the variables.
    Env before = m_env;
    bool spec = m_speculative;
    m_speculative = true;
    applyTest(*s.test, true, s.test->span);
    execBody(s.body);
    Env first = m_env;
    m_env = before;
    applyTest(*s.test, false, s.test->span);
    execBody(s.orelse);
    Env second = m_env;
    m_speculative = spec;
    Env merged;
    for (auto& [name, v] : first) {
        auto it = second.find(name);
        merged[name] = it == second.end() ? v : merge(v, it->second, test, s.span, name);
    }
    for (auto& [name, v] : second)
        if (!merged.count(name)) merged[name] = v;
    for (auto& [name, v] : merged)
        if (v.is(AbsVal::Kind::Tensor)) m_st.nameTensor(v.index, name);
    m_env = std::move(merged);
    return Flow::Normal;
}

AbsVal WrapperInterpreter::merge(const AbsVal& a0, const AbsVal& b0, TermId test, const util::SourceSpan& span,
                                 const std::string& name) {
    // A parameter made a tensor (or a number) on the way is that on both paths.
    auto settle = [this](const AbsVal& v) {
        if (!v.is(AbsVal::Kind::Param)) return v;
        if (auto t = m_st.paramTensor.find(v.text); t != m_st.paramTensor.end()) return AbsVal::ofTensor(t->second);
        if (auto s = m_st.paramSymbols.find(v.text); s != m_st.paramSymbols.end()) return AbsVal::ofTerm(m_st.symTerm(s->second));
        return v;
    };
    const AbsVal a = settle(a0), b = settle(b0);
    if (sameValue(a, b)) return a;
    // Unknown on one path: unknown, for the reason that path gives.
    if (a.is(AbsVal::Kind::Unknown) && !b.is(AbsVal::Kind::Term)) return a;
    if (b.is(AbsVal::Kind::Unknown) && !a.is(AbsVal::Kind::Term)) return b;
    if (scalarPair(a, b)) {
        TermId ta = asTerm(a), tb = asTerm(b);
        if (ta != kNone && tb != kNone) return AbsVal::ofTerm(m_st.ifExp(test, ta, tb));
    }
    int xa = a.is(AbsVal::Kind::Tensor) ? a.index : -1, xb = b.is(AbsVal::Kind::Tensor) ? b.index : -1;
    if (xa >= 0 && xb >= 0) return AbsVal::ofTensor(mergeTensors(xa, xb, span));
    auto noneLike = [this](const AbsVal& v) {
        if (isNoneValue(m_st, v)) return true;
        if (!v.is(AbsVal::Kind::Param)) return false;
        auto it = m_params.find(v.text);
        return it != m_params.end() && isNoneConstant(it->second->defaultValue.get());
    };
    if ((xa >= 0 && noneLike(b)) || (xb >= 0 && noneLike(a))) {
        // A tensor on one path, None on the other (an optional argument): the tensor is the
        // fact, None the alternative.
        AbsVal v;
        v.kind = AbsVal::Kind::Choice;
        v.term = test;
        v.items = {a, b};
        v.index = xa >= 0 ? 0 : 1;
        return v;
    }
    if (a.is(AbsVal::Kind::Tuple) && b.is(AbsVal::Kind::Tuple) && a.items.size() == b.items.size()) {
        std::vector<AbsVal> items;
        for (std::size_t i = 0; i < a.items.size(); ++i) items.push_back(merge(a.items[i], b.items[i], test, span, name));
        return AbsVal::tuple(std::move(items));
    }
    return AbsVal::unknown("`" + name + "` differs between the branches of the `if` at line " + std::to_string(span.line));
}

int WrapperInterpreter::mergeTensors(int a, int b, const util::SourceSpan& span) {
    if (a == b) return a;
    const TensorRec &A = m_st.tensor(a), &B = m_st.tensor(b);
    int shape;
    if (m_st.findShape(A.shape) == m_st.findShape(B.shape)) {
        shape = A.shape;
    } else {
        auto ra = m_st.rankOf(A.shape), rb = m_st.rankOf(B.shape);
        shape = m_st.newShape(a);
        if (ra && rb && *ra == *rb) m_st.setRank(shape, *ra, span);
        // Tensors of different ranks on the two paths: the rank is not known, and the tensor is
        // not taken as a flat array either.
        else if (ra || rb) m_st.shapes[static_cast<std::size_t>(shape)].noFlat = true;
    }
    bool contiguous = A.contiguous && B.contiguous, lastOne = A.lastStrideOne && B.lastStrideOne;
    std::optional<std::string> dtype = A.dtype == B.dtype ? A.dtype : std::nullopt;
    int like = A.dtypeLike == B.dtypeLike ? A.dtypeLike : -1;
    bool optional = A.optional || B.optional;
    std::string origin = A.origin + " or " + B.origin + " (by the `if` at line " + std::to_string(span.line) + ")";
    int t = m_st.newTensor(origin, span, shape);
    if (m_st.findShape(shape) != m_st.findShape(m_st.tensor(a).shape)) m_st.shapes[static_cast<std::size_t>(m_st.findShape(shape))].owner = t;
    TensorRec& rec = m_st.tensor(t);
    rec.dtype = dtype;
    rec.dtypeLike = like;
    rec.optional = optional;
    rec.lastStrideOne = lastOne;
    if (contiguous) m_st.makeContiguous(t);
    else if (lastOne) m_st.resolvePending(shape);
    return t;
}

bool isMutatingMethod(std::string_view m) {
    static const char* names[] = {"append", "extend", "insert", "pop", "remove", "reverse", "sort", "clear", "__setitem__"};
    for (const char* n : names)
        if (m == n) return true;
    return isReshapingInPlace(m);
}

bool isReshapingInPlace(std::string_view m) {
    static const char* names[] = {"resize_", "resize_as_", "unsqueeze_", "squeeze_", "t_", "transpose_", "swapaxes_",
                                  "swapdims_", "as_strided_", "set_"};
    for (const char* n : names)
        if (m == n) return true;
    return false;
}

bool WrapperInterpreter::unpackShapePrefix(const Expr& target, const Expr& value) {
    // `N, C = x.shape[:2]` with the rank of x not known: the unpacking raises unless there are
    // exactly two values, so they are x's dims 0 and 1 (x.shape[:2] alone could be shorter).
    const auto* t = target.as<Tuple>();
    const auto* s = value.as<Subscript>();
    if (!t || !s || s->tupleIndex || s->indices.size() != 1) return false;
    const auto* sl = s->indices[0]->as<Slice>();
    if (!sl || sl->step || !sl->upper) return false;
    for (const auto& e : t->elts)
        if (e->is<Starred>()) return false;
    AbsVal base = eval(*s->value);
    if (!base.is(AbsVal::Kind::Shape) || m_st.rankOf(m_st.tensor(base.index).shape)) return false;
    auto lo = sl->lower ? intArg(eval(*sl->lower)) : std::optional<std::int64_t>(0);
    auto hi = intArg(eval(*sl->upper));
    if (!lo || !hi || *lo != 0 || *hi != static_cast<std::int64_t>(t->elts.size())) return false;
    int cls = m_st.tensor(base.index).shape;
    for (std::size_t i = 0; i < t->elts.size(); ++i) bind(*t->elts[i], AbsVal::ofTerm(m_st.dim(cls, static_cast<int>(i))), value.span);
    return true;
}

void WrapperInterpreter::changedInPlace(const Expr& target, const util::SourceSpan& span, bool tensorToo) {
    // `shape[d] = 1`, `del shape[d]`, `shape.append(n)`: the list is no longer what it was. A
    // tensor written in place keeps its facts (its shape and layout do not change), unless it
    // is reshaped in place (`x.unsqueeze_(0)`).
    const auto* n = target.as<Name>();
    if (!n) return;
    auto it = m_env.find(n->id);
    if (it == m_env.end()) return;
    if (!tensorToo && (it->second.is(AbsVal::Kind::Tensor) || it->second.is(AbsVal::Kind::Param))) return;
    it->second = AbsVal::unknown("`" + n->id + "` is changed in place at line " + std::to_string(span.line));
}

void WrapperInterpreter::havoc(const Body& body, const std::string& why) {
    std::vector<std::string> names;
    assignedIn(body, names);
    for (const std::string& n : names) m_env[n] = AbsVal::unknown("`" + n + "` is " + why);
}

void WrapperInterpreter::bind(const Expr& target, const AbsVal& v, const util::SourceSpan& span) {
    if (const auto* n = target.as<Name>()) {
        m_env[n->id] = v;
        if (v.is(AbsVal::Kind::Term) && n->id != "_") m_st.termNames.emplace(v.term, n->id);
        if (v.is(AbsVal::Kind::Term)) {
            SymbolId s = m_st.symbolOf(v.term);
            if (s != kNone && (m_st.symbols[s].kind == SymbolKind::Dim || m_st.symbols[s].kind == SymbolKind::Numel))
                m_st.nameSymbol(s, n->id);
        } else if (v.is(AbsVal::Kind::Tensor)) {
            m_st.nameTensor(v.index, n->id);
        }
        return;
    }
    if (const auto* t = target.as<Tuple>()) return bindUnpack(t->elts, v, span);
    if (const auto* l = target.as<List>()) return bindUnpack(l->elts, v, span);
    if (const auto* s = target.as<Starred>()) return bind(*s->value, AbsVal::unknown("a starred target"), span);
    if (const auto* s = target.as<Subscript>()) return changedInPlace(*s->value, span);
}

void WrapperInterpreter::bindUnpack(const ExprList& targets, const AbsVal& v, const util::SourceSpan& span) {
    int n = static_cast<int>(targets.size()), star = -1;
    for (int i = 0; i < n; ++i)
        if (targets[static_cast<std::size_t>(i)]->is<Starred>()) star = i;
    if (v.is(AbsVal::Kind::Shape)) {
        int cls = m_st.tensor(v.index).shape;
        if (star < 0 && !m_speculative) m_st.setRank(cls, n, span);
        for (int i = 0; i < n; ++i) {
            const Expr& t = *targets[static_cast<std::size_t>(i)];
            if (i == star) bind(t, AbsVal::unknown("the starred part of a shape"), span);
            else bind(t, AbsVal::ofTerm(m_st.dim(cls, star >= 0 && i > star ? i - n : i)), span);
        }
        return;
    }
    if (v.is(AbsVal::Kind::Tuple) && ((star < 0 && static_cast<int>(v.items.size()) == n) || (star >= 0 && static_cast<int>(v.items.size()) >= n - 1))) {
        int extra = static_cast<int>(v.items.size()) - n;
        for (int i = 0; i < n; ++i) {
            const Expr& t = *targets[static_cast<std::size_t>(i)];
            if (i == star) {
                std::vector<AbsVal> mid(v.items.begin() + i, v.items.begin() + i + extra + 1);
                bind(*t.cast<Starred>().value, AbsVal::tuple(std::move(mid)), span);
            } else {
                bind(t, v.items[static_cast<std::size_t>(star >= 0 && i > star ? i + extra : i)], span);
            }
        }
        return;
    }
    AbsVal why = v.is(AbsVal::Kind::Unknown) ? v : AbsVal::unknown("unpacked from a value that is not a known sequence");
    for (const auto& t : targets) bind(*t, why, span);
}

AbsVal WrapperInterpreter::eval(const Expr& e) {
    if (++m_st.work > kMaxWork) return AbsVal::unknown("the analysis budget is spent");
    switch (e.kind) {
    case ExprKind::Constant: {
        const auto& c = e.cast<Constant>();
        switch (c.valueKind) {
        case ConstantKind::None: return AbsVal::ofTerm(m_st.constant(Value()));
        case ConstantKind::Bool: return AbsVal::ofTerm(m_st.constant(Value::boolean(c.boolValue)));
        case ConstantKind::Int:
            if (c.bigInt) return AbsVal::unknown("an integer beyond 64 bits");
            return AbsVal::ofTerm(m_st.constant(Value::integer(c.intValue)));
        case ConstantKind::Float: return AbsVal::ofTerm(m_st.constant(Value::real(c.floatValue)));
        case ConstantKind::String: return AbsVal::ofTerm(m_st.constant(Value::string(c.stringValue)));
        default: return AbsVal::unknown("a literal that is not a number or a string");
        }
    }
    case ExprKind::Name: return lookup(e.cast<Name>().id);
    case ExprKind::Attribute: return evalAttribute(e.cast<Attribute>());
    case ExprKind::Subscript: return evalSubscript(e.cast<Subscript>());
    case ExprKind::Call: return evalCall(e.cast<Call>());
    case ExprKind::BinOp: return evalBinary(e.cast<BinOp>());
    case ExprKind::UnaryOp: {
        const auto& u = e.cast<UnaryOp>();
        TermId a = asTerm(eval(*u.operand));
        if (a == kNone) return AbsVal::unknown("`" + unparseShort(e) + "`");
        return AbsVal::ofTerm(m_st.unary(u.op, a));
    }
    case ExprKind::BoolOp: {
        const auto& b = e.cast<BoolOp>();
        std::vector<TermId> args;
        for (const auto& v : b.values) {
            TermId t = asTerm(eval(*v));
            if (t == kNone) return AbsVal::unknown("`" + unparseShort(e) + "`");
            args.push_back(t);
        }
        return AbsVal::ofTerm(m_st.boolOp(b.op, std::move(args)));
    }
    case ExprKind::Compare: return evalCompare(e.cast<Compare>());
    case ExprKind::IfExp: return evalIfExp(e.cast<IfExp>());
    case ExprKind::Tuple: return evalSequence(e.cast<Tuple>().elts);
    case ExprKind::List: return evalSequence(e.cast<List>().elts);
    case ExprKind::Lambda: {
        AbsVal v;
        v.kind = AbsVal::Kind::Function;
        v.lambda = &e.cast<Lambda>();
        return v;
    }
    case ExprKind::NamedExpr: {
        const auto& n = e.cast<NamedExpr>();
        AbsVal v = eval(*n.value);
        bind(*n.target, v, e.span);
        return v;
    }
    default: return AbsVal::unknown(std::string("a ") + exprKindName(e.kind) + " expression, which the analysis does not model");
    }
}

AbsVal WrapperInterpreter::evalSequence(const ExprList& elts) {
    std::vector<AbsVal> items;
    for (const auto& elt : elts) {
        if (const auto* s = elt->as<Starred>()) {
            AbsVal v = eval(*s->value);
            if (v.is(AbsVal::Kind::Shape)) {
                auto rank = m_st.rankOf(m_st.tensor(v.index).shape);
                if (!rank) return AbsVal::unknown("a starred shape of unknown rank");
                for (int i = 0; i < *rank; ++i) items.push_back(AbsVal::ofTerm(m_st.dim(m_st.tensor(v.index).shape, i)));
                continue;
            }
            if (!v.is(AbsVal::Kind::Tuple)) return AbsVal::unknown("a starred value that is not a known sequence");
            items.insert(items.end(), v.items.begin(), v.items.end());
            continue;
        }
        items.push_back(eval(*elt));
    }
    return AbsVal::tuple(std::move(items));
}

AbsVal WrapperInterpreter::evalAttribute(const Attribute& a) {
    if (auto q = qualifiedCallee(a)) {
        if (auto d = dtypeName(*q)) {
            AbsVal v;
            v.kind = AbsVal::Kind::Dtype;
            v.text = *d;
            return v;
        }
        return AbsVal::unknown("`" + *q + "` is not a value the analysis knows");
    }
    AbsVal base = eval(*a.value);
    if (base.is(AbsVal::Kind::Unknown)) return base;
    static const char* tensorAttrs[] = {"shape", "dtype", "device", "ndim", "T", "mT", "data", "is_cuda"};
    bool tensorAttr = std::any_of(std::begin(tensorAttrs), std::end(tensorAttrs), [&](const char* n) { return a.attr == n; });
    int t = tensorAttr ? asTensor(base) : (base.is(AbsVal::Kind::Tensor) ? base.index : -1);
    if (t < 0) return AbsVal::unknown("`" + unparseShort(a) + "`");
    int cls = m_st.tensor(t).shape;
    if (a.attr == "shape") {
        AbsVal v;
        v.kind = AbsVal::Kind::Shape;
        v.index = t;
        return v;
    }
    if (a.attr == "dtype") {
        AbsVal v;
        v.kind = AbsVal::Kind::Dtype;
        v.index = t;
        return v;
    }
    if (a.attr == "device") {
        AbsVal v;
        v.kind = AbsVal::Kind::Device;
        return v;
    }
    if (a.attr == "ndim") {
        if (auto r = m_st.rankOf(cls)) return AbsVal::ofTerm(m_st.constant(Value::integer(*r)));
        return AbsVal::ofTerm(m_st.unknown("the rank of `" + m_st.tensor(t).name + "` is not known"));
    }
    if (a.attr == "data") return AbsVal::ofTensor(t);
    if (a.attr == "T" || a.attr == "mT") {
        auto r = m_st.rankOf(cls);
        if (!r) return AbsVal::unknown("the rank of `" + m_st.tensor(t).name + "` is not known");
        if (*r < 2) return AbsVal::ofTensor(t);
        std::vector<int> order;
        for (int i = 0; i < *r; ++i) order.push_back(i);
        if (a.attr == "T") std::reverse(order.begin(), order.end());
        else std::swap(order[static_cast<std::size_t>(*r - 1)], order[static_cast<std::size_t>(*r - 2)]);
        return permute(t, order, a);
    }
    return AbsVal::unknown("`" + unparseShort(a) + "`");
}

int WrapperInterpreter::indexed(const Subscript& s, int src) {
    // x[...]: a view whose shape the index gives; the analysis does not read indexes.
    int r = m_st.newTensor(unparseShort(s, 80), s.span);
    m_st.tensor(r).dtypeLike = src;
    ShapeClass& cls = m_st.shapes[static_cast<std::size_t>(m_st.findShape(m_st.tensor(r).shape))];
    cls.noFlat = true;
    cls.why = "`" + unparseShort(s, 40) + "` is an indexed view, which the analysis does not model";
    return r;
}

AbsVal WrapperInterpreter::evalSubscript(const Subscript& s) {
    AbsVal base = eval(*s.value);
    if (base.is(AbsVal::Kind::Unknown)) return base;
    if (base.is(AbsVal::Kind::Shape) && m_st.rankOf(m_st.tensor(base.index).shape)) {
        int cls = m_st.tensor(base.index).shape;
        std::vector<AbsVal> dims;
        for (int i = 0; i < *m_st.rankOf(cls); ++i) dims.push_back(AbsVal::ofTerm(m_st.dim(cls, i)));
        if (s.indices.size() == 1 && s.indices[0]->is<Slice>() && !s.tupleIndex) base = AbsVal::tuple(std::move(dims));
    }
    if (s.tupleIndex || s.indices.size() != 1) {
        if (int t = asTensor(base); t >= 0) {
            return AbsVal::ofTensor(indexed(s, t));
        }
        return AbsVal::unknown("`" + unparseShort(s) + "`");
    }
    const Expr& index = *s.indices[0];
    if (const auto* sl = index.as<Slice>()) {
        if (!base.is(AbsVal::Kind::Tuple)) {
            if (base.is(AbsVal::Kind::Tensor)) {
                return AbsVal::ofTensor(indexed(s, base.index));
            }
            if (base.is(AbsVal::Kind::Shape))
                return AbsVal::unknown("`" + unparseShort(s) + "`: the rank of `" + m_st.tensor(base.index).name + "` is not known");
            return AbsVal::unknown("`" + unparseShort(s) + "`");
        }
        auto n = static_cast<std::int64_t>(base.items.size());
        auto bound = [&](const Own<Expr>& e, std::int64_t dflt) -> std::optional<std::int64_t> {
            if (!e) return dflt;
            auto v = intArg(eval(*e));
            if (!v) return std::nullopt;
            std::int64_t x = *v < 0 ? *v + n : *v;
            return std::clamp<std::int64_t>(x, 0, n);
        };
        auto lo = bound(sl->lower, 0), hi = bound(sl->upper, n);
        if (sl->step || !lo || !hi) return AbsVal::unknown("`" + unparseShort(s) + "`");
        std::vector<AbsVal> items;
        for (std::int64_t i = *lo; i < *hi; ++i) items.push_back(base.items[static_cast<std::size_t>(i)]);
        return AbsVal::tuple(std::move(items));
    }
    AbsVal iv = eval(index);
    if (base.is(AbsVal::Kind::Meta)) {
        TermId k = asTerm(iv);
        auto key = k != kNone ? m_st.constValue(k) : std::nullopt;
        if (key && key->isString()) return AbsVal::ofTerm(m_st.meta(key->asString()));
        return AbsVal::unknown("a meta-parameter that is not named by a string");
    }
    auto k = intArg(iv);
    if (base.is(AbsVal::Kind::Shape)) {
        if (!k) {
            promoteInt(asTerm(iv));
            return AbsVal::ofTerm(m_st.unknown("`" + unparseShort(s) + "`: the index is not known"));
        }
        return AbsVal::ofTerm(m_st.dim(m_st.tensor(base.index).shape, static_cast<int>(*k)));
    }
    if (base.is(AbsVal::Kind::Tuple)) {
        auto n = static_cast<std::int64_t>(base.items.size());
        if (k && *k >= -n && *k < n) return base.items[static_cast<std::size_t>(*k < 0 ? *k + n : *k)];
        return AbsVal::unknown("`" + unparseShort(s) + "`");
    }
    if (int t = base.is(AbsVal::Kind::Tensor) ? base.index : -1; t >= 0) {
        return AbsVal::ofTensor(indexed(s, t));
    }
    return AbsVal::unknown("`" + unparseShort(s) + "`");
}

AbsVal WrapperInterpreter::evalBinary(const BinOp& b) {
    AbsVal l = eval(*b.left), r = eval(*b.right);
    auto asTuple = [&](AbsVal& v) {
        if (!v.is(AbsVal::Kind::Shape)) return;
        int cls = m_st.tensor(v.index).shape;
        auto rank = m_st.rankOf(cls);
        if (!rank) return;
        std::vector<AbsVal> dims;
        for (int i = 0; i < *rank; ++i) dims.push_back(AbsVal::ofTerm(m_st.dim(cls, i)));
        v = AbsVal::tuple(std::move(dims));
    };
    asTuple(l);
    asTuple(r);
    if (b.op == BinOpKind::Add && l.is(AbsVal::Kind::Tuple) && r.is(AbsVal::Kind::Tuple)) {
        std::vector<AbsVal> items = l.items;
        items.insert(items.end(), r.items.begin(), r.items.end());
        return AbsVal::tuple(std::move(items));
    }
    if (b.op == BinOpKind::Mult && l.is(AbsVal::Kind::Tuple)) {
        auto n = intArg(r);
        if (n && *n >= 0 && *n <= 64) {
            std::vector<AbsVal> items;
            for (std::int64_t i = 0; i < *n; ++i) items.insert(items.end(), l.items.begin(), l.items.end());
            return AbsVal::tuple(std::move(items));
        }
    }
    if (l.is(AbsVal::Kind::Tensor) || r.is(AbsVal::Kind::Tensor)) return elementwise(b, l, r);
    TermId a = asTerm(l), c = asTerm(r);
    if (a == kNone || c == kNone) return AbsVal::unknown("`" + unparseShort(b) + "`");
    return AbsVal::ofTerm(m_st.binary(b.op, a, c));
}

AbsVal WrapperInterpreter::elementwise(const BinOp& b, const AbsVal& l, const AbsVal& r) {
    // A tensor with a number, or with a tensor of the same shape: a new tensor of that shape.
    // torch keeps the layout of a dense input, so it is contiguous when the input is.
    static const BinOpKind ops[] = {BinOpKind::Add, BinOpKind::Sub, BinOpKind::Mult, BinOpKind::Div};
    if (std::find(std::begin(ops), std::end(ops), b.op) == std::end(ops))
        return AbsVal::unknown("`" + unparseShort(b) + "`: an operation on tensors the analysis does not model");
    int x = l.is(AbsVal::Kind::Tensor) ? l.index : -1, y = r.is(AbsVal::Kind::Tensor) ? r.index : -1;
    const AbsVal& other = x >= 0 ? r : l;
    int src = x >= 0 ? x : y;
    if (x >= 0 && y >= 0 && m_st.findShape(m_st.tensor(x).shape) != m_st.findShape(m_st.tensor(y).shape))
        return AbsVal::unknown("`" + unparseShort(b) + "`: tensors that may broadcast");
    if (!(x >= 0 && y >= 0) && !other.is(AbsVal::Kind::Term))
        return AbsVal::unknown("`" + unparseShort(b) + "`: an operation on tensors the analysis does not model");
    bool contiguous = m_st.tensor(src).contiguous && (x < 0 || y < 0 || m_st.tensor(x == src ? y : x).contiguous);
    int t = m_st.newTensor(unparseShort(b, 80), b.span, m_st.tensor(src).shape);
    if (contiguous) m_st.makeContiguous(t);
    // The dtype stays the tensor's for + - * with an int (bool) number or a tensor of that dtype.
    bool keepsDtype = b.op != BinOpKind::Div && (other.is(AbsVal::Kind::Tensor) ? false : termType(m_st, other.term) == TermType::Int);
    if (keepsDtype) m_st.tensor(t).dtypeLike = src;
    return AbsVal::ofTensor(t);
}

AbsVal WrapperInterpreter::evalCompare(const Compare& c) {
    AbsVal left = eval(*c.left);
    std::vector<TermId> parts;
    for (std::size_t i = 0; i < c.ops.size(); ++i) {
        AbsVal right = eval(*c.comparators[i]);
        AbsVal r = evalComparePair(left, c.ops[i], right);
        if (!r.is(AbsVal::Kind::Term)) return r;
        parts.push_back(r.term);
        left = std::move(right);
    }
    if (parts.size() == 1) return AbsVal::ofTerm(parts[0]);
    return AbsVal::ofTerm(m_st.boolOp(BoolOpKind::And, std::move(parts)));
}

AbsVal WrapperInterpreter::evalComparePair(const AbsVal& a, CmpOpKind op, const AbsVal& b) {
    auto isNone = [this](const AbsVal& v) {
        if (!v.is(AbsVal::Kind::Term)) return false;
        auto c = m_st.constValue(v.term);
        return c && c->isNone();
    };
    if ((op == CmpOpKind::Is || op == CmpOpKind::IsNot) && (isNone(a) || isNone(b))) {
        const AbsVal& other = isNone(a) ? b : a;
        bool isNot = op == CmpOpKind::IsNot;
        if (other.is(AbsVal::Kind::Tensor)) {
            if (m_st.tensor(other.index).optional)
                return AbsVal::ofTerm(m_st.unknown("whether " + m_st.tensor(other.index).name + " is given"));
            return AbsVal::ofTerm(m_st.constant(Value::boolean(isNot)));
        }
        if (other.is(AbsVal::Kind::Param)) return AbsVal::ofTerm(m_st.unknown("whether " + other.text + " is None"));
        if (!other.is(AbsVal::Kind::Term)) return AbsVal::ofTerm(m_st.constant(Value::boolean(isNot)));
    }
    if (a.is(AbsVal::Kind::Dtype) && b.is(AbsVal::Kind::Dtype) &&
        (op == CmpOpKind::Eq || op == CmpOpKind::NotEq || op == CmpOpKind::Is || op == CmpOpKind::IsNot)) {
        auto name = [this](const AbsVal& v) -> std::optional<std::string> {
            if (v.index < 0) return v.text;
            return m_st.tensor(v.index).dtype;
        };
        auto x = name(a), y = name(b);
        bool eq = op == CmpOpKind::Eq || op == CmpOpKind::Is;
        if (x && y) return AbsVal::ofTerm(m_st.constant(Value::boolean((*x == *y) == eq)));
        return AbsVal::ofTerm(m_st.unknown("a dtype that is not known"));
    }
    if (a.is(AbsVal::Kind::Shape) && b.is(AbsVal::Kind::Shape) && (op == CmpOpKind::Eq || op == CmpOpKind::NotEq)) {
        if (m_st.findShape(m_st.tensor(a.index).shape) == m_st.findShape(m_st.tensor(b.index).shape))
            return AbsVal::ofTerm(m_st.constant(Value::boolean(op == CmpOpKind::Eq)));
        return AbsVal::ofTerm(m_st.unknown("whether two shapes agree"));
    }
    TermId x = asTerm(a), y = asTerm(b);
    if (x == kNone || y == kNone) return AbsVal::ofTerm(m_st.unknown("a comparison of values that are not numbers"));
    return AbsVal::ofTerm(m_st.compare(op, x, y));
}

AbsVal WrapperInterpreter::evalIfExp(const IfExp& e) {
    if (auto c = decide(*e.test)) return eval(*c ? *e.body : *e.orelse);
    TermId test = asTerm(eval(*e.test));
    AbsVal a = eval(*e.body), b = eval(*e.orelse);
    TermId ta = kNone, tb = kNone;
    if (scalarPair(a, b)) {
        ta = asTerm(a);
        tb = asTerm(b);
    }
    if (ta != kNone && tb != kNone) {
        if (test == kNone) test = m_st.unknown("`" + unparseShort(*e.test) + "`");
        return AbsVal::ofTerm(m_st.ifExp(test, ta, tb));
    }
    AbsVal v;
    v.kind = AbsVal::Kind::Choice;
    v.term = test;
    v.items = {a, b};
    // `bias if bias is not None else weight`: the branch where the optional value is given.
    v.index = 0;
    const Expr* t = e.test.get();
    bool negated = false;
    while (const auto* u = t->as<UnaryOp>()) {
        if (u->op != UnaryOpKind::Not) break;
        negated = !negated;
        t = u->operand.get();
    }
    if (const auto* c = t->as<Compare>(); c && c->ops.size() == 1 && isNoneConstant(c->comparators[0].get()))
        negated = negated != (c->ops[0] == CmpOpKind::Is);
    v.index = negated ? 1 : 0;
    return v;
}

AbsVal WrapperInterpreter::callFunction(const AbsVal& fn, const std::vector<AbsVal>& args,
                                        const std::vector<std::pair<std::string, AbsVal>>& keywords) {
    if (m_depth >= kMaxCallDepth) return AbsVal::unknown("calls nested too deeply");
    const Parameters* params = fn.lambda ? &fn.lambda->params : fn.def ? &fn.def->params : nullptr;
    if (!params) return AbsVal::unknown("a call of a value that is not a function");
    // A local function or lambda sees the variables of the wrapper as they are when it is
    // called (Python closures bind late); a module-level function sees only the module.
    bool local = fn.lambda || !m_info.function(fn.def->name) || m_info.function(fn.def->name)->def != fn.def;
    Env env = local ? m_env : Env{};
    WrapperInterpreter child(m_st, m_module, m_info, env);
    child.m_depth = m_depth + 1;
    child.m_speculative = m_speculative;
    if (local) child.m_params = m_params;
    std::size_t next = 0;
    for (const Param& p : params->params) {
        child.m_env.erase(p.name);
        if (p.kind == ParamKind::VarArgs || p.kind == ParamKind::VarKeywords) {
            child.m_env[p.name] = AbsVal::unknown("*" + p.name);
            continue;
        }
        std::optional<AbsVal> v;
        if (p.kind != ParamKind::KeywordOnly && next < args.size()) v = args[next++];
        for (const auto& [k, kv] : keywords)
            if (k == p.name) v = kv;
        if (!v && p.defaultValue) v = child.eval(*p.defaultValue);
        child.m_env[p.name] = v ? *v : AbsVal::unknown("the argument " + p.name + " is missing");
    }
    if (fn.lambda) return child.eval(*fn.lambda->body);
    child.m_inHelper = true;
    child.execBody(fn.def->body);
    AbsVal result = child.m_return ? *child.m_return : AbsVal::ofTerm(m_st.constant(Value()));
    for (auto it = child.m_conditionalReturns.rbegin(); it != child.m_conditionalReturns.rend(); ++it) {
        TermId a = asTerm(it->second), b = asTerm(result);
        if (sameValue(it->second, result)) continue;
        if (a != kNone && b != kNone) result = AbsVal::ofTerm(m_st.ifExp(it->first, a, b));
        else result = AbsVal::unknown("a helper that returns different kinds of values");
    }
    return result;
}

} // namespace tlift::frontend::py::detail
