// bench_ttir [--repeat N] [--dump] FILE|DIR...
// Reads each .ttir file (folders: every .ttir below them) N times with the TTIR reader and prints
// a table of the best time of each stage: MLIR parse, verification, conversion to TtirModule,
// and the whole readTtir call (which also builds the MLIR context). --dump prints each module.
#include "tlift/frontend/ttir/ttir_dump.h"
#include "tlift/frontend/ttir/ttir_reader.h"
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
    std::string status = "ok";
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

Row measure(const std::string& path, int repeat, bool dump) {
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
    }
    return row;
}

} // namespace

int main(int argc, char** argv) {
    int repeat = 5;
    bool dump = false;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--repeat" && i + 1 < argc) {
            repeat = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--dump") {
            dump = true;
        } else if (a == "-h" || a == "--help") {
            fmt::print("usage: bench_ttir [--repeat N] [--dump] FILE|DIR...\n");
            return 0;
        } else {
            collect(a, files);
        }
    }
    if (files.empty()) {
        fmt::print(stderr, "usage: bench_ttir [--repeat N] [--dump] FILE|DIR...\n");
        return 2;
    }
    fmt::print("{:<48} {:>8} {:>6} {:>7} {:>9} {:>9} {:>9} {:>9}  {}\n", "file", "KB", "ops",
               "values", "parse ms", "verify", "convert", "total", "status");
    int failures = 0;
    double sumTotal = 0;
    for (const std::string& f : files) {
        Row r = measure(f, repeat, dump);
        std::string name = r.path.size() > 48 ? "..." + r.path.substr(r.path.size() - 45) : r.path;
        if (r.status != "ok") {
            ++failures;
            fmt::print("{:<48} {:>8.1f} {:>6} {:>7} {:>9} {:>9} {:>9} {:>9}  {}\n", name,
                       r.bytes / 1024.0, "-", "-", "-", "-", "-", "-", util::trim(r.status));
            continue;
        }
        sumTotal += r.total;
        fmt::print("{:<48} {:>8.1f} {:>6} {:>7} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f}  ok\n", name,
                   r.bytes / 1024.0, r.ops, r.values, r.parse, r.verify, r.convert, r.total);
    }
    fmt::print("{} files, {} failed, {:.1f} ms in total (best of {} runs each)\n", files.size(),
               failures, sumTotal, repeat);
    return failures == 0 ? 0 : 1;
}
