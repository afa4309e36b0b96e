// Resolution of TTIR loc() into kernel source locations: NameLoc variable names, CallSiteLoc of
// inlined helpers (the kernel's line first), FusedLoc, loc(unknown).
#include "ttir_test_support.h"

#include <catch2/catch.hpp>

using namespace tlift::frontend::ttir;
using namespace tlift::frontend::ttir::testing;

namespace {

// A one-op kernel in k.py whose arith.addi carries `loc`.
TtirLoc locOf(const std::string& loc, const std::string& prelude = "") {
    std::string text =
        prelude +
        "module {\n"
        "  tt.func public @k(%a: i32 loc(\"a\"(\"k.py\":1:0))) attributes {noinline = false} {\n"
        "    %0 = arith.addi %a, %a : i32 loc(" +
        loc +
        ")\n"
        "    tt.return loc(\"k.py\":9:4)\n"
        "  } loc(\"k.py\":1:0)\n"
        "} loc(\"k.py\":1:0)\n";
    auto l = readText(text);
    REQUIRE(l->ok());
    const TtirOp* add = findOp(l->module(), "arith.addi");
    REQUIRE(add != nullptr);
    return add->loc;
}

} // namespace

TEST_CASE("a NameLoc gives the variable name of the line it wraps", "[ttir][loc]") {
    auto l = readFixture("clamp_scale.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    const TtirLoc& pid = findOp(m, "tt.get_program_id")->loc;
    CHECK(pid.file == "kernels/clamp_scale.py");
    CHECK(pid.line == 13);
    CHECK(pid.col == 24);
    CHECK(pid.varName == "pid");
    CHECK(pid.callStack.empty());
    // Results carry their op's location, arguments their own.
    CHECK(m.value(findValue(m, "offs_3")).loc.varName == "offs");
    const TtirValue& x = m.value(m.kernel()->args[0].value);
    CHECK(x.loc.varName == "x_ptr");
    CHECK(x.loc.line == 12);
    CHECK(m.kernel()->loc.file == "kernels/clamp_scale.py");
    CHECK(m.kernel()->loc.line == 12);
}

TEST_CASE("loc(unknown) resolves to no location", "[ttir][loc]") {
    auto l = readFixture("clamp_scale.ttir");
    REQUIRE(l->ok());
    const TtirLoc& c = defOf(l->module(), "cst")->loc;
    CHECK_FALSE(c.known());
    CHECK(c.file.empty());
    CHECK(c.varName.empty());
    CHECK_FALSE(locOf("unknown").known());
}

TEST_CASE("an inlined helper resolves to the kernel's line, callee frames after", "[ttir][loc]") {
    auto l = readFixture("clamp_scale.ttir");
    REQUIRE(l->ok());
    const TtirLoc& relu = defOf(l->module(), "y_10")->loc;
    CHECK(relu.file == "kernels/clamp_scale.py");
    CHECK(relu.line == 17);
    CHECK(relu.col == 19);
    CHECK(relu.varName == "y");
    REQUIRE(relu.callStack.size() == 2);
    CHECK(relu.callStack[0].file == "kernels/clamp_scale.py");
    CHECK(relu.callStack[0].line == 17);
    CHECK(relu.callStack[1].file == "kernels/activations.py");
    CHECK(relu.callStack[1].line == 7);
    CHECK(relu.callStack[1].col == 22);
    CHECK(defOf(l->module(), "y_11")->loc.callStack[1].col == 12);
}

TEST_CASE("nested inlining keeps every frame, outermost first", "[ttir][loc]") {
    auto l = readFixture("loops.ttir");
    REQUIRE(l->ok());
    // arith.cmpf inside the argmax combine: kernel line -> standard.py:198 -> standard.py:160.
    const TtirLoc& gt = defOf(l->module(), "gt")->loc;
    CHECK(gt.file == "kernels/loops.py");
    CHECK(gt.line == 13);
    CHECK(gt.varName == "best");
    REQUIRE(gt.callStack.size() == 3);
    CHECK(gt.callStack[1].line == 198);
    CHECK(gt.callStack[2].line == 160);
    CHECK(gt.callStack[2].file == "triton/language/standard.py");
}

TEST_CASE("the kernel's own file wins over the outermost frame", "[ttir][loc]") {
    // A caller outside the kernel's file (k.py): the first frame in k.py is shown.
    TtirLoc loc = locOf("callsite(\"k.py\":4:8 at \"launcher.py\":2:2)");
    CHECK(loc.file == "k.py");
    CHECK(loc.line == 4);
    CHECK(loc.col == 8);
    CHECK(loc.callStack.empty()); // only one frame from the kernel's on
    TtirLoc helper = locOf("callsite(\"inner\"(\"h.py\":1:1) at \"k.py\":3:3)");
    CHECK(helper.file == "k.py");
    CHECK(helper.line == 3);
    CHECK(helper.varName.empty()); // a helper's local name is not the kernel's variable
    REQUIRE(helper.callStack.size() == 2);
    CHECK(helper.callStack[1].name == "inner");
}

TEST_CASE("a FusedLoc takes its first part that knows a file", "[ttir][loc]") {
    TtirLoc loc = locOf("fused[unknown, \"k.py\":5:6, \"k.py\":7:8]");
    CHECK(loc.file == "k.py");
    CHECK(loc.line == 5);
    CHECK(loc.col == 6);
    TtirLoc tagged = locOf("fused<\"tag\">[\"v\"(\"k.py\":2:3)]");
    CHECK(tagged.line == 2);
    CHECK(tagged.varName == "v");
}

TEST_CASE("a name without a position keeps the name", "[ttir][loc]") {
    TtirLoc loc = locOf("\"tmp\"");
    CHECK_FALSE(loc.known());
    CHECK(loc.varName == "tmp");
}

TEST_CASE("aliases defined before use resolve like inline locations", "[ttir][loc]") {
    TtirLoc loc = locOf("#loc3", "#loc2 = loc(\"k.py\":6:1)\n#loc3 = loc(\"acc\"(#loc2))\n");
    CHECK(loc.line == 6);
    CHECK(loc.varName == "acc");
}
