#include "axiom_instantiator.h"

#include "tlift/ir/parser.h"

#include <set>

namespace tlift::verify::smt {

using ir::Op;

namespace {

const Op kMathOps[] = {Op::Exp, Op::Log, Op::Sqrt, Op::Tanh, Op::Erf, Op::Sin, Op::Cos, Op::Pow};

// The IR text of an axiom as one implication: !(premise) || (c1 && c2 && ...).
std::string axiomText(const AxiomInfo& ax) {
    std::string body;
    for (const std::string& c : ax.conclusions) body += (body.empty() ? "(" : " && (") + c + ")";
    if (ax.premise.empty()) return body;
    return "!(" + ax.premise + ") || (" + body + ")";
}

} // namespace

AxiomInstantiator::AxiomInstantiator(Encoder& enc, int maxPairApps, int maxInstances)
    : m_enc(enc), m_z(enc.vocab().z3ctx()), m_maxPairApps(maxPairApps), m_maxInstances(maxInstances) {}

util::Result<bool> AxiomInstantiator::buildTemplates() {
    if (!m_templates.empty()) return true;
    ir::Context& ctx = m_enc.irContext();
    ir::Expr a = ctx.sym("axiom_a", ir::DType::F64), b = ctx.sym("axiom_b", ir::DType::F64);
    ir::Scope scope;
    scope.names["a"] = a;
    scope.names["b"] = b;
    // A separate encoder: its own applications are patterns, not ground terms of the query.
    ReductionTable noReductions;
    Encoder tmpl(ctx, m_enc.vocab(), noReductions, EncodeOptions{false, false, 0, false});
    for (const AxiomInfo& ax : axiomTable()) {
        auto e = ir::parseExpr(ctx, axiomText(ax), scope);
        if (!e) return util::Result<bool>::failure("axiom", ax.name + ": " + e.error().message);
        auto f = tmpl.encodeBool(*e);
        if (!f) return util::Result<bool>::failure("axiom", ax.name + ": " + f.error().message);
        m_templates.push_back(Template{&ax, *f});
    }
    m_params = {m_enc.vocab().symConst(a), m_enc.vocab().symConst(b)};
    for (Op op : kMathOps) m_decls.emplace_back(m_enc.vocab().mathFn(op).id(), op);
    return true;
}

void AxiomInstantiator::collectApps(const z3::expr& e, std::vector<std::pair<Op, z3::expr>>& out) {
    std::set<unsigned> seen;
    std::vector<z3::expr> stack{e};
    while (!stack.empty()) {
        z3::expr x = stack.back();
        stack.pop_back();
        if (!x.is_app() || !seen.insert(x.id()).second) continue;
        unsigned d = x.decl().id();
        for (const auto& [id, op] : m_decls)
            if (id == d) out.emplace_back(op, x);
        for (unsigned i = 0; i < x.num_args(); ++i) stack.push_back(x.arg(i));
    }
}

bool AxiomInstantiator::instantiate(const Template& t, const z3::expr& a, const z3::expr& b, int round,
                                    std::vector<z3::expr>& facts) {
    if (m_stats.instances >= m_maxInstances) return false;
    z3::expr_vector from(m_z), to(m_z);
    from.push_back(m_params[0]);
    from.push_back(m_params[1]);
    to.push_back(a);
    to.push_back(b);
    z3::expr inst = z3::expr(t.formula).substitute(from, to);
    std::vector<std::pair<Op, z3::expr>> apps;
    collectApps(inst, apps);
    bool creates = false;
    for (const auto& [op, app] : apps) creates = creates || !m_enc.knowsMath(app);
    if (creates && round >= 2) return false;
    m_enc.setRound(round + 1);
    for (const auto& [op, app] : apps) {
        if (m_enc.knowsMath(app)) continue;
        if (op == Op::Pow) m_enc.math(op, app.arg(0), app.arg(1));
        else m_enc.math(op, app.arg(0));
    }
    facts.push_back(inst);
    ++m_stats.instances;
    return true;
}

void AxiomInstantiator::unaryPass(std::size_t& next, std::vector<z3::expr>& facts) {
    z3::expr zero = m_z.real_val(0);
    for (; next < m_enc.mathApps().size(); ++next) {
        MathApp m = m_enc.mathApps()[next];
        for (const Template& t : m_templates) {
            if (t.info->trigger != AxiomTrigger::Unary || t.info->function != m.op) continue;
            instantiate(t, m.args[0], m.args.size() > 1 ? m.args[1] : zero, m.round, facts);
        }
    }
}

util::Result<AxiomStats> AxiomInstantiator::run(std::vector<z3::expr>& facts, std::vector<z3::expr>* pairFacts) {
    if (auto r = buildTemplates(); !r) return std::move(r).takeError();
    // 1. Decomposition at the query's own applications.
    std::vector<MathApp> query;
    for (const MathApp& m : m_enc.mathApps())
        if (m.round == 0) query.push_back(m);
    for (const Template& t : m_templates) {
        const AxiomInfo& ax = *t.info;
        if (ax.trigger != AxiomTrigger::Decompose) continue;
        for (const MathApp& x : query) {
            if (x.op != ax.function) continue;
            const z3::expr& arg = x.args[0];
            if (!arg.is_app() || arg.num_args() < 2) continue;
            Z3_decl_kind k = arg.decl().decl_kind();
            bool fits = (ax.decomposes == "+" && (k == Z3_OP_ADD || (k == Z3_OP_SUB && arg.num_args() == 2))) ||
                        (ax.decomposes == "*" && k == Z3_OP_MUL) ||
                        (ax.decomposes == "/" && k == Z3_OP_DIV && arg.num_args() == 2);
            if (!fits) continue;
            z3::expr rest = arg.arg(1);
            for (unsigned i = 2; i < arg.num_args(); ++i) rest = k == Z3_OP_MUL ? rest * arg.arg(i) : rest + arg.arg(i);
            if (k == Z3_OP_SUB) rest = -arg.arg(1);
            instantiate(t, arg.arg(0), rest, 0, facts);
        }
    }
    // 2. Unary axioms at every application so far (they create the links between functions).
    std::size_t next = 0;
    unaryPass(next, facts);
    // 3. Pairs of applications of the query and of the first instances.
    std::vector<z3::expr>& second = pairFacts ? *pairFacts : facts;
    for (const Template& t : m_templates) {
        const AxiomInfo& ax = *t.info;
        if (ax.trigger != AxiomTrigger::Pair) continue;
        std::vector<MathApp> apps;
        for (const MathApp& m : m_enc.mathApps())
            if (m.op == ax.function && m.round <= 1) apps.push_back(m);
        if (static_cast<int>(apps.size()) > m_maxPairApps) {
            m_stats.pairsCapped = true;
            continue;
        }
        for (const MathApp& x : apps)
            for (const MathApp& y : apps)
                if (!z3::eq(x.app, y.app)) instantiate(t, x.args[0], y.args[0], std::max(x.round, y.round), second);
    }
    // 4. Unary axioms at what the pairs created.
    unaryPass(next, second);
    return m_stats;
}

} // namespace tlift::verify::smt
