// What the reader says about TTIR it cannot read: the message and the .ttir file:line:col.
#include "tlift/util/strings.h"
#include "ttir_test_support.h"

#include <catch2/catch.hpp>

using namespace tlift::frontend::ttir;
using namespace tlift::frontend::ttir::testing;

namespace {

std::string kernelWith(const std::string& body) {
    return "module {\n"
           "  tt.func public @k(%a: tensor<4xi32>, %n: i32) {\n" +
           body +
           "    tt.return\n"
           "  }\n"
           "}\n";
}

} // namespace

TEST_CASE("an op the dialect does not know is reported by name and position", "[ttir][errors]") {
    auto l = readFixture("unknown_op.ttir");
    REQUIRE_FALSE(l->ok());
    const auto& e = l->error();
    CHECK(e.category == "unsupported");
    CHECK(e.span.line == 5);
    CHECK(e.span.col == 15);
    std::string path(l->sm.path(l->file));
    CHECK(e.message == "unsupported TTIR op 'tt.sort' at " + path + ":5:15");
    CHECK(l->errorText() ==
          path + ":5:15: error: unsupported TTIR op 'tt.sort' at " + path + ":5:15\n");
    CHECK(l->sm.slice(e.span) == "tt.sort");
}

TEST_CASE("an op of a dialect the reader does not load is unsupported too", "[ttir][errors]") {
    auto l =
        readText(kernelWith("    %1 = ttg.convert_layout %a : tensor<4xi32> -> tensor<4xi32>\n"));
    REQUIRE_FALSE(l->ok());
    CHECK(l->error().category == "unsupported");
    CHECK(l->error().message == "unsupported TTIR op 'ttg.convert_layout' at inline.ttir:3:10");
    CHECK(l->error().notes.empty());
}

TEST_CASE("unknown ops in generic form are unsupported, in known and unknown dialects",
          "[ttir][errors]") {
    auto known = readText(kernelWith("    %1 = \"tt.bar\"(%n) : (i32) -> i32\n"));
    REQUIRE_FALSE(known->ok());
    CHECK(known->error().message == "unsupported TTIR op 'tt.bar' at inline.ttir:3:5");
    auto unknown = readText(kernelWith("    %1 = \"ttg.foo\"(%n) : (i32) -> i32\n"));
    REQUIRE_FALSE(unknown->ok());
    CHECK(unknown->error().category == "unsupported");
    CHECK(unknown->error().message == "unsupported TTIR op 'ttg.foo' at inline.ttir:3:10");
    CHECK(unknown->error().span.col == 10);
}

TEST_CASE("a syntax error gives MLIR's message at its .ttir position", "[ttir][errors]") {
    auto l = readFixture("syntax_error.ttir");
    REQUIRE_FALSE(l->ok());
    CHECK(l->error().category == "syntax");
    CHECK(l->error().message == "expected ':'");
    CHECK(l->error().span.line == 5);
    CHECK(l->error().span.col == 29);

    auto undefined = readText(kernelWith("    %0 = arith.addi %zz, %n : i32\n"));
    REQUIRE_FALSE(undefined->ok());
    CHECK(undefined->error().message == "use of undeclared SSA value name");
    CHECK(undefined->error().span.line == 3);
    CHECK(undefined->error().span.col == 21);
}

TEST_CASE("a verifier error points at the op's .ttir line and names the kernel line",
          "[ttir][errors]") {
    auto l = readText(
        kernelWith("    %r = tt.make_range {start = 0 : i32} : tensor<4xi32> loc(\"k.py\":3:9)\n"));
    REQUIRE_FALSE(l->ok());
    CHECK(l->error().category == "verify");
    CHECK(l->error().message == "'tt.make_range' op requires attribute 'end'");
    CHECK(l->error().span.line == 3);
    CHECK(l->error().span.col == 5);
    REQUIRE(l->error().notes.size() == 1);
    CHECK(l->error().notes[0].message == "from kernel source k.py:3:9");
}

TEST_CASE("an empty file, a blank file and a module without functions are errors",
          "[ttir][errors]") {
    auto empty = readFixture("empty.ttir");
    REQUIRE(empty->result.has_value());
    REQUIRE_FALSE(empty->ok());
    CHECK(empty->error().message.find("empty TTIR file") == 0);
    CHECK(empty->error().span.line == 1);
    auto blank = readText("  \n\n\t\n");
    REQUIRE_FALSE(blank->ok());
    CHECK(blank->error().message == "empty TTIR file 'inline.ttir'");
    auto noFunction = readText("module {\n}\n");
    REQUIRE_FALSE(noFunction->ok());
    CHECK(noFunction->error().message == "no function in TTIR file 'inline.ttir'");
}

TEST_CASE("an op outside any function is unsupported", "[ttir][errors]") {
    auto l = readText("module {\n  %c = arith.constant 1 : i32\n  tt.func public @k() {\n"
                      "    tt.return\n  }\n}\n");
    REQUIRE_FALSE(l->ok());
    CHECK(l->error().message ==
          "unsupported TTIR op 'arith.constant' at inline.ttir:2:3 (outside a function)");
}

TEST_CASE("a file that cannot be opened is an io error", "[ttir][errors]") {
    tlift::util::SourceManager sm;
    auto r = readTtirFile(sm, std::string(TLIFT_TEST_DATA) + "/ttir_unit/no_such_file.ttir");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().category == "io");
    CHECK(ttirSupportAvailable());
}

TEST_CASE("a file cut anywhere gives an answer, never a crash", "[ttir][errors]") {
    std::string text;
    REQUIRE(tlift::util::readFile(std::string(TLIFT_TEST_DATA) + "/ttir_unit/loops.ttir", text));
    int errors = 0;
    for (std::size_t cut = 1; cut < text.size(); cut += 97) {
        auto l = readText(text.substr(0, cut));
        REQUIRE(l->result.has_value());
        if (l->ok()) continue;
        ++errors;
        CHECK_FALSE(l->error().message.empty());
    }
    CHECK(errors > 0);
}
