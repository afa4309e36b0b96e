#include "tlift/report/report.h"

#include "tlift/ir/printer.h"
#include "tlift/report/lift_json.h"
#include "tlift/synth/lifter.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace tlift::report {

std::optional<Format> formatByName(std::string_view name) {
    if (name == "html") return Format::Html;
    if (name == "md" || name == "markdown") return Format::Markdown;
    if (name == "tex" || name == "latex") return Format::Latex;
    if (name == "json") return Format::Json;
    return std::nullopt;
}

const char* formatName(Format f) {
    switch (f) {
    case Format::Html: return "html";
    case Format::Markdown: return "md";
    case Format::Latex: return "tex";
    case Format::Json: return "json";
    }
    return "?";
}

std::string verdictInWords(const synth::OutputSummary& o) {
    switch (o.status) {
    case synth::LiftStatus::Proved: return "proved for all sizes";
    case synth::LiftStatus::ProvedUpTo: return fmt::format("proved up to K = {}", o.verdict.bound);
    case synth::LiftStatus::Tested: return "tested, not proved";
    case synth::LiftStatus::Refuted: return "refuted by a counterexample";
    case synth::LiftStatus::Unknown: return "not decided";
    case synth::LiftStatus::Timeout: return "not decided (timeout)";
    case synth::LiftStatus::Cancelled: return "cancelled";
    case synth::LiftStatus::Failed: return "no summary";
    }
    return "?";
}

namespace {

std::string text(ir::Expr e, const std::string& fallback) { return e ? ir::toText(e) : fallback; }
std::string latex(ir::Expr e, const std::string& fallback) { return e ? ir::toLatex(e) : fallback; }

// The kernel's text: its decorators, its def line and the indented body that follows.
void sourceExcerpt(const synth::TraceResult& t, Report& rep) {
    const synth::OpenedSource& src = *t.source;
    auto k = synth::pickKernel(src, t.kernel);
    if (!k || !(*k)->span.valid()) return;
    const util::SourceManager& sm = *src.sm;
    std::uint32_t first = (*k)->span.line;
    while (first > 1) {
        std::string_view prev = sm.lineText(src.file, first - 1);
        if (prev.empty() || prev[0] != '@') break;
        --first;
    }
    std::uint32_t line = (*k)->span.line;
    std::string body;
    for (std::uint32_t l = first; l < (*k)->span.line; ++l) body += std::string(sm.lineText(src.file, l)) + "\n";
    body += std::string(sm.lineText(src.file, line)) + "\n";
    std::string pendingBlank;
    for (std::uint32_t l = line + 1;; ++l) {
        std::string_view s = sm.lineText(src.file, l);
        if (s.empty()) {
            // Blank lines belong to the body only when more of it follows; the file's end gives
            // an empty line too, so stop after a run of them.
            if (pendingBlank.size() > 8) break;
            pendingBlank += "\n";
            continue;
        }
        if (s[0] != ' ' && s[0] != '\t' && s[0] != ')') break;
        body += pendingBlank + std::string(s) + "\n";
        pendingBlank.clear();
    }
    rep.source = body;
    rep.sourceLine = first;
}

std::vector<Attachment> smtAttachments(const synth::OutputSummary& o, const ReportOptions& options) {
    std::vector<Attachment> out;
    if (!options.attachSmt) return out;
    auto add = [&](const verify::Verdict& v) {
        for (const verify::QueryRecord& q : v.queries) {
            if (q.smtFile.empty()) continue;
            std::ifstream in(q.smtFile, std::ios::binary);
            if (!in) continue;
            std::ostringstream ss;
            ss << in.rdbuf();
            Attachment a;
            a.name = std::filesystem::path(q.smtFile).filename().string();
            a.label = q.label;
            a.text = ss.str();
            if (a.text.size() > options.maxAttachmentBytes) {
                a.text.resize(options.maxAttachmentBytes);
                a.truncated = true;
            }
            bool seen = false;
            for (const Attachment& b : out) seen = seen || b.name == a.name;
            if (!seen) out.push_back(std::move(a));
        }
    };
    add(o.verdict);
    for (const auto& [what, v] : o.checks) add(v);
    return out;
}

std::vector<ReportStep> steps(const Derivation& d) {
    static const Marker kMark{"\\tlchg{", "}"}; // each format defines the macro
    std::vector<ReportStep> out;
    for (const Step& s : d.steps) {
        ReportStep rs;
        rs.stage = stageName(s.stage);
        rs.rule = s.rule;
        rs.reversed = s.reversed;
        rs.fromText = s.from ? ir::toText(s.from) : s.fromText;
        rs.toText = s.to ? ir::toText(s.to) : s.toText;
        rs.fromLatex = s.from ? ir::toLatex(s.from) : s.fromLatex;
        rs.toLatex = s.to ? ir::toLatex(s.to) : s.toLatex;
        if (s.after) rs.afterLatex = latexMarked(s.after, s.to, kMark);
        out.push_back(std::move(rs));
    }
    return out;
}

ReportOutput outputOf(const synth::OutputSummary& o, const util::SourceManager* sm, const ReportOptions& options) {
    ReportOutput ro;
    ro.name = o.output;
    ro.lhsText = o.lhs;
    ro.lhsLatex = o.lhsLatex;
    ro.rawText = text(o.raw, o.rawText);
    ro.rawLatex = latex(o.raw, o.rawLatex);
    ro.summaryText = text(o.summary, o.summaryText);
    ro.summaryLatex = latex(o.summary, o.summaryLatex);
    if (o.simplified && o.simplified != o.summary) {
        ro.simplifiedText = ir::toText(o.simplified);
        ro.simplifiedLatex = ir::toLatex(o.simplified);
        ro.simplifiedLhsText = o.simplifiedLhs.empty() ? o.lhs : o.simplifiedLhs;
        ro.simplifiedLhsLatex = o.simplifiedLhsLatex.empty() ? o.lhsLatex : o.simplifiedLhsLatex;
    }
    ro.status = synth::statusName(o.status);
    ro.verdict = verdictInWords(o);
    ro.mode = o.mode;
    ro.detail = o.statusDetail;
    if (o.verdict.counterexample) ro.counterexample = verify::describe(*o.verdict.counterexample);
    ro.assumptions = o.assumptions;
    ro.verifierReading = o.verdict.assumptions;
    for (const auto& [what, v] : o.checks) ro.checks.emplace_back(what, std::string(verify::statusName(v.status)));
    Derivation d = derivationOf(o);
    ro.derivation = steps(d);
    ro.derivationTruncated = d.egraphTruncated;
    ro.rulesUsed = o.rulesUsed;
    ro.floatCheck = o.floatCheck;
    if (sm && o.span.valid()) ro.location = sm->describe(o.span);
    ro.smt = smtAttachments(o, options);
    return ro;
}

void searchStatistics(const synth::LiftResult& r, const ReportOptions& options, Report& rep) {
    const synth::Counters& c = r.counters;
    rep.counters = {{"search space", std::to_string(c.searchSpace)},
                    {"candidates tried", std::to_string(c.tried)},
                    {"pruned (types)", std::to_string(c.prunedType)},
                    {"pruned (equivalent)", std::to_string(c.prunedEquivalent)},
                    {"refuted", std::to_string(c.refuted)},
                    {"tested", std::to_string(c.tested)},
                    {"verified", std::to_string(c.verified)},
                    {"test inputs", std::to_string(c.testInputs)},
                    {"search nodes", std::to_string(r.search.size())}};
    if (!options.timings) return;
    const synth::Timings& t = r.timings;
    rep.timings = {{"parse", t.parse}, {"trace", t.trace}, {"synthesis", t.synth}, {"tests", t.test},
                   {"verification", t.verify}, {"simplification", t.simplify}, {"total", t.total}};
}

// JSON without what varies between runs (for golden files).
void stripTimings(nlohmann::json& j) {
    if (j.is_object()) {
        std::vector<std::string> drop;
        for (auto& [k, v] : j.items())
            if (k == "ms" || k == "millis" || (k.size() > 3 && k.compare(k.size() - 3, 3, "_ms") == 0)) drop.push_back(k);
        for (const std::string& k : drop) j.erase(k);
        for (auto& [k, v] : j.items()) stripTimings(v);
    } else if (j.is_array()) {
        for (auto& v : j) stripTimings(v);
    }
}

} // namespace

Report buildReport(const synth::LiftResult& r, const ReportOptions& options) {
    Report rep;
    rep.seed = r.seed;
    rep.command = r.command;
    rep.status = r.trace ? synth::statusName(r.overall()) : "failed";
    rep.stopReason = util::stopReasonName(r.stop);
    const util::SourceManager* sm = nullptr;
    if (r.trace) {
        const synth::TraceResult& t = *r.trace;
        rep.kernel = t.kernel;
        if (t.source) {
            rep.file = t.source->path;
            sm = t.source->sm.get();
            sourceExcerpt(t, rep);
        }
        for (const symexec::LaunchNote& n : t.launch.notes) rep.launch.emplace_back(n.fact, n.source);
    }
    rep.title = rep.kernel.empty() ? "tritonlift report" : "tritonlift report: " + rep.kernel;
    for (const synth::OutputSummary& o : r.outputs) rep.outputs.push_back(outputOf(o, sm, options));
    for (const auto& [what, v] : r.checks) rep.kernelChecks.emplace_back(what, std::string(verify::statusName(v.status)));
    searchStatistics(r, options, rep);
    if (r.expectation) {
        const synth::ExpectationResult& e = *r.expectation;
        rep.expectation = e.text + ": " + synth::statusName(e.status) + (e.detail.empty() ? "" : " (" + e.detail + ")");
    }
    rep.notes = r.notes;
    for (const util::Diagnostic& d : r.diagnostics.items()) rep.diagnostics.push_back(util::formatDiagnostic(d, sm, false));
    JsonOptions jo;
    jo.search = options.searchNodes;
    jo.trace = options.trace;
    rep.json = liftToJson(r, jo);
    if (!options.timings) stripTimings(rep.json);
    return rep;
}

std::string writeJson(const Report& r) { return r.json.dump(2) + "\n"; }

std::string write(const Report& r, Format f) {
    switch (f) {
    case Format::Html: return writeHtml(r);
    case Format::Markdown: return writeMarkdown(r);
    case Format::Latex: return writeLatex(r);
    case Format::Json: return writeJson(r);
    }
    return {};
}

} // namespace tlift::report
