// Launch sites: `kernel[grid](...)` in plain functions, methods and module-level code.
#include "analysis_context.h"
#include "tlift/frontend/python/ast_walk.h"

namespace tlift::frontend::py::detail {

namespace {

bool before(const util::SourceSpan& a, const util::SourceSpan& b) {
    return a.line < b.line || (a.line == b.line && a.col < b.col);
}

bool bindsName(const Stmt& s, std::string_view name) {
    if (const auto* a = s.as<Assign>()) {
        for (const auto& t : a->targets)
            if (const auto* n = t->as<Name>(); n && n->id == name) return true;
    } else if (const auto* a = s.as<AnnAssign>()) {
        if (const auto* n = a->target->as<Name>(); n && n->id == name && a->value) return true;
    } else if (const auto* f = s.as<FunctionDef>()) {
        return f->name == name;
    }
    return false;
}

void lastBindingIn(const Stmt& s, std::string_view name, const util::SourceSpan& limit, const Stmt*& found) {
    if (!before(s.span, limit)) return;
    if (bindsName(s, name)) {
        found = &s;
        return;
    }
    if (s.is<FunctionDef>() || s.is<ClassDef>()) return; // their names are their own scope
    forEachChild(
        s, [](const Expr&) {}, [&](const Stmt& inner) { lastBindingIn(inner, name, limit, found); });
}

// The last statement of `body` (or of the blocks inside it, not of nested functions) that binds
// `name` and starts before `limit`.
const Stmt* lastBinding(const Body& body, std::string_view name, const util::SourceSpan& limit) {
    const Stmt* found = nullptr;
    for (const auto& s : body) lastBindingIn(*s, name, limit, found);
    return found;
}

class LaunchFinder : public AstVisitor {
public:
    explicit LaunchFinder(AnalysisContext& ctx) : m_ctx(ctx) {}

    void scanModule() {
        m_enclosing = nullptr;
        m_enclosingName.clear();
        scanBody(m_ctx.module.body, "");
    }

    bool visitStmt(const Stmt& s) override {
        if (const auto* f = s.as<FunctionDef>()) {
            scanFunction(*f, qualify(f->name));
            return false;
        }
        if (const auto* c = s.as<ClassDef>()) {
            std::string saved = m_prefix;
            m_prefix = qualify(c->name);
            for (const auto& inner : c->body) walk(*inner, *this);
            m_prefix = saved;
            return false;
        }
        return true;
    }

    bool visitExpr(const Expr& e) override {
        if (const auto* c = e.as<Call>()) record(*c);
        return true;
    }

private:
    std::string qualify(const std::string& name) const { return m_prefix.empty() ? name : m_prefix + "." + name; }

    void scanBody(const Body& body, const std::string& prefix) {
        std::string saved = m_prefix;
        m_prefix = prefix;
        for (const auto& s : body) walk(*s, *this);
        m_prefix = saved;
    }

    void scanFunction(const FunctionDef& f, const std::string& qualified) {
        const FunctionInfo* info = m_ctx.info.function(f.name);
        if (info && info->def == &f && info->isJit()) return; // kernels launch nothing
        const FunctionDef* savedFn = m_enclosing;
        std::string savedName = m_enclosingName;
        m_enclosing = &f;
        m_enclosingName = qualified;
        for (const auto& d : f.decorators) walk(*d, *this);
        scanBody(f.body, qualified);
        m_enclosing = savedFn;
        m_enclosingName = savedName;
    }

    void record(const Call& call);
    void resolveGrid(LaunchSite& site) const;

    AnalysisContext& m_ctx;
    const FunctionDef* m_enclosing = nullptr;
    std::string m_enclosingName;
    std::string m_prefix;
};

GridKind gridKindOf(const Expr& e) {
    switch (e.kind) {
    case ExprKind::Tuple:
    case ExprKind::List: return GridKind::Tuple;
    case ExprKind::Lambda: return GridKind::Lambda;
    case ExprKind::Name: return GridKind::Name;
    case ExprKind::Call: return GridKind::Call;
    default: return GridKind::Other;
    }
}

void LaunchFinder::record(const Call& call) {
    const auto* sub = call.func->as<Subscript>();
    const auto* kernel = sub ? sub->value->as<Name>() : nullptr;
    if (!kernel) return;
    const FunctionInfo* fn = m_ctx.info.jitFunction(kernel->id);
    if (!fn) return;
    LaunchSite site;
    site.kernelName = kernel->id;
    site.functionIndex = static_cast<std::size_t>(fn - m_ctx.info.functions.data());
    site.call = &call;
    // `k[a, b]` passes the tuple (a, b): the grid is then the subscript with its indices.
    site.grid = sub->tupleIndex || sub->indices.size() != 1 ? static_cast<const Expr*>(sub) : sub->indices[0].get();
    site.gridKind = sub->tupleIndex ? GridKind::Tuple : gridKindOf(*site.grid);
    for (const auto& a : call.args) site.args.push_back(a.get());
    for (const Keyword& k : call.keywords) {
        bool param = !k.isDoubleStar() && fn->def->params.find(k.name) != nullptr;
        site.keywords.push_back(LaunchKeyword{k.name, k.value.get(), param});
    }
    site.enclosing = m_enclosing;
    site.enclosingName = m_enclosingName;
    site.span = call.span;
    if (site.gridKind == GridKind::Name) resolveGrid(site);
    m_ctx.info.launches.push_back(std::move(site));
}

void LaunchFinder::resolveGrid(LaunchSite& site) const {
    const std::string& name = site.grid->cast<Name>().id;
    if (m_enclosing) {
        site.gridBinding = lastBinding(m_enclosing->body, name, site.span);
        if (!site.gridBinding && m_enclosing->params.find(name)) {
            site.gridIsParameter = true;
            return;
        }
    }
    if (!site.gridBinding) site.gridBinding = lastBinding(m_ctx.module.body, name, site.span);
    if (!site.gridBinding && !m_enclosing) return;
    if (!site.gridBinding) {
        // Bound at module level after the function (still visible when the function runs).
        auto it = m_ctx.moduleBindings.find(name);
        if (it != m_ctx.moduleBindings.end()) site.gridBinding = it->second;
    }
    if (!site.gridBinding) return;
    if (const auto* a = site.gridBinding->as<Assign>()) site.gridValue = a->value.get();
    else if (const auto* a = site.gridBinding->as<AnnAssign>()) site.gridValue = a->value.get();
}

} // namespace

void findLaunches(AnalysisContext& ctx) {
    LaunchFinder finder(ctx);
    finder.scanModule();
}

} // namespace tlift::frontend::py::detail
