// Which parameters of a JIT function it dereferences. A small type inference over the kernel's
// names: the address of a load / store / atomic / block pointer is a pointer; in `a + b` that is
// a pointer, the operand that is an integer (a product, an arange, a program id, a name bound to
// such) leaves the other as the pointer; names bound to a pointer expression pass it on.
#include "tlift/frontend/python/launch_facts.h"

#include "tlift/frontend/python/ast_walk.h"

#include <map>
#include <set>

namespace tlift::frontend::py {

namespace {

constexpr int kMaxHelperDepth = 3;
constexpr int kMaxDepth = 64;

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

class PointerTyper : public AstVisitor {
public:
    PointerTyper(const ModuleInfo& info, const FunctionInfo& fn, int depth) : m_info(info), m_fn(fn), m_depth(depth) {}

    std::vector<std::string> run() {
        for (const auto& s : m_fn.def->body) walk(*s, *this);
        for (const Expr* a : m_addresses) markPtr(*a, 0);
        // Sums whose pointer operand could not be told yet: retry while something is learned.
        for (int round = 0; round < 16 && !m_pending.empty(); ++round) {
            std::vector<const BinOp*> pending;
            pending.swap(m_pending);
            std::size_t before = m_ptr.size();
            for (const BinOp* b : pending) markPtr(*b, 0);
            if (m_ptr.size() == before) break;
        }
        std::vector<std::string> out;
        for (const JitParam& p : m_fn.params)
            if (m_ptr.count(p.name)) out.push_back(p.name);
        return out;
    }

    bool visitStmt(const Stmt& s) override {
        if (const auto* a = s.as<Assign>()) {
            for (const auto& t : a->targets) define(*t, a->value.get());
        } else if (const auto* a = s.as<AugAssign>()) {
            if (const auto* n = a->target->as<Name>()) m_defs[n->id].push_back(nullptr);
        } else if (const auto* a = s.as<AnnAssign>()) {
            if (a->value) define(*a->target, a->value.get());
        } else if (const auto* f = s.as<For>()) {
            if (const auto* n = f->target->as<Name>()) m_nonPtr.insert(n->id);
        } else if (s.is<FunctionDef>() || s.is<ClassDef>()) {
            return false;
        }
        return true;
    }

    bool visitExpr(const Expr& e) override {
        if (const auto* c = e.as<Call>()) onCall(*c);
        else if (const auto* a = e.as<Attribute>()) {
            // p.dtype.element_ty / p.type.element_ty
            if (a->attr == "element_ty")
                if (const auto* inner = a->value->as<Attribute>(); inner && (inner->attr == "dtype" || inner->attr == "type"))
                    m_addresses.push_back(inner->value.get());
        } else if (const auto* b = e.as<BinOp>()) {
            if (b->op != BinOpKind::Add && b->op != BinOpKind::Sub) {
                noteInteger(*b->left);
                noteInteger(*b->right);
            }
        } else if (const auto* c = e.as<Compare>()) {
            noteInteger(*c->left);
            for (const auto& x : c->comparators) noteInteger(*x);
        }
        return true;
    }

private:
    void define(const Expr& target, const Expr* value) {
        if (const auto* n = target.as<Name>()) {
            m_defs[n->id].push_back(value);
            return;
        }
        const auto* t = target.as<Tuple>();
        const auto* v = value ? value->as<Tuple>() : nullptr;
        if (t && v && t->elts.size() == v->elts.size())
            for (std::size_t i = 0; i < t->elts.size(); ++i) define(*t->elts[i], v->elts[i].get());
        else if (t)
            for (const auto& x : t->elts) define(*x, nullptr);
    }

    void noteInteger(const Expr& e) {
        if (const auto* n = e.as<Name>()) m_nonPtr.insert(n->id);
    }

    void onCall(const Call& c) {
        std::optional<std::string> q = m_info.qualifiedName(*c.func);
        auto arg = [&](std::size_t i, const char* kw) -> const Expr* {
            if (kw)
                if (const Expr* k = c.keyword(kw)) return k;
            return i < c.args.size() && !c.args[i]->is<Starred>() ? c.args[i].get() : nullptr;
        };
        if (q) {
            const std::string tl = "triton.language.";
            if (*q == tl + "load" || *q == tl + "store" || startsWith(*q, tl + "atomic_")) {
                if (const Expr* a = arg(0, "pointer")) m_addresses.push_back(a);
            } else if (*q == tl + "make_block_ptr" || *q == tl + "make_tensor_descriptor" ||
                       startsWith(*q, tl + "experimental_descriptor") || startsWith(*q, tl + "_experimental_make_tensor_descriptor")) {
                if (const Expr* a = arg(0, "base")) m_addresses.push_back(a);
            } else if (*q == tl + "arange" || *q == tl + "program_id" || *q == tl + "num_programs") {
                for (const auto& a : c.args) noteInteger(*a);
            }
            return;
        }
        // A JIT helper: its dereferenced parameters make the matching arguments addresses.
        const auto* name = c.func->as<Name>();
        if (!name || m_depth >= kMaxHelperDepth) return;
        const FunctionInfo* helper = m_info.jitFunction(name->id);
        if (!helper || helper == &m_fn) return;
        std::vector<std::string> ptrs = PointerTyper(m_info, *helper, m_depth + 1).run();
        for (const std::string& p : ptrs) {
            const JitParam* jp = helper->param(p);
            std::size_t idx = static_cast<std::size_t>(jp - helper->params.data());
            if (const Expr* a = arg(idx, p.c_str())) m_addresses.push_back(a);
        }
    }

    bool isInteger(const Expr& e) {
        std::set<std::string> seen;
        return isInteger(e, 0, seen);
    }

    // Every condition here is a conjunction, so a name met again in one query can count as
    // an integer: if it is not, the query has already failed.
    bool isInteger(const Expr& e, int depth, std::set<std::string>& seen) {
        if (depth > kMaxDepth) return false;
        switch (e.kind) {
        case ExprKind::Constant: return true;
        case ExprKind::Name: {
            const std::string& id = e.cast<Name>().id;
            if (m_ptr.count(id)) return false;
            if (m_nonPtr.count(id)) return true;
            auto it = m_defs.find(id);
            if (it == m_defs.end() || m_fn.param(id)) return false;
            if (!seen.insert(id).second) return true;
            for (const Expr* d : it->second)
                if (!d || !isInteger(*d, depth + 1, seen)) return false;
            return true;
        }
        case ExprKind::BinOp: {
            const auto& b = e.cast<BinOp>();
            if (b.op != BinOpKind::Add && b.op != BinOpKind::Sub) return true;
            return isInteger(*b.left, depth + 1, seen) && isInteger(*b.right, depth + 1, seen);
        }
        case ExprKind::Compare:
        case ExprKind::BoolOp:
        case ExprKind::UnaryOp: return true;
        case ExprKind::Subscript: return isInteger(*e.cast<Subscript>().value, depth + 1, seen);
        case ExprKind::Call: {
            const auto& c = e.cast<Call>();
            auto q = m_info.qualifiedName(*c.func);
            if (!q) return false;
            const std::string tl = "triton.language.";
            static const char* passThrough[] = {"broadcast_to", "reshape", "view", "expand_dims", "where", "advance",
                                                "multiple_of", "max_contiguous", "max_constancy", "make_block_ptr"};
            for (const char* p : passThrough)
                if (*q == tl + p) return false;
            return startsWith(*q, tl) && *q != tl + "load";
        }
        default: return false;
        }
    }

    void markPtr(const Expr& e, int depth) {
        if (depth > kMaxDepth) return;
        switch (e.kind) {
        case ExprKind::Name: {
            const std::string& id = e.cast<Name>().id;
            if (!m_ptr.insert(id).second) return;
            if (auto it = m_defs.find(id); it != m_defs.end())
                for (const Expr* d : it->second)
                    if (d) markPtr(*d, depth + 1);
            return;
        }
        case ExprKind::BinOp: {
            const auto& b = e.cast<BinOp>();
            if (b.op == BinOpKind::Sub) return markPtr(*b.left, depth + 1);
            if (b.op != BinOpKind::Add) return;
            bool li = isInteger(*b.left), ri = isInteger(*b.right);
            if (li && !ri) markPtr(*b.right, depth + 1);
            else if (ri && !li) markPtr(*b.left, depth + 1);
            else if (!li && !ri) m_pending.push_back(&b);
            return;
        }
        case ExprKind::Subscript: return markPtr(*e.cast<Subscript>().value, depth + 1);
        case ExprKind::IfExp:
            markPtr(*e.cast<IfExp>().body, depth + 1);
            markPtr(*e.cast<IfExp>().orelse, depth + 1);
            return;
        case ExprKind::Call: {
            const auto& c = e.cast<Call>();
            if (const auto* a = c.func->as<Attribute>(); a && a->attr == "to" && !m_info.qualifiedName(*c.func))
                return markPtr(*a->value, depth + 1);
            auto q = m_info.qualifiedName(*c.func);
            if (!q || c.args.empty()) return;
            const std::string tl = "triton.language.";
            if (*q == tl + "where" && c.args.size() == 3) {
                markPtr(*c.args[1], depth + 1);
                markPtr(*c.args[2], depth + 1);
            } else if (*q == tl + "broadcast_to" || *q == tl + "reshape" || *q == tl + "view" || *q == tl + "expand_dims" ||
                       *q == tl + "advance" || *q == tl + "multiple_of" || *q == tl + "max_contiguous" || *q == tl + "max_constancy") {
                markPtr(*c.args[0], depth + 1);
            }
            return;
        }
        default: return;
        }
    }

    const ModuleInfo& m_info;
    const FunctionInfo& m_fn;
    int m_depth;
    std::map<std::string, std::vector<const Expr*>> m_defs;
    std::set<std::string> m_ptr, m_nonPtr;
    std::vector<const Expr*> m_addresses;
    std::vector<const BinOp*> m_pending;
};

} // namespace

std::vector<std::string> dereferencedParams(const ModuleInfo& info, const FunctionInfo& kernel) {
    if (!kernel.def || !kernel.isJit()) return {};
    return PointerTyper(info, kernel, 0).run();
}

} // namespace tlift::frontend::py
