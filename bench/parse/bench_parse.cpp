// bench_parse DIR|FILE... : parses every .py file below the given paths with the Triton Python
// frontend, prints the time of each file, a summary table (files, lines, parse ok, files with
// errors, median / p90 / max time) and the syntax errors grouped by kind.
//
//   --quiet     no per-file lines
//   --errors    print every diagnostic with its source line and caret
//   --dump      print the AST of each file
//   --model     also run the module model and count JIT functions, configs and launch sites
//   --describe  print the module model of each file
//   --repeat N  parse each file N times and keep the fastest (default 3)

#include "tlift/frontend/python/ast_dump.h"
#include "tlift/frontend/python/module.h"
#include "tlift/frontend/python/parser.h"
#include "tlift/util/source.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
namespace py = tlift::frontend::py;
using tlift::util::SourceManager;

namespace {

struct Options {
    bool quiet = false, errors = false, dump = false, model = false, describe = false;
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
        if (c == '\'') {
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

void addModelTotals(const py::Module& m, const SourceManager& sm, bool describe, ModelTotals& t) {
    tlift::util::Diagnostics d;
    py::ModuleInfo info = py::analyzeModule(m, d);
    if (describe) fmt::print("{}{}", py::describeModule(info), d.format(&sm, false));
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
        if (o.model || o.describe) addModelTotals(*best.module, sm, o.describe, model);
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
        else if (a == "--repeat" && i + 1 < argc) o.repeat = std::atoi(argv[++i]);
        else if (a == "--help" || a == "-h") {
            fmt::print("usage: bench_parse [--quiet] [--errors] [--dump] [--model] [--describe] [--repeat N] DIR|FILE...\n");
            return 0;
        } else o.paths.push_back(a);
    }
    if (o.paths.empty()) {
        fmt::print(stderr, "usage: bench_parse [--quiet] [--errors] [--dump] [--model] [--describe] [--repeat N] DIR|FILE...\n");
        return 2;
    }
    return run(o);
}
