#pragma once
// A testing aid: the value that the SMT encoding of an expression takes at concrete inputs.
// Inputs are pinned, math functions are pinned to their double-precision values at the
// arguments the model gives them (innermost first), and the model's value of the encoding is
// read back; tests compare it with ir::Evaluator. No axioms are added (their exact identities
// would contradict rounded pins).

#include "tlift/ir/context.h"
#include "tlift/ir/tensor_value.h"
#include "tlift/util/result.h"

#include <utility>
#include <vector>

namespace tlift::verify {

struct ConcreteInputs {
    std::vector<std::pair<ir::Expr, std::int64_t>> vars;       // Var nodes
    std::vector<std::pair<ir::Expr, double>> syms;             // Sym nodes
    std::vector<std::pair<ir::Expr, ir::TensorValue>> tensors; // Tensor nodes
};

struct ProbeValue {
    double value = 0.0;
    bool negInf = false;
    bool posInf = false;
};

util::Result<ProbeValue> evaluateEncoding(ir::Context& ctx, ir::Expr e, const ConcreteInputs& inputs);

} // namespace tlift::verify
