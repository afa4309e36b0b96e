// Every TTIR file of the corpus (tests/data/ttir/<category>/<name>.ttir, compiled by Triton 3.6
// from tests/data/kernels) reads, and agrees with the launch record beside it.
#include "ttir_test_support.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace tlift::frontend::ttir;
using namespace tlift::frontend::ttir::testing;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> corpusFiles() {
    std::vector<fs::path> out;
    fs::path root = fs::path(TLIFT_TEST_DATA) / "ttir";
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".ttir") out.push_back(it->path());
    std::sort(out.begin(), out.end());
    return out;
}

bool writesMemory(const TtirModule& m) {
    return std::any_of(m.ops.begin(), m.ops.end(), [](const TtirOp& op) {
        return op.name == "tt.store" || op.name == "tt.atomic_rmw" || op.name == "tt.atomic_cas";
    });
}

// The structure is closed: ids are in range, ops sit in the blocks that list them; every op has
// its place in the .ttir text except implicit terminators (a loop's empty scf.yield), which carry
// their parent's kernel location.
void checkStructure(const TtirModule& m) {
    for (const TtirOp& op : m.ops) {
        for (ValueId v : op.operands)
            REQUIRE(v < m.values.size());
        for (ValueId v : op.results)
            CHECK(m.value(v).owner == op.id);
        CHECK(op.operandRoles.size() == op.operands.size());
        bool implicitYield = op.name == "scf.yield" && op.operands.empty();
        CHECK((op.span.valid() || implicitYield));
        if (implicitYield && !op.span.valid()) CHECK(op.loc.file == m.op(op.parent).loc.file);
        CHECK(op.loc.file.find(".ttir") == std::string::npos);
        for (const TtirRegion& r : op.regions)
            for (const TtirBlock& b : r.blocks)
                for (OpId child : b.ops)
                    CHECK(m.op(child).parent == op.id);
    }
}

} // namespace

TEST_CASE("every corpus TTIR file reads and matches its launch record", "[ttir][corpus]") {
    std::vector<fs::path> files = corpusFiles();
    REQUIRE(files.size() >= 50);
    for (const fs::path& path : files) {
        INFO(path.string());
        tlift::util::SourceManager sm;
        auto r = readTtirFile(sm, path.string());
        if (!r.ok()) FAIL_CHECK(tlift::util::formatDiagnostic(r.error(), &sm, false));
        if (!r.ok()) continue;
        const TtirModule& m = *r;
        checkStructure(m);
        CHECK(writesMemory(m));
        const TtirFunction* k = m.kernel();
        REQUIRE(k != nullptr);
        CHECK(m.op(k->body.blocks.back().ops.back()).name == "tt.return");

        fs::path launchPath = path;
        launchPath.replace_extension(".launch.json");
        std::ifstream in(launchPath);
        REQUIRE(in.good());
        nlohmann::json launch = nlohmann::json::parse(in);
        CHECK(k->name == launch.at("kernel").get<std::string>());
        CHECK(k->loc.file == launch.at("file").get<std::string>());
        const auto& signature = launch.at("ttir_signature");
        REQUIRE(k->args.size() == signature.size());
        for (std::size_t i = 0; i < k->args.size(); ++i) {
            CHECK(k->args[i].name == signature[i].at("name").get<std::string>());
            CHECK(m.typeOf(k->args[i].value).text == signature[i].at("type").get<std::string>());
            const auto& attrs = signature[i].at("attrs");
            const TtirAttr* div = k->args[i].attr("tt.divisibility");
            CHECK((div != nullptr) == attrs.contains("tt.divisibility"));
            if (div && attrs.contains("tt.divisibility"))
                CHECK(div->i == attrs.at("tt.divisibility").get<std::int64_t>());
        }
    }
}

TEST_CASE("corpus kernels with loops and reductions have the expected shape", "[ttir][corpus]") {
    tlift::util::SourceManager sm;
    auto argmax = readTtirFile(sm, std::string(TLIFT_TEST_DATA) + "/ttir/reduce/argmax.ttir");
    REQUIRE(argmax.ok());
    const TtirOp* reduce = findOp(*argmax, "tt.reduce");
    REQUIRE(reduce != nullptr);
    CHECK(reduce->operandGroup("srcs").size() == 2);
    CHECK(reduce->results.size() == 2);

    auto loop = readTtirFile(sm, std::string(TLIFT_TEST_DATA) + "/ttir/reduce/row_sum_loop.ttir");
    REQUIRE(loop.ok());
    const TtirOp* forOp = findOp(*loop, "scf.for");
    REQUIRE(forOp != nullptr);
    CHECK(forOp->operandGroup("initArgs").size() == forOp->results.size());
    CHECK(forOp->regions.at(0).blocks.at(0).args.size() == forOp->results.size() + 1);

    auto early = readTtirFile(sm, std::string(TLIFT_TEST_DATA) + "/ttir/misc/early_return.ttir");
    REQUIRE(early.ok());
    CHECK(early->kernel()->body.blocks.size() == 3);
    CHECK(findOp(*early, "cf.cond_br")->successors.size() == 2);
}
