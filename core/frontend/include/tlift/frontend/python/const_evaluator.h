#pragma once
// Evaluates the expressions a module can decide without running: literals, arithmetic on them,
// module constants, `tl.constexpr(...)`, tuples / lists / dicts, comprehensions over literal
// ranges, and a few pure builtins (range, min, max, len, int, float, abs, triton.cdiv,
// triton.next_power_of_2). Anything else has no value. Python's semantics throughout (floor
// division, true division to float, int64 overflow means "no value", never a wrong value).

#include "tlift/frontend/python/ast.h"
#include "tlift/frontend/python/import_table.h"
#include "tlift/frontend/python/value.h"

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace tlift::frontend::py {

class ConstEvaluator {
public:
    // The value of a module-level name, or nullptr.
    using Globals = std::function<const Value*(std::string_view name)>;
    // Local bindings (comprehension variables), looked up before the globals.
    using Env = std::map<std::string, Value, std::less<>>;

    ConstEvaluator(const ImportTable& imports, Globals globals);

    std::optional<Value> eval(const Expr& e, const Env& env = {}) const;
    // Calls `fn` with the environment of each iteration of the generators (targets bound,
    // conditions true), in order; stops when fn returns false. Returns false when an iterable
    // or a condition has no value, or the evaluation budget is spent.
    bool forEachIteration(const std::vector<Comprehension>& gens, const Env& env,
                          const std::function<bool(const Env&)>& fn) const;
    // Binds a target (name, or tuple / list of targets) to a value; false when the shapes
    // do not match.
    static bool bindTarget(const Expr& target, const Value& v, Env& env);

private:
    std::optional<Value> evalCall(const Call& c, const Env& env) const;
    std::optional<Value> evalBuiltin(std::string_view name, const std::vector<Value>& args) const;
    std::optional<Value> evalSequence(const ExprList& elts, const Env& env, bool tuple) const;
    std::optional<Value> evalComprehension(const Expr& elt, const std::vector<Comprehension>& gens,
                                           const Env& env) const;
    bool spend(std::size_t n = 1) const;

    const ImportTable& m_imports;
    Globals m_globals;
    mutable std::size_t m_steps = 0;
};

// Python's binary and unary operators and comparisons on values; nothing on type errors,
// division by zero or int64 overflow.
std::optional<Value> applyBinary(BinOpKind op, const Value& a, const Value& b);
std::optional<Value> applyUnary(UnaryOpKind op, const Value& a);
std::optional<bool> applyCompare(CmpOpKind op, const Value& a, const Value& b);

} // namespace tlift::frontend::py
