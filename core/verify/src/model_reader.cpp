#include "model_reader.h"

#include "numerals.h"

#include "tlift/ir/dtype.h"
#include "tlift/ir/eval.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"

#include <cmath>
#include <functional>
#include <optional>
#include <set>

namespace tlift::verify::smt {

using ir::Expr;
using ir::Op;

double modelValue(const z3::expr& v) {
    if (v.is_bool()) return v.is_true() ? 1.0 : 0.0;
    std::int64_t i;
    if (v.is_numeral_i64(i)) return static_cast<double>(i);
    if (v.is_numeral() || v.is_algebraic()) {
        try {
            return std::stod(v.get_decimal_string(24));
        } catch (...) {
            return std::nan("");
        }
    }
    return std::nan("");
}

namespace {

constexpr std::int64_t kMaxElements = 1 << 16;

z3::expr numeral(z3::context& z, ir::DType t, double v) {
    if (t == ir::DType::Bool) return z.bool_val(v != 0);
    if (ir::isInteger(t)) return z.int_val(static_cast<std::int64_t>(v));
    return z.real_val(rationalOf(v).c_str());
}

struct Leaves {
    std::vector<Expr> vars, syms, tensors;
};

Leaves leavesOf(const std::vector<Expr>& roots) {
    Leaves out;
    std::set<std::string> syms, tensors;
    std::set<const ir::Node*> vars;
    for (const Expr& r : roots) {
        if (!r) continue;
        for (const Expr& v : ir::freeVars(r))
            if (vars.insert(v.node()).second) out.vars.push_back(v);
        ir::visitPostOrder(r, [&](Expr n) {
            if (n.op() == Op::Sym && syms.insert(std::string(n.name())).second) out.syms.push_back(n);
            if (n.op() == Op::Tensor && tensors.insert(std::string(n.name())).second) out.tensors.push_back(n);
        });
    }
    return out;
}

bool differ(const ir::Val& l, const ir::Val& r, std::string& why) {
    if (l.undef && r.undef) {
        why = "both sides are undefined there";
        return false;
    }
    if (l.undef != r.undef) return true;
    if (std::isnan(l.v) || std::isnan(r.v)) {
        why = "the evaluation gives NaN there (an operation outside its domain)";
        return false;
    }
    if (l.v == r.v) {
        why = "both sides evaluate to the same value";
        return false;
    }
    if (std::isinf(l.v) || std::isinf(r.v)) return true;
    double scale = std::max({1.0, std::fabs(l.v), std::fabs(r.v)});
    if (std::fabs(l.v - r.v) <= 1e-9 * scale) {
        why = "the difference is within the rounding error of the evaluation";
        return false;
    }
    return true;
}

} // namespace

namespace {

// Symbols that occur only in the shapes of tensors: nothing in the query depends on their values,
// so a confirmation may choose them (a flat buffer's `x_ptr.numel` is sized to the reads).
std::set<std::string> shapeOnlySymbols(const std::vector<Expr>& roots) {
    std::set<std::string> inShapes, elsewhere;
    std::set<const ir::Node*> seen;
    std::function<void(Expr)> walk = [&](Expr n) {
        if (!seen.insert(n.node()).second) return;
        if (n.op() == Op::Sym) elsewhere.insert(std::string(n.name()));
        for (const Expr& k : n.children()) walk(k);
        if (n.op() == Op::Tensor)
            for (const Expr& d : n.shape())
                ir::visitPostOrder(d, [&](Expr x) {
                    if (x.op() == Op::Sym) inShapes.insert(std::string(x.name()));
                });
    };
    for (const Expr& r : roots)
        if (r) walk(r);
    std::set<std::string> out;
    for (const std::string& s : inShapes)
        if (!elsewhere.count(s)) out.insert(s);
    return out;
}

struct Attempt {
    Confirmation c;
    bool outOfBounds = false; // a read fell outside a tensor built at the model's sizes
};

Attempt confirmAt(const EquivalenceQuery& q, Vocabulary& vocab, const z3::model& model, const Leaves& leaves,
                  const std::map<std::string, double>& symValues) {
    Attempt at;
    Confirmation& c = at.c;
    z3::context& z = vocab.z3ctx();
    ir::Env env;
    for (const Expr& s : leaves.syms) {
        double v = symValues.at(std::string(s.name()));
        env.setSym(s.name(), v);
        c.counterexample.syms.push_back({std::string(s.name()), std::string(ir::dtypeName(s.dtype())), v});
    }
    for (const Expr& v : leaves.vars) {
        double x = modelValue(model.eval(vocab.varConst(v), true));
        env.setVar(v, static_cast<std::int64_t>(x));
        c.counterexample.vars.push_back({std::string(v.name()), std::string(ir::dtypeName(v.dtype())), x});
    }
    for (const Expr& t : leaves.tensors) {
        ir::Evaluator shapeEval(env);
        std::vector<std::int64_t> shape;
        std::int64_t n = 1;
        for (const Expr& d : t.shape()) {
            auto v = shapeEval.scalar(d);
            if (!v || v->undef) {
                c.why = "the shape of tensor '" + std::string(t.name()) + "' has no value in the model";
                return at;
            }
            shape.push_back(std::max<std::int64_t>(0, static_cast<std::int64_t>(v->v)));
            n *= shape.back();
            if (n > kMaxElements) {
                c.why = "tensor '" + std::string(t.name()) + "' is too large to build from the model";
                return at;
            }
        }
        ir::TensorValue tv = ir::TensorValue::zeros(t.dtype(), shape);
        z3::func_decl fn = vocab.tensorFn(t);
        tv.forEachIndex([&](const std::vector<std::int64_t>& idx) {
            z3::expr_vector args(z);
            for (std::int64_t i : idx) args.push_back(z.int_val(static_cast<std::int64_t>(i)));
            tv.at(idx) = modelValue(model.eval(fn(args), true));
        });
        c.counterexample.tensors.push_back(
            {std::string(t.name()), std::string(ir::dtypeName(t.dtype())), shape, *tv.contiguous().storage});
        env.setTensor(t.name(), std::move(tv));
    }
    env.setApplyHook([&](Expr node, std::span<const ir::Val> args) -> util::Result<ir::Val> {
        z3::expr_vector zargs(z);
        for (std::size_t i = 0; i < args.size(); ++i) {
            if (args[i].undef) return ir::Val{std::nan(""), true};
            zargs.push_back(numeral(z, node[i].dtype(), args[i].v));
        }
        return ir::Val{modelValue(model.eval(vocab.applyFn(node)(zargs), true)), false};
    });

    ir::Evaluator ev(env);
    auto scalar = [&](Expr e, const char* what) -> std::optional<ir::Val> {
        auto v = ev.scalar(e);
        if (!v) {
            c.why = std::string("cannot evaluate the ") + what + " at the counterexample: " + v.error().message;
            at.outOfBounds = v.error().message.find("out of bounds") != std::string::npos;
            return std::nullopt;
        }
        return *v;
    };
    for (const Range& r : q.ranges) {
        auto x = scalar(r.x, "range");
        if (!x) return at;
        for (int side = 0; side < 2; ++side) {
            Expr b = side == 0 ? r.lo : r.hi;
            if (!b) continue;
            auto bv = scalar(b, "range bound");
            if (!bv) return at;
            bool ok = side == 0 ? bv->v <= x->v : x->v < bv->v;
            if (!ok || bv->undef || x->undef) {
                c.why = "the model leaves the range of " + ir::toText(r.x);
                return at;
            }
        }
    }
    for (const Expr& a : q.assumptions) {
        auto v = scalar(a, "assumption");
        if (!v) return at;
        if (v->undef || v->v == 0) {
            c.why = "the model violates the assumption " + ir::toText(a);
            return at;
        }
    }
    auto l = scalar(q.lhs, "left side");
    if (!l) return at;
    auto r = scalar(q.rhs, "right side");
    if (!r) return at;
    c.counterexample.lhs = {l->v, l->undef};
    c.counterexample.rhs = {r->v, r->undef};
    c.confirmed = differ(*l, *r, c.why);
    return at;
}

} // namespace

Confirmation confirmCounterexample(ir::Context& ctx, const EquivalenceQuery& q, Vocabulary& vocab,
                                   const z3::model& model, const std::map<std::string, std::int64_t>& fixed) {
    std::vector<Expr> roots = {q.lhs, q.rhs};
    for (const Expr& a : q.assumptions) roots.push_back(a);
    for (const Range& r : q.ranges) roots.insert(roots.end(), {r.x, r.lo, r.hi});
    Leaves leaves = leavesOf(roots);
    std::map<std::string, double> symValues;
    for (const Expr& s : leaves.syms) {
        auto f = fixed.find(std::string(s.name()));
        symValues[std::string(s.name())] =
            f != fixed.end() ? static_cast<double>(f->second) : modelValue(model.eval(vocab.symConst(s), true));
    }
    // A read outside a tensor whose size nothing else constrains is no reason to doubt the
    // model: the tensor is rebuilt larger (the model's function gives every element).
    std::set<std::string> free = shapeOnlySymbols(roots);
    for (auto it = free.begin(); it != free.end();)
        it = fixed.count(*it) ? free.erase(it) : std::next(it);
    Attempt at = confirmAt(q, vocab, model, leaves, symValues);
    for (int grow = 0; grow < 16 && at.outOfBounds && !free.empty(); ++grow) {
        for (const std::string& s : free) {
            double& v = symValues[s];
            v = std::max(1.0, std::isnan(v) ? 1.0 : std::floor(v)) * 4;
        }
        at = confirmAt(q, vocab, model, leaves, symValues);
    }
    (void)ctx;
    return at.c;
}

} // namespace tlift::verify::smt
