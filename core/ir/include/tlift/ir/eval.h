#pragma once
// The concrete evaluator: the value of an expression for given symbols, variables and tensors.
// Two modes: Real evaluates in double precision (the reference for "what the formula says");
// Float rounds the result of every operation to its node's dtype (float32, float16, ...),
// which is how the floating-point check compares a kernel with its summary.
//
// An undefined value (Undef, e.g. a masked-off load without `other`) propagates through
// arithmetic and is reported as `undef` in the result, never as a number.

#include "tlift/ir/context.h"
#include "tlift/ir/tensor_value.h"
#include "tlift/util/result.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tlift::ir {

enum class EvalMode { Real, Float };

struct Val {
    double v = 0.0;
    bool undef = false;
};

class Env {
public:
    void setVar(Expr var, std::int64_t value) { m_vars[var.node()] = value; }
    void setSym(std::string_view name, double value) { m_syms[std::string(name)] = value; }
    void setTensor(std::string_view name, TensorValue t) { m_tensors[std::string(name)] = std::move(t); }
    // Uninterpreted functions (Apply nodes) are evaluated by this hook, when set.
    using ApplyHook = std::function<util::Result<Val>(Expr node, std::span<const Val> args)>;
    void setApplyHook(ApplyHook h) { m_apply = std::move(h); }

    const std::int64_t* var(const Node* v) const;
    const double* sym(std::string_view name) const;
    const TensorValue* tensor(std::string_view name) const;
    const ApplyHook& applyHook() const { return m_apply; }
    void clearVar(Expr var) { m_vars.erase(var.node()); }

private:
    std::unordered_map<const Node*, std::int64_t> m_vars;
    std::map<std::string, double, std::less<>> m_syms;
    std::map<std::string, TensorValue, std::less<>> m_tensors;
    ApplyHook m_apply;
};

class Evaluator {
public:
    Evaluator(const Env& env, EvalMode mode = EvalMode::Real);
    ~Evaluator();

    // The value of a scalar expression.
    util::Result<Val> scalar(Expr e);
    // The value of any expression as a tensor (a scalar gives a rank-0 tensor); elementwise
    // operators broadcast; undefined elements are NaN in the data and listed in `undefCount`.
    util::Result<TensorValue> tensor(Expr e);
    // Forgets cached values (call after changing the Env between evaluations).
    void clearCache();
    std::size_t undefCount() const { return m_undefCount; }

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::size_t m_undefCount = 0;
};

// One elementwise operator applied to concrete values (shared by the evaluator and by the
// concrete runner of kernels). `node` gives the operator, its dtype and its payload.
util::Result<Val> applyElementwise(Expr node, std::span<const Val> args, EvalMode mode);

} // namespace tlift::ir
