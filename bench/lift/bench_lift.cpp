// bench_lift [--verify] DIR|FILE...: per kernel, the time to open (parse) the file, trace the
// kernel, and lift it (test, simplify, and prove with --verify), with the verdict; then medians
// and maxima. Targets (issues #3, #5): trace median under 20 ms, verification median under 2 s.
#include "tlift/synth/lifter.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

using namespace tlift;
namespace fs = std::filesystem;

namespace {

double msSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

struct Row {
    std::string file, kernel, verdict;
    double parse = 0, trace = 0, lift = 0, verify = 0;
};

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    bool verify = false;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--verify") verify = true;
        else if (fs::is_directory(a)) {
            for (const auto& e : fs::recursive_directory_iterator(a))
                if (e.is_regular_file() && e.path().extension() == ".py") files.push_back(e.path().string());
        } else files.push_back(a);
    }
    if (files.empty()) {
        fmt::print(stderr, "usage: bench_lift [--verify] DIR|FILE...\n");
        return 2;
    }
    std::sort(files.begin(), files.end());
    std::vector<Row> rows;
    for (const std::string& f : files) {
        auto t0 = std::chrono::steady_clock::now();
        auto src = synth::openSource(f);
        double parse = msSince(t0);
        if (!src) continue;
        for (const synth::KernelEntry& k : (*src)->kernels) {
            Row r;
            r.file = f;
            r.kernel = k.name;
            r.parse = parse;
            synth::LiftOptions o;
            o.kernel = k.name;
            o.verify = verify;
            auto t1 = std::chrono::steady_clock::now();
            auto tr = synth::runTrace(*src, o);
            r.trace = msSince(t1);
            if (!tr) {
                r.verdict = "trace failed";
                rows.push_back(r);
                continue;
            }
            auto t2 = std::chrono::steady_clock::now();
            synth::LiftResult res = synth::runLift(*tr, o);
            r.lift = msSince(t2);
            r.verify = res.timings.verify;
            r.verdict = synth::statusName(res.overall());
            rows.push_back(r);
        }
    }
    fmt::print("| file | kernel | parse ms | trace ms | lift ms | of it verify ms | verdict |\n|---|---|--:|--:|--:|--:|---|\n");
    std::vector<double> tr, li, ve;
    for (const Row& r : rows) {
        fmt::print("| {} | {} | {:.1f} | {:.1f} | {:.0f} | {:.0f} | {} |\n", r.file, r.kernel, r.parse, r.trace, r.lift, r.verify, r.verdict);
        tr.push_back(r.trace);
        li.push_back(r.lift);
        ve.push_back(r.verify);
    }
    auto mx = [](const std::vector<double>& v) { return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()); };
    fmt::print("\n| kernels | trace median ms | trace max ms | lift median ms | lift max ms | verify median ms | verify max ms |\n"
               "|--:|--:|--:|--:|--:|--:|--:|\n| {} | {:.1f} | {:.1f} | {:.0f} | {:.0f} | {:.0f} | {:.0f} |\n",
               rows.size(), median(tr), mx(tr), median(li), mx(li), median(ve), mx(ve));
    return 0;
}
