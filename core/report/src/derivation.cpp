#include "tlift/report/derivation.h"

#include "tlift/ir/printer.h"

namespace tlift::report {

const char* stageName(Stage s) { return s == Stage::TopDown ? "top-down" : "e-graph"; }

namespace {

std::string text(ir::Expr e) { return e ? ir::toText(e) : std::string(); }

void addTopDown(const synth::OutputSummary& o, Derivation& d) {
    for (const synth::DerivationStep& s : o.derivation) {
        Step st;
        st.stage = Stage::TopDown;
        st.rule = s.rule;
        st.after = s.afterTerm;
        st.from = s.fromTerm;
        st.to = s.toTerm;
        st.afterText = s.afterTerm ? text(s.afterTerm) : s.after;
        st.fromText = s.from;
        st.toText = s.to;
        st.fromLatex = s.fromLatex;
        st.toLatex = s.toLatex;
        d.steps.push_back(std::move(st));
    }
}

// The e-graph's explanation, when its result is what the output shows.
void addEGraph(const synth::OutputSummary& o, Derivation& d) {
    const auto& sr = o.egraph;
    if (!sr || !sr->rhs || o.simplified != sr->rhs || o.simplified == o.summary) return;
    // The explanation starts at the binder-canonical form of the summary.
    if (sr->input && sr->input != o.summary) {
        Step st;
        st.stage = Stage::EGraph;
        st.rule = "rename bound variables";
        st.after = sr->input;
        st.from = o.summary;
        st.to = sr->input;
        st.afterText = text(sr->input);
        st.fromText = text(o.summary);
        st.toText = st.afterText;
        d.steps.push_back(std::move(st));
    }
    for (const egraph::ExplanationStep& e : sr->explanation.steps) {
        Step st;
        st.stage = Stage::EGraph;
        st.rule = e.rule;
        st.reversed = e.reversed;
        st.after = e.after;
        st.from = e.subBefore;
        st.to = e.subAfter;
        st.afterText = text(e.after);
        st.fromText = text(e.subBefore);
        st.toText = text(e.subAfter);
        d.steps.push_back(std::move(st));
    }
    d.egraphTruncated = sr->explanation.truncated;
}

} // namespace

Derivation derivationOf(const synth::OutputSummary& o) {
    Derivation d;
    d.start = o.raw;
    addTopDown(o, d);
    addEGraph(o, d);
    return d;
}

std::string latexMarked(ir::Expr whole, ir::Expr sub, const Marker& m) {
    static const std::string kId = "tlchg";
    ir::LatexOptions lo;
    if (sub && sub != whole) lo.subtermId = [sub](ir::Expr e) -> std::optional<std::string> {
        if (e == sub) return kId;
        return std::nullopt;
    };
    std::string s = ir::toLatex(whole, lo);
    if (sub == whole && sub) return m.open + s + m.close;
    // The printer wraps the subterm as \htmlData{id=tlchg}{...}: the marker replaces the
    // wrapper; the body ends at the matching brace (escaped braces skipped).
    const std::string tag = "\\htmlData{id=" + kId + "}{";
    std::string out;
    std::size_t pos = 0;
    for (std::size_t at; (at = s.find(tag, pos)) != std::string::npos;) {
        out.append(s, pos, at - pos);
        std::size_t i = at + tag.size(), bodyStart = i;
        for (int depth = 1; i < s.size(); ++i) {
            if (s[i] == '\\') ++i;
            else if (s[i] == '{') ++depth;
            else if (s[i] == '}' && --depth == 0) break;
        }
        out += m.open;
        out.append(s, bodyStart, i - bodyStart);
        out += m.close;
        pos = i + 1;
    }
    if (pos < s.size()) out.append(s, pos, std::string::npos);
    return out;
}

} // namespace tlift::report
