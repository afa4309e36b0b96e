// bench_ttir [--repeat N] [--dump] [--spec] [--trace] [--root DIR] FILE|DIR...
// Reads each .ttir file (folders: every .ttir below them) N times with the TTIR reader and traces
// its kernel N times with the TTIR driver of the symbolic executor, and prints a table of the best
// time of each stage: MLIR parse, verification, conversion to TtirModule, the whole readTtir call
// (which also builds the MLIR context), and the symbolic execution (executeTtir, with the Python
// sources found under --root, default the current folder). --dump prints each module, --spec and
// --trace the spec and the trace of each kernel.
#include "tlift/frontend/ttir/ttir_dump.h"
#include "tlift/frontend/ttir/ttir_reader.h"
#include "tlift/symexec/spec_print.h"
#include "tlift/symexec/ttir_exec.h"
#include "tlift/util/strings.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fmt/core.h>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace tlift;

namespace {

struct Row {
    std::string path;
    std::size_t bytes = 0;
    std::size_t ops = 0;
    std::size_t values = 0;
    double parse = 1e30, verify = 1e30, convert = 1e30, total = 1e30;
    double trace = 1e30;    // executeTtir
    std::size_t steps = 0;  // trace steps
    std::size_t errors = 0; // error diagnostics of the trace (unsupported ops, ...)
    std::string status = "ok";
};

struct Options {
    int repeat = 5;
    bool dump = false;
    bool spec = false;
    bool trace = false;
    std::string root = ".";
};

void collect(const fs::path& p, std::vector<std::string>& files) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
        files.push_back(p.string());
        return;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".ttir") found.push_back(it->path().string());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
}

Row measure(const std::string& path, const Options& opt) {
    int repeat = opt.repeat;
    bool dump = opt.dump;
    Row row;
    row.path = path;
    util::SourceManager sm;
    std::string error;
    util::FileId file = sm.loadFile(path, &error);
    if (file == util::kNoFile) {
        row.status = error;
        return row;
    }
    row.bytes = sm.text(file).size();
    for (int i = 0; i < repeat; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        util::Result<frontend::ttir::TtirModule> m = frontend::ttir::readTtir(sm, file);
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                        .count();
        if (!m) {
            row.status = util::formatDiagnostic(m.error(), &sm, false);
            return row;
        }
        row.total = std::min(row.total, ms);
        row.parse = std::min(row.parse, m->stats.parseMs);
        row.verify = std::min(row.verify, m->stats.verifyMs);
        row.convert = std::min(row.convert, m->stats.convertMs);
        row.ops = m->ops.size();
        row.values = m->values.size();
        if (dump && i == 0) fmt::print("{}", frontend::ttir::dumpModule(*m));
        symexec::TtirExecOptions eo;
        eo.sourceRoot = opt.root;
        auto t1 = std::chrono::steady_clock::now();
        util::Result<symexec::Spec> spec = symexec::executeTtir(*m, sm, eo);
        double traceMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t1).count();
        if (!spec) {
            row.status = util::formatDiagnostic(spec.error(), &sm, false);
            return row;
        }
        row.trace = std::min(row.trace, traceMs);
        row.steps = spec->trace.size();
        row.errors = 0;
        for (const util::Diagnostic& d : spec->diagnostics.items()) row.errors += d.severity == util::Severity::Error;
        if (i == 0 && opt.spec) fmt::print("{}", symexec::formatSpec(*spec, sm));
        if (i == 0 && opt.trace) fmt::print("{}", symexec::formatTrace(*spec, sm));
    }
    return row;
}

} // namespace

int main(int argc, char** argv) {
    Options opt;
    std::vector<std::string> files;
    const char* usage = "usage: bench_ttir [--repeat N] [--dump] [--spec] [--trace] [--root DIR] FILE|DIR...\n";
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--repeat" && i + 1 < argc) {
            opt.repeat = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--dump") {
            opt.dump = true;
        } else if (a == "--spec") {
            opt.spec = true;
        } else if (a == "--trace") {
            opt.trace = true;
        } else if (a == "--root" && i + 1 < argc) {
            opt.root = argv[++i];
        } else if (a == "-h" || a == "--help") {
            fmt::print("{}", usage);
            return 0;
        } else {
            collect(a, files);
        }
    }
    if (files.empty()) {
        fmt::print(stderr, "{}", usage);
        return 2;
    }
    fmt::print("{:<48} {:>8} {:>6} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>6} {:>6}  {}\n", "file", "KB",
               "ops", "values", "parse ms", "verify", "convert", "read", "trace ms", "steps", "errors", "status");
    int failures = 0;
    double sumTotal = 0, sumTrace = 0;
    for (const std::string& f : files) {
        Row r = measure(f, opt);
        std::string name = r.path.size() > 48 ? "..." + r.path.substr(r.path.size() - 45) : r.path;
        if (r.status != "ok") {
            ++failures;
            fmt::print("{:<48} {:>8.1f} {:>6} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>6} {:>6}  {}\n", name,
                       r.bytes / 1024.0, "-", "-", "-", "-", "-", "-", "-", "-", "-", util::trim(r.status));
            continue;
        }
        sumTotal += r.total;
        sumTrace += r.trace;
        fmt::print("{:<48} {:>8.1f} {:>6} {:>7} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>6} {:>6}  ok\n",
                   name, r.bytes / 1024.0, r.ops, r.values, r.parse, r.verify, r.convert, r.total, r.trace, r.steps,
                   r.errors);
    }
    fmt::print("{} files, {} failed, read {:.1f} ms, trace {:.1f} ms in total (best of {} runs each)\n",
               files.size(), failures, sumTotal, sumTrace, opt.repeat);
    return failures == 0 ? 0 : 1;
}
