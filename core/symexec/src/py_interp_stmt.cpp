#include "py_interp.h"

#include "tlift/frontend/python/ast_walk.h"
#include "tlift/ir/printer.h"

#include <cmath>
#include <set>

namespace tlift::symexec::pyexec {

using ir::DType;
using ir::Expr;

namespace {

bool truthy(const PyVal& v) {
    switch (v.k) {
    case PyVal::K::None: return false;
    case PyVal::K::Bool: return v.b;
    case PyVal::K::Int: return v.i != 0;
    case PyVal::K::Float: return v.f != 0;
    case PyVal::K::Str: return !v.s.empty();
    case PyVal::K::Tuple: return !v.elts.empty();
    default: return true;
    }
}

bool sameValue(const PyVal& a, const PyVal& b) {
    if (a.k != b.k) return false;
    switch (a.k) {
    case PyVal::K::Block:
        return a.block.value == b.block.value && a.block.shape == b.block.shape && a.block.buffer == b.block.buffer &&
               a.block.dtype == b.block.dtype && a.block.weak == b.block.weak;
    case PyVal::K::None: return true;
    case PyVal::K::Bool: return a.b == b.b;
    case PyVal::K::Int: return a.i == b.i;
    case PyVal::K::Float: return a.f == b.f || (std::isnan(a.f) && std::isnan(b.f));
    case PyVal::K::Str: return a.s == b.s;
    case PyVal::K::DType: return a.dtype == b.dtype;
    case PyVal::K::Tuple:
        if (a.elts.size() != b.elts.size()) return false;
        for (std::size_t i = 0; i < a.elts.size(); ++i)
            if (!sameValue(a.elts[i], b.elts[i])) return false;
        return true;
    case PyVal::K::Func: return a.func == b.func;
    case PyVal::K::Builtin: return a.s == b.s;
    default: return false;
    }
}

// Names a statement list assigns (for loop-carried variables).
void assignedNames(const py::Body& body, std::vector<std::string>& out) {
    struct V : py::AstVisitor {
        std::vector<std::string>& out;
        explicit V(std::vector<std::string>& o) : out(o) {}
        void target(const py::Expr& t) {
            if (auto* n = t.as<py::Name>()) {
                if (std::find(out.begin(), out.end(), n->id) == out.end()) out.push_back(n->id);
            } else if (auto* tu = t.as<py::Tuple>()) {
                for (const auto& e : tu->elts) target(*e);
            } else if (auto* li = t.as<py::List>()) {
                for (const auto& e : li->elts) target(*e);
            } else if (auto* st = t.as<py::Starred>()) {
                target(*st->value);
            }
        }
        bool visitStmt(const py::Stmt& s) override {
            if (auto* a = s.as<py::Assign>())
                for (const auto& t : a->targets) target(*t);
            if (auto* a = s.as<py::AugAssign>()) target(*a->target);
            if (auto* a = s.as<py::AnnAssign>()) target(*a->target);
            if (auto* f = s.as<py::For>()) target(*f->target);
            return !s.is<py::FunctionDef>();
        }
        bool visitExpr(const py::Expr& e) override {
            if (auto* n = e.as<py::NamedExpr>()) target(*n->target);
            return true;
        }
    } v(out);
    for (const auto& s : body) py::walk(*s, v);
}

} // namespace

Flow Interp::execBody(const py::Body& body) {
    Flow f;
    for (const auto& s : body) {
        f = exec(*s);
        if (f.returned || f.broke || f.continued) return f;
    }
    return f;
}

void Interp::assign(const py::Expr& target, const PyVal& v, util::SourceSpan span) {
    if (auto* n = target.as<py::Name>()) {
        frame().locals[n->id] = v;
        m_loopLocalDead.erase(n->id);
        return;
    }
    if (target.is<py::Tuple>() || target.is<py::List>()) {
        const py::ExprList& elts = target.is<py::Tuple>() ? target.cast<py::Tuple>().elts : target.cast<py::List>().elts;
        if (v.isError()) {
            for (const auto& e : elts) assign(*e, v, span);
            return;
        }
        if (v.k != PyVal::K::Tuple) {
            err(span, "type", "cannot unpack " + v.describe() + " into " + std::to_string(elts.size()) + " names");
            for (const auto& e : elts) assign(*e, PyVal::error(), span);
            return;
        }
        if (v.elts.size() != elts.size()) {
            err(span, "type", "cannot unpack " + std::to_string(v.elts.size()) + " values into " + std::to_string(elts.size()) + " names");
            for (const auto& e : elts) assign(*e, PyVal::error(), span);
            return;
        }
        for (std::size_t i = 0; i < elts.size(); ++i) assign(*elts[i], v.elts[i], span);
        return;
    }
    unsupported(target.span, "assignment to '" + sourceText(target) + "'");
}

Flow Interp::exec(const py::Stmt& s) {
    using SK = py::StmtKind;
    switch (s.kind) {
    case SK::Expr: {
        const auto& e = s.cast<py::ExprStmt>();
        if (e.value->is<py::Constant>()) return {}; // docstrings
        eval(*e.value);
        return {};
    }
    case SK::Assign: {
        const auto& a = s.cast<py::Assign>();
        PyVal v = eval(*a.value);
        for (const auto& t : a.targets) {
            assign(*t, v, s.span);
            if (auto* n = t->as<py::Name>()) recordAssign(n->id, v, s.span, sourceText(*a.value));
            else if (auto* tu = t->as<py::Tuple>(); tu && v.k == PyVal::K::Tuple && v.elts.size() == tu->elts.size())
                for (std::size_t i = 0; i < tu->elts.size(); ++i)
                    if (auto* nn = tu->elts[i]->as<py::Name>())
                        recordAssign(nn->id, v.elts[i], s.span, sourceText(*a.value) + "[" + std::to_string(i) + "]");
        }
        return {};
    }
    case SK::AnnAssign: {
        const auto& a = s.cast<py::AnnAssign>();
        if (!a.value) return {};
        PyVal v = eval(*a.value);
        assign(*a.target, v, s.span);
        if (auto* n = a.target->as<py::Name>()) recordAssign(n->id, v, s.span, sourceText(*a.value));
        return {};
    }
    case SK::AugAssign: {
        const auto& a = s.cast<py::AugAssign>();
        auto* n = a.target->as<py::Name>();
        if (!n) {
            unsupported(a.target->span, "augmented assignment to '" + sourceText(*a.target) + "'");
            return {};
        }
        // x op= y is x = x op y.
        PyVal l = evalName(*n);
        PyVal r = eval(*a.value);
        PyVal v;
        if (l.isError() || r.isError()) v = PyVal::error();
        else if (l.isConst() && r.isConst()) {
            auto num = [](const PyVal& x) {
                return x.k == PyVal::K::Int ? py::Value::integer(x.i)
                       : x.k == PyVal::K::Float ? py::Value::real(x.f)
                       : x.k == PyVal::K::Bool ? py::Value::boolean(x.b) : py::Value();
            };
            if (auto res = py::applyBinary(a.op, num(l), num(r))) v = fromConst(*res);
            else v = err(s.span, "type", "invalid augmented assignment");
        } else {
            static const std::pair<py::BinOpKind, BinKind> kinds[] = {
                {py::BinOpKind::Add, BinKind::Add}, {py::BinOpKind::Sub, BinKind::Sub}, {py::BinOpKind::Mult, BinKind::Mul},
                {py::BinOpKind::Div, BinKind::TrueDiv}, {py::BinOpKind::FloorDiv, BinKind::FloorDiv},
                {py::BinOpKind::Mod, BinKind::Mod}, {py::BinOpKind::BitAnd, BinKind::BitAnd},
                {py::BinOpKind::BitOr, BinKind::BitOr}, {py::BinOpKind::BitXor, BinKind::BitXor},
                {py::BinOpKind::LShift, BinKind::Shl}, {py::BinOpKind::RShift, BinKind::Shr},
                {py::BinOpKind::Pow, BinKind::Pow}};
            std::optional<BinKind> k;
            for (auto [pk, bk] : kinds)
                if (pk == a.op) k = bk;
            auto x = toBlock(l, s.span, "the target");
            auto y = toBlock(r, s.span, "the value");
            if (!k) v = unsupported(s.span, "this augmented assignment operator");
            else if (!x || !y) v = PyVal::error();
            else v = check(m_alg.binary(*k, *x, *y), s.span);
        }
        frame().locals[n->id] = v;
        recordAssign(n->id, v, s.span, n->id + " " + py::binOpSymbol(a.op) + "= " + sourceText(*a.value));
        return {};
    }
    case SK::If: return execIf(s.cast<py::If>());
    case SK::For: return execFor(s.cast<py::For>());
    case SK::While: return execWhile(s.cast<py::While>());
    case SK::Pass: return {};
    case SK::Break: {
        Flow f;
        f.broke = true;
        return f;
    }
    case SK::Continue: {
        Flow f;
        f.continued = true;
        return f;
    }
    case SK::Return: {
        const auto& r = s.cast<py::Return>();
        PyVal v = r.value ? eval(*r.value) : PyVal::none();
        Expr cond = m_alg.pathCondition();
        frame().returns.emplace_back(cond, v);
        Flow f;
        f.returned = true;
        return f;
    }
    case SK::Assert: {
        const auto& a = s.cast<py::Assert>();
        PyVal t = eval(*a.test);
        if (t.isConst() && !truthy(t))
            err(s.span, "assert", "assertion fails for these constexpr values: " + sourceText(*a.test));
        return {};
    }
    case SK::FunctionDef: unsupported(s.span, "a function defined inside a kernel"); return {};
    case SK::Import:
    case SK::ImportFrom: return {};
    default: unsupported(s.span, std::string("'") + py::stmtKindName(s.kind) + "' statement in a kernel"); return {};
    }
}

Flow Interp::execIf(const py::If& s) {
    PyVal t = eval(*s.test);
    if (t.isError()) return {};
    if (t.k != PyVal::K::Block) return truthy(t) ? execBody(s.body) : execBody(s.orelse);
    auto cb = toBlock(t, s.test->span, "the condition");
    if (!cb) return {};
    if (!cb->isScalar()) {
        unsupported(s.test->span, "an `if` on a block of shape " + shapeText(cb->shape) + " (use tl.where)");
        return {};
    }
    Block c = *cb;
    if (c.dtype != DType::Bool) {
        auto r = m_alg.binary(BinKind::Ne, c, m_alg.weakInt(0));
        if (!r) return {};
        c = *r;
    }
    Expr cond = c.value;
    Expr notCond = m_alg.tidy(ctx().lnot(cond));
    Scope before = frame().locals;
    std::size_t returnsBefore = frame().returns.size();

    m_alg.pushPath(cond);
    Flow thenFlow = execBody(s.body);
    m_alg.popPath();
    Scope thenLocals = frame().locals;

    frame().locals = before;
    m_alg.pushPath(notCond);
    Flow elseFlow = execBody(s.orelse);
    m_alg.popPath();
    Scope elseLocals = frame().locals;

    if (thenFlow.broke || thenFlow.continued || elseFlow.broke || elseFlow.continued) {
        unsupported(s.span, "break or continue under a runtime condition");
    }
    if (thenFlow.returned && elseFlow.returned) {
        Flow f;
        f.returned = true;
        return f;
    }
    if (thenFlow.returned || elseFlow.returned) {
        // The rest of the function runs only on the path that did not return.
        frame().locals = thenFlow.returned ? elseLocals : thenLocals;
        m_alg.pushPath(thenFlow.returned ? notCond : cond);
        ++m_extraPaths.back();
        (void)returnsBefore;
        return {};
    }
    // Merge the variables of both branches.
    Scope merged = before;
    std::set<std::string> names;
    for (auto& [n, v] : thenLocals) names.insert(n);
    for (auto& [n, v] : elseLocals) names.insert(n);
    for (const std::string& n : names) {
        auto ti = thenLocals.find(n), ei = elseLocals.find(n);
        if (ti == thenLocals.end() || ei == elseLocals.end()) {
            merged.erase(n); // defined on one path only: unusable after the if
            continue;
        }
        const PyVal& a = ti->second;
        const PyVal& b = ei->second;
        if (sameValue(a, b)) {
            merged[n] = a;
            continue;
        }
        if (a.isError() || b.isError()) {
            merged[n] = PyVal::error();
            continue;
        }
        auto x = toBlock(a, s.span, "a merged variable");
        auto y = toBlock(b, s.span, "a merged variable");
        if (!x || !y) {
            merged[n] = PyVal::error();
            continue;
        }
        PyVal m = check(m_alg.where(c, *x, *y), s.span);
        merged[n] = m;
        recordAssign(n, m, s.span, "merge of the branches of `if " + sourceText(*s.test) + "`");
    }
    frame().locals = merged;
    return {};
}

namespace {
bool isRangeCall(const std::optional<std::string>& q, bool& isStatic) {
    if (!q) return false;
    isStatic = *q == "triton.language.static_range";
    return *q == "builtins.range" || *q == "triton.language.range" || isStatic;
}
} // namespace

Flow Interp::execFor(const py::For& s) {
    if (!s.orelse.empty()) unsupported(s.span, "for ... else");
    const py::Call* call = s.iter->as<py::Call>();
    std::optional<std::string> q;
    if (call) {
        PyVal f = eval(*call->func);
        if (f.k == PyVal::K::Builtin) q = f.s;
    }
    bool isStatic = false;
    if (!call || !isRangeCall(q, isStatic)) {
        // A loop over a constexpr tuple unrolls.
        PyVal it = eval(*s.iter);
        if (it.k == PyVal::K::Tuple) {
            for (const PyVal& v : it.elts) {
                assign(*s.target, v, s.span);
                Flow f = execBody(s.body);
                if (f.returned) return f;
                if (f.broke) break;
            }
            return {};
        }
        if (!it.isError()) unsupported(s.iter->span, "a for loop over " + it.describe() + " (use range or tl.range)");
        return {};
    }
    std::vector<PyVal> args;
    for (const auto& a : call->args) args.push_back(eval(*a));
    if (args.empty() || args.size() > 3) {
        err(call->span, "call", "range takes 1 to 3 arguments");
        return {};
    }
    for (const PyVal& a : args)
        if (a.isError()) return {};
    PyVal lo = args.size() >= 2 ? args[0] : PyVal::integer(0);
    PyVal hi = args.size() >= 2 ? args[1] : args[0];
    PyVal step = args.size() == 3 ? args[2] : PyVal::integer(1);
    bool allConst = lo.k == PyVal::K::Int && hi.k == PyVal::K::Int && step.k == PyVal::K::Int;
    if (allConst && step.i == 0) {
        err(call->span, "call", "range step must not be zero");
        return {};
    }
    std::int64_t count = 0;
    if (allConst) count = step.i > 0 ? std::max<std::int64_t>(0, (hi.i - lo.i + step.i - 1) / step.i)
                                     : std::max<std::int64_t>(0, (lo.i - hi.i - step.i - 1) / -step.i);
    if (isStatic && !allConst) {
        err(call->span, "constexpr", "tl.static_range needs compile-time bounds");
        return {};
    }
    if (allConst && (isStatic || count <= m_opts.maxUnroll)) {
        for (std::int64_t k = 0; k < count; ++k) {
            assign(*s.target, PyVal::integer(lo.i + k * step.i), s.span);
            Flow f = execBody(s.body);
            if (f.returned) return f;
            if (f.broke) break;
        }
        return {};
    }
    std::array<Expr, 3> range;
    PyVal vals[3] = {lo, hi, step};
    for (int k = 0; k < 3; ++k) {
        auto b = toBlock(vals[k], call->span, "a range bound");
        if (!b) return {};
        Block m = m_alg.materialize(*b, DType::I32);
        if (!m.isScalar() || !ir::isInteger(m.dtype)) {
            err(call->span, "type", "range bounds must be integer scalars");
            return {};
        }
        range[static_cast<std::size_t>(k)] = m.dtype == DType::I32 ? m.value : ctx().cast(m.value, DType::I32);
    }
    if (range[2].op() == ir::Op::Const && range[2].intValue() <= 0) {
        unsupported(call->span, "a loop with a negative step and symbolic bounds");
        return {};
    }
    execSymbolicLoop(s, s.body, s.target.get(), range, nullptr);
    return {};
}

Flow Interp::execWhile(const py::While& s) {
    if (!s.orelse.empty()) unsupported(s.span, "while ... else");
    PyVal t = eval(*s.test);
    if (t.isError()) return {};
    if (t.k != PyVal::K::Block) {
        // A compile-time while loop: run it (bounded).
        for (int guard = 0; truthy(t); ++guard) {
            if (guard > 4096) {
                unsupported(s.span, "a compile-time while loop with more than 4096 iterations");
                return {};
            }
            Flow f = execBody(s.body);
            if (f.returned) return f;
            if (f.broke) break;
            t = eval(*s.test);
            if (t.isError()) return {};
            if (t.k == PyVal::K::Block) {
                unsupported(s.test->span, "a while condition that becomes a runtime value");
                return {};
            }
        }
        return {};
    }
    execSymbolicLoop(s, s.body, nullptr, std::nullopt, s.test.get());
    return {};
}

void Interp::execSymbolicLoop(const py::Stmt& loopStmt, const py::Body& body, const py::Expr* target,
                              std::optional<std::array<Expr, 3>> range, const py::Expr* whileTest) {
    std::vector<std::string> assigned;
    assignedNames(body, assigned);
    std::string counterName;
    if (target) {
        if (auto* n = target->as<py::Name>()) counterName = n->id;
        else {
            unsupported(target->span, "a loop target that is not a name");
            return;
        }
    }
    LoopSpec loop;
    loop.id = static_cast<int>(m_spec.loops.size()) + 1;
    loop.parent = m_loopStack.empty() ? -1 : m_loopStack.back();
    loop.isWhile = whileTest != nullptr;
    loop.span = loopStmt.span;
    loop.guard = m_alg.pathCondition();
    if (range) {
        loop.counter = ctx().freshVar(counterName.empty() ? "it" : counterName);
        loop.lo = (*range)[0];
        loop.hi = (*range)[1];
        loop.step = (*range)[2];
    }
    // Loop-carried variables: assigned in the body and alive before the loop.
    std::vector<std::string> carriedNames;
    for (const std::string& n : assigned) {
        if (n == counterName) continue;
        auto it = frame().locals.find(n);
        if (it == frame().locals.end()) continue;
        PyVal& v = it->second;
        if (v.isError()) continue;
        if (v.k == PyVal::K::Int || v.k == PyVal::K::Float || v.k == PyVal::K::Bool) {
            // A Python number carried through a loop becomes a scalar of its natural type.
            auto b = toBlock(v, loopStmt.span, "a loop-carried value");
            if (!b) continue;
            v = PyVal::blk(m_alg.materialize(*b));
        }
        if (v.k != PyVal::K::Block) {
            unsupported(loopStmt.span, "loop-carried variable '" + n + "' holding " + v.describe());
            continue;
        }
        carriedNames.push_back(n);
    }
    std::string label = loop.label();
    for (const std::string& n : carriedNames) {
        const Block& init = frame().locals[n].block;
        CarriedVar cv;
        cv.name = n;
        cv.shape = init.shape;
        cv.dtype = init.dtype;
        cv.buffer = init.buffer;
        cv.init = init.value;
        cv.prevFn = n + "@" + label + ".prev";
        cv.finalFn = n + "@" + label;
        Block prev = init;
        prev.weak = false;
        prev.value = carriedApply(cv.prevFn, init);
        frame().locals[n] = PyVal::blk(prev);
        loop.carried.push_back(cv);
    }
    if (range) frame().locals[counterName] = PyVal::blk(Block{{}, DType::I32, loop.counter});
    m_spec.loops.push_back(loop);
    std::size_t loopIndex = m_spec.loops.size() - 1;
    m_loopStack.push_back(loop.id);
    m_alg.setLoopStack(m_loopStack);
    if (whileTest) {
        PyVal t = eval(*whileTest);
        auto b = toBlock(t, whileTest->span, "the while condition");
        if (b && b->isScalar()) {
            Block c = *b;
            if (c.dtype != DType::Bool) c.value = ctx().binary(ir::Op::Ne, c.value, ctx().zero(c.dtype));
            m_spec.loops[loopIndex].whileCond = m_alg.tidy(c.value);
        } else if (b) {
            unsupported(whileTest->span, "a while condition on a block");
        }
        m_alg.pushPath(m_spec.loops[loopIndex].whileCond ? m_spec.loops[loopIndex].whileCond : ctx().trueConst());
    }
    recordStep(StepKind::Loop, counterName, Block{{}, DType::I32, loop.counter ? loop.counter : ctx().intConst(0)},
               loopStmt.span, whileTest ? "while " + sourceText(*whileTest) : "for " + counterName + " in range(...)");
    Flow f = execBody(body);
    if (whileTest) m_alg.popPath();
    if (f.returned || f.broke || f.continued)
        unsupported(loopStmt.span, "return, break or continue inside a loop with symbolic bounds");
    m_loopStack.pop_back();
    m_alg.setLoopStack(m_loopStack);
    LoopSpec& L = m_spec.loops[loopIndex];
    for (CarriedVar& cv : L.carried) {
        PyVal cur = frame().locals[cv.name];
        Block init{cv.shape, cv.dtype, cv.init, cv.buffer};
        if (cur.isError()) {
            cv.update = Expr();
            continue;
        }
        auto b = toBlock(cur, loopStmt.span, "a loop-carried value");
        if (!b) continue;
        Block u = m_alg.materialize(*b, cv.dtype);
        if (u.isPointer() != (cv.buffer >= 0) || (u.isPointer() && u.buffer != cv.buffer)) {
            unsupported(loopStmt.span, "loop-carried variable '" + cv.name + "' changes between pointer and value");
            continue;
        }
        if (u.shape != cv.shape) {
            auto bb = m_alg.broadcastTo(u, cv.shape);
            if (!bb) {
                err(loopStmt.span, "shape", "loop-carried variable '" + cv.name + "' changes shape from " +
                                               shapeText(cv.shape) + " to " + shapeText(u.shape));
                continue;
            }
            u = *bb;
        }
        if (!u.isPointer() && u.dtype != cv.dtype) {
            auto cc = m_alg.cast(u, cv.dtype);
            if (cc) u = *cc;
        }
        Expr upd = u.value;
        if (u.isPointer() && upd.dtype() != cv.init.dtype()) {
            cv.init = ctx().cast(cv.init, DType::I64);
            upd = ctx().cast(upd, DType::I64);
            cv.prevFn += "";
        }
        cv.update = upd;
    }
    // After the loop: carried variables hold their final values; the loop's own names are gone.
    for (const CarriedVar& cv : L.carried) {
        Block fin{cv.shape, cv.dtype, Expr(), cv.buffer};
        Block like{cv.shape, cv.dtype, cv.update ? cv.update : cv.init, cv.buffer};
        fin.value = carriedApply(cv.finalFn, like);
        frame().locals[cv.name] = cv.update ? PyVal::blk(fin) : PyVal::error();
        recordStep(StepKind::Assign, cv.name, fin, loopStmt.span, "value after loop " + label);
    }
    for (const std::string& n : assigned) {
        bool carried = false;
        for (const CarriedVar& cv : L.carried) carried = carried || cv.name == n;
        if (!carried) {
            frame().locals.erase(n);
            m_loopLocalDead.insert(n);
        }
    }
    if (!counterName.empty()) {
        frame().locals.erase(counterName);
        m_loopLocalDead.insert(counterName);
    }
}

PyVal Interp::callJit(const py::FunctionDef& fn, std::vector<PyVal> args, std::vector<std::pair<std::string, PyVal>> kwargs,
                      util::SourceSpan site) {
    if (m_depth > 48) return err(site, "call", "helper calls nest too deeply (recursion?)");
    const py::FunctionInfo* info = m_info.function(fn.name);
    CallFrame fr;
    fr.fn = &fn;
    std::size_t ai = 0;
    for (const py::Param& p : fn.params.params) {
        if (p.kind == py::ParamKind::VarArgs || p.kind == py::ParamKind::VarKeywords)
            return unsupported(p.span, "*args/**kwargs parameters of a JIT function");
        PyVal v;
        bool found = false;
        if (p.kind != py::ParamKind::KeywordOnly && ai < args.size()) {
            v = args[ai++];
            found = true;
        }
        for (auto& [k, kv] : kwargs)
            if (k == p.name) {
                if (found) return err(site, "call", fn.name + "() got two values for '" + p.name + "'");
                v = kv;
                found = true;
            }
        if (!found) {
            if (!p.defaultValue) return err(site, "call", fn.name + "() missing argument '" + p.name + "'");
            CallFrame globalsOnly;
            m_frames.push_back(std::move(globalsOnly));
            v = eval(*p.defaultValue);
            m_frames.pop_back();
        }
        fr.locals[p.name] = v;
    }
    if (ai < args.size()) return err(site, "call", fn.name + "() takes " + std::to_string(ai) + " positional arguments, got " + std::to_string(args.size()));
    for (auto& [k, kv] : kwargs)
        if (!fn.params.find(k)) return err(site, "call", fn.name + "() has no parameter '" + k + "'");
    (void)info;
    ++m_depth;
    m_frames.push_back(std::move(fr));
    m_extraPaths.push_back(0);
    execBody(fn.body);
    CallFrame done = std::move(m_frames.back());
    m_frames.pop_back();
    for (int k = 0; k < m_extraPaths.back(); ++k) m_alg.popPath();
    m_extraPaths.pop_back();
    --m_depth;
    if (done.returns.empty()) return PyVal::none();
    // The last return is taken when no earlier conditional return was.
    PyVal result = done.returns.back().second;
    for (std::size_t k = done.returns.size() - 1; k-- > 0;) {
        const auto& [cond, v] = done.returns[k];
        if (result.isError() || v.isError()) return PyVal::error();
        if (sameValue(result, v)) continue;
        if (result.k == PyVal::K::Tuple && v.k == PyVal::K::Tuple && result.elts.size() == v.elts.size()) {
            PyVal t = result;
            for (std::size_t e = 0; e < t.elts.size(); ++e) {
                auto c = Block{{}, DType::Bool, cond};
                auto x = toBlock(v.elts[e], site, "a returned value");
                auto y = toBlock(result.elts[e], site, "a returned value");
                if (!x || !y) return PyVal::error();
                t.elts[e] = check(m_alg.where(c, *x, *y), site);
            }
            result = t;
            continue;
        }
        auto x = toBlock(v, site, "a returned value");
        auto y = toBlock(result, site, "a returned value");
        if (!x || !y) return PyVal::error();
        result = check(m_alg.where(Block{{}, DType::Bool, cond}, *x, *y), site);
    }
    return result;
}

} // namespace tlift::symexec::pyexec
