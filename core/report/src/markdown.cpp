// The Markdown report: GitHub-flavoured, math in $...$ (inline) and $$...$$ (display).
#include "tlift/report/report.h"

#include <fmt/format.h>

#include <sstream>

namespace tlift::report {

namespace {

// Text inside a table cell or a line: pipes and backticks would end the cell or the code span.
std::string cell(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += ' ';
        else out += c;
    }
    return out;
}

std::string code(const std::string& s) {
    std::string fence = "`";
    while (s.find(fence) != std::string::npos) fence += "`";
    return fence + (s.size() && s[0] == '`' ? " " : "") + cell(s) + fence;
}

// Display math: a multi-line $$ block.
void display(std::ostream& out, const std::string& lhs, const std::string& rhs) {
    out << "$$\n" << lhs << " = " << rhs << "\n$$\n\n";
}

void output(std::ostream& out, const ReportOutput& o) {
    out << "## Output `" << o.name << "`\n\n";
    out << "**Verdict:** " << o.verdict << " (" << o.status << (o.mode.empty() ? "" : ", " + o.mode) << ")";
    if (!o.detail.empty()) out << " — " << cell(o.detail);
    out << "\n\n";
    if (!o.counterexample.empty()) out << "**Counterexample:**\n\n```\n" << o.counterexample << "\n```\n\n";
    out << "### Summary\n\n";
    display(out, o.lhsLatex, o.summaryLatex);
    out << code(o.lhsText + " = " + o.summaryText) << "\n\n";
    if (!o.simplifiedLatex.empty()) {
        out << "Simplified:\n\n";
        display(out, o.simplifiedLhsLatex, o.simplifiedLatex);
        out << code(o.simplifiedLhsText + " = " + o.simplifiedText) << "\n\n";
    }
    out << "Raw (the stored value, re-indexed):\n\n";
    display(out, o.lhsLatex, o.rawLatex);
    if (!o.assumptions.empty()) {
        out << "### Assumptions\n\n";
        for (const synth::Assumption& a : o.assumptions)
            out << "- " << code(a.text) << " — " << cell(a.why) << " (" << a.source << (a.proved ? ", proved" : "") << ")\n";
        out << "\n";
    }
    if (!o.verifierReading.empty()) {
        out << "The verifier reads the kernel with these conventions:\n\n";
        for (const std::string& s : o.verifierReading) out << "- " << cell(s) << "\n";
        out << "\n";
    }
    if (!o.checks.empty()) {
        out << "| obligation | verdict |\n| --- | --- |\n";
        for (const auto& [what, st] : o.checks) out << "| " << cell(what) << " | " << st << " |\n";
        out << "\n";
    }
    if (!o.floatCheck.empty()) out << "Floating-point check: " << cell(o.floatCheck) << "\n\n";
    if (!o.derivation.empty()) {
        out << "### Derivation\n\n";
        int n = 0;
        for (const ReportStep& s : o.derivation) {
            out << ++n << ". **" << s.rule << "**" << (s.reversed ? " (reversed)" : "") << " [" << s.stage << "]: ";
            if (!s.fromLatex.empty() && !s.toLatex.empty()) out << "$" << s.fromLatex << " \\;\\to\\; " << s.toLatex << "$";
            else out << code(s.fromText + "  =>  " + s.toText);
            out << "\n";
        }
        if (o.derivationTruncated) out << "\n(The e-graph's explanation hit its limits: the chain is incomplete.)\n";
        out << "\n";
    }
    if (!o.smt.empty()) {
        out << "### SMT-LIB\n\n";
        for (const Attachment& a : o.smt) {
            out << "<details><summary>" << a.name << " (" << cell(a.label) << ")</summary>\n\n```smt2\n" << a.text;
            if (a.truncated) out << "\n; ... (cut)";
            out << "\n```\n\n</details>\n\n";
        }
    }
}

} // namespace

std::string writeMarkdown(const Report& r) {
    std::ostringstream out;
    out << "# " << r.title << "\n\n";
    out << "- **File:** `" << r.file << "`\n";
    out << "- **Kernel:** `" << r.kernel << "`\n";
    out << "- **Status:** " << r.status << " (stop reason: " << r.stopReason << ")\n";
    out << "- **Seed:** " << r.seed << "\n";
    if (!r.command.empty()) out << "- **Reproduce:** " << code(r.command) << "\n";
    if (!r.expectation.empty()) out << "- **Expected:** " << cell(r.expectation) << "\n";
    out << "\n";
    if (!r.source.empty()) out << "## Source\n\n```python\n" << r.source << "```\n\n";
    if (!r.launch.empty()) {
        out << "## Launch context\n\n| fact | from |\n| --- | --- |\n";
        for (const auto& [fact, from] : r.launch) out << "| " << cell(fact) << " | " << cell(from) << " |\n";
        out << "\n";
    }
    for (const ReportOutput& o : r.outputs) output(out, o);
    if (!r.kernelChecks.empty()) {
        out << "## Kernel checks\n\n| check | verdict |\n| --- | --- |\n";
        for (const auto& [what, st] : r.kernelChecks) out << "| " << cell(what) << " | " << st << " |\n";
        out << "\n";
    }
    out << "## Search\n\n| counter | value |\n| --- | --- |\n";
    for (const auto& [k, v] : r.counters) out << "| " << k << " | " << v << " |\n";
    out << "\n";
    if (!r.timings.empty()) {
        out << "| stage | ms |\n| --- | --- |\n";
        for (const auto& [k, v] : r.timings) out << "| " << k << " | " << fmt::format("{:.1f}", v) << " |\n";
        out << "\n";
    }
    if (!r.notes.empty()) {
        out << "## Notes\n\n";
        for (const std::string& n : r.notes) out << "- " << cell(n) << "\n";
        out << "\n";
    }
    if (!r.diagnostics.empty()) {
        out << "## Diagnostics\n\n";
        for (const std::string& d : r.diagnostics) out << "- " << cell(d) << "\n";
        out << "\n";
    }
    return out.str();
}

} // namespace tlift::report
