#include "tlift/verify/probe.h"

#include "encoder.h"
#include "model_reader.h"
#include "numerals.h"

#include "tlift/ir/subst.h"

#include <cmath>
#include <set>

namespace tlift::verify {

namespace {

using R = util::Result<ProbeValue>;

std::optional<double> reference(ir::Op op, double a, double b) {
    switch (op) {
    case ir::Op::Exp: return std::exp(a);
    case ir::Op::Log: return std::log(a);
    case ir::Op::Sqrt: return std::sqrt(a);
    case ir::Op::Tanh: return std::tanh(a);
    case ir::Op::Erf: return std::erf(a);
    case ir::Op::Sin: return std::sin(a);
    case ir::Op::Cos: return std::cos(a);
    case ir::Op::Pow: return std::pow(a, b);
    default: return std::nullopt;
    }
}

bool mentionsAny(const z3::expr& e, const std::set<unsigned>& apps) {
    std::vector<z3::expr> stack{e};
    std::set<unsigned> seen;
    while (!stack.empty()) {
        z3::expr x = stack.back();
        stack.pop_back();
        if (!x.is_app() || !seen.insert(x.id()).second) continue;
        if (apps.count(x.id())) return true;
        for (unsigned i = 0; i < x.num_args(); ++i) stack.push_back(x.arg(i));
    }
    return false;
}

} // namespace

util::Result<ProbeValue> evaluateEncoding(ir::Context& ctx, ir::Expr e, const ConcreteInputs& in) {
    try {
        z3::context z;
        smt::Vocabulary vocab(z);
        smt::ReductionTable table;
        smt::Encoder enc(ctx, vocab, table, smt::EncodeOptions{true, false, 100000, false});
        // Integer symbols are sizes: substituted, so that reductions over them unroll; variables
        // keep their constants, with their values as ranges for the same purpose.
        ir::ExprMap sizes;
        for (const auto& [sym, x] : in.syms)
            if (ir::isInteger(sym.dtype())) sizes[sym] = ctx.intConst(static_cast<std::int64_t>(x), sym.dtype());
        e = ir::substitute(ctx, e, sizes);
        for (const auto& [v, x] : in.vars) enc.setRange(v, Interval::point(x));
        auto t = enc.encode(e);
        if (!t) return std::move(t).takeError();
        z3::solver s(z);
        for (const auto& [v, x] : in.vars) s.add(vocab.varConst(v) == z.int_val(static_cast<std::int64_t>(x)));
        for (const auto& [sym, x] : in.syms) {
            z3::expr c = vocab.symConst(sym);
            if (c.is_bool()) s.add(c == z.bool_val(x != 0));
            else if (c.is_int()) s.add(c == z.int_val(static_cast<std::int64_t>(x)));
            else s.add(c == z.real_val(smt::rationalOf(x).c_str()));
        }
        for (const auto& [tensor, value] : in.tensors) {
            z3::func_decl fn = vocab.tensorFn(tensor);
            value.forEachIndex([&](const std::vector<std::int64_t>& idx) {
                z3::expr_vector args(z);
                for (std::int64_t i : idx) args.push_back(z.int_val(static_cast<std::int64_t>(i)));
                double x = value.at(idx);
                z3::expr app = fn(args);
                if (app.is_bool()) s.add(app == z.bool_val(x != 0));
                else if (app.is_int()) s.add(app == z.int_val(static_cast<std::int64_t>(x)));
                else s.add(app == z.real_val(smt::rationalOf(x).c_str()));
            });
        }
        for (const z3::expr& f : enc.sideFacts()) s.add(f);
        std::set<unsigned> unpinned;
        for (const smt::MathApp& m : enc.mathApps()) unpinned.insert(m.app.id());
        for (;;) {
            if (s.check() != z3::sat) return R::failure("probe", "the pinned encoding has no model");
            z3::model m = s.get_model();
            bool pinned = false;
            const std::set<unsigned> before = unpinned; // readiness is judged on this model
            for (const smt::MathApp& app : enc.mathApps()) {
                if (!unpinned.count(app.app.id())) continue;
                bool ready = true;
                for (const z3::expr& a : app.args) ready = ready && !mentionsAny(a, before);
                if (!ready) continue;
                double a = smt::modelValue(m.eval(app.args[0], true));
                double b = app.args.size() > 1 ? smt::modelValue(m.eval(app.args[1], true)) : 0.0;
                auto f = reference(app.op, a, b);
                if (!f || !std::isfinite(*f)) return R::failure("probe", "a math function leaves its domain");
                s.add(app.app == z.real_val(smt::rationalOf(*f).c_str()));
                unpinned.erase(app.app.id());
                pinned = true;
            }
            if (!pinned) break;
        }
        if (!unpinned.empty()) return R::failure("probe", "math applications could not be pinned");
        if (s.check() != z3::sat) return R::failure("probe", "the pinned encoding has no model");
        z3::model m = s.get_model();
        ProbeValue out;
        out.value = smt::modelValue(m.eval(t->v, true));
        out.negInf = m.eval(t->ninf, true).is_true();
        out.posInf = m.eval(t->pinf, true).is_true();
        return out;
    } catch (const z3::exception& ex) {
        return R::failure("probe", std::string("solver error: ") + ex.msg());
    }
}

} // namespace tlift::verify
