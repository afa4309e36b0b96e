#pragma once
// From a Z3 model to a concrete input, and the concrete re-evaluation that decides whether a
// counterexample is real. The solver's model only satisfies the encoding, in which math
// functions and symbolic reductions are uninterpreted; the evaluator computes what the formulas
// actually say, so a difference is reported only when the evaluator sees it too.

#include "vocabulary.h"

#include "tlift/ir/context.h"
#include "tlift/verify/query.h"
#include "tlift/verify/verdict.h"

#include <z3++.h>

#include <map>
#include <string>

namespace tlift::verify::smt {

struct Confirmation {
    bool confirmed = false;
    Counterexample counterexample; // filled as far as the model allowed
    std::string why;               // when not confirmed
};

// `fixed` gives the values of symbols that were substituted before encoding (bounded mode).
Confirmation confirmCounterexample(ir::Context& ctx, const EquivalenceQuery& query, Vocabulary& vocab,
                                   const z3::model& model, const std::map<std::string, std::int64_t>& fixed);

// The value of a numeral, Boolean or algebraic number of a model as a double.
double modelValue(const z3::expr& v);

} // namespace tlift::verify::smt
