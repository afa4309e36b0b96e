#pragma once
// One solver query of a check: encodes an equivalence, adds the reduction laws, the lemmas about
// pairs of reductions (proved by sub-queries), the math axioms, runs Z3, and turns a model into
// a confirmed or rejected counterexample.

#include "model_reader.h"
#include "solver_session.h"

#include "tlift/ir/context.h"
#include "tlift/util/cancel.h"
#include "tlift/verify/query.h"
#include "tlift/verify/verdict.h"

#include <z3++.h>

#include <map>
#include <optional>
#include <set>
#include <string>

namespace tlift::verify::smt {

struct RunResult {
    SolverResult result = SolverResult::Unknown;
    QueryRecord record;
    std::optional<Confirmation> confirmation; // after Sat
    std::set<std::string> notes;              // assumptions the encoding made
    bool encodingFailed = false;
    bool usedUndef = false;
    bool usedMath = false;
    bool usedSymbolicReductions = false;
};

class QueryRunner {
public:
    QueryRunner(z3::context& z, const CheckOptions& options, util::Deadline deadline, int& fileCounter);

    // `encoded` is what goes to the solver (normalized, sizes substituted); `original` is what a
    // model is confirmed against, with `fixed` giving the substituted sizes.
    RunResult run(ir::Context& ctx, const EquivalenceQuery& encoded, const EquivalenceQuery& original,
                  const std::map<std::string, std::int64_t>& fixed, const std::string& label);

private:
    unsigned timeLeft(unsigned cap) const;
    std::string smtFile(const std::string& name, const std::string& label);

    z3::context& m_z;
    const CheckOptions& m_opts;
    util::Deadline m_deadline;
    int& m_fileCounter;
};

} // namespace tlift::verify::smt
