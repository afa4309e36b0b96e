#pragma once
// Instantiates the math axioms (tlift/verify/axioms.h) at the ground applications recorded by
// an encoder. Each axiom's SMT form is the encoding of its IR text with `a` and `b` replaced by
// the ground arguments. Applications carry a round: 0 for the query's own, r + 1 for those an
// instance at round r created. Decomposition applies at round 0; unary axioms at rounds 0 and 1,
// and at round 2 only when they create nothing; pair axioms at pairs of rounds <= 1. So the
// instantiation always ends, and stays polynomial in the size of the query.

#include "encoder.h"

#include "tlift/verify/axioms.h"

#include <vector>

namespace tlift::verify::smt {

struct AxiomStats {
    int instances = 0;
    bool pairsCapped = false;
};

class AxiomInstantiator {
public:
    explicit AxiomInstantiator(Encoder& enc, int maxPairApps = 20, int maxInstances = 6000);
    // Pair instances (and what they lead to) go to `pairFacts` when given: a first solver call
    // without them is often enough and much cheaper.
    util::Result<AxiomStats> run(std::vector<z3::expr>& facts, std::vector<z3::expr>* pairFacts = nullptr);

private:
    struct Template {
        const AxiomInfo* info;
        z3::expr formula;
    };
    util::Result<bool> buildTemplates();
    void unaryPass(std::size_t& next, std::vector<z3::expr>& facts);
    // The instance of a template; false when it would create applications beyond the last round.
    bool instantiate(const Template& t, const z3::expr& a, const z3::expr& b, int round, std::vector<z3::expr>& facts);
    void collectApps(const z3::expr& e, std::vector<std::pair<ir::Op, z3::expr>>& out);

    Encoder& m_enc;
    z3::context& m_z;
    int m_maxPairApps;
    int m_maxInstances;
    std::vector<Template> m_templates;
    std::vector<z3::expr> m_params; // the constants standing for a and b in the templates
    std::vector<std::pair<unsigned, ir::Op>> m_decls;
    AxiomStats m_stats;
};

} // namespace tlift::verify::smt
