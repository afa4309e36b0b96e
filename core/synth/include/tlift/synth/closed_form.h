#pragma once
// Closed forms of loop recurrences. A loop `for u in range(lo, hi, step)` with a carried
// variable v (init v0, update v' = F(v, u)) has, when synthesis finds one, a closed form:
//   atIteration: the value of v at the start of iteration t (t = 0, 1, ...; u = lo + step * t)
//   final:       the value after the loop (atIteration at t = iterations)
// as IR formulas over the program ids, the lanes of v's block and t. Loop results in the spec
// (`v@L1(pid, lanes)`) are replaced by `final`; the verifier checks each closed form by
// induction (kernel_checks.h): init, preservation, exit.

#include "tlift/symexec/spec.h"
#include "tlift/synth/search_tree.h"

#include <map>
#include <string>
#include <vector>

namespace tlift::synth {

struct ClosedForm {
    int loop = 0;
    std::string var;          // the carried variable
    std::string pattern;      // "accumulation", "running max", "online softmax", "pointer increment", ...
    ir::Expr iter;            // t, the iteration index (i32 variable)
    ir::Expr iterations;      // the number of iterations: max(0, cdiv(hi - lo, step))
    ir::Expr atIteration;     // v at the start of iteration t
    ir::Expr final;           // v after the loop
    ir::Expr counter;         // the loop's counter variable u (= lo + step * t)
};

struct LoopSolution {
    std::vector<ClosedForm> forms;           // one per carried variable that was solved
    std::vector<std::string> unsolved;       // carried variables without a closed form, with why
};

// Finds closed forms for the carried variables of every loop of the spec (inner loops first).
// Search events go to `tree` under `parent`.
LoopSolution solveLoops(ir::Context& ctx, const symexec::Spec& spec, SearchTree* tree = nullptr, int parent = -1);

// Replaces every loop result (`v@L1(...)` / `v@L1.prev(...)`) in e by its closed form (final /
// atIteration at the loop's current iteration); loop results without one stay.
ir::Expr applyClosedForms(ir::Context& ctx, const symexec::Spec& spec, const LoopSolution& sol, ir::Expr e);

} // namespace tlift::synth
