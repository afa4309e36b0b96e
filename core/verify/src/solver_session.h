#pragma once
// One solver query: a Z3 solver with a timeout and a fixed seed, cancellable from another
// thread through the job's CancelToken, optionally written out as an SMT-LIB 2 file first.

#include "tlift/util/cancel.h"
#include "tlift/verify/verdict.h"

#include <z3++.h>

#include <optional>
#include <string>
#include <vector>

namespace tlift::verify::smt {

struct SolverConfig {
    unsigned timeoutMs = 5000;
    unsigned seed = 0;
    util::CancelToken cancel;
};

struct SolverOutcome {
    SolverResult result = SolverResult::Unknown;
    std::string reason;
    double millis = 0.0;
};

class SolverSession {
public:
    SolverSession(z3::context& z, SolverConfig config);

    void add(const z3::expr& fact);
    void add(const std::vector<z3::expr>& facts);
    SolverOutcome check(); // with the configured timeout
    SolverOutcome check(unsigned timeoutMs);
    // After Sat: looks for a model that also satisfies `extra` (small sizes, for readable
    // counterexamples); keeps the current model when there is none within `timeoutMs`.
    void preferModel(const z3::expr& extra, unsigned timeoutMs);
    const z3::model& model() const { return *m_model; }
    bool hasModel() const { return m_model.has_value(); }

    // The facts as an SMT-LIB 2 benchmark that `z3 FILE` re-checks.
    static void writeSmtFile(z3::context& z, const std::vector<z3::expr>& facts, unsigned seed, const std::string& path);

private:
    SolverOutcome run(unsigned timeoutMs);
    z3::context& m_z;
    z3::solver m_solver;
    SolverConfig m_config;
    std::optional<z3::model> m_model;
};

} // namespace tlift::verify::smt
