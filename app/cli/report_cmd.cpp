#include "report_cmd.h"

#include "tlift/report/reference.h"
#include "tlift/report/report.h"
#include "tlift/synth/lifter.h"
#include "tlift/util/strings.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace tlift::cli {

namespace {

// The options of a lift, as `tritonlift lift` takes them.
struct LiftArgs {
    std::string file, kernel, launch;
    std::vector<std::string> defines;
    std::size_t config = 0;
    std::uint64_t seed = 1;
    double timeout = 60, queryTimeout = 5;
    int bound = 4;
    bool noVerify = false, noSimplify = false;
    std::string emitSmt, expect;
};

void addLiftArgs(CLI::App* cmd, LiftArgs& a) {
    cmd->add_option("file", a.file, "a Triton kernel file (.py)")->required();
    cmd->add_option("-k,--kernel", a.kernel, "the @triton.jit kernel (default: the first one of the file)");
    cmd->add_option("-l,--launch", a.launch, "a launch context file (default: FILE.launch.json next to FILE, if any)");
    cmd->add_option("-D,--define", a.defines, "a constexpr value, NAME=VALUE (repeatable)");
    cmd->add_option("--config", a.config, "the autotune config to use (0-based)");
    cmd->add_option("--seed", a.seed, "seed of the test inputs (the same seed gives the same result)");
    cmd->add_option("--timeout", a.timeout, "seconds for the whole lift");
    cmd->add_option("--query-timeout", a.queryTimeout, "seconds for each solver query");
    cmd->add_option("--bound", a.bound, "bounded verification: every size up to this value");
    cmd->add_flag("--no-verify", a.noVerify, "test the summaries but do not prove them");
    cmd->add_flag("--no-simplify", a.noSimplify, "do not simplify to textbook forms");
    cmd->add_option("--expect", a.expect, "check the kernel against a stated formula, e.g. 'out = softmax(x, 1)'");
}

frontend::py::Value defineValue(const std::string& v) {
    if (v == "True" || v == "true") return frontend::py::Value::boolean(true);
    if (v == "False" || v == "false") return frontend::py::Value::boolean(false);
    if (v == "None") return frontend::py::Value();
    try {
        std::size_t used = 0;
        long long i = std::stoll(v, &used);
        if (used == v.size()) return frontend::py::Value::integer(i);
        return frontend::py::Value::real(std::stod(v));
    } catch (...) {
        return frontend::py::Value::string(v);
    }
}

std::optional<synth::LiftOptions> liftOptions(const LiftArgs& a) {
    synth::LiftOptions o;
    o.kernel = a.kernel;
    o.launchFile = a.launch;
    o.config = a.config;
    for (const std::string& d : a.defines) {
        auto eq = d.find('=');
        if (eq == std::string::npos || eq == 0) {
            std::cerr << "tritonlift: -D expects NAME=VALUE, got '" << d << "'\n";
            return std::nullopt;
        }
        o.constexprs[d.substr(0, eq)] = defineValue(d.substr(eq + 1));
    }
    o.seed = a.seed;
    o.timeout = std::chrono::milliseconds(static_cast<long long>(a.timeout * 1000));
    o.queryTimeout = std::chrono::milliseconds(static_cast<long long>(a.queryTimeout * 1000));
    o.boundK = a.bound;
    o.verify = !a.noVerify;
    o.simplify = !a.noSimplify;
    o.emitSmtDir = a.emitSmt;
    o.expect = a.expect;
    return o;
}

// The command line that reproduces the result: as given, with the seed made explicit.
std::string commandLine(int argc, char** argv, std::uint64_t seed) {
    std::vector<std::string> parts;
    bool hasSeed = false;
    for (int i = 0; i < argc; ++i) {
        std::string s = argv[i];
        hasSeed = hasSeed || s == "--seed" || s.rfind("--seed=", 0) == 0;
        if (s.find_first_of(" '\"$") != std::string::npos) s = "'" + s + "'";
        parts.push_back(s);
    }
    if (!hasSeed) parts.push_back("--seed " + std::to_string(seed));
    return util::join(parts, " ");
}

bool writeFile(const std::string& path, const std::string& text) {
    if (path.empty() || path == "-") {
        std::cout << text;
        return true;
    }
    std::ofstream f(path, std::ios::binary);
    f << text;
    if (!f) {
        std::cerr << "tritonlift: cannot write " << path << "\n";
        return false;
    }
    return true;
}

// A folder for the SMT-LIB files of a lift whose report attaches them; removed afterwards.
struct TempDir {
    std::string path;
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "tritonlift-smt-XXXXXX").string();
        if (char* p = mkdtemp(tmpl.data())) path = p;
    }
    ~TempDir() {
        std::error_code ec;
        if (!path.empty()) std::filesystem::remove_all(path, ec);
    }
};

} // namespace

struct ReportCommands::State {
    CLI::App* report = nullptr;
    LiftArgs reportArgs;
    std::string format = "html", out;
    bool stable = false;
    CLI::App* exp = nullptr;
    LiftArgs exportArgs;
    std::string to = "torch", exportOut;
};

ReportCommands::ReportCommands(CLI::App& app) : m_state(std::make_unique<State>()) {
    State& s = *m_state;
    s.report = app.add_subcommand("report", "lift a kernel and write the report (docs/reports.md)");
    addLiftArgs(s.report, s.reportArgs);
    s.report->add_option("--format", s.format, "html (one self-contained file), md, tex or json")
        ->check(CLI::IsMember({"html", "md", "markdown", "tex", "latex", "json"}));
    s.report->add_option("-o,--out", s.out, "the file to write (default: standard output)");
    s.report->add_option("--emit-smt", s.reportArgs.emitSmt,
                         "also keep the SMT-LIB 2 of every verification condition in this folder");
    s.report->add_flag("--stable", s.stable, "leave out what varies between runs (timings), for golden files");

    s.exp = app.add_subcommand("export", "lift a kernel and write its summary as reference code (docs/reports.md)");
    addLiftArgs(s.exp, s.exportArgs);
    s.exp->add_option("--to", s.to, "torch or numpy (a reference function), or pytest (the kernel against the torch reference)")
        ->check(CLI::IsMember({"torch", "numpy", "pytest"}));
    s.exp->add_option("-o,--out", s.exportOut, "the file to write (default: standard output)");
}

ReportCommands::~ReportCommands() = default;

namespace {

synth::LiftResult lift(const LiftArgs& args, synth::LiftOptions o, int argc, char** argv) {
    synth::JobContext jc;
    jc.deadline = util::Deadline::after(o.timeout);
    synth::LiftResult r = synth::liftFile(args.file, o, jc);
    r.command = commandLine(argc, argv, o.seed);
    return r;
}

int failed(const synth::LiftResult& r) {
    const util::SourceManager* sm = r.trace && r.trace->source ? r.trace->source->sm.get() : nullptr;
    for (const util::Diagnostic& d : r.diagnostics.items()) std::cerr << util::formatDiagnostic(d, sm);
    return 1;
}

int runExport(const LiftArgs& args, const std::string& to, const std::string& out, int argc, char** argv) {
    std::optional<synth::LiftOptions> o = liftOptions(args);
    if (!o) return 2;
    synth::LiftResult r = lift(args, *o, argc, argv);
    if (!r.trace) return failed(r);
    std::string code;
    if (to == "pytest") {
        auto py = report::exportPytest(r);
        if (!py) {
            std::cerr << "tritonlift: " << py.error().message << "\n";
            return 1;
        }
        code = *py;
    } else {
        auto ref = report::exportReference(r, to == "numpy" ? report::RefLib::NumPy : report::RefLib::Torch);
        if (!ref) {
            std::cerr << "tritonlift: " << ref.error().message << "\n";
            return 1;
        }
        for (const std::string& s : ref->skipped) std::cerr << "tritonlift: no reference for " << s << "\n";
        code = ref->code;
    }
    return writeFile(out, code) ? 0 : 1;
}

} // namespace

std::optional<int> ReportCommands::run(int argc, char** argv) const {
    const State& s = *m_state;
    if (s.exp->parsed()) return runExport(s.exportArgs, s.to, s.exportOut, argc, argv);
    if (!s.report->parsed()) return std::nullopt;
    std::optional<synth::LiftOptions> o = liftOptions(s.reportArgs);
    if (!o) return 2;
    report::Format format = *report::formatByName(s.format);
    // The HTML report attaches the SMT-LIB of each query: collect them in a folder of our own
    // when the user keeps none.
    TempDir smt;
    if (o->verify && o->emitSmtDir.empty() && format == report::Format::Html) o->emitSmtDir = smt.path;
    synth::LiftResult r = lift(s.reportArgs, *o, argc, argv);
    report::ReportOptions ro;
    ro.timings = !s.stable;
    std::string text = report::write(report::buildReport(r, ro), format);
    if (!writeFile(s.out, text)) return 1;
    return r.trace ? 0 : failed(r);
}

} // namespace tlift::cli
