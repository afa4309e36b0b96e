// bench_parse DIR|FILE... : parses every .py file below the given paths with the Triton Python
// frontend, prints the time of each file, a summary table (files, lines, parse ok, files with
// errors, median / p90 / max time) and the syntax errors grouped by kind.
//
//   --quiet     no per-file lines
//   --errors    print every diagnostic with its source line and caret
//   --dump      print the AST of each file
//   --model     also run the module model and count JIT functions, configs and launch sites
//   --describe  print the module model of each file
//   --launches  also read the wrapper of every launch (launch facts): complete / incomplete,
//               and the reasons of the incomplete ones grouped by kind
//   --facts     print the launch facts of each file
//   --repeat N  parse each file N times and keep the fastest (default 3)

#include "tlift/frontend/python/ast_dump.h"
#include "tlift/frontend/python/launch_facts.h"
#include "tlift/frontend/python/module.h"
#include "tlift/frontend/python/parser.h"
#include "tlift/util/source.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace fs = std::filesystem;
namespace py = tlift::frontend::py;
using tlift::util::SourceManager;

namespace {

struct Options {
    bool quiet = false, errors = false, dump = false, model = false, describe = false, launches = false, facts = false;
    int repeat = 3;
    std::vector<std::string> paths;
};

struct FileStat {
    std::string path;
    std::size_t lines = 0;
    double micros = 0;
    std::size_t errors = 0;
};

struct ModelTotals {
    std::size_t jit = 0, autotuned = 0, configs = 0, unevaluatedConfigs = 0, heuristics = 0;
    std::size_t launches = 0, constants = 0, warnings = 0;
    std::size_t analysed = 0, complete = 0;
    std::map<std::string, std::size_t> reasons; // kind of reason -> launches with it
    std::map<std::string, std::string> reasonExample;
    std::map<std::string, std::size_t> categories;      // broad cause -> launches with it
    std::map<std::string, std::size_t> firstCategories; // broad cause of the first reason -> launches
    double launchMicros = 0;
};

std::vector<std::string> collectFiles(const std::vector<std::string>& roots) {
    std::vector<std::string> files;
    for (const std::string& root : roots) {
        std::error_code ec;
        if (fs::is_regular_file(root, ec)) {
            files.push_back(root);
            continue;
        }
        for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (it->is_regular_file(ec) && it->path().extension() == ".py") files.push_back(it->path().string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

// Groups messages by kind: quoted text and numbers become placeholders.
std::string messageKind(const std::string& msg) {
    std::string out;
    bool inQuote = false;
    for (std::size_t i = 0; i < msg.size(); ++i) {
        char c = msg[i];
        if (c == '\'' || c == '`') {
            if (!inQuote) out += "'…'";
            inQuote = !inQuote;
            continue;
        }
        if (inQuote) continue;
        if (c >= '0' && c <= '9') {
            if (out.empty() || out.back() != 'N') out += 'N';
            continue;
        }
        out += c;
    }
    return out;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    std::size_t i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

// The kind of a reason why launch facts are incomplete: without the parameter it is about and
// with quoted text and numbers replaced.
std::string reasonKind(const std::string& reason) {
    std::string r = reason;
    std::size_t colon = r.find(": ");
    bool ident = colon != std::string::npos && colon > 0;
    for (std::size_t i = 0; ident && i < colon; ++i) ident = std::isalnum(static_cast<unsigned char>(r[i])) || r[i] == '_';
    if (ident) r = r.substr(colon + 2);
    for (const char* p : {"the wrapper parameter ", "the rank of ", "a size of ", "is not passed", "the JIT function "}) {
        std::size_t at = r.find(p);
        if (at == std::string::npos) continue;
        if (std::string(p) == "is not passed") return "a parameter is not passed";
        std::size_t end = r.find(' ', at + std::strlen(p));
        r = r.substr(0, at + std::strlen(p)) + "…" + (end == std::string::npos ? "" : r.substr(end));
    }
    if (r.find("is dereferenced by the kernel") != std::string::npos) r = "a dereferenced parameter gets " + r.substr(r.find("passes ") + 7, 5);
    return messageKind(r);
}

// The broad cause behind a reason, for the summary table.
std::string reasonCategory(const std::string& r) {
    static const std::pair<const char*, const char*> table[] = {
        {"the launch passes *", "`*args` / `**kwargs` at the launch"},
        {"the launch passes **", "`*args` / `**kwargs` at the launch"},
        {"is not reached", "the launch is not reached"},
        {"is changed in place", "a list changed in place (shape lists built step by step)"},
        {"assigned in the loop", "a value computed in a loop"},
        {"variable of the loop", "a value computed in a loop"},
        {"the index is not known", "a dim chosen at run time (`x.shape[dim]`, `x.size(dim)`)"},
        {"the dim is not known", "a dim chosen at run time (`x.shape[dim]`, `x.size(dim)`)"},
        {"the rank of", "a tensor whose rank the wrapper leaves open (generic over dims)"},
        {"has no type", "an untyped wrapper parameter passed as a scalar"},
        {"is not known here", "a name the module imports from elsewhere"},
        {"is a call the analysis does not follow", "a call the analysis does not follow (another module's helper, a torch op)"},
        {"tensor method the analysis does not model", "a call the analysis does not follow (another module's helper, a torch op)"},
        {"reshapes a tensor in place", "a call the analysis does not follow (another module's helper, a torch op)"},
        {"differs between the branches", "a value that differs between branches"},
        {"whether ", "depends on whether an optional argument is given"},
        {"is not passed", "a kernel parameter the launch does not pass"},
        {"is dereferenced by the kernel", "a number passed where the kernel dereferences a pointer"},
        {"has no IR form", "a size with no IR form"},
        {"the receiver of a method", "state kept on `ctx` / `self` (autograd functions, modules)"},
    };
    for (const auto& [needle, category] : table)
        if (r.find(needle) != std::string::npos) return category;
    return "other constructs the analysis does not model";
}

void addLaunchTotals(const py::Module& m, const py::ModuleInfo& info, bool print, ModelTotals& t) {
    tlift::util::Diagnostics d;
    auto t0 = std::chrono::steady_clock::now();
    std::vector<py::LaunchFacts> facts = py::analyzeLaunches(m, info, d);
    t.launchMicros += std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
    for (const py::LaunchFacts& f : facts) {
        ++t.analysed;
        if (f.complete()) ++t.complete;
        std::set<std::string> seen, cats;
        for (const std::string& r : f.missing) {
            std::string c = reasonCategory(r);
            if (cats.insert(c).second) ++t.categories[c];
            if (cats.size() == 1 && seen.empty()) ++t.firstCategories[c];
            std::string k = reasonKind(r);
            if (!seen.insert(k).second) continue;
            if (t.reasons[k]++ == 0) t.reasonExample[k] = f.kernel + ": " + r;
        }
        if (print) fmt::print("{}", py::describeLaunchFacts(f));
    }
}

void addModelTotals(const py::Module& m, const SourceManager& sm, const Options& o, ModelTotals& t) {
    tlift::util::Diagnostics d;
    py::ModuleInfo info = py::analyzeModule(m, d);
    if (o.describe) fmt::print("{}{}", py::describeModule(info), d.format(&sm, false));
    if (o.launches || o.facts) addLaunchTotals(m, info, o.facts, t);
    t.constants += info.constants.size();
    t.launches += info.launches.size();
    t.warnings += d.size();
    for (const py::FunctionInfo& f : info.functions) {
        if (!f.isJit()) continue;
        ++t.jit;
        if (f.autotune) {
            ++t.autotuned;
            t.configs += f.autotune->configs.size();
            if (!f.autotune->configsEvaluated) ++t.unevaluatedConfigs;
        }
        t.heuristics += f.heuristics.size();
    }
}

int run(const Options& o) {
    std::vector<std::string> files = collectFiles(o.paths);
    std::vector<FileStat> stats;
    std::map<std::string, std::size_t> kinds;
    std::map<std::string, std::string> kindExample;
    ModelTotals model;
    for (const std::string& path : files) {
        SourceManager sm;
        std::string err;
        tlift::util::FileId id = sm.loadFile(path, &err);
        if (id == tlift::util::kNoFile) {
            fmt::print(stderr, "{}\n", err);
            continue;
        }
        FileStat s;
        s.path = path;
        s.lines = sm.file(id)->lineStarts.size();
        py::ParseResult best;
        for (int r = 0; r < std::max(1, o.repeat); ++r) {
            auto t0 = std::chrono::steady_clock::now();
            py::ParseResult res = py::parseModule(sm, id);
            double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
            if (r == 0 || us < s.micros) s.micros = us;
            if (r == 0) best = std::move(res);
        }
        for (const auto& d : best.diagnostics.items()) {
            if (d.severity != tlift::util::Severity::Error) continue;
            ++s.errors;
            std::string k = messageKind(d.message);
            if (kinds[k]++ == 0) kindExample[k] = sm.describe(d.span);
        }
        if (!o.quiet)
            fmt::print("{:>10.1f} us {:>7} lines {:>3} errors  {}\n", s.micros, s.lines, s.errors, path);
        if (o.errors) fmt::print("{}", best.diagnostics.format(&sm));
        if (o.dump) fmt::print("{}", py::dumpAst(*best.module));
        if (o.model || o.describe || o.launches || o.facts) addModelTotals(*best.module, sm, o, model);
        stats.push_back(std::move(s));
    }

    std::size_t lines = 0, bad = 0;
    double total = 0;
    std::vector<double> times;
    for (const FileStat& s : stats) {
        lines += s.lines;
        bad += s.errors ? 1 : 0;
        total += s.micros;
        times.push_back(s.micros);
    }
    fmt::print("\n| files | lines | parse ok | files with errors | total ms | median us | p90 us | max us | lines/s |\n");
    fmt::print("|------:|------:|---------:|------------------:|---------:|----------:|-------:|-------:|--------:|\n");
    fmt::print("| {} | {} | {} | {} | {:.1f} | {:.1f} | {:.1f} | {:.1f} | {:.0f} |\n", stats.size(), lines,
               stats.size() - bad, bad, total / 1000.0, percentile(times, 0.5), percentile(times, 0.9),
               percentile(times, 1.0), total > 0 ? static_cast<double>(lines) / (total / 1e6) : 0.0);
    if (!kinds.empty()) {
        fmt::print("\n| errors | kind | first at |\n|-------:|------|----------|\n");
        std::vector<std::pair<std::size_t, std::string>> sorted;
        for (const auto& [k, n] : kinds) sorted.emplace_back(n, k);
        std::sort(sorted.rbegin(), sorted.rend());
        for (const auto& [n, k] : sorted) fmt::print("| {} | {} | {} |\n", n, k, kindExample[k]);
    }
    if (o.model) {
        fmt::print("\n| jit functions | autotuned | configs | unevaluated config lists | heuristics | launch sites | module constants | model notes |\n");
        fmt::print("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        fmt::print("| {} | {} | {} | {} | {} | {} | {} | {} |\n", model.jit, model.autotuned, model.configs,
                   model.unevaluatedConfigs, model.heuristics, model.launches, model.constants, model.warnings);
    }
    if (o.launches) {
        fmt::print("\n| launches | complete facts | incomplete | analysis ms |\n|---:|---:|---:|---:|\n");
        fmt::print("| {} | {} | {} | {:.1f} |\n", model.analysed, model.complete, model.analysed - model.complete,
                   model.launchMicros / 1000.0);
        std::vector<std::pair<std::size_t, std::string>> sorted;
        for (const auto& [k, n] : model.reasons) sorted.emplace_back(n, k);
        std::sort(sorted.rbegin(), sorted.rend());
        std::vector<std::tuple<std::size_t, std::size_t, std::string>> cats;
        for (const auto& [k, n] : model.categories) cats.emplace_back(n, model.firstCategories[k], k);
        std::sort(cats.rbegin(), cats.rend());
        fmt::print("\n| launches with it | first reason | cause |\n|---:|---:|---|\n");
        for (const auto& [n, first, k] : cats) fmt::print("| {} | {} | {} |\n", n, first, k);
        fmt::print("\n| launches | reason | first |\n|---:|---|---|\n");
        for (const auto& [n, k] : sorted) fmt::print("| {} | {} | {} |\n", n, k, model.reasonExample[k]);
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--quiet") o.quiet = true;
        else if (a == "--errors") o.errors = true;
        else if (a == "--dump") o.dump = true;
        else if (a == "--model") o.model = true;
        else if (a == "--describe") o.describe = true;
        else if (a == "--launches") o.launches = true;
        else if (a == "--facts") o.facts = true;
        else if (a == "--repeat" && i + 1 < argc) o.repeat = std::atoi(argv[++i]);
        else if (a == "--help" || a == "-h") {
            fmt::print("usage: bench_parse [--quiet] [--errors] [--dump] [--model] [--describe] [--launches] [--facts] [--repeat N] DIR|FILE...\n");
            return 0;
        } else o.paths.push_back(a);
    }
    if (o.paths.empty()) {
        fmt::print(stderr, "usage: bench_parse [--quiet] [--errors] [--dump] [--model] [--describe] [--launches] [--facts] [--repeat N] DIR|FILE...\n");
        return 2;
    }
    return run(o);
}
