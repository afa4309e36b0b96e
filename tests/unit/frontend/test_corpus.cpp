// Every kernel file kept in the repository parses without errors, and the module model finds
// its JIT functions.
#include "frontend_test_util.h"
#include "tlift/frontend/python/module.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace tlift;
using namespace tlift::frontend::py;

TEST_CASE("corpus: the repository's kernel files parse and have JIT functions", "[frontend][corpus]") {
    std::size_t files = 0;
    for (const char* dir : {TLIFT_TEST_DATA "/frontend", TLIFT_TEST_DATA "/kernels"}) {
        if (!std::filesystem::exists(dir)) continue;
        for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
            if (e.path().extension() != ".py") continue;
            INFO(e.path().string());
            util::SourceManager sm;
            util::FileId id = sm.loadFile(e.path().string());
            REQUIRE(id != util::kNoFile);
            ParseResult r = parseModule(sm, id);
            CHECK(r.diagnostics.format(&sm) == "");
            util::Diagnostics diags;
            ModuleInfo info = analyzeModule(*r.module, diags);
            std::size_t jit = 0;
            for (const FunctionInfo& f : info.functions) jit += f.isJit() ? 1 : 0;
            CHECK(jit >= 1);
            ++files;
        }
    }
    CHECK(files >= 4);
}
