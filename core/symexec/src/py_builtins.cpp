// The Triton builtins: tl.*, tl.math.*, libdevice.*, tensor methods and a few Python builtins.
#include "py_interp.h"

#include "tlift/frontend/python/import_table.h"

#include <cmath>

namespace tlift::symexec::pyexec {

using ir::DType;
using ir::Expr;

namespace {

// Binds positional and keyword arguments to parameter names, Python style.
class Args {
public:
    Args(Interp& in, const py::Call& site, std::string fname, std::vector<PyVal>& pos,
         std::vector<std::pair<std::string, PyVal>>& kw)
        : m_in(in), m_site(site), m_fname(std::move(fname)), m_pos(pos), m_kw(kw) {}

    bool bind(std::initializer_list<const char*> names, std::size_t required) {
        m_names.assign(names.begin(), names.end());
        m_slots.assign(m_names.size(), std::nullopt);
        if (m_pos.size() > m_names.size()) {
            m_in.err(m_site.span, "call", m_fname + "() takes at most " + std::to_string(m_names.size()) +
                                              " arguments, got " + std::to_string(m_pos.size()));
            return false;
        }
        for (std::size_t i = 0; i < m_pos.size(); ++i) m_slots[i] = m_pos[i];
        for (auto& [k, v] : m_kw) {
            std::size_t i = 0;
            while (i < m_names.size() && m_names[i] != k) ++i;
            if (i == m_names.size()) {
                m_in.err(m_site.span, "call", m_fname + "() has no argument '" + k + "'");
                return false;
            }
            m_slots[i] = v;
        }
        for (std::size_t i = 0; i < required; ++i)
            if (!m_slots[i]) {
                m_in.err(m_site.span, "call", m_fname + "() missing argument '" + m_names[i] + "'");
                return false;
            }
        for (const auto& s : m_slots)
            if (s && s->isError()) return false;
        return true;
    }
    // The argument, or nullptr when absent or None.
    const PyVal* get(std::size_t i) const {
        if (i >= m_slots.size() || !m_slots[i] || m_slots[i]->k == PyVal::K::None) return nullptr;
        return &*m_slots[i];
    }
    const PyVal& at(std::size_t i) const { return *m_slots[i]; }

private:
    Interp& m_in;
    const py::Call& m_site;
    std::string m_fname;
    std::vector<PyVal>& m_pos;
    std::vector<std::pair<std::string, PyVal>>& m_kw;
    std::vector<std::string> m_names;
    std::vector<std::optional<PyVal>> m_slots;
};

std::string stripPrefix(const std::string& q) {
    for (const char* p : {"triton.language.extra.libdevice.", "triton.language.math.", "triton.language.standard.",
                          "triton.language.core.", "triton.language."}) {
        std::string_view ps(p);
        if (q.rfind(ps, 0) == 0) return q.substr(ps.size());
    }
    return q;
}

std::optional<ir::Op> mathOp(const std::string& n) {
    static const std::pair<const char*, ir::Op> ops[] = {
        {"exp", ir::Op::Exp},       {"fast_expf", ir::Op::Exp}, {"expf", ir::Op::Exp},   {"exp2", ir::Op::Exp2},
        {"log", ir::Op::Log},       {"fast_logf", ir::Op::Log}, {"logf", ir::Op::Log},   {"log2", ir::Op::Log2},
        {"log1p", ir::Op::Log1p},   {"expm1", ir::Op::Expm1},   {"sqrt", ir::Op::Sqrt},  {"sqrt_rn", ir::Op::Sqrt},
        {"rsqrt", ir::Op::Rsqrt},   {"erf", ir::Op::Erf},       {"tanh", ir::Op::Tanh},  {"sigmoid", ir::Op::Sigmoid},
        {"abs", ir::Op::Abs},       {"fabs", ir::Op::Abs},      {"sin", ir::Op::Sin},    {"cos", ir::Op::Cos},
        {"floor", ir::Op::Floor},   {"ceil", ir::Op::Ceil}};
    for (auto& [name, op] : ops)
        if (n == name) return op;
    return std::nullopt;
}

} // namespace

PyVal Interp::callBuiltin(const std::string& qname, const PyVal* self, std::vector<PyVal>& pos,
                          std::vector<std::pair<std::string, PyVal>>& kw, const py::Call& site) {
    util::SourceSpan sp = site.span;
    // Methods of blocks are the tl functions with the block as first argument.
    std::string name = qname;
    if (name.rfind("method.", 0) == 0) {
        std::string m = name.substr(7);
        if (!self) return unsupported(sp, "method '" + m + "'");
        if (m == "to") {
            Args a(*this, site, ".to", pos, kw);
            if (!a.bind({"dtype", "fp_downcast_rounding", "bitcast"}, 1)) return PyVal::error();
            if (a.get(2) && a.get(2)->k == PyVal::K::Bool && a.get(2)->b) return unsupported(sp, "bitcast with .to(bitcast=True)");
            auto t = toDType(a.at(0), sp);
            if (!t) return PyVal::error();
            return check(m_alg.cast(self->block, *t), sp);
        }
        pos.insert(pos.begin(), *self);
        name = "triton.language." + m;
    }
    if (name.rfind("dtype.", 0) == 0) {
        std::string m = name.substr(6);
        DType t = self->dtype;
        if (m == "is_floating") return PyVal::boolean(ir::isFloat(t));
        if (m == "is_int") return PyVal::boolean(ir::isInteger(t));
        if (m == "is_fp32") return PyVal::boolean(t == DType::F32);
        if (m == "is_fp16") return PyVal::boolean(t == DType::F16);
        if (m == "is_bf16") return PyVal::boolean(t == DType::BF16);
    }
    // ---- Python builtins and compile-time helpers ----
    if (name == "builtins.range" || name == "triton.language.range" || name == "triton.language.static_range")
        return err(sp, "call", "range(...) can only be used in a for loop");
    if (name == "builtins.print" || name == "triton.language.static_print" || name == "triton.language.device_print" ||
        name == "triton.language.print" || name == "triton.language.debug_barrier" ||
        name == "triton.language.device_assert" || name == "triton.language.assume")
        return PyVal::none();
    if (name == "triton.language.static_assert") {
        if (!pos.empty() && pos[0].isConst() && !(pos[0].k == PyVal::K::Bool ? pos[0].b : pos[0].i != 0))
            return err(sp, "assert", "tl.static_assert fails for these constexpr values");
        return PyVal::none();
    }
    if (name == "triton.language.constexpr") return pos.empty() ? PyVal::none() : pos[0];
    if (name == "builtins.float" || name == "builtins.int" || name == "builtins.bool") {
        if (pos.size() != 1) return err(sp, "call", name.substr(9) + "() takes one argument");
        const PyVal& v = pos[0];
        if (name == "builtins.float") {
            if (v.k == PyVal::K::Str) {
                std::string s = v.s;
                for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                if (s == "inf" || s == "+inf" || s == "infinity") return PyVal::real(INFINITY);
                if (s == "-inf" || s == "-infinity") return PyVal::real(-INFINITY);
                if (s == "nan") return PyVal::real(NAN);
                try {
                    return PyVal::real(std::stod(s));
                } catch (...) {
                    return err(sp, "call", "float() of '" + v.s + "'");
                }
            }
            if (v.isNumber()) return PyVal::real(v.k == PyVal::K::Float ? v.f : static_cast<double>(v.k == PyVal::K::Int ? v.i : v.b));
        } else if (name == "builtins.int") {
            if (v.isNumber()) return PyVal::integer(v.k == PyVal::K::Float ? static_cast<std::int64_t>(v.f) : v.k == PyVal::K::Int ? v.i : v.b);
        } else if (v.isNumber()) {
            return PyVal::boolean(v.k == PyVal::K::Float ? v.f != 0 : v.k == PyVal::K::Int ? v.i != 0 : v.b);
        }
        if (v.k == PyVal::K::Block) return unsupported(sp, name.substr(9) + "() of a runtime value");
        return err(sp, "call", name.substr(9) + "() of " + v.describe());
    }
    if (name == "builtins.len") {
        if (pos.size() == 1 && pos[0].k == PyVal::K::Tuple) return PyVal::integer(static_cast<std::int64_t>(pos[0].elts.size()));
        return unsupported(sp, "len() of this value");
    }
    if ((name == "builtins.min" || name == "builtins.max" || name == "builtins.abs") && !pos.empty()) {
        bool allConst = true;
        for (const PyVal& v : pos) allConst = allConst && v.isNumber();
        if (allConst) {
            if (name == "builtins.abs") {
                const PyVal& v = pos[0];
                return v.k == PyVal::K::Float ? PyVal::real(std::fabs(v.f)) : PyVal::integer(std::llabs(v.k == PyVal::K::Int ? v.i : v.b));
            }
            PyVal best = pos[0];
            auto num = [](const PyVal& v) { return v.k == PyVal::K::Float ? v.f : static_cast<double>(v.k == PyVal::K::Int ? v.i : v.b); };
            for (const PyVal& v : pos)
                if (name == "builtins.min" ? num(v) < num(best) : num(v) > num(best)) best = v;
            return best;
        }
        if (name != "builtins.abs" && pos.size() == 2) name = name == "builtins.min" ? "triton.language.minimum" : "triton.language.maximum";
        else if (name == "builtins.abs") name = "triton.language.abs";
    }
    if (name == "math.log2" || name == "math.log" || name == "math.sqrt" || name == "math.exp") {
        if (pos.size() == 1 && pos[0].isNumber()) {
            double x = pos[0].k == PyVal::K::Float ? pos[0].f : static_cast<double>(pos[0].i);
            double r = name == "math.log2" ? std::log2(x) : name == "math.log" ? std::log(x) : name == "math.sqrt" ? std::sqrt(x) : std::exp(x);
            return PyVal::real(r);
        }
        return unsupported(sp, name + " of a runtime value (use tl.math)");
    }
    if (name == "triton.cdiv" || name == "triton.language.cdiv") {
        if (pos.size() != 2) return err(sp, "call", "cdiv takes two arguments");
        if (pos[0].k == PyVal::K::Int && pos[1].k == PyVal::K::Int) {
            if (pos[1].i == 0) return err(sp, "call", "cdiv by zero");
            return PyVal::integer((pos[0].i + pos[1].i - 1) / pos[1].i);
        }
        auto x = toBlock(pos[0], sp, "cdiv's numerator");
        auto y = toBlock(pos[1], sp, "cdiv's divisor");
        if (!x || !y) return PyVal::error();
        auto s1 = m_alg.binary(BinKind::Add, *x, *y);
        if (!s1) return check(std::move(s1), sp);
        auto s2 = m_alg.binary(BinKind::Sub, *s1, m_alg.weakInt(1));
        if (!s2) return check(std::move(s2), sp);
        return check(m_alg.binary(BinKind::FloorDiv, *s2, *y), sp);
    }
    if (name == "triton.next_power_of_2") {
        if (pos.size() == 1 && pos[0].k == PyVal::K::Int) {
            std::int64_t n = 1;
            while (n < pos[0].i) n <<= 1;
            return PyVal::integer(n);
        }
        return unsupported(sp, "triton.next_power_of_2 of a runtime value");
    }

    std::string n = stripPrefix(name);
    // ---- program structure ----
    if (n == "program_id" || n == "num_programs") {
        Args a(*this, site, "tl." + n, pos, kw);
        if (!a.bind({"axis"}, 1)) return PyVal::error();
        auto axis = toConstInt(a.at(0), sp, "the axis");
        if (!axis) return PyVal::error();
        return check(n == "program_id" ? m_alg.programId(static_cast<int>(*axis)) : m_alg.numPrograms(static_cast<int>(*axis)), sp);
    }
    if (n == "arange") {
        Args a(*this, site, "tl.arange", pos, kw);
        if (!a.bind({"start", "end"}, 2)) return PyVal::error();
        auto lo = toConstInt(a.at(0), sp, "tl.arange start");
        auto hi = toConstInt(a.at(1), sp, "tl.arange end");
        if (!lo || !hi) return PyVal::error();
        return check(m_alg.arange(*lo, *hi), sp);
    }
    if (n == "zeros" || n == "full") {
        Args a(*this, site, "tl." + n, pos, kw);
        bool isFull = n == "full";
        if (!(isFull ? a.bind({"shape", "value", "dtype"}, 3) : a.bind({"shape", "dtype"}, 2))) return PyVal::error();
        auto shape = toShape(a.at(0), sp);
        auto t = toDType(a.at(isFull ? 2 : 1), sp);
        if (!shape || !t) return PyVal::error();
        auto v = isFull ? toBlock(a.at(1), sp, "the fill value") : std::optional<Block>(m_alg.weakInt(0));
        if (!v) return PyVal::error();
        return check(m_alg.full(*shape, *v, *t), sp);
    }
    if (n == "zeros_like" || n == "full_like") {
        Args a(*this, site, "tl." + n, pos, kw);
        if (!(n == "full_like" ? a.bind({"input", "value", "dtype"}, 2) : a.bind({"input", "dtype"}, 1))) return PyVal::error();
        auto x = toBlock(a.at(0), sp, "the input");
        if (!x) return PyVal::error();
        std::size_t ti = n == "full_like" ? 2 : 1;
        DType t = x->dtype;
        if (a.get(ti)) {
            auto tt = toDType(*a.get(ti), sp);
            if (!tt) return PyVal::error();
            t = *tt;
        }
        auto v = n == "full_like" ? toBlock(a.at(1), sp, "the fill value") : std::optional<Block>(m_alg.weakInt(0));
        if (!v) return PyVal::error();
        return check(m_alg.full(x->shape, *v, t), sp);
    }
    // ---- memory ----
    if (n == "load") {
        Args a(*this, site, "tl.load", pos, kw);
        if (!a.bind({"pointer", "mask", "other", "boundary_check", "padding_option", "cache_modifier", "eviction_policy",
                     "volatile"}, 1))
            return PyVal::error();
        if (a.get(3) && !(a.get(3)->k == PyVal::K::Tuple && a.get(3)->elts.empty()))
            return unsupported(sp, "tl.load with boundary_check (block pointers)");
        auto p = toBlock(a.at(0), sp, "the pointer");
        if (!p) return PyVal::error();
        std::optional<Block> mask, other;
        if (a.get(1)) {
            mask = toBlock(*a.get(1), sp, "the mask");
            if (!mask) return PyVal::error();
        }
        if (a.get(2)) {
            other = toBlock(*a.get(2), sp, "other");
            if (!other) return PyVal::error();
        }
        return check(m_alg.load(*p, mask, other, sp), sp);
    }
    if (n == "store" || n.rfind("atomic_", 0) == 0) {
        bool isStore = n == "store";
        if (n == "atomic_cas") return unsupported(sp, "tl.atomic_cas");
        Args a(*this, site, "tl." + n, pos, kw);
        if (isStore ? !a.bind({"pointer", "value", "mask", "boundary_check", "cache_modifier", "eviction_policy"}, 2)
                    : !a.bind({"pointer", "val", "mask", "sem", "scope"}, 2))
            return PyVal::error();
        if (isStore && a.get(3) && !(a.get(3)->k == PyVal::K::Tuple && a.get(3)->elts.empty()))
            return unsupported(sp, "tl.store with boundary_check (block pointers)");
        auto p = toBlock(a.at(0), sp, "the pointer");
        auto v = toBlock(a.at(1), sp, "the value");
        if (!p || !v) return PyVal::error();
        std::optional<Block> mask;
        if (a.get(2)) {
            mask = toBlock(*a.get(2), sp, "the mask");
            if (!mask) return PyVal::error();
        }
        StoreKind kind = isStore ? StoreKind::Store
                         : n == "atomic_add" ? StoreKind::AtomicAdd
                         : n == "atomic_max" ? StoreKind::AtomicMax
                         : n == "atomic_min" ? StoreKind::AtomicMin
                         : n == "atomic_xchg" ? StoreKind::AtomicXchg : StoreKind::AtomicOther;
        auto r = m_alg.store(*p, *v, mask, sp, kind);
        if (!r) {
            util::Diagnostic d = r.error();
            if (!d.span.valid()) d.span = sp;
            m_spec.diagnostics.add(d);
            return PyVal::error();
        }
        const StoreSpec& st = m_spec.stores.back();
        recordStep(StepKind::Store, m_spec.buffers[static_cast<std::size_t>(st.buffer)].name,
                   Block{st.shape, v->dtype, st.value}, sp, sourceText(site));
        if (isStore) return PyVal::none();
        // The old value an atomic returns is not modelled: it is undefined if used.
        return PyVal::blk(Block{p->shape, v->weak ? DType::F32 : v->dtype, ctx().undef(1000000 + st.id, v->weak ? DType::F32 : v->dtype)});
    }
    // ---- elementwise ----
    if (n == "where") {
        Args a(*this, site, "tl.where", pos, kw);
        if (!a.bind({"condition", "x", "y"}, 3)) return PyVal::error();
        auto c = toBlock(a.at(0), sp, "the condition");
        auto x = toBlock(a.at(1), sp, "x");
        auto y = toBlock(a.at(2), sp, "y");
        if (!c || !x || !y) return PyVal::error();
        return check(m_alg.where(*c, *x, *y), sp);
    }
    if (n == "maximum" || n == "minimum" || n == "fmax" || n == "fmin" || n == "max2" || n == "min2") {
        Args a(*this, site, "tl." + n, pos, kw);
        if (!a.bind({"x", "y", "propagate_nan"}, 2)) return PyVal::error();
        auto x = toBlock(a.at(0), sp, "x");
        auto y = toBlock(a.at(1), sp, "y");
        if (!x || !y) return PyVal::error();
        bool isMax = n == "maximum" || n == "fmax" || n == "max2";
        return check(m_alg.binary(isMax ? BinKind::Max : BinKind::Min, *x, *y), sp);
    }
    if (n == "clamp") {
        Args a(*this, site, "tl.clamp", pos, kw);
        if (!a.bind({"x", "min", "max", "propagate_nan"}, 3)) return PyVal::error();
        auto x = toBlock(a.at(0), sp, "x");
        auto lo = toBlock(a.at(1), sp, "min");
        auto hi = toBlock(a.at(2), sp, "max");
        if (!x || !lo || !hi) return PyVal::error();
        auto m = m_alg.binary(BinKind::Max, *x, *lo);
        if (!m) return check(std::move(m), sp);
        return check(m_alg.binary(BinKind::Min, *m, *hi), sp);
    }
    if (n == "fdiv" || n == "div_rn" || n == "fast_dividef" || n == "div") {
        if (pos.size() < 2) return err(sp, "call", n + " takes two arguments");
        auto x = toBlock(pos[0], sp, "x");
        auto y = toBlock(pos[1], sp, "y");
        if (!x || !y) return PyVal::error();
        return check(m_alg.binary(BinKind::TrueDiv, *x, *y), sp);
    }
    if (n == "pow" || n == "powf") {
        if (pos.size() != 2) return err(sp, "call", "pow takes two arguments");
        auto x = toBlock(pos[0], sp, "x");
        auto y = toBlock(pos[1], sp, "y");
        if (!x || !y) return PyVal::error();
        return check(m_alg.binary(BinKind::Pow, *x, *y), sp);
    }
    if (n == "fma") {
        if (pos.size() != 3) return err(sp, "call", "tl.fma takes three arguments");
        auto x = toBlock(pos[0], sp, "x");
        auto y = toBlock(pos[1], sp, "y");
        auto z = toBlock(pos[2], sp, "z");
        if (!x || !y || !z) return PyVal::error();
        auto m = m_alg.binary(BinKind::Mul, *x, *y);
        if (!m) return check(std::move(m), sp);
        return check(m_alg.binary(BinKind::Add, *m, *z), sp);
    }
    if (auto op = mathOp(n)) {
        Args a(*this, site, "tl." + n, pos, kw);
        if (!a.bind({"x", "_builder"}, 1)) return PyVal::error();
        auto x = toBlock(a.at(0), sp, "x");
        if (!x) return PyVal::error();
        return check(m_alg.math(*op, *x), sp);
    }
    if (n == "cast") {
        Args a(*this, site, "tl.cast", pos, kw);
        if (!a.bind({"input", "dtype", "fp_downcast_rounding", "bitcast"}, 2)) return PyVal::error();
        if (a.get(3) && a.get(3)->k == PyVal::K::Bool && a.get(3)->b) return unsupported(sp, "tl.cast with bitcast=True");
        auto x = toBlock(a.at(0), sp, "the input");
        auto t = toDType(a.at(1), sp);
        if (!x || !t) return PyVal::error();
        return check(m_alg.cast(*x, *t), sp);
    }
    if (n == "multiple_of" || n == "max_contiguous" || n == "max_constancy") {
        if (pos.empty()) return err(sp, "call", "tl." + n + " needs an input");
        return pos[0];
    }
    // ---- reductions and scans ----
    if (n == "sum" || n == "max" || n == "min" || n == "prod" || n == "xor_sum") {
        Args a(*this, site, "tl." + n, pos, kw);
        bool isMaxMin = n == "max" || n == "min";
        bool ok = isMaxMin ? a.bind({"input", "axis", "return_indices", "return_indices_tie_break_left", "keep_dims"}, 1)
                           : a.bind({"input", "axis", "keep_dims", "dtype"}, 1);
        if (!ok) return PyVal::error();
        if (n == "xor_sum") return unsupported(sp, "tl.xor_sum");
        auto x = toBlock(a.at(0), sp, "the input");
        if (!x) return PyVal::error();
        std::optional<int> axis;
        if (a.get(1)) {
            auto ax = toConstInt(*a.get(1), sp, "the axis");
            if (!ax) return PyVal::error();
            axis = static_cast<int>(*ax);
        }
        std::size_t keepIdx = isMaxMin ? 4 : 2;
        bool keep = a.get(keepIdx) && a.get(keepIdx)->k == PyVal::K::Bool && a.get(keepIdx)->b;
        Block in = *x;
        if (!isMaxMin && a.get(3)) {
            auto t = toDType(*a.get(3), sp);
            if (!t) return PyVal::error();
            auto c = m_alg.cast(in, *t);
            if (!c) return check(std::move(c), sp);
            in = *c;
        }
        ir::ReduceKind k = n == "sum" ? ir::ReduceKind::Sum : n == "max" ? ir::ReduceKind::Max
                           : n == "min" ? ir::ReduceKind::Min : ir::ReduceKind::Prod;
        PyVal r = check(m_alg.reduce(k, in, axis, keep), sp);
        if (isMaxMin && a.get(2) && a.get(2)->k == PyVal::K::Bool && a.get(2)->b) {
            PyVal idx = check(m_alg.reduce(n == "max" ? ir::ReduceKind::ArgMax : ir::ReduceKind::ArgMin, in, axis, keep), sp);
            if (!r.isError()) recordStep(StepKind::Reduce, "", r.block, sp, sourceText(site));
            return PyVal::tuple({r, idx});
        }
        if (!r.isError()) recordStep(StepKind::Reduce, "", r.block, sp, sourceText(site));
        return r;
    }
    if (n == "argmax" || n == "argmin") {
        Args a(*this, site, "tl." + n, pos, kw);
        if (!a.bind({"input", "axis", "tie_break_left", "keep_dims"}, 2)) return PyVal::error();
        auto x = toBlock(a.at(0), sp, "the input");
        auto ax = toConstInt(a.at(1), sp, "the axis");
        if (!x || !ax) return PyVal::error();
        if (a.get(2) && a.get(2)->k == PyVal::K::Bool && !a.get(2)->b)
            return unsupported(sp, "tl." + n + " with tie_break_left=False");
        bool keep = a.get(3) && a.get(3)->k == PyVal::K::Bool && a.get(3)->b;
        return check(m_alg.reduce(n == "argmax" ? ir::ReduceKind::ArgMax : ir::ReduceKind::ArgMin, *x,
                                  static_cast<int>(*ax), keep), sp);
    }
    if (n == "cumsum" || n == "cumprod") {
        Args a(*this, site, "tl." + n, pos, kw);
        if (!a.bind({"input", "axis", "reverse", "dtype"}, 1)) return PyVal::error();
        auto x = toBlock(a.at(0), sp, "the input");
        if (!x) return PyVal::error();
        std::int64_t axis = 0;
        if (a.get(1)) {
            auto ax = toConstInt(*a.get(1), sp, "the axis");
            if (!ax) return PyVal::error();
            axis = *ax;
        }
        bool rev = a.get(2) && a.get(2)->k == PyVal::K::Bool && a.get(2)->b;
        return check(m_alg.scan(n == "cumsum" ? ir::ReduceKind::Sum : ir::ReduceKind::Prod, *x, static_cast<int>(axis), rev), sp);
    }
    if (n == "reduce" || n == "associative_scan") {
        bool isScan = n == "associative_scan";
        Args a(*this, site, "tl." + n, pos, kw);
        if (!(isScan ? a.bind({"input", "axis", "combine_fn", "reverse"}, 3) : a.bind({"input", "axis", "combine_fn", "keep_dims"}, 3)))
            return PyVal::error();
        std::vector<Block> inputs;
        const PyVal& in = a.at(0);
        if (in.k == PyVal::K::Tuple) {
            for (const PyVal& e : in.elts) {
                auto b = toBlock(e, sp, "a reduction input");
                if (!b) return PyVal::error();
                inputs.push_back(*b);
            }
        } else {
            auto b = toBlock(in, sp, "the reduction input");
            if (!b) return PyVal::error();
            inputs.push_back(*b);
        }
        if (!a.get(1)) return unsupported(sp, "tl." + n + " over every axis (axis=None)");
        auto ax = toConstInt(*a.get(1), sp, "the axis");
        if (!ax) return PyVal::error();
        bool flag = a.get(3) && a.get(3)->k == PyVal::K::Bool && a.get(3)->b;
        PyVal r = reduceWithCombine(inputs, static_cast<int>(*ax), isScan ? false : flag, a.at(2), isScan,
                                    isScan ? flag : false, sp);
        if (in.k != PyVal::K::Tuple && r.k == PyVal::K::Tuple && r.elts.size() == 1) return r.elts[0];
        return r;
    }
    // ---- dot ----
    if (n == "dot") {
        Args a(*this, site, "tl.dot", pos, kw);
        if (!a.bind({"input", "other", "acc", "input_precision", "allow_tf32", "max_num_imprecise_acc", "out_dtype"}, 2))
            return PyVal::error();
        auto x = toBlock(a.at(0), sp, "the first operand");
        auto y = toBlock(a.at(1), sp, "the second operand");
        if (!x || !y) return PyVal::error();
        std::optional<Block> acc;
        if (a.get(2)) {
            acc = toBlock(*a.get(2), sp, "the accumulator");
            if (!acc) return PyVal::error();
        }
        DType out = ir::isInteger(x->dtype) ? DType::I32 : DType::F32;
        if (a.get(6)) {
            auto t = toDType(*a.get(6), sp);
            if (!t) return PyVal::error();
            out = *t;
        }
        if (acc && !a.get(6)) out = acc->dtype;
        PyVal r = check(m_alg.dot(*x, *y, acc, out), sp);
        if (!r.isError()) recordStep(StepKind::Reduce, "", r.block, sp, sourceText(site));
        return r;
    }
    // ---- shapes ----
    if (n == "trans" || n == "permute") {
        if (pos.empty()) return err(sp, "call", "tl." + n + " needs an input");
        auto x = toBlock(pos[0], sp, "the input");
        if (!x) return PyVal::error();
        std::vector<int> perm;
        std::vector<PyVal> dims(pos.begin() + 1, pos.end());
        for (auto& [k, v] : kw)
            if (k == "dims") dims.push_back(v);
        if (dims.size() == 1 && dims[0].k == PyVal::K::Tuple) dims = dims[0].elts;
        for (const PyVal& d : dims) {
            auto i = toConstInt(d, sp, "a dimension");
            if (!i) return PyVal::error();
            perm.push_back(static_cast<int>(*i));
        }
        if (perm.empty()) {
            if (x->rank() != 2) return err(sp, "shape", "tl.trans without dims needs a 2-D block");
            perm = {1, 0};
        }
        return check(m_alg.permute(*x, perm), sp);
    }
    if (n == "reshape" || n == "view" || n == "broadcast_to") {
        if (pos.empty()) return err(sp, "call", "tl." + n + " needs an input");
        auto x = toBlock(pos[0], sp, "the input");
        if (!x) return PyVal::error();
        std::vector<PyVal> dims(pos.begin() + 1, pos.end());
        for (auto& [k, v] : kw)
            if (k == "shape") dims.push_back(v);
        if (dims.size() == 1 && dims[0].k == PyVal::K::Tuple) dims = dims[0].elts;
        auto shape = toShape(PyVal::tuple(dims), sp);
        if (!shape) return PyVal::error();
        if (n == "broadcast_to") return check(m_alg.broadcastTo(*x, *shape), sp);
        return check(m_alg.reshape(*x, *shape), sp);
    }
    if (n == "ravel") {
        auto x = pos.empty() ? std::nullopt : toBlock(pos[0], sp, "the input");
        if (!x) return PyVal::error();
        return check(m_alg.reshape(*x, {x->numel()}), sp);
    }
    if (n == "expand_dims") {
        Args a(*this, site, "tl.expand_dims", pos, kw);
        if (!a.bind({"input", "axis"}, 2)) return PyVal::error();
        auto x = toBlock(a.at(0), sp, "the input");
        if (!x) return PyVal::error();
        std::vector<PyVal> axes = a.at(1).k == PyVal::K::Tuple ? a.at(1).elts : std::vector<PyVal>{a.at(1)};
        Block b = *x;
        for (const PyVal& av : axes) {
            auto ax = toConstInt(av, sp, "the axis");
            if (!ax) return PyVal::error();
            auto r = m_alg.expandDims(b, static_cast<int>(*ax));
            if (!r) return check(std::move(r), sp);
            b = *r;
        }
        return PyVal::blk(b);
    }
    if (n == "broadcast") {
        if (pos.size() != 2) return err(sp, "call", "tl.broadcast takes two blocks");
        auto x = toBlock(pos[0], sp, "the first block");
        auto y = toBlock(pos[1], sp, "the second block");
        if (!x || !y) return PyVal::error();
        Shape s;
        if (!broadcastShape(x->shape, y->shape, s)) return err(sp, "shape", "shapes do not broadcast");
        return PyVal::tuple({check(m_alg.broadcastTo(*x, s), sp), check(m_alg.broadcastTo(*y, s), sp)});
    }
    if (n == "cat" || n == "join" || n == "split" || n == "interleave" || n == "histogram" || n == "gather" ||
        n == "make_block_ptr" || n == "advance" || n == "inline_asm_elementwise" || n == "umulhi" ||
        n == "make_tensor_descriptor" || n == "sort" || n == "flip" || n == "rand" || n == "randn" || n == "randint")
        return unsupported(sp, "tl." + n);
    return unsupported(sp, "call of '" + name + "'");
}

} // namespace tlift::symexec::pyexec
