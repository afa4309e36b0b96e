// tritonlift: the command-line face of the engine. Every feature works here first.
#include "report_cmd.h"
#include "tlift/engine/session.h"
#include "tlift/synth/lift_format.h"
#include "tlift/util/strings.h"
#include "tlift_version.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <unistd.h>

using namespace tlift;

namespace {

struct CommonArgs {
    std::string file;
    std::string kernel;
    std::string launch;
    std::vector<std::string> defines;
    std::size_t config = 0;
    bool json = false;
};

void addCommon(CLI::App* cmd, CommonArgs& a, const char* fileHelp) {
    cmd->add_option("file", a.file, fileHelp)->required();
    cmd->add_option("-k,--kernel", a.kernel, "the @triton.jit kernel (default: the first one of the file)");
    cmd->add_option("-l,--launch", a.launch, "a launch context file (default: FILE.launch.json next to FILE, if any)");
    cmd->add_option("-D,--define", a.defines, "a constexpr value, NAME=VALUE (repeatable)");
    cmd->add_option("--config", a.config, "the autotune config to use (0-based)");
    cmd->add_flag("--json", a.json, "print JSON (docs/lifting.md)");
}

bool parseDefines(const std::vector<std::string>& defs, engine::LiftOptions& o) {
    for (const std::string& d : defs) {
        auto eq = d.find('=');
        if (eq == std::string::npos || eq == 0) {
            std::cerr << "tritonlift: -D expects NAME=VALUE, got '" << d << "'\n";
            return false;
        }
        std::string name = d.substr(0, eq), v = d.substr(eq + 1);
        frontend::py::Value value;
        if (v == "True" || v == "true") value = frontend::py::Value::boolean(true);
        else if (v == "False" || v == "false") value = frontend::py::Value::boolean(false);
        else if (v == "None") value = frontend::py::Value();
        else {
            try {
                std::size_t used = 0;
                long long i = std::stoll(v, &used);
                if (used == v.size()) value = frontend::py::Value::integer(i);
                else value = frontend::py::Value::real(std::stod(v));
            } catch (...) {
                value = frontend::py::Value::string(v);
            }
        }
        o.constexprs[name] = value;
    }
    return true;
}

engine::LiftOptions optionsFrom(const CommonArgs& a) {
    engine::LiftOptions o;
    o.kernel = a.kernel;
    o.launchFile = a.launch;
    o.config = a.config;
    return o;
}

std::string commandLine(int argc, char** argv) {
    std::vector<std::string> parts;
    for (int i = 0; i < argc; ++i) {
        std::string s = argv[i];
        if (s.find_first_of(" '\"$") != std::string::npos) s = "'" + s + "'";
        parts.push_back(s);
    }
    return util::join(parts, " ");
}

int runTrace(const CommonArgs& a) {
    engine::LiftOptions o = optionsFrom(a);
    if (!parseDefines(a.defines, o)) return 2;
    auto src = synth::openSource(a.file);
    if (!src) {
        std::cerr << util::formatDiagnostic(src.error(), nullptr);
        return 1;
    }
    auto tr = synth::runTrace(*src, o);
    if (!tr) {
        std::cerr << util::formatDiagnostic(tr.error(), (*src)->sm.get());
        return 1;
    }
    if (a.json) std::cout << synth::traceToJson(**tr).dump(2) << "\n";
    else std::cout << synth::formatTraceResult(**tr);
    return (*tr)->diagnostics.hasErrors() ? 1 : 0;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"tritonlift: lift Triton kernels to verified, readable mathematics"};
    app.set_version_flag("--version", std::string("tritonlift ") + TLIFT_VERSION);
    app.require_subcommand(0, 1);

    CommonArgs traceArgs;
    auto* trace = app.add_subcommand("trace", "symbolic execution: the trace of every statement and the spec");
    addCommon(trace, traceArgs, "a Triton kernel file (.py)");

    CommonArgs liftArgs;
    std::uint64_t seed = 1;
    double timeout = 60, queryTimeout = 5, factTimeout = 2;
    int bound = 4;
    bool noVerify = false, noSimplify = false, derivation = false, stable = false;
    std::string expect, emitSmt;
    auto* lift = app.add_subcommand("lift", "the formula each output of a kernel computes, tested and proved");
    addCommon(lift, liftArgs, "a Triton kernel file (.py)");
    lift->add_option("--seed", seed, "seed of the test inputs (the same seed gives the same result)");
    lift->add_option("--timeout", timeout, "seconds for the whole lift");
    lift->add_option("--query-timeout", queryTimeout, "seconds for each solver query");
    lift->add_option("--fact-timeout", factTimeout, "seconds for each side-condition query of the normalizer (default 2)");
    lift->add_option("--bound", bound, "bounded verification: every size up to this value");
    lift->add_flag("--no-verify", noVerify, "test the summaries but do not prove them");
    lift->add_flag("--no-simplify", noSimplify, "do not simplify to textbook forms");
    lift->add_flag("--derivation", derivation, "print every rewrite step");
    lift->add_flag("--stable", stable, "leave out what varies between runs (timings), for golden files");
    lift->add_option("--expect", expect,
                     "check the kernel against a formula, e.g. 'out = softmax(x, 1)' (IR text form); exit code 3 when refuted");
    lift->add_option("--emit-smt", emitSmt, "write every verification condition as SMT-LIB 2 into this folder");

    std::string batchDir, batchJson;
    int jobs = 2;
    double batchTimeout = 30;
    auto* batch = app.add_subcommand("batch", "lift every kernel of every .py file below a folder");
    batch->add_option("dir", batchDir, "a folder of kernel files")->required();
    batch->add_option("-j,--jobs", jobs, "kernels lifted in parallel");
    batch->add_option("--timeout", batchTimeout, "seconds per kernel");
    batch->add_option("--json", batchJson, "also write every result as JSON into this file");
    batch->add_flag("--no-verify", noVerify, "test the summaries but do not prove them");

    cli::ReportCommands reportCommands(app);
    CLI11_PARSE(app, argc, argv);
    if (auto rc = reportCommands.run(argc, argv)) return *rc;

    if (app.got_subcommand(trace)) return runTrace(traceArgs);
    if (app.got_subcommand(lift)) {
        engine::LiftOptions o = optionsFrom(liftArgs);
        if (!parseDefines(liftArgs.defines, o)) return 2;
        o.seed = seed;
        o.timeout = std::chrono::milliseconds(static_cast<long long>(timeout * 1000));
        o.queryTimeout = std::chrono::milliseconds(static_cast<long long>(queryTimeout * 1000));
        o.factTimeout = std::chrono::milliseconds(static_cast<long long>(factTimeout * 1000));
        o.boundK = bound;
        o.verify = !noVerify;
        o.simplify = !noSimplify;
        o.expect = expect;
        o.emitSmtDir = emitSmt;
        synth::JobContext jc;
        jc.deadline = util::Deadline::after(o.timeout);
        synth::LiftResult r = synth::liftFile(liftArgs.file, o, jc);
        r.command = commandLine(argc, argv);
        if (liftArgs.json) std::cout << synth::liftToJson(r).dump(2) << "\n";
        else {
            synth::FormatOptions fo;
            fo.derivation = derivation;
            fo.timings = !stable;
            std::cout << synth::formatLift(r, fo);
        }
        if (r.expectation && r.expectation->status == synth::LiftStatus::Refuted) return 3;
        return r.trace ? 0 : 1;
    }
    if (app.got_subcommand(batch)) {
        engine::LiftOptions o;
        o.timeout = std::chrono::milliseconds(static_cast<long long>(batchTimeout * 1000));
        o.verify = !noVerify;
        engine::Session session;
        auto job = session.startBatch(batchDir, o, jobs);
        std::size_t shown = 0;
        bool tty = isatty(fileno(stderr));
        while (!job->wait(std::chrono::milliseconds(200))) {
            auto items = job->batchItems();
            if (tty && items.size() != shown) {
                std::cerr << "\r" << items.size() << " kernels lifted..." << std::flush;
                shown = items.size();
            }
        }
        if (tty) std::cerr << "\r";
        auto items = job->batchItems();
        std::sort(items.begin(), items.end(), [](auto& a, auto& b) { return a->file != b->file ? a->file < b->file : a->kernel < b->kernel; });
        std::map<std::string, int> totals;
        std::printf("%-48s %-30s %7s %-13s %9s  %s\n", "file", "kernel", "outputs", "verdict", "time", "stop / reason");
        nlohmann::json all = nlohmann::json::array();
        for (auto& it : items) {
            std::string verdict = "failed", why = it->error;
            std::size_t outs = 0;
            if (it->result) {
                verdict = synth::statusName(it->result->overall());
                outs = it->result->outputs.size();
                if (why.empty()) {
                    why = util::stopReasonName(it->result->stop);
                    for (auto& out : it->result->outputs)
                        if (out.status == synth::LiftStatus::Failed || out.status == synth::LiftStatus::Refuted) {
                            why = out.statusDetail;
                            break;
                        }
                    if (it->result->diagnostics.hasErrors())
                        for (auto& d : it->result->diagnostics.items())
                            if (d.severity == util::Severity::Error) {
                                why = d.message;
                                break;
                            }
                }
                if (!batchJson.empty()) all.push_back(synth::liftToJson(*it->result));
            }
            ++totals[verdict];
            std::string f = it->file.size() > 48 ? "..." + it->file.substr(it->file.size() - 45) : it->file;
            if (why.size() > 90) why = why.substr(0, 87) + "...";
            std::printf("%-48s %-30s %7zu %-13s %7.0fms  %s\n", f.c_str(), it->kernel.c_str(), outs, verdict.c_str(), it->millis,
                        why.c_str());
        }
        std::printf("\n%zu kernels:", items.size());
        for (auto& [k, n] : totals) std::printf(" %s %d", k.c_str(), n);
        std::printf("\n");
        if (!batchJson.empty()) {
            std::ofstream f(batchJson);
            f << all.dump(1) << "\n";
        }
        return 0;
    }
    std::cout << app.help();
    return 0;
}
