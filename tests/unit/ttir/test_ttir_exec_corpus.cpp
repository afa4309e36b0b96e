// The TTIR driver against the GPU and against the Python driver. For every corpus kernel, its
// committed TTIR is executed symbolically and its spec run on the CPU:
//  - on the GPU run cases (tests/data/runs) whose launch matches the TTIR's specialization, the
//    outputs must be what Triton computed on the GPU;
//  - on fresh random inputs of the TTIR's own launch, the outputs must be those of the Python
//    driver's spec for the same launch.
// Set TLIFT_TTIR_REPORT=1 to print the per-kernel table (docs/ttir.md has it).
#include "ttir_exec_support.h"

#include "tlift/frontend/ttir/ttir_reader.h"
#include "tlift/symexec/spec_print.h"
#include "tlift/symexec/ttir_exec.h"
#include "tlift/util/strings.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <iostream>

using namespace tlift;

namespace {

// Kernels whose TTIR spec is known to differ from the GPU or the Python spec, with the reason
// (docs/ttir.md). The test checks that they still differ, so that the list shrinks with fixes.
const std::map<std::string, std::string> kKnownDifferences = {};

struct Verdict {
    std::string trace = "ok"; // "ok" or the first error
    int gpuCases = 0, gpuMatched = 0;
    std::string gpuFirst;
    std::string python = "-"; // "match", "mismatch: ...", "python failed: ..."
    bool differs() const {
        return trace != "ok" || gpuMatched != gpuCases || (python != "match" && python.rfind("python", 0) != 0);
    }
};

std::string runFailure(const util::Result<symexec::RunResult>& r, const util::SourceManager& sm) {
    if (!r) return "run failed: " + util::formatDiagnostic(r.error(), &sm, false);
    if (r->outOfBounds || r->undefinedStores) {
        std::string s = std::to_string(r->outOfBounds) + " out of bounds, " + std::to_string(r->undefinedStores) +
                        " undefined stores";
        if (!r->problems.empty()) s += " (" + r->problems[0].what + " at " + r->problems[0].where + ")";
        return s;
    }
    return "";
}

Verdict check(const testing::TtirLaunch& l, const std::vector<testing::CorpusCase>& cases) {
    Verdict v;
    util::SourceManager sm;
    symexec::TtirExecOptions o;
    o.sourceRoot = TLIFT_SOURCE_DIR;
    auto spec = symexec::executeTtirFile(l.ttirPath, sm, o);
    if (!spec) {
        v.trace = util::formatDiagnostic(spec.error(), &sm, false);
        return v;
    }
    if (spec->diagnostics.hasErrors()) {
        v.trace = util::trim(util::formatDiagnostic(spec->diagnostics.items().front(), &sm, false));
        return v;
    }
    for (const testing::CorpusCase& c : cases) {
        if (!testing::caseMatches(l, c)) continue;
        ++v.gpuCases;
        auto run = symexec::runSpec(*spec, c.input);
        std::string fail = runFailure(run, sm);
        if (fail.empty()) {
            testing::Mismatch m = testing::compareBuffers(c.expected, run->buffers);
            if (m.count == 0) ++v.gpuMatched;
            else fail = std::to_string(m.count) + " elements differ, first " + m.first;
        }
        if (!fail.empty() && v.gpuFirst.empty()) v.gpuFirst = c.sizeText + ": " + fail;
    }
    // The Python driver on the same launch, on random inputs.
    auto k = testing::loadKernelFile(std::string(TLIFT_SOURCE_DIR) + "/" + l.file);
    if (!k || !k->parsed.ok()) {
        v.python = "python failed: cannot read " + l.file;
        return v;
    }
    testing::FreshRun fresh = testing::freshInputs(l, 1234);
    auto pspec = symexec::executeKernel(*k->parsed.module, k->info, k->sm, l.kernel, fresh.python);
    if (!pspec || pspec->diagnostics.hasErrors()) {
        v.python = "python failed: " + (pspec ? pspec->diagnostics.format(&k->sm, false) : util::formatDiagnostic(pspec.error(), &k->sm, false));
        return v;
    }
    auto prun = symexec::runSpec(*pspec, fresh.input);
    if (std::string f = runFailure(prun, k->sm); !f.empty()) {
        v.python = "python failed: " + f;
        return v;
    }
    auto trun = symexec::runSpec(*spec, fresh.input);
    if (std::string f = runFailure(trun, sm); !f.empty()) {
        v.python = "mismatch: " + f;
        return v;
    }
    testing::Mismatch m = testing::compareBuffers(prun->buffers, trun->buffers);
    v.python = m.count == 0 ? "match" : "mismatch: " + std::to_string(m.count) + " elements differ, first " + m.first;
    return v;
}

} // namespace

TEST_CASE("the GPU comparison catches a TTIR that computes something else", "[ttir][exec][corpus]") {
    auto launches = testing::loadTtirLaunches(TLIFT_TEST_DATA);
    auto cases = testing::loadCorpusRuns(TLIFT_TEST_DATA);
    const testing::TtirLaunch* add = nullptr;
    for (const auto& l : launches)
        if (l.name == "add") add = &l;
    REQUIRE(add);
    std::string text;
    REQUIRE(util::readFile(add->ttirPath, text));
    const std::string from = "arith.addf %x_4, %y_6", to = "arith.subf %x_4, %y_6";
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), to);
    util::SourceManager sm;
    auto m = frontend::ttir::readTtir(sm, sm.addFile(add->ttirPath, text));
    REQUIRE(m);
    auto spec = symexec::executeTtir(*m, sm, {});
    REQUIRE(spec);
    int compared = 0;
    for (const testing::CorpusCase& c : cases) {
        if (!testing::caseMatches(*add, c)) continue;
        auto run = symexec::runSpec(*spec, c.input);
        REQUIRE(run);
        CHECK(testing::compareBuffers(c.expected, run->buffers).count > 0);
        ++compared;
    }
    CHECK(compared > 0);
}

TEST_CASE("every corpus TTIR reproduces the GPU runs of its launch and the Python spec", "[ttir][exec][corpus]") {
    auto launches = testing::loadTtirLaunches(TLIFT_TEST_DATA);
    REQUIRE(launches.size() >= 60);
    auto cases = testing::loadCorpusRuns(TLIFT_TEST_DATA);
    bool report = std::getenv("TLIFT_TTIR_REPORT") != nullptr;
    int gpuCompared = 0, pythonCompared = 0;
    for (const testing::TtirLaunch& l : launches) {
        INFO(l.category << "/" << l.name);
        Verdict v = check(l, cases);
        gpuCompared += v.gpuMatched;
        pythonCompared += v.python == "match";
        if (report)
            std::cout << l.category << "/" << l.name << " | trace " << v.trace << " | gpu " << v.gpuMatched << "/"
                      << v.gpuCases << (v.gpuFirst.empty() ? "" : " (" + v.gpuFirst + ")") << " | python " << v.python
                      << "\n";
        auto known = kKnownDifferences.find(l.name);
        if (known != kKnownDifferences.end()) {
            INFO("listed as differing (" << known->second << ") but it now agrees: remove it from the list");
            CHECK(v.differs());
            continue;
        }
        INFO("trace: " << v.trace);
        INFO("gpu: " << v.gpuFirst);
        INFO("python: " << v.python);
        CHECK(v.trace == "ok");
        CHECK(v.gpuMatched == v.gpuCases);
        CHECK((v.python == "match" || v.python.rfind("python failed", 0) == 0));
    }
    CHECK(gpuCompared > 60);
    CHECK(pythonCompared > 50);
}
