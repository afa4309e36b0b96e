// The compact dump of a module against checked-in expectations (tests/data/ttir_unit/*.dump).
// TLIFT_UPDATE_GOLDEN=1 rewrites the expectations from the current output.
#include "tlift/frontend/ttir/ttir_dump.h"
#include "tlift/util/strings.h"
#include "ttir_test_support.h"

#include <catch2/catch.hpp>
#include <cstdlib>

using namespace tlift::frontend::ttir;
using namespace tlift::frontend::ttir::testing;

namespace {

void checkGolden(const std::string& fixture, const std::string& expectation) {
    auto l = readFixture(fixture);
    REQUIRE(l->ok());
    std::string actual = dumpModule(l->module());
    std::string path = std::string(TLIFT_TEST_DATA) + "/ttir_unit/" + expectation;
    if (const char* update = std::getenv("TLIFT_UPDATE_GOLDEN");
        update && std::string(update) == "1")
        REQUIRE(tlift::util::writeFile(path, actual));
    std::string expected;
    REQUIRE(tlift::util::readFile(path, expected));
    CHECK(actual == expected);
}

} // namespace

TEST_CASE("the dump of a straight-line kernel matches its expectation", "[ttir][dump]") {
    checkGolden("clamp_scale.ttir", "clamp_scale.dump");
}

TEST_CASE("the dump of a kernel with regions matches its expectation", "[ttir][dump]") {
    checkGolden("loops.ttir", "loops.dump");
}

TEST_CASE("dump pieces format values, attributes and locations", "[ttir][dump]") {
    auto l = readFixture("clamp_scale.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    const TtirOp* load = findOp(m, "tt.load");
    CHECK(formatValue(m, load->results[0]) == "%x_7");
    CHECK(formatLoc(load->loc) == "kernels/clamp_scale.py:16:16 \"x\"");
    CHECK(formatAttr(m, *defOf(m, "cst")->attr("value")) == "dense<6> : tensor<128xf32>");
    CHECK(formatLoc(defOf(m, "y_10")->loc) ==
          "kernels/clamp_scale.py:17:19 \"y\" via [kernels/activations.py:7:22]");
    TtirDumpOptions bare;
    bare.locations = false;
    bare.ttirPositions = false;
    CHECK(dumpOp(m, *load, bare) ==
          "%x_7 = tt.load(ptr=%x_6, mask=%m_5, other=%cst_1) {cache = cg, evict = evict_last, "
          "isVolatile = false} : tensor<128xf16>\n");
}
