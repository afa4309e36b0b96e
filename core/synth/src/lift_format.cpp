#include "tlift/synth/lift_format.h"

#include "tlift/ir/json.h"
#include "tlift/ir/printer.h"
#include "tlift/symexec/spec_print.h"
#include "tlift/util/strings.h"

#include <cmath>
#include <sstream>

namespace tlift::synth {

using nlohmann::json;

namespace {

std::string launchText(const symexec::LaunchContext& lc) {
    std::ostringstream out;
    for (const symexec::TensorBinding& t : lc.tensors) {
        std::vector<std::string> dims, strides;
        for (auto& d : t.shape) dims.push_back(ir::toText(d));
        for (auto& d : t.strides) strides.push_back(ir::toText(d));
        out << "  " << t.param << " -> " << t.name << ": " << ir::dtypeName(t.dtype) << "[" << util::join(dims, ", ")
            << "], strides [" << util::join(strides, ", ") << "]\n";
    }
    std::vector<std::string> grid;
    for (auto& g : lc.grid) grid.push_back(g ? ir::toText(g) : "?");
    out << "  grid = (" << util::join(grid, ", ") << ")\n";
    for (auto& [k, v] : lc.constexprs) out << "  " << k << " = " << v.repr() << "\n";
    return out.str();
}

} // namespace

std::string formatTraceResult(const TraceResult& t) {
    std::ostringstream out;
    const util::SourceManager& sm = *t.source->sm;
    out << symexec::formatTrace(*t.spec, sm) << "\n" << symexec::formatSpec(*t.spec, sm) << "\nlaunch context:\n"
        << launchText(t.launch);
    for (const symexec::LaunchNote& n : t.launch.notes) out << "  - " << n.fact << "  [" << n.source << "]\n";
    if (!t.diagnostics.empty()) out << "\n" << t.diagnostics.format(&sm);
    return out.str();
}

json traceToJson(const TraceResult& t) {
    json j = symexec::specToJson(*t.spec, *t.source->sm);
    json l = json::parse(symexec::writeLaunchJson(t.launch));
    l["notes"] = json::array();
    for (const symexec::LaunchNote& n : t.launch.notes) l["notes"].push_back({{"fact", n.fact}, {"source", n.source}});
    j["launch"] = l;
    j["file"] = t.source->path;
    j["config"] = t.config;
    j["configs"] = t.configCount;
    return j;
}

// One kernel-level check or proof obligation: "[proved] label", with the bound, reason or
// counterexample of a verdict that is not a proof.
static std::string checkLine(const std::string& label, const verify::Verdict& v) {
    std::string s = "[" + std::string(verify::statusName(v.status)) + "] " + label;
    if (v.status == verify::Status::ProvedUpTo) s += " (up to " + std::to_string(v.bound) + ")";
    if (v.status == verify::Status::Refuted && v.counterexample) s += ": " + verify::describe(*v.counterexample);
    else if (v.status != verify::Status::Proved && !v.reason.empty()) s += ": " + v.reason;
    return s;
}

static json checkJson(const std::string& label, const verify::Verdict& v) {
    json c{{"label", label}, {"status", std::string(verify::statusName(v.status))}, {"reason", v.reason}};
    if (v.status == verify::Status::ProvedUpTo) c["bound"] = v.bound;
    if (v.counterexample) c["counterexample"] = verify::describe(*v.counterexample);
    return c;
}

std::string formatLift(const LiftResult& r, const FormatOptions& o) {
    std::ostringstream out;
    if (!r.trace) {
        out << "no result\n";
        if (!r.diagnostics.empty()) out << r.diagnostics.format(nullptr);
        return out.str();
    }
    const util::SourceManager& sm = *r.trace->source->sm;
    out << "kernel " << r.trace->kernel << " (" << r.trace->source->path << ")";
    if (r.trace->configCount > 1) out << ", autotune config " << r.trace->config + 1 << " of " << r.trace->configCount;
    out << "\n";
    for (const OutputSummary& s : r.outputs) {
        out << "\n" << (s.lhs.empty() ? s.output : s.lhs) << " = ";
        if (s.summary) out << ir::toText(s.summary) << "\n";
        else out << "?\n";
        if (s.simplified && s.simplified != s.summary)
            out << "  simplified: " << s.simplifiedLhs << " = " << ir::toText(s.simplified) << "\n";
        out << "  status: " << statusName(s.status);
        if (!s.mode.empty()) out << " (" << s.mode << ")";
        out << "\n";
        if (!s.statusDetail.empty()) out << "  " << s.statusDetail << "\n";
        std::vector<const Assumption*> needed, launch, reading;
        for (const Assumption& a : s.assumptions) {
            if (a.proved) continue;
            if (a.source == "verifier") reading.push_back(&a);
            else if (a.why == "launch context") launch.push_back(&a);
            else needed.push_back(&a);
        }
        if (!needed.empty()) {
            out << "  assuming:\n";
            for (const Assumption* a : needed) out << "    " << a->text << "   (" << a->why << ")\n";
        }
        if (!launch.empty()) {
            out << "  launch context:\n";
            for (const Assumption* a : launch) out << "    " << a->text << "   [" << a->source << "]\n";
        }
        if (!reading.empty() && o.derivation) {
            out << "  verifier's reading:\n";
            for (const Assumption* a : reading) out << "    " << a->text << "\n";
        }
        if (!s.floatCheck.empty()) out << "  " << s.floatCheck << "\n";
        if (!s.checks.empty()) {
            out << "  checks:\n";
            for (const auto& [label, v] : s.checks) out << "    " << checkLine(label, v) << "\n";
        }
        if (o.derivation) {
            out << "  derivation:\n";
            for (const DerivationStep& d : s.derivation) out << "    [" << d.rule << "] " << d.from << "  =>  " << d.to << "\n";
        }
    }
    if (r.expectation) {
        const ExpectationResult& e = *r.expectation;
        out << "\nexpected: " << e.text << "\n  status: " << statusName(e.status) << "\n  " << e.detail << "\n";
    }
    const Counters& c = r.counters;
    out << "\nsearch: " << c.tried << " candidates, " << c.tested << " tested, " << c.refuted << " refuted, "
        << c.verified << " verified; " << c.testInputs << " test inputs";
    if (o.timings) out << "; " << util::formatDouble(std::round(r.timings.total)) << " ms";
    out << "\n";
    if (!r.checks.empty()) {
        out << "kernel checks:\n";
        for (const auto& [label, v] : r.checks) out << "  " << checkLine(label, v) << "\n";
    }
    for (const std::string& n : r.notes) out << "note: " << n << "\n";
    if (!r.diagnostics.empty()) out << "\n" << r.diagnostics.format(&sm);
    return out.str();
}

json liftToJson(const LiftResult& r) {
    json j;
    j["schema"] = "tritonlift-lift/1";
    if (!r.trace) {
        j["outputs"] = json::array();
        j["diagnostics"] = json::array();
        for (const util::Diagnostic& d : r.diagnostics.items())
            j["diagnostics"].push_back({{"severity", util::severityName(d.severity)}, {"message", d.message}});
        return j;
    }
    const util::SourceManager& sm = *r.trace->source->sm;
    j["file"] = r.trace->source->path;
    j["kernel"] = r.trace->kernel;
    j["config"] = r.trace->config;
    j["configs"] = r.trace->configCount;
    j["seed"] = r.seed;
    j["command"] = r.command;
    j["status"] = statusName(r.overall());
    j["outputs"] = json::array();
    for (const OutputSummary& s : r.outputs) {
        json o;
        o["tensor"] = s.output;
        o["param"] = s.param;
        o["coords"] = s.coords;
        o["shape"] = s.shape;
        o["lhs"] = s.lhs;
        if (s.summary) {
            o["formula"] = ir::toJson(s.summary);
            o["text"] = ir::toText(s.summary);
            o["latex"] = ir::toLatex(s.summary);
        }
        if (s.raw) o["raw"] = {{"text", ir::toText(s.raw)}, {"latex", ir::toLatex(s.raw)}};
        if (s.simplified) o["simplified"] = {{"lhs", s.simplifiedLhs}, {"text", ir::toText(s.simplified)}, {"latex", ir::toLatex(s.simplified)},
                                             {"formula", ir::toJson(s.simplified)}, {"rules", s.rulesUsed}};
        json v;
        v["status"] = statusName(s.status);
        v["mode"] = s.mode;
        v["detail"] = s.statusDetail;
        if (s.status == LiftStatus::ProvedUpTo) v["bound"] = s.verdict.bound;
        if (s.verdict.counterexample) v["counterexample"] = verify::describe(*s.verdict.counterexample);
        v["queries"] = json::array();
        for (const verify::QueryRecord& q : s.verdict.queries)
            v["queries"].push_back({{"label", q.label}, {"result", std::string(verify::solverResultName(q.result))}, {"ms", q.millis},
                                    {"smt", q.smtFile}});
        o["verdict"] = v;
        o["assumptions"] = json::array();
        for (const Assumption& a : s.assumptions)
            o["assumptions"].push_back({{"text", a.text}, {"why", a.why}, {"source", a.source}, {"proved", a.proved}});
        o["derivation"] = json::array();
        for (const DerivationStep& d : s.derivation)
            o["derivation"].push_back({{"rule", d.rule}, {"from", d.from}, {"to", d.to}});
        o["float_check"] = {{"text", s.floatCheck}, {"max_abs_error", s.maxFloatError}};
        o["checks"] = json::array();
        for (const auto& [label, cv] : s.checks) o["checks"].push_back(checkJson(label, cv));
        if (s.span.valid()) o["location"] = {{"file", std::string(sm.path(s.span.file))}, {"line", s.span.line}, {"col", s.span.col}};
        j["outputs"].push_back(o);
    }
    const Counters& c = r.counters;
    j["counters"] = {{"search_space", c.searchSpace}, {"tried", c.tried}, {"pruned_type", c.prunedType},
                     {"pruned_equivalent", c.prunedEquivalent}, {"refuted", c.refuted}, {"tested", c.tested},
                     {"verified", c.verified}, {"test_inputs", c.testInputs}};
    j["timings_ms"] = {{"trace", r.timings.trace}, {"synth", r.timings.synth}, {"test", r.timings.test},
                       {"verify", r.timings.verify}, {"simplify", r.timings.simplify}, {"total", r.timings.total}};
    j["stop_reason"] = util::stopReasonName(r.stop);
    if (r.expectation)
        j["expectation"] = {{"text", r.expectation->text}, {"output", r.expectation->output},
                            {"status", statusName(r.expectation->status)}, {"detail", r.expectation->detail}};
    j["notes"] = r.notes;
    j["checks"] = json::array();
    for (const auto& [label, cv] : r.checks) j["checks"].push_back(checkJson(label, cv));
    j["diagnostics"] = json::array();
    for (const util::Diagnostic& d : r.diagnostics.items()) {
        json dj{{"severity", util::severityName(d.severity)}, {"category", d.category}, {"message", d.message}};
        if (d.span.valid()) dj["location"] = {{"file", std::string(sm.path(d.span.file))}, {"line", d.span.line}, {"col", d.span.col}};
        j["diagnostics"].push_back(dj);
    }
    return j;
}

} // namespace tlift::synth
