// The tt ops: program ids, ranges, shape ops, pointers and memory, dot, and the elementwise
// extras (clampf, libdevice calls, map_elementwise).
#include "ttir_interp.h"

#include "tlift/ir/subst.h"

namespace tlift::symexec::ttirexec {

using ir::DType;
using ir::Expr;
using ir::Op;

namespace {

std::optional<std::int64_t> intAttr(const tt::TtirOp& op, std::string_view name) {
    const tt::TtirAttr* a = op.attr(name);
    if (!a || a->kind != tt::TtirAttr::Kind::Int) return std::nullopt;
    return a->i;
}

std::optional<int> axisOf(const tt::TtirOp& op) {
    const tt::TtirAttr* a = op.attr("axis");
    if (!a) return std::nullopt;
    if (a->kind == tt::TtirAttr::Kind::Int) return static_cast<int>(a->i);
    if (a->kind == tt::TtirAttr::Kind::Enum && a->text.size() == 1 && a->text[0] >= 'x' && a->text[0] <= 'z')
        return a->text[0] - 'x';
    return std::nullopt;
}

// The libdevice functions Triton calls through tt.extern_elementwise that have an IR operator.
struct ExternFn {
    const char* symbol;
    Op op;
    int arity;
};

const ExternFn* externFn(std::string_view symbol) {
    static const ExternFn fns[] = {
        {"__nv_expf", Op::Exp, 1},      {"__nv_exp", Op::Exp, 1},        {"__nv_fast_expf", Op::Exp, 1},
        {"__nv_exp2f", Op::Exp2, 1},    {"__nv_exp2", Op::Exp2, 1},      {"__nv_logf", Op::Log, 1},
        {"__nv_log", Op::Log, 1},       {"__nv_fast_logf", Op::Log, 1},  {"__nv_log2f", Op::Log2, 1},
        {"__nv_log2", Op::Log2, 1},     {"__nv_fast_log2f", Op::Log2, 1}, {"__nv_log1pf", Op::Log1p, 1},
        {"__nv_log1p", Op::Log1p, 1},   {"__nv_expm1f", Op::Expm1, 1},   {"__nv_expm1", Op::Expm1, 1},
        {"__nv_sqrtf", Op::Sqrt, 1},    {"__nv_sqrt", Op::Sqrt, 1},      {"__nv_fsqrt_rn", Op::Sqrt, 1},
        {"__nv_dsqrt_rn", Op::Sqrt, 1}, {"__nv_rsqrtf", Op::Rsqrt, 1},   {"__nv_rsqrt", Op::Rsqrt, 1},
        {"__nv_erff", Op::Erf, 1},      {"__nv_erf", Op::Erf, 1},        {"__nv_tanhf", Op::Tanh, 1},
        {"__nv_tanh", Op::Tanh, 1},     {"__nv_fabsf", Op::Abs, 1},      {"__nv_fabs", Op::Abs, 1},
        {"__nv_floorf", Op::Floor, 1},  {"__nv_floor", Op::Floor, 1},    {"__nv_ceilf", Op::Ceil, 1},
        {"__nv_ceil", Op::Ceil, 1},     {"__nv_sinf", Op::Sin, 1},       {"__nv_sin", Op::Sin, 1},
        {"__nv_cosf", Op::Cos, 1},      {"__nv_cos", Op::Cos, 1},        {"__nv_powf", Op::Pow, 2},
        {"__nv_pow", Op::Pow, 2},       {"__nv_fmaxf", Op::Max, 2},      {"__nv_fmax", Op::Max, 2},
        {"__nv_fminf", Op::Min, 2},     {"__nv_fmin", Op::Min, 2},       {"__nv_fdividef", Op::Div, 2},
        {"__nv_fdiv_rn", Op::Div, 2},   {"__nv_ddiv_rn", Op::Div, 2},    {"__nv_fmaf", Op::Add, 3},
        {"__nv_fma", Op::Add, 3}};
    for (const ExternFn& f : fns)
        if (symbol == f.symbol) return &f;
    return nullptr;
}

} // namespace

void TtirInterp::opProgramId(const tt::TtirOp& op) {
    auto axis = axisOf(op);
    if (!axis) return error(op, "ttir", "no axis");
    setResult(op, 0, op.name == "tt.get_program_id" ? m_alg.programId(*axis) : m_alg.numPrograms(*axis));
}

void TtirInterp::opMakeRange(const tt::TtirOp& op) {
    auto end = intAttr(op, "end");
    if (!end) return error(op, "ttir", "tt.make_range without an end");
    setResult(op, 0, m_alg.arange(intAttr(op, "start").value_or(0), *end));
}

void TtirInterp::opSplat(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    setResult(op, 0, m_alg.broadcastTo(in->at(0), shapeOf(m_module.typeOf(op.results.at(0)))));
}

void TtirInterp::opExpandDims(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    auto axis = intAttr(op, "axis");
    if (!axis) return error(op, "ttir", "tt.expand_dims without an axis");
    setResult(op, 0, m_alg.expandDims(in->at(0), static_cast<int>(*axis)));
}

void TtirInterp::opReshape(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    // tt.reshape with allow_reorder lets the compiler permute elements; we read it row-major, as
    // Triton's interpreter does.
    setResult(op, 0, m_alg.reshape(in->at(0), shapeOf(m_module.typeOf(op.results.at(0)))));
}

void TtirInterp::opTrans(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    const tt::TtirAttr* order = op.attr("order");
    if (!order || order->kind != tt::TtirAttr::Kind::Array) return error(op, "ttir", "tt.trans without an order");
    std::vector<int> perm;
    for (const tt::TtirAttr& e : order->elems) perm.push_back(static_cast<int>(e.i));
    setResult(op, 0, m_alg.permute(in->at(0), perm));
}

void TtirInterp::opCat(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    Block a = in->at(0), b = in->at(1);
    Shape out = shapeOf(m_module.typeOf(op.results.at(0)));
    if (a.rank() == 0 || a.shape != b.shape) return error(op, "shape", "tt.cat needs two blocks of one shape");
    // Along dim 0: the lanes below n read a, the others b shifted down by n (Triton lets the
    // compiler reorder the result; we read it in order, as Triton's interpreter does).
    Expr n = ctx().intConst(a.shape[0]);
    Block cond{out, DType::Bool, ctx().lt(m_spec.lane(0), n)};
    b.value = tidy(ir::substitute(ctx(), b.value, m_spec.lane(0), ctx().sub(m_spec.lane(0), n)));
    a.shape = out;
    b.shape = out;
    setResult(op, 0, m_alg.where(cond, a, b));
}

void TtirInterp::opJoin(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    Block a = in->at(0), b = in->at(1);
    if (a.shape != b.shape) return error(op, "shape", "tt.join needs two blocks of one shape");
    Shape out = a.shape;
    out.push_back(2);
    Block cond{out, DType::Bool, ctx().eq(m_spec.lane(static_cast<int>(a.rank())), ctx().intConst(0))};
    a.shape = out;
    b.shape = out;
    setResult(op, 0, m_alg.where(cond, a, b));
}

void TtirInterp::opSplit(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    const Block& a = in->at(0);
    if (a.rank() == 0 || a.shape.back() != 2) return error(op, "shape", "tt.split needs a last dimension of 2");
    Expr last = m_spec.lane(static_cast<int>(a.rank() - 1));
    for (std::size_t i = 0; i < 2 && i < op.results.size(); ++i) {
        Block r = a;
        r.shape.pop_back();
        r.value = tidy(ir::substitute(ctx(), a.value, last, ctx().intConst(static_cast<std::int64_t>(i))));
        setResult(op, i, r);
    }
}

void TtirInterp::opGather(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    const Block& src = in->at(0);
    const Block& idx = in->at(1);
    auto axis = intAttr(op, "axis");
    if (!axis || *axis < 0 || *axis >= static_cast<std::int64_t>(src.rank()) || idx.rank() != src.rank())
        return error(op, "shape", "tt.gather needs an axis of the source and an index of its rank");
    if (src.isPointer() || idx.isPointer()) return unsupported(op, "a gather of pointers");
    // out[l] = src[l with l_axis replaced by idx[l]]
    Expr i = idx.dtype == DType::I32 ? idx.value : ctx().cast(idx.value, DType::I32);
    Block r = src;
    r.shape = idx.shape;
    r.value = tidy(ir::substitute(ctx(), src.value, m_spec.lane(static_cast<int>(*axis)), i));
    setResult(op, 0, r);
}

void TtirInterp::opAddPtr(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    if (!in->at(0).isPointer()) return error(op, "type", "tt.addptr of a value that is not a pointer");
    setResult(op, 0, m_alg.binary(BinKind::Add, in->at(0), in->at(1)));
}

void TtirInterp::opLoad(const tt::TtirOp& op) {
    auto ptr = operand(op, "ptr");
    auto mv = op.operand("mask");
    auto ov = op.operand("other");
    std::optional<Block> mask, other;
    if (mv) mask = value(*mv);
    if (ov) other = value(*ov);
    if (!ptr || (mv && !mask) || (ov && !other)) return failResults(op);
    setResult(op, 0, m_alg.load(*ptr, mask, other, m_sources.opSpan(op)));
}

namespace {

const char* storeVerb(StoreKind k) {
    switch (k) {
    case StoreKind::AtomicAdd: return "atomic add";
    case StoreKind::AtomicMax: return "atomic max";
    case StoreKind::AtomicMin: return "atomic min";
    case StoreKind::AtomicXchg: return "atomic exchange";
    default: return "store";
    }
}

} // namespace

void TtirInterp::opStore(const tt::TtirOp& op) {
    StoreKind kind = StoreKind::Store;
    if (op.name == "tt.atomic_rmw") {
        const tt::TtirAttr* rmw = op.attr("atomic_rmw_op");
        std::string k = rmw ? rmw->text : "";
        if (k == "add" || k == "fadd") kind = StoreKind::AtomicAdd;
        else if (k == "max") kind = StoreKind::AtomicMax;
        else if (k == "min") kind = StoreKind::AtomicMin;
        else if (k == "exch") kind = StoreKind::AtomicXchg;
        else return unsupported(op, "atomic '" + k + "'");
    }
    auto ptr = operand(op, "ptr");
    auto val = operand(op, op.name == "tt.store" ? "value" : "val");
    auto mv = op.operand("mask");
    std::optional<Block> mask;
    if (mv) mask = value(*mv);
    if (!ptr || !val || (mv && !mask)) return failResults(op);
    util::SourceSpan span = m_sources.opSpan(op);
    auto r = m_alg.store(*ptr, *val, mask, span, kind);
    if (!r) {
        report(op, r.error());
        return failResults(op);
    }
    const StoreSpec& st = m_spec.stores.back();
    const std::string& buf = m_spec.buffers[static_cast<std::size_t>(st.buffer)].name;
    recordStep(StepKind::Store, buf, Block{st.shape, val->dtype, st.value}, span,
               std::string(storeVerb(kind)) + ": " + m_sources.ttirText(op) + "  [" + m_sources.ttirLine(op) + "]");
    if (op.results.empty()) return;
    // The old value an atomic returns is not modelled: it is undefined where used.
    const tt::TtirType& t = m_module.typeOf(op.results[0]);
    DType dt = dtypeOf(t).value_or(val->dtype);
    setResult(op, 0, Block{shapeOf(t), dt, ctx().undef(1000000 + st.id, dt)});
}

void TtirInterp::opAtomicRmw(const tt::TtirOp& op) { opStore(op); }

void TtirInterp::opDot(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    auto out = dtypeOf(m_module.typeOf(op.results.at(0)));
    if (!out) return unsupported(op, "a dot product of this type");
    // The input precision (tf32, ...) is not modelled: the product is exact.
    setResult(op, 0, m_alg.dot(in->at(0), in->at(1), in->at(2), *out));
}

void TtirInterp::opClampF(const tt::TtirOp& op) {
    auto in = operands(op);
    if (!in) return failResults(op);
    const Block& x = in->at(0);
    // clamp(x, lo, hi) = min(max(x, lo), hi); propagateNan is not modelled (no NaN in the reals).
    Expr r = ctx().min(ctx().max(x.value, in->at(1).value), in->at(2).value);
    setResult(op, 0, Block{x.shape, x.dtype, tidy(r)});
}

void TtirInterp::opExtern(const tt::TtirOp& op) {
    const tt::TtirAttr* sym = op.attr("symbol");
    std::string name = sym ? sym->text : "";
    const ExternFn* f = externFn(name);
    if (!f) return unsupported(op, "libdevice function '" + name + "' is not modelled");
    auto in = operands(op);
    if (!in) return failResults(op);
    if (static_cast<int>(in->size()) != f->arity)
        return error(op, "call", name + " takes " + std::to_string(f->arity) + " arguments");
    const Block& a = in->at(0);
    for (const Block& b : *in)
        if (b.shape != a.shape || b.dtype != a.dtype || b.isPointer()) return error(op, "type", name + ": operands differ");
    if (f->arity == 1) return setResult(op, 0, m_alg.math(f->op, a));
    Expr r = f->arity == 2 ? ctx().binary(f->op, a.value, in->at(1).value)
                           : ctx().add(ctx().mul(a.value, in->at(1).value), in->at(2).value);
    setResult(op, 0, Block{a.shape, a.dtype, tidy(r)});
}

void TtirInterp::opMapElementwise(const tt::TtirOp& op) {
    auto pack = intAttr(op, "pack");
    if (pack && *pack != 1) return unsupported(op, "pack = " + std::to_string(*pack));
    auto in = operands(op);
    if (!in) return failResults(op);
    if (op.regions.empty() || op.regions[0].blocks.empty()) return error(op, "ttir", "no region");
    const tt::TtirBlock& body = op.regions[0].blocks[0];
    if (body.args.size() != in->size()) return error(op, "ttir", "region arguments do not match the inputs");
    // The region computes one element: run it on scalar placeholders, then put each input's lane
    // expression in place of its placeholder.
    ir::ExprMap subst;
    for (std::size_t i = 0; i < in->size(); ++i) {
        const Block& x = in->at(i);
        if (x.isPointer() || x.shape != in->at(0).shape) return unsupported(op, "inputs of different shapes or pointers");
        Expr p = ctx().sym("x" + std::to_string(i) + "@map" + std::to_string(op.id), x.dtype);
        subst.emplace(p, x.value);
        m_values.at(body.args[i]) = Block{{}, x.dtype, p};
    }
    ++m_quiet;
    std::size_t stores = m_spec.stores.size();
    const tt::TtirOp* term = execBlock(body);
    --m_quiet;
    if (m_spec.stores.size() != stores) return unsupported(op, "memory access inside the region");
    if (!term) return error(op, "ttir", "region without terminator");
    for (std::size_t i = 0; i < op.results.size() && i < term->operands.size(); ++i) {
        const TVal& r = value(term->operands[i]);
        if (!r || r->isPointer()) {
            m_values.at(op.results[i]).reset();
            continue;
        }
        setResult(op, i, Block{in->at(0).shape, r->dtype, tidy(ir::substitute(ctx(), r->value, subst))});
    }
}

} // namespace tlift::symexec::ttirexec
