// The LaTeX report: a standalone article (amsmath, xcolor), formulas in display math (long ones may run past the margin).
#include "tlift/report/report.h"

#include <fmt/format.h>

#include <sstream>

namespace tlift::report {

namespace {

std::string esc(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '\\': out += "\\textbackslash{}"; break;
        case '{': case '}': case '$': case '&': case '#': case '_': case '%':
            out += '\\';
            out += c;
            break;
        case '^': out += "\\textasciicircum{}"; break;
        case '~': out += "\\textasciitilde{}"; break;
        case '<': out += "\\textless{}"; break;
        case '>': out += "\\textgreater{}"; break;
        case '|': out += "\\textbar{}"; break;
        default: out += c;
        }
    }
    return out;
}

std::string tt(const std::string& s) { return "\\texttt{" + esc(s) + "}"; }

void equation(std::ostream& out, const std::string& lhs, const std::string& rhs) {
    out << "\\[\n" << lhs << " = " << rhs << "\n\\]\n";
}

void output(std::ostream& out, const ReportOutput& o) {
    out << "\\section{Output " << tt(o.name) << "}\n\n";
    out << "\\textbf{Verdict:} " << esc(o.verdict) << " (" << esc(o.status) << (o.mode.empty() ? "" : ", " + esc(o.mode)) << ")";
    if (!o.detail.empty()) out << " --- " << esc(o.detail);
    out << "\n\n";
    if (!o.counterexample.empty()) out << "\\textbf{Counterexample:}\n\\begin{verbatim}\n" << o.counterexample << "\n\\end{verbatim}\n\n";
    out << "\\subsection*{Summary}\n";
    equation(out, o.lhsLatex, o.summaryLatex);
    if (!o.simplifiedLatex.empty()) {
        out << "Simplified:\n";
        equation(out, o.simplifiedLhsLatex, o.simplifiedLatex);
    }
    out << "Raw (the stored value, re-indexed):\n";
    equation(out, o.lhsLatex, o.rawLatex);
    if (!o.assumptions.empty()) {
        out << "\\subsection*{Assumptions}\n\\begin{itemize}\n";
        for (const synth::Assumption& a : o.assumptions)
            out << "\\item " << tt(a.text) << " --- " << esc(a.why) << " (" << esc(a.source) << (a.proved ? ", proved" : "") << ")\n";
        out << "\\end{itemize}\n\n";
    }
    if (!o.verifierReading.empty()) {
        out << "The verifier reads the kernel with these conventions:\n\\begin{itemize}\n";
        for (const std::string& s : o.verifierReading) out << "\\item " << esc(s) << "\n";
        out << "\\end{itemize}\n\n";
    }
    if (!o.checks.empty()) {
        out << "\\begin{tabular}{ll}\n\\textbf{obligation} & \\textbf{verdict} \\\\\n\\hline\n";
        for (const auto& [what, st] : o.checks) out << esc(what) << " & " << esc(st) << " \\\\\n";
        out << "\\end{tabular}\n\n";
    }
    if (!o.floatCheck.empty()) out << "Floating-point check: " << esc(o.floatCheck) << "\n\n";
    if (!o.derivation.empty()) {
        out << "\\subsection*{Derivation}\nEach step names its rule; the changed subterm is marked.\n\\begin{enumerate}\n";
        for (const ReportStep& s : o.derivation) {
            out << "\\item \\textbf{" << esc(s.rule) << "}" << (s.reversed ? " (reversed)" : "") << " [" << esc(s.stage) << "]";
            if (!s.afterLatex.empty()) out << "\n\\[\n" << s.afterLatex << "\n\\]\n";
            else out << ": " << tt(s.fromText + "  =>  " + s.toText) << "\n";
        }
        out << "\\end{enumerate}\n";
        if (o.derivationTruncated) out << "The e-graph's explanation hit its limits: the chain is incomplete.\n";
        out << "\n";
    }
    for (const Attachment& a : o.smt) out << "SMT-LIB attachment: " << tt(a.name) << " (" << esc(a.label) << ")\n\n";
}

} // namespace

std::string writeLatex(const Report& r) {
    std::ostringstream out;
    out << "\\documentclass[10pt]{article}\n"
           "\\usepackage[margin=2cm]{geometry}\n"
           "\\usepackage{amsmath,amssymb}\n"
           "\\usepackage{xcolor}\n"
           "\\usepackage[T1]{fontenc}\n"
           "% The subterm a derivation step changed.\n"
           "\\newcommand{\\tlchg}[1]{{\\color{red}#1}}\n"
           "\\title{" << esc(r.title) << "}\n\\date{}\n"
           "\\begin{document}\n\\maketitle\n\n";
    out << "\\begin{tabular}{ll}\n";
    out << "File & " << tt(r.file) << " \\\\\n";
    out << "Kernel & " << tt(r.kernel) << " \\\\\n";
    out << "Status & " << esc(r.status) << " (stop reason: " << esc(r.stopReason) << ") \\\\\n";
    out << "Seed & " << r.seed << " \\\\\n";
    if (!r.expectation.empty()) out << "Expected & " << esc(r.expectation) << " \\\\\n";
    out << "\\end{tabular}\n\n";
    if (!r.command.empty()) out << "Reproduce with:\n\\begin{verbatim}\n" << r.command << "\n\\end{verbatim}\n\n";
    if (!r.source.empty()) out << "\\section*{Source}\n\\begin{verbatim}\n" << r.source << "\\end{verbatim}\n\n";
    if (!r.launch.empty()) {
        out << "\\section*{Launch context}\n\\begin{itemize}\n";
        for (const auto& [fact, from] : r.launch) out << "\\item " << esc(fact) << " \\hfill [" << esc(from) << "]\n";
        out << "\\end{itemize}\n\n";
    }
    for (const ReportOutput& o : r.outputs) output(out, o);
    if (!r.kernelChecks.empty()) {
        out << "\\section*{Kernel checks}\n\\begin{tabular}{ll}\n";
        for (const auto& [what, st] : r.kernelChecks) out << esc(what) << " & " << esc(st) << " \\\\\n";
        out << "\\end{tabular}\n\n";
    }
    out << "\\section*{Search}\n\\begin{tabular}{lr}\n";
    for (const auto& [k, v] : r.counters) out << esc(k) << " & " << esc(v) << " \\\\\n";
    for (const auto& [k, v] : r.timings) out << esc(k) << " (ms) & " << fmt::format("{:.1f}", v) << " \\\\\n";
    out << "\\end{tabular}\n\n";
    if (!r.notes.empty() || !r.diagnostics.empty()) {
        out << "\\section*{Notes}\n\\begin{itemize}\n";
        for (const std::string& n : r.notes) out << "\\item " << esc(n) << "\n";
        for (const std::string& d : r.diagnostics) out << "\\item " << esc(d) << "\n";
        out << "\\end{itemize}\n\n";
    }
    out << "\\end{document}\n";
    return out.str();
}

} // namespace tlift::report
