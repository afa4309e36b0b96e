#pragma once
// Shared fixtures of the e-graph tests: a context with the tensors and symbols the corpus uses,
// parsing in the IR text form, and evaluation on random inputs.

#include "tlift/egraph/simplify_summary.h"
#include "tlift/ir/eval.h"
#include "tlift/ir/parser.h"

#include <random>
#include <string>

namespace tlift::egraph::testing {

struct Fixture {
    ir::Context c;
    ir::Scope s;
    Fixture();
    ir::Expr parse(const std::string& text);
    ir::Equation equation(const std::string& text);
    ir::Expr var(const char* name) { return c.var(name); }
};

// Random values for every tensor and symbol of the fixture (sizes M=3, N=4, K=5, B=2, H=3),
// drawn from [-2, 2] (positive for `eps`); `seed` makes it reproducible.
ir::Env randomEnv(const Fixture& f, unsigned seed);

// Max relative difference of two expressions of the same shape evaluated in `env` (Real mode);
// NaN when either fails to evaluate (the error message in `why`).
double maxDifference(ir::Expr a, ir::Expr b, const ir::Env& env, std::string* why = nullptr);

// The value of a summary `lhs = rhs` as a tensor: a tensor-level rhs is evaluated as it is; for
// `out[i, ...] = rhs` the rhs is evaluated at every coordinate of out's shape.
util::Result<ir::TensorValue> evalSummary(ir::Expr lhs, ir::Expr rhs, const ir::Env& env);

} // namespace tlift::egraph::testing
