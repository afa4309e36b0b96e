#pragma once
// A lift result as a report (docs/reports.md): buildReport gathers what every format shows
// (kernel and source excerpt, launch context, summaries, verdicts, derivations, search
// statistics, SMT-LIB attachments, the command that reproduces it) into plain strings and
// formulas; the writers lay it out as Markdown, a LaTeX document, JSON or one self-contained
// HTML file.

#include "tlift/report/derivation.h"
#include "tlift/synth/lift_result.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tlift::report {

enum class Format : std::uint8_t { Html, Markdown, Latex, Json };
std::optional<Format> formatByName(std::string_view name); // "html", "md", "markdown", "tex", "latex", "json"
const char* formatName(Format f);

struct ReportOptions {
    bool timings = true;     // false for golden files: nothing that varies between runs
    bool searchNodes = true; // JSON: every node of the search tree
    bool trace = true;       // JSON: the spec and trace of symbolic execution
    bool attachSmt = true;   // read the SMT-LIB files the verdicts name and attach them
    std::size_t maxAttachmentBytes = 256 * 1024; // per SMT file; longer ones are cut
};

struct Attachment {
    std::string name; // file name
    std::string label; // the query's label
    std::string text;
    bool truncated = false;
};

struct ReportStep {
    std::string stage; // "top-down", "e-graph"
    std::string rule;
    bool reversed = false;
    std::string fromText, toText;
    std::string fromLatex, toLatex;
    std::string afterLatex; // the whole term after the step, the changed subterm as \\tlchg{...}; may be empty
};

struct ReportOutput {
    std::string name, lhsText, lhsLatex;
    std::string rawText, rawLatex;
    std::string summaryText, summaryLatex;
    std::string simplifiedLhsText, simplifiedLhsLatex, simplifiedText, simplifiedLatex; // empty when none
    std::string status;  // "proved", "proved-up-to", "tested", "refuted", ...
    std::string verdict; // in words: "proved for all sizes", "proved up to K = 4", ...
    std::string mode, detail;
    std::string counterexample; // refuted: the counterexample in words
    std::vector<synth::Assumption> assumptions;
    std::vector<std::string> verifierReading; // what the verdict rests on
    std::vector<std::pair<std::string, std::string>> checks; // obligation, status
    std::vector<ReportStep> derivation;
    bool derivationTruncated = false;
    std::vector<std::string> rulesUsed;
    std::string floatCheck;
    std::string location; // the store, "file:line:col"
    std::vector<Attachment> smt;
};

struct Report {
    std::string title;
    std::string file, kernel;
    std::string status; // the weakest status of the outputs
    std::string stopReason;
    std::uint64_t seed = 1;
    std::string command;
    std::string source;     // the kernel's source text
    std::uint32_t sourceLine = 0; // its first line
    std::vector<std::pair<std::string, std::string>> launch; // fact, where it came from
    std::vector<ReportOutput> outputs;
    std::vector<std::pair<std::string, std::string>> kernelChecks; // memory safety, ...: check, status
    std::vector<std::pair<std::string, std::string>> counters; // search statistics
    std::vector<std::pair<std::string, double>> timings;       // milliseconds; empty without timings
    std::string expectation; // --expect: "out = softmax(x, 1): proved (...)"; empty without
    std::vector<std::string> notes, diagnostics;
    nlohmann::json json; // the whole result (lift_json.h)
};

Report buildReport(const synth::LiftResult& r, const ReportOptions& options = {});

std::string writeMarkdown(const Report& r);
std::string writeLatex(const Report& r);
std::string writeHtml(const Report& r);
std::string writeJson(const Report& r);
std::string write(const Report& r, Format f);

// The verdict of a status in words ("proved for all sizes", "tested, not proved", ...).
std::string verdictInWords(const synth::OutputSummary& o);

} // namespace tlift::report
