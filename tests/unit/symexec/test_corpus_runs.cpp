// The symbolic executor against the real thing: every corpus kernel is traced, its spec is run on
// the CPU with the exact inputs of the GPU runs (tests/data/runs), and the outputs must match what
// Triton computed on the GPU.
#include "corpus_runs.h"
#include "tlift/symexec/spec_print.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

using namespace tlift;

namespace {

// Kernels whose spec is known not to be executable yet, with the reason. The test checks that
// they still fail, so that this list shrinks as support grows.
const std::map<std::string, std::string> kKnownUnsupported = {};

} // namespace

TEST_CASE("every corpus kernel traces and reproduces its GPU outputs", "[symexec][corpus]") {
    auto cases = testing::loadCorpusRuns(TLIFT_TEST_DATA);
    REQUIRE(cases.size() >= 120);
    std::map<std::string, std::unique_ptr<testing::LoadedKernel>> loaded;
    std::set<std::string> failedKernels;
    std::size_t compared = 0;
    for (auto& cc : cases) {
        INFO(cc.name << " " << cc.sizeText);
        auto& k = loaded[cc.file];
        if (!k) k = testing::loadKernelFile(std::string(TLIFT_SOURCE_DIR) + "/" + cc.file);
        REQUIRE(k);
        REQUIRE(k->parsed.ok());
        auto spec = symexec::executeKernel(*k->parsed.module, k->info, k->sm, cc.kernel, cc.options);
        REQUIRE(spec);
        bool known = kKnownUnsupported.count(cc.name) > 0;
        if (spec->diagnostics.hasErrors()) {
            INFO(spec->diagnostics.format(&k->sm));
            if (!known) FAIL_CHECK("trace failed");
            failedKernels.insert(cc.name);
            continue;
        }
        symexec::RunOptions ro;
        auto run = symexec::runSpec(*spec, cc.input, ro);
        if (!run) {
            INFO(util::formatDiagnostic(run.error(), &k->sm));
            if (!known) FAIL_CHECK("run failed");
            failedKernels.insert(cc.name);
            continue;
        }
        CHECK(run->outOfBounds == 0);
        CHECK(run->undefinedStores == 0);
        for (const auto& p : run->problems) UNSCOPED_INFO(p.what << " at " << p.where);
        for (auto& [buf, want] : cc.expected) {
            INFO("buffer " << buf);
            const auto& got = run->buffers.at(buf);
            REQUIRE(got.size() == want.size());
            std::size_t bad = 0, firstBad = 0;
            for (std::size_t i = 0; i < want.size(); ++i) {
                double w = want[i], g = got[i];
                bool ok = (std::isnan(w) && std::isnan(g)) || (std::isinf(w) && w == g) ||
                          std::fabs(w - g) <= 2e-3 * std::max(1.0, std::fabs(w));
                if (!ok && bad++ == 0) firstBad = i;
            }
            INFO("first mismatch at " << firstBad << ": gpu " << want[firstBad] << " cpu " << got[firstBad]);
            CHECK(bad == 0);
            ++compared;
        }
    }
    for (auto& [name, why] : kKnownUnsupported) {
        INFO(name << ": listed as unsupported (" << why << ") but it now works: remove it from the list");
        CHECK(failedKernels.count(name) == 1);
    }
    CHECK(compared > 100);
}
