#include "tlift/util/diagnostic.h"
#include "tlift/util/result.h"
#include "tlift/util/source.h"
#include "tlift/util/strings.h"

#include <catch2/catch.hpp>

using namespace tlift::util;

TEST_CASE("source manager returns lines and slices", "[util]") {
    SourceManager sm;
    FileId id = sm.addFile("k.py", "import triton\n@triton.jit\ndef k(x):\n    pass\n");
    CHECK(sm.lineText(id, 1) == "import triton");
    CHECK(sm.lineText(id, 4) == "    pass");
    CHECK(sm.lineText(id, 5).empty());
    CHECK(sm.lineText(id, 99).empty());
    SourceSpan span{id, 3, 5, 3, 6};
    CHECK(sm.slice(span) == "k");
    CHECK(sm.describe(span) == "k.py:3:5");
    CHECK(sm.describe(SourceSpan{}) == "<unknown>");
}

TEST_CASE("diagnostics print file:line:col and a caret", "[util]") {
    SourceManager sm;
    FileId id = sm.addFile("k.py", "x = tl.atomic_cas(p, 0, 1)\n");
    Diagnostic d = Diagnostic::error("unsupported", "unsupported: tl.atomic_cas", {id, 1, 5, 1, 18});
    std::string text = formatDiagnostic(d, &sm);
    CHECK(text == "k.py:1:5: error: unsupported: tl.atomic_cas\n"
                  "    x = tl.atomic_cas(p, 0, 1)\n"
                  "        ^~~~~~~~~~~~~\n");
    Diagnostics list;
    CHECK_FALSE(list.hasErrors());
    list.warning("launch", "assumed contiguous");
    CHECK_FALSE(list.hasErrors());
    list.add(d);
    CHECK(list.hasErrors());
}

TEST_CASE("spans cover each other", "[util]") {
    SourceSpan a{1, 2, 3, 2, 8}, b{1, 4, 1, 4, 9};
    SourceSpan c = SourceSpan::cover(a, b);
    CHECK(c == SourceSpan{1, 2, 3, 4, 9});
    CHECK(SourceSpan::cover(SourceSpan{}, b) == b);
}

TEST_CASE("result holds a value or a diagnostic", "[util]") {
    Result<int> ok = 3;
    REQUIRE(ok);
    CHECK(*ok == 3);
    auto bad = Result<int>::failure("syntax", "expected ')'");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "expected ')'");
}

TEST_CASE("doubles print shortest round-trip", "[util]") {
    CHECK(formatDouble(1.0) == "1");
    CHECK(formatDouble(0.1) == "0.1");
    CHECK(formatDouble(-1.0 / 0.0) == "-inf");
    CHECK(formatFloat(0.1f) == "0.1");
    CHECK(split("a,b,,c", ',') == std::vector<std::string>{"a", "b", "", "c"});
    CHECK(trim("  x \n") == "x");
}
