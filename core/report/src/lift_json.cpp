#include "tlift/report/lift_json.h"

#include "tlift/egraph/export.h"
#include "tlift/ir/json.h"
#include "tlift/ir/printer.h"
#include "tlift/synth/lift_format.h"

namespace tlift::report {

using nlohmann::json;

namespace {

json location(const util::SourceManager* sm, util::SourceSpan s) {
    if (!sm || !s.valid()) return nullptr;
    return {{"file", std::string(sm->path(s.file))}, {"line", s.line}, {"col", s.col}, {"end_line", s.endLine}, {"end_col", s.endCol}};
}

json formula(ir::Expr e) {
    if (!e) return nullptr;
    return {{"text", ir::toText(e)}, {"latex", ir::toLatex(e)}, {"ir", ir::toJson(e)}};
}

json assumptionsJson(const std::vector<synth::Assumption>& as) {
    json out = json::array();
    for (const synth::Assumption& a : as) out.push_back({{"text", a.text}, {"why", a.why}, {"source", a.source}, {"proved", a.proved}});
    return out;
}

json derivationJson(const std::vector<synth::DerivationStep>& steps) {
    json out = json::array();
    for (const synth::DerivationStep& d : steps) {
        json s{{"rule", d.rule}, {"from", d.from}, {"to", d.to}, {"from_latex", d.fromLatex}, {"to_latex", d.toLatex}};
        s["before"] = d.beforeTerm ? ir::toText(d.beforeTerm) : d.before;
        s["after"] = d.afterTerm ? ir::toText(d.afterTerm) : d.after;
        out.push_back(s);
    }
    return out;
}

json outputJson(const synth::OutputSummary& s, const util::SourceManager* sm, const JsonOptions& options) {
    json o;
    o["tensor"] = s.output;
    o["param"] = s.param;
    o["store"] = s.store;
    o["coords"] = s.coords;
    o["shape"] = s.shape;
    o["lhs"] = s.lhs;
    o["lhs_latex"] = s.lhsLatex;
    // The summary (index notation) at the top level, as schema 1 had it.
    if (s.summary) {
        o["formula"] = ir::toJson(s.summary);
        o["text"] = ir::toText(s.summary);
        o["latex"] = ir::toLatex(s.summary);
    }
    o["raw"] = formula(s.raw);
    o["summary"] = formula(s.summary);
    if (s.simplified) {
        json simp = formula(s.simplified);
        simp["lhs"] = s.simplifiedLhs;
        simp["lhs_latex"] = s.simplifiedLhsLatex;
        simp["formula"] = simp["ir"];
        simp["rules"] = s.rulesUsed;
        simp["tensor_level"] = s.egraph && s.egraph->tensorLevel && s.simplified == s.egraph->rhs;
        o["simplified"] = simp;
    }
    json v = verdictToJson(s.verdict);
    // The user-facing status (the lift's, not only the solver's) and how it was reached.
    v["solver_status"] = v["status"];
    v["status"] = synth::statusName(s.status);
    v["mode"] = s.mode;
    v["detail"] = s.statusDetail;
    o["verdict"] = v;
    o["checks"] = json::array();
    for (const auto& [what, cv] : s.checks) o["checks"].push_back({{"what", what}, {"verdict", verdictToJson(cv)}});
    o["assumptions"] = assumptionsJson(s.assumptions);
    o["derivation"] = derivationJson(s.derivation);
    if (options.egraph && s.egraph) o["egraph"] = egraph::toJson(*s.egraph);
    o["float_check"] = {{"text", s.floatCheck}, {"max_abs_error", s.maxFloatError}};
    o["location"] = location(sm, s.span);
    return o;
}

json searchJson(const synth::LiftResult& r, const util::SourceManager* sm, bool nodes) {
    const synth::Counters& c = r.counters;
    json j;
    j["counters"] = {{"search_space", c.searchSpace}, {"tried", c.tried}, {"pruned_type", c.prunedType},
                     {"pruned_equivalent", c.prunedEquivalent}, {"refuted", c.refuted}, {"tested", c.tested},
                     {"verified", c.verified}, {"test_inputs", c.testInputs}};
    if (!nodes) return j;
    j["nodes"] = json::array();
    for (const synth::SearchNode& n : r.search) {
        json jn{{"id", n.id}, {"parents", n.parents}, {"phase", synth::phaseName(n.phase)}, {"rule", n.rule},
                {"output", n.output}, {"text", n.text}, {"fate", synth::fateName(n.fate)}, {"reason", n.reason},
                {"size", n.size}, {"ms", n.millis}};
        if (n.equivalentTo >= 0) jn["equivalent_to"] = n.equivalentTo;
        if (n.failedInput >= 0) jn["failed_input"] = n.failedInput;
        if (!n.values.empty()) jn["values"] = n.values;
        if (n.span.valid()) jn["location"] = location(sm, n.span);
        j["nodes"].push_back(jn);
    }
    return j;
}

json diagnosticsJson(const util::Diagnostics& ds, const util::SourceManager* sm) {
    json out = json::array();
    for (const util::Diagnostic& d : ds.items()) {
        json dj{{"severity", util::severityName(d.severity)}, {"category", d.category}, {"message", d.message}};
        if (d.span.valid()) dj["location"] = location(sm, d.span);
        out.push_back(dj);
    }
    return out;
}

} // namespace

json counterexampleToJson(const verify::Counterexample& c) {
    auto bindings = [](const std::vector<verify::Counterexample::Binding>& bs) {
        json out = json::array();
        for (const auto& b : bs) out.push_back({{"name", b.name}, {"dtype", b.dtype}, {"value", b.value}});
        return out;
    };
    json tensors = json::array();
    for (const verify::TensorSample& t : c.tensors)
        tensors.push_back({{"name", t.name}, {"dtype", t.dtype}, {"shape", t.shape}, {"data", t.data}});
    auto side = [](const verify::SideValue& s) { return s.undef ? json("undefined") : json(s.value); };
    return {{"vars", bindings(c.vars)}, {"syms", bindings(c.syms)}, {"tensors", tensors}, {"lhs", side(c.lhs)},
            {"rhs", side(c.rhs)}, {"note", c.note}, {"text", verify::describe(c)}};
}

json verdictToJson(const verify::Verdict& v) {
    json j;
    j["status"] = std::string(verify::statusName(v.status));
    if (v.status == verify::Status::ProvedUpTo) j["bound"] = v.bound;
    if (v.counterexample) j["counterexample"] = counterexampleToJson(*v.counterexample);
    j["reason"] = v.reason;
    j["assumptions"] = v.assumptions;
    j["queries"] = json::array();
    for (const verify::QueryRecord& q : v.queries)
        j["queries"].push_back({{"label", q.label}, {"result", std::string(verify::solverResultName(q.result))}, {"ms", q.millis},
                                {"smt", q.smtFile}, {"detail", q.detail}});
    return j;
}

json liftToJson(const synth::LiftResult& r, const JsonOptions& options) {
    json j;
    j["schema"] = kLiftJsonSchema;
    j["seed"] = r.seed;
    j["command"] = r.command;
    j["status"] = r.trace ? json(synth::statusName(r.overall())) : json("failed");
    j["stop_reason"] = util::stopReasonName(r.stop);
    const util::SourceManager* sm = r.trace && r.trace->source ? r.trace->source->sm.get() : nullptr;
    if (r.trace) {
        const synth::TraceResult& t = *r.trace;
        j["file"] = t.source->path;
        j["kernel"] = t.kernel;
        j["config"] = t.config;
        j["configs"] = t.configCount;
        if (t.spec) {
            json tj = synth::traceToJson(t); // the spec with the launch context (docs/trace-format.md)
            j["launch"] = tj["launch"];
            tj.erase("launch");
            if (options.trace) j["trace"] = tj;
        }
    }
    j["outputs"] = json::array();
    for (const synth::OutputSummary& s : r.outputs) j["outputs"].push_back(outputJson(s, sm, options));
    json search = searchJson(r, sm, options.search);
    j["counters"] = search["counters"]; // schema 1 had them at the top level
    j["search"] = search;
    j["timings_ms"] = {{"parse", r.timings.parse}, {"trace", r.timings.trace}, {"synth", r.timings.synth}, {"test", r.timings.test},
                       {"verify", r.timings.verify}, {"simplify", r.timings.simplify}, {"total", r.timings.total}};
    j["checks"] = json::array(); // kernel-level (memory safety of the loads, ...)
    for (const auto& [what, cv] : r.checks) j["checks"].push_back({{"what", what}, {"verdict", verdictToJson(cv)}});
    if (r.expectation) {
        const synth::ExpectationResult& e = *r.expectation;
        j["expectation"] = {{"text", e.text}, {"output", e.output}, {"status", synth::statusName(e.status)},
                            {"detail", e.detail}, {"verdict", verdictToJson(e.verdict)}};
    }
    j["notes"] = r.notes;
    j["diagnostics"] = diagnosticsJson(r.diagnostics, sm);
    return j;
}

} // namespace tlift::report
