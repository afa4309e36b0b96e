// The HTML report: one file that opens from disk with no network. KaTeX (script, style and
// woff2 fonts as data: URIs) is inlined; every formula is a [data-tex] element that the inlined
// script typesets, with its text form as the content until then (and if scripts are off).
#include "katex_assets.h"
#include "tlift/report/report.h"
#include "tlift/util/strings.h"

#include <fmt/format.h>

#include <algorithm>

#include <sstream>

namespace tlift::report {

namespace {

std::string esc(const std::string& s) { return util::htmlEscape(s); }

std::string math(const std::string& tex, const std::string& fallback, bool display) {
    return fmt::format("<{0} class=\"math{1}\" data-tex=\"{2}\">{3}</{0}>", display ? "div" : "span",
                       display ? " display" : "", esc(tex), esc(fallback));
}

std::string statusClass(const std::string& status) {
    if (status == "proved") return "ok";
    if (status == "proved-up-to" || status == "tested") return "partial";
    if (status == "refuted" || status == "failed") return "bad";
    return "unknown";
}

const char* kStyle = R"css(
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:70em;margin:2em auto;padding:0 1em;color:#1d1d1f}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f5f5f7}pre{background:#f5f5f7;padding:.6em;overflow-x:auto;font-size:13px}
code{background:#f5f5f7;padding:0 .2em}
.badge{display:inline-block;padding:.1em .6em;border-radius:1em;font-weight:600;color:#fff}
.badge.ok{background:#1a7f37}.badge.partial{background:#9a6700}.badge.bad{background:#cf222e}.badge.unknown{background:#6e7781}
.math.display{overflow-x:auto;overflow-y:hidden;padding:.3em 0}
.tl-chg{background:#fff1a8;color:#b3261e;border-radius:2px}
ol.derivation li{margin-bottom:.6em}.rule{font-weight:600;font-family:monospace}.stage{color:#6e7781;font-size:.9em}
.bar{background:#8ab4f8;height:.8em;display:inline-block;vertical-align:middle}
.tex-error{color:#cf222e}
)css";

const char* kRender = R"js(
(function(){
  var opts={throwOnError:false,strict:false,
    trust:function(c){return c.command==='\\htmlClass'||c.command==='\\htmlData';},
    macros:{'\\tlchg':'\\htmlClass{tl-chg}{#1}'}};
  var els=document.querySelectorAll('[data-tex]');
  for(var i=0;i<els.length;i++){
    var el=els[i];opts.displayMode=el.classList.contains('display');
    try{katex.render(el.getAttribute('data-tex'),el,opts);}catch(e){el.classList.add('tex-error');}
  }
  document.body.setAttribute('data-typeset',String(els.length));
})();
)js";

void table(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& rows, const char* h1, const char* h2) {
    out << "<table><tr><th>" << h1 << "</th><th>" << h2 << "</th></tr>\n";
    for (const auto& [a, b] : rows) out << "<tr><td>" << esc(a) << "</td><td>" << esc(b) << "</td></tr>\n";
    out << "</table>\n";
}

void derivation(std::ostream& out, const ReportOutput& o) {
    out << "<h3>Derivation</h3>\n<p>From the stored value to the summary (top-down rewrites) and to the "
           "simplified form (the e-graph's explanation); the changed subterm is highlighted.</p>\n";
    out << "<div>start:</div>" << math(o.lhsLatex + " = " + o.rawLatex, o.lhsText + " = " + o.rawText, true);
    out << "<ol class=\"derivation\">\n";
    for (const ReportStep& s : o.derivation) {
        out << "<li><span class=\"rule\">" << esc(s.rule) << "</span>" << (s.reversed ? " (reversed)" : "")
            << " <span class=\"stage\">" << esc(s.stage) << "</span><br>";
        if (!s.fromLatex.empty() && !s.toLatex.empty())
            out << math(s.fromLatex + " \\;\\longrightarrow\\; " + s.toLatex, s.fromText + "  =>  " + s.toText, false);
        else
            out << "<code>" << esc(s.fromText + "  =>  " + s.toText) << "</code>";
        if (!s.afterLatex.empty()) out << math(s.afterLatex, "", true);
        out << "</li>\n";
    }
    out << "</ol>\n";
    if (o.derivationTruncated) out << "<p>The e-graph's explanation hit its limits: the chain is incomplete.</p>\n";
}

void attachments(std::ostream& out, const ReportOutput& o) {
    out << "<h3>SMT-LIB of the verification conditions</h3>\n";
    for (const Attachment& a : o.smt) {
        const auto* bytes = reinterpret_cast<const unsigned char*>(a.text.data());
        out << "<details><summary>" << esc(a.name) << " (" << esc(a.label) << ") "
            << "<a download=\"" << esc(a.name) << "\" href=\"data:text/plain;base64," << detail::base64(bytes, a.text.size())
            << "\">download</a></summary><pre>" << esc(a.text) << (a.truncated ? "\n; ... (cut)" : "") << "</pre></details>\n";
    }
}

void output(std::ostream& out, const ReportOutput& o) {
    out << "<section class=\"output\" id=\"out-" << esc(o.name) << "\">\n<h2>Output <code>" << esc(o.name) << "</code></h2>\n";
    out << "<p><span class=\"badge " << statusClass(o.status) << "\">" << esc(o.verdict) << "</span> " << esc(o.mode);
    if (!o.detail.empty()) out << " — " << esc(o.detail);
    out << "</p>\n";
    if (!o.counterexample.empty()) out << "<h3>Counterexample</h3>\n<pre>" << esc(o.counterexample) << "</pre>\n";
    out << "<h3>Summary</h3>\n" << math(o.lhsLatex + " = " + o.summaryLatex, o.lhsText + " = " + o.summaryText, true);
    if (!o.simplifiedLatex.empty())
        out << "<p>Simplified:</p>\n"
            << math(o.simplifiedLhsLatex + " = " + o.simplifiedLatex, o.simplifiedLhsText + " = " + o.simplifiedText, true);
    out << "<details><summary>Raw: the stored value, re-indexed</summary>\n"
        << math(o.lhsLatex + " = " + o.rawLatex, o.lhsText + " = " + o.rawText, true) << "<pre>" << esc(o.rawText) << "</pre></details>\n";
    if (!o.location.empty()) out << "<p>Stored at <code>" << esc(o.location) << "</code>.</p>\n";
    if (!o.assumptions.empty()) {
        out << "<h3>Assumptions</h3>\n<table><tr><th>assumption</th><th>why</th><th>from</th></tr>\n";
        for (const synth::Assumption& a : o.assumptions)
            out << "<tr><td><code>" << esc(a.text) << "</code></td><td>" << esc(a.why) << "</td><td>" << esc(a.source)
                << (a.proved ? " (proved)" : "") << "</td></tr>\n";
        out << "</table>\n";
    }
    if (!o.verifierReading.empty()) {
        out << "<p>The verifier reads the kernel with these conventions:</p><ul>\n";
        for (const std::string& s : o.verifierReading) out << "<li>" << esc(s) << "</li>\n";
        out << "</ul>\n";
    }
    if (!o.checks.empty()) {
        out << "<h3>Proof obligations</h3>\n";
        table(out, o.checks, "obligation", "verdict");
    }
    if (!o.floatCheck.empty()) out << "<p>Floating-point check: " << esc(o.floatCheck) << "</p>\n";
    if (!o.derivation.empty()) derivation(out, o);
    if (!o.smt.empty()) attachments(out, o);
    out << "</section>\n";
}

void search(std::ostream& out, const Report& r) {
    out << "<h2>Search</h2>\n";
    table(out, r.counters, "counter", "value");
    if (r.timings.empty()) return;
    double total = 0;
    for (const auto& [k, v] : r.timings) total = std::max(total, v);
    out << "<table><tr><th>stage</th><th>ms</th><th></th></tr>\n";
    for (const auto& [k, v] : r.timings)
        out << "<tr><td>" << esc(k) << "</td><td>" << fmt::format("{:.1f}", v) << "</td><td><span class=\"bar\" style=\"width:"
            << fmt::format("{:.1f}", total > 0 ? 20.0 * v / total : 0.0) << "em\"></span></td></tr>\n";
    out << "</table>\n";
}

} // namespace

std::string writeHtml(const Report& r) {
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" << esc(r.title) << "</title>\n";
    out << "<style>\n" << detail::inlineKatexCss() << "\n</style>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
    out << "<h1>" << esc(r.title) << "</h1>\n";
    out << "<p><span class=\"badge " << statusClass(r.status) << "\">" << esc(r.status) << "</span> <code>" << esc(r.file)
        << "</code>, kernel <code>" << esc(r.kernel) << "</code>, seed " << r.seed << ", stop reason " << esc(r.stopReason) << "</p>\n";
    if (!r.command.empty()) out << "<p>Reproduce with:</p><pre class=\"command\">" << esc(r.command) << "</pre>\n";
    if (!r.expectation.empty()) out << "<p>Expected: <code>" << esc(r.expectation) << "</code></p>\n";
    if (!r.source.empty()) {
        out << "<h2>Source</h2>\n<pre class=\"source\">";
        std::istringstream lines(r.source);
        std::uint32_t n = r.sourceLine;
        for (std::string line; std::getline(lines, line); ++n) out << fmt::format("{:4} ", n) << esc(line) << "\n";
        out << "</pre>\n";
    }
    if (!r.launch.empty()) {
        out << "<h2>Launch context</h2>\n";
        table(out, r.launch, "fact", "from");
    }
    for (const ReportOutput& o : r.outputs) output(out, o);
    if (!r.kernelChecks.empty()) {
        out << "<h2>Kernel checks</h2>\n";
        table(out, r.kernelChecks, "check", "verdict");
    }
    search(out, r);
    if (!r.notes.empty() || !r.diagnostics.empty()) {
        out << "<h2>Notes</h2>\n<ul>\n";
        for (const std::string& n : r.notes) out << "<li>" << esc(n) << "</li>\n";
        for (const std::string& d : r.diagnostics) out << "<li><pre>" << esc(d) << "</pre></li>\n";
        out << "</ul>\n";
    }
    out << "<script>\n" << detail::kKatexJs << "\n</script>\n<script>" << kRender << "</script>\n</body></html>\n";
    return out.str();
}

} // namespace tlift::report
