#include "tlift/symexec/python_exec.h"

#include "py_interp.h"
#include "tlift/frontend/python/ast_walk.h"
#include "tlift/ir/printer.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

namespace tlift::symexec {

namespace py = frontend::py;
using ir::DType;
using ir::Expr;

namespace pyexec {

PyVal Interp::reduceWithCombine(const std::vector<Block>& inputs, int axis, bool keepDims, const PyVal& combine,
                                bool scan, bool reverse, util::SourceSpan span) {
    if (combine.k != PyVal::K::Func) return unsupported(span, "a combine function that is not a @triton.jit function");
    std::size_t n = inputs.size();
    Shape shape = inputs[0].shape;
    for (const Block& b : inputs)
        if (b.shape != shape) return err(span, "shape", "tl.reduce inputs must have one shape");
    // Run the combine function on placeholders for two partial results.
    std::vector<PyVal> args;
    std::vector<Expr> as, bs;
    for (std::size_t i = 0; i < n; ++i) as.push_back(ctx().sym("a" + std::to_string(i) + "@" + combine.s, m_alg.materialize(inputs[i]).dtype));
    for (std::size_t i = 0; i < n; ++i) bs.push_back(ctx().sym("b" + std::to_string(i) + "@" + combine.s, m_alg.materialize(inputs[i]).dtype));
    for (const Expr& e : as) args.push_back(PyVal::blk(Block{{}, e.dtype(), e}));
    for (const Expr& e : bs) args.push_back(PyVal::blk(Block{{}, e.dtype(), e}));
    PyVal r = callJit(*combine.func, args, {}, span);
    if (r.isError()) return r;
    std::vector<Expr> comb;
    std::vector<PyVal> parts = r.k == PyVal::K::Tuple ? r.elts : std::vector<PyVal>{r};
    if (parts.size() != n) return err(span, "call", "combine function " + combine.s + " returns " + std::to_string(parts.size()) + " values for " + std::to_string(n) + " inputs");
    for (std::size_t i = 0; i < n; ++i) {
        auto b = toBlock(parts[i], span, "a combined value");
        if (!b) return PyVal::error();
        Block m = m_alg.materialize(*b, as[i].dtype());
        if (!m.isScalar()) return err(span, "shape", "the combine function must return scalars");
        if (m.dtype != as[i].dtype()) {
            auto c = m_alg.cast(m, as[i].dtype());
            if (!c) return check(std::move(c), span);
            m = *c;
        }
        comb.push_back(m_alg.tidy(m.value));
    }
    // The common combine functions are plain reductions.
    if (n == 1) {
        Expr a = as[0], b = bs[0], c = comb[0];
        std::optional<ir::ReduceKind> kind;
        auto is = [&](ir::Op op) { return c.op() == op && ((c[0] == a && c[1] == b) || (c[0] == b && c[1] == a)); };
        if (is(ir::Op::Add)) kind = ir::ReduceKind::Sum;
        else if (is(ir::Op::Mul)) kind = ir::ReduceKind::Prod;
        else if (is(ir::Op::Max)) kind = ir::ReduceKind::Max;
        else if (is(ir::Op::Min)) kind = ir::ReduceKind::Min;
        else if (c.op() == ir::Op::Select && c[1] != c[2] &&
                 ((c[1] == a && c[2] == b) || (c[1] == b && c[2] == a)) && ir::isComparison(c[0].op())) {
            Expr x = c[0][0], y = c[0][1];
            ir::Op cmp = c[0].op();
            if (!(x == c[1] && y == c[2])) {
                if (x == c[2] && y == c[1]) cmp = ir::swapComparison(cmp);
                else cmp = ir::Op::Eq;
            }
            if (cmp == ir::Op::Gt || cmp == ir::Op::Ge) kind = ir::ReduceKind::Max;
            if (cmp == ir::Op::Lt || cmp == ir::Op::Le) kind = ir::ReduceKind::Min;
        }
        if (kind) {
            if (scan) return check(m_alg.scan(*kind, inputs[0], axis, reverse), span);
            return check(m_alg.reduce(*kind, inputs[0], axis, keepDims), span);
        }
    }
    // Anything else is a fold, kept opaque (the concrete runner evaluates it).
    int r0 = static_cast<int>(shape.size());
    int ax = axis < 0 ? axis + r0 : axis;
    if (ax < 0 || ax >= r0) return err(span, "shape", "reduction axis out of range for shape " + shapeText(shape));
    FoldSpec f;
    f.id = static_cast<int>(m_spec.folds.size()) + 1;
    f.fnName = combine.s;
    f.a = as;
    f.b = bs;
    f.combine = comb;
    for (const Block& b : inputs) f.inputs.push_back(m_alg.materialize(b).value);
    f.inputShape = shape;
    f.axis = ax;
    f.keepDims = keepDims;
    f.scan = scan;
    f.reverse = reverse;
    f.span = span;
    Shape outShape = shape;
    if (!scan) {
        if (keepDims) outShape[static_cast<std::size_t>(ax)] = 1;
        else outShape.erase(outShape.begin() + ax);
    }
    std::vector<PyVal> outs;
    for (std::size_t i = 0; i < n; ++i) {
        std::string fn = "fold" + std::to_string(f.id) + "." + std::to_string(i);
        f.resultFns.push_back(fn);
        Block like{outShape, as[i].dtype(), Expr()};
        like.value = carriedApply(fn, like);
        outs.push_back(PyVal::blk(like));
        recordStep(StepKind::Reduce, "", like, span, "tl." + std::string(scan ? "associative_scan" : "reduce") + " with " + combine.s);
    }
    m_spec.folds.push_back(std::move(f));
    return PyVal::tuple(std::move(outs));
}

} // namespace pyexec

namespace {

// Which program-id axes the module's JIT code uses.
int pidAxesUsed(const py::Module& m, const py::ModuleInfo& info) {
    struct V : py::AstVisitor {
        const py::ModuleInfo& info;
        int axes = 1;
        explicit V(const py::ModuleInfo& i) : info(i) {}
        bool visitExpr(const py::Expr& e) override {
            auto* c = e.as<py::Call>();
            if (!c) return true;
            auto q = info.qualifiedName(*c->func);
            if (!q || (*q != "triton.language.program_id" && *q != "triton.language.num_programs")) return true;
            const py::Expr* arg = c->args.empty() ? c->keyword("axis") : c->args[0].get();
            auto* k = arg ? arg->as<py::Constant>() : nullptr;
            if (k && k->valueKind == py::ConstantKind::Int && k->intValue >= 0 && k->intValue <= 2)
                axes = std::max(axes, static_cast<int>(k->intValue) + 1);
            else
                axes = 3;
            return true;
        }
    } v(info);
    for (const py::FunctionInfo& f : info.functions)
        if (f.isJit()) py::walk(*f.def, v);
    (void)m;
    return v.axes;
}

bool looksFloat(const std::string& name) {
    static const std::regex re(
        "^(eps|epsilon|.*_eps|alpha|beta|gamma|scale|.*_scale|scale_.*|slope|negative_slope|threshold|lambd|lambda_?|"
        "momentum|temperature|temp|p|dropout_p|sm_scale|softcap|.*_coef|coef.*|weight_decay|lr|inv_.*|rcp_.*|factor|"
        "min_val|max_val|lo|hi|value|fill_value|label_smoothing|smoothing|theta|base)$",
        std::regex::icase);
    return std::regex_match(name, re);
}

bool looksIndexBuffer(const std::string& name) {
    static const std::regex re(".*(idx|index|indices|target|label|ids|token|offsets|seqlen|lengths).*", std::regex::icase);
    return std::regex_match(name, re);
}

// The parameters an expression's value may be a pointer into (additive roots).
class PointerRoots {
public:
    PointerRoots(const py::ModuleInfo& info, const py::FunctionDef& fn) : m_info(info), m_fn(fn) {
        struct Collect : py::AstVisitor {
            std::map<std::string, std::vector<const py::Expr*>>& defs;
            explicit Collect(std::map<std::string, std::vector<const py::Expr*>>& d) : defs(d) {}
            void bind(const py::Expr& t, const py::Expr* v) {
                if (auto* n = t.as<py::Name>()) defs[n->id].push_back(v);
                else if (auto* tu = t.as<py::Tuple>())
                    for (const auto& e : tu->elts) bind(*e, nullptr);
            }
            bool visitStmt(const py::Stmt& s) override {
                if (auto* a = s.as<py::Assign>())
                    for (const auto& t : a->targets) bind(*t, a->value.get());
                if (auto* a = s.as<py::AugAssign>()) bind(*a->target, a->value.get());
                if (auto* a = s.as<py::AnnAssign>(); a && a->value) bind(*a->target, a->value.get());
                return true;
            }
        } c(m_defs);
        for (const auto& s : fn.body) py::walk(*s, c);
        for (const py::Param& p : fn.params.params) m_params.insert(p.name);
    }

    std::vector<std::string> roots(const py::Expr& e) {
        std::vector<std::string> out;
        std::set<std::string> seen;
        collect(e, out, seen, 0);
        return out;
    }

private:
    void collect(const py::Expr& e, std::vector<std::string>& out, std::set<std::string>& seen, int depth) {
        if (depth > 64) return;
        if (auto* n = e.as<py::Name>()) {
            if (m_params.count(n->id)) {
                if (std::find(out.begin(), out.end(), n->id) == out.end()) out.push_back(n->id);
                // A parameter reassigned in the body (x_ptr += ...) stays itself.
                return;
            }
            if (!seen.insert(n->id).second) return;
            auto it = m_defs.find(n->id);
            if (it == m_defs.end()) return;
            for (const py::Expr* v : it->second)
                if (v) collect(*v, out, seen, depth + 1);
            return;
        }
        if (auto* b = e.as<py::BinOp>()) {
            if (b->op == py::BinOpKind::Add || b->op == py::BinOpKind::Sub) {
                collect(*b->left, out, seen, depth + 1);
                if (b->op == py::BinOpKind::Add) collect(*b->right, out, seen, depth + 1);
            }
            return;
        }
        if (auto* s = e.as<py::Subscript>()) return collect(*s->value, out, seen, depth + 1);
        if (auto* c = e.as<py::Call>()) {
            auto q = m_info.qualifiedName(*c->func);
            if (q && (*q == "triton.language.multiple_of" || *q == "triton.language.max_contiguous" ||
                      *q == "triton.language.where" || *q == "triton.language.broadcast_to" ||
                      *q == "triton.language.reshape")) {
                std::size_t from = *q == "triton.language.where" ? 1 : 0;
                for (std::size_t i = from; i < c->args.size() && i < from + 2; ++i) collect(*c->args[i], out, seen, depth + 1);
            }
            return;
        }
        if (auto* i = e.as<py::IfExp>()) {
            collect(*i->body, out, seen, depth + 1);
            collect(*i->orelse, out, seen, depth + 1);
        }
    }

    const py::ModuleInfo& m_info;
    const py::FunctionDef& m_fn;
    std::map<std::string, std::vector<const py::Expr*>> m_defs;
    std::set<std::string> m_params;
};

// Parameters of `fn` that are used as pointers, following calls into JIT helpers.
std::set<std::string> pointerParams(const py::ModuleInfo& info, const py::FunctionDef& fn,
                                    std::map<const py::FunctionDef*, std::set<std::string>>& memo, int depth) {
    if (auto it = memo.find(&fn); it != memo.end()) return it->second;
    memo[&fn] = {};
    std::set<std::string> ptrs;
    if (depth > 16) return ptrs;
    PointerRoots roots(info, fn);
    struct V : py::AstVisitor {
        const py::ModuleInfo& info;
        PointerRoots& roots;
        std::set<std::string>& ptrs;
        std::map<const py::FunctionDef*, std::set<std::string>>& memo;
        int depth;
        V(const py::ModuleInfo& i, PointerRoots& r, std::set<std::string>& p,
          std::map<const py::FunctionDef*, std::set<std::string>>& m, int d)
            : info(i), roots(r), ptrs(p), memo(m), depth(d) {}
        void addFrom(const py::Expr& e) {
            auto rs = roots.roots(e);
            if (rs.empty()) return;
            // Several candidates (x_ptr + base + offs): prefer pointer-looking names, else the first.
            for (const std::string& r : rs)
                if (r.find("ptr") != std::string::npos || r.find("Ptr") != std::string::npos) {
                    ptrs.insert(r);
                    return;
                }
            ptrs.insert(rs.front());
        }
        bool visitExpr(const py::Expr& e) override {
            auto* c = e.as<py::Call>();
            if (!c) return true;
            auto q = info.qualifiedName(*c->func);
            static const char* memOps[] = {"load", "store", "atomic_add", "atomic_max", "atomic_min", "atomic_xchg",
                                           "atomic_cas", "atomic_and", "atomic_or", "atomic_xor"};
            if (q) {
                for (const char* op : memOps)
                    if (*q == std::string("triton.language.") + op) {
                        const py::Expr* p = c->args.empty() ? c->keyword("pointer") : c->args[0].get();
                        if (p) addFrom(*p);
                    }
            }
            // Arguments passed to a helper's pointer parameters.
            if (auto* n = c->func->as<py::Name>()) {
                const py::FunctionInfo* callee = info.jitFunction(n->id);
                if (callee && callee->def) {
                    auto inner = pointerParams(info, *callee->def, memo, depth + 1);
                    const auto& params = callee->def->params.params;
                    for (std::size_t i = 0; i < c->args.size() && i < params.size(); ++i)
                        if (inner.count(params[i].name)) addFrom(*c->args[i]);
                    for (const py::Keyword& k : c->keywords)
                        if (!k.isDoubleStar() && inner.count(k.name)) addFrom(*k.value);
                }
            }
            return true;
        }
    } v(info, roots, ptrs, memo, depth);
    for (const auto& s : fn.body) py::walk(*s, v);
    memo[&fn] = ptrs;
    return ptrs;
}

} // namespace

std::vector<ParamGuess> guessParams(const py::Module& m, const py::ModuleInfo& info, const py::FunctionInfo& kernel) {
    (void)m;
    std::vector<ParamGuess> out;
    std::map<const py::FunctionDef*, std::set<std::string>> memo;
    std::set<std::string> ptrs = kernel.def ? pointerParams(info, *kernel.def, memo, 0) : std::set<std::string>{};
    for (const py::JitParam& p : kernel.params) {
        ParamGuess g;
        g.name = p.name;
        if (p.isConstexpr) {
            g.kind = ParamGuess::Constexpr;
            g.dtype = DType::I32;
            g.reason = "annotated tl.constexpr";
        } else if (ptrs.count(p.name)) {
            g.kind = ParamGuess::Pointer;
            g.dtype = looksIndexBuffer(p.name) ? DType::I64 : DType::F32;
            g.reason = std::string("used as the base of a load/store pointer; element type ") +
                       (g.dtype == DType::I64 ? "int64 (index-like name)" : "float32 (assumed)");
        } else {
            g.kind = ParamGuess::Scalar;
            bool fl = looksFloat(p.name) || (p.defaultConst && p.defaultConst->isFloat());
            g.dtype = fl ? DType::F32 : DType::I32;
            g.reason = fl ? "a float-like scalar (name or default)" : "an integer scalar (assumed int32)";
        }
        out.push_back(g);
    }
    return out;
}

util::Result<Spec> executeKernel(const py::Module& m, const py::ModuleInfo& info, const util::SourceManager& sm,
                                 std::string_view kernel, const ExecOptions& options) {
    const py::FunctionInfo* fi = info.jitFunction(kernel);
    if (!fi) fi = info.function(kernel);
    if (!fi) return util::Result<Spec>::failure("kernel", "no function named '" + std::string(kernel) + "' in the module");
    if (!fi->isJit())
        return util::Result<Spec>::failure("kernel", "'" + std::string(kernel) + "' is not a @triton.jit function", fi->span);
    Spec spec;
    spec.ctx = options.ctx ? options.ctx : std::make_shared<ir::Context>();
    spec.pidAxes = pidAxesUsed(m, info);
    for (int a = 0; a < spec.pidAxes; ++a) {
        spec.pids.push_back(spec.ctx->var("pid" + std::to_string(a)));
        spec.grid.push_back(spec.ctx->sym("grid" + std::to_string(a), DType::I32));
    }
    for (auto& [name, v] : options.constexprs) spec.constexprs[name] = v.isNumber() ? v.asFloat() : 0.0;
    pyexec::Interp interp(m, info, sm, spec, options);
    try {
        interp.runKernel(*fi);
    } catch (const ir::IrError& e) {
        spec.diagnostics.error("internal", std::string("internal error while tracing: ") + e.what(), fi->span);
    }
    return spec;
}

} // namespace tlift::symexec
