// The parser returns on any input: random bytes, token soup, truncated and mutated kernel
// files, and inputs built to nest deeply. Each result must be walkable (dump, module model) and
// report at most kMaxSyntaxErrors errors.
#include "frontend_test_util.h"
#include "tlift/frontend/python/module.h"
#include "tlift/util/strings.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

using namespace tlift;
using namespace tlift::frontend::py;
using namespace tlift::frontend::py::test;

namespace {

// Parses, dumps and analyses `text`; returns the number of errors.
std::size_t survive(const std::string& text) {
    util::SourceManager sm;
    ParseResult r = parseText(sm, text);
    REQUIRE(r.module);
    CHECK(r.diagnostics.size() <= kMaxSyntaxErrors + 1);
    std::string dump = dumpAst(*r.module);
    CHECK(util::startsWith(dump, "(Module"));
    util::Diagnostics d;
    ModuleInfo info = analyzeModule(*r.module, d);
    describeModule(info);
    return r.diagnostics.size();
}

std::vector<std::string> kernelFiles() {
    std::vector<std::string> files;
    for (const char* dir : {TLIFT_TEST_DATA "/frontend", TLIFT_TEST_DATA "/kernels"}) {
        if (!std::filesystem::exists(dir)) continue;
        for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
            if (e.path().extension() == ".py") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

TEST_CASE("fuzz: random bytes", "[frontend][fuzz]") {
    std::mt19937 rng(1234);
    const std::string pythonish = "abcxyz_019 ()[]{}:,.;=+-*/%@<>!&|^~\"'#\\\n\n\n\t    ";
    for (int i = 0; i < 400; ++i) {
        std::size_t n = rng() % 1500;
        std::string s;
        for (std::size_t k = 0; k < n; ++k)
            s += i % 2 ? static_cast<char>(rng() & 0xFF) : pythonish[rng() % pythonish.size()];
        survive(s);
    }
}

TEST_CASE("fuzz: token soup", "[frontend][fuzz]") {
    const char* pieces[] = {"def ", "class ", "(", ")", "[", "]", "{", "}", ":", ",", "\n", "    ", "\t", "x", "1",
                            "'", "\"\"\"", "lambda ", "if ", "else ", "elif ", "for ", " in ", "=", "**", "*", "\\\n",
                            "#", "@", "async ", "await ", "yield ", "f'{", "}'", "->", ":=", "return ", "try:",
                            "except ", "with ", " as ", "not ", ".", "...", "import ", "from ", "global ", "del ",
                            "1.5e", "0x", "b'", "r'", "\r\n", "match ", "case "};
    std::mt19937 rng(99);
    for (int i = 0; i < 600; ++i) {
        std::string s;
        std::size_t n = rng() % 120;
        for (std::size_t k = 0; k < n; ++k) s += pieces[rng() % std::size(pieces)];
        survive(s);
    }
}

TEST_CASE("fuzz: truncated and mutated kernel files", "[frontend][fuzz]") {
    std::vector<std::string> files = kernelFiles();
    REQUIRE(files.size() >= 4);
    std::mt19937 rng(7);
    for (const std::string& path : files) {
        std::string text;
        REQUIRE(util::readFile(path, text));
        INFO(path);
        CHECK(survive(text) == 0);
        for (std::size_t cut = 0; cut < text.size(); cut += 1 + text.size() / 60) survive(text.substr(0, cut));
        for (int m = 0; m < 30; ++m) {
            std::string t = text;
            std::size_t at = rng() % t.size();
            switch (rng() % 3) {
            case 0: t.erase(at, 1 + rng() % 8); break;
            case 1: t.insert(at, 1, "([{:)]}'\"\n\t#\\"[rng() % 14]); break;
            default: t[at] = static_cast<char>(rng() & 0xFF);
            }
            survive(t);
        }
    }
}

TEST_CASE("fuzz: deep nesting and long chains end in an error or a bounded tree", "[frontend][fuzz]") {
    auto repeat = [](const std::string& s, int n) {
        std::string out;
        for (int i = 0; i < n; ++i) out += s;
        return out;
    };
    CHECK(survive("x = " + repeat("(", 100000) + "\n") > 0);
    CHECK(survive("x = " + repeat("[", 3000) + repeat("]", 3000) + "\n") > 0);
    CHECK(survive("x = " + repeat("-", 100000) + "y\n") > 0);
    CHECK(survive("x = " + repeat("not ", 50000) + "y\n") > 0);
    CHECK(survive("x = a" + repeat(" + a", 200000) + "\n") > 0);
    CHECK(survive("x = a" + repeat(".b", 100000) + "\n") > 0);
    CHECK(survive("x = f" + repeat("()", 100000) + "\n") > 0);
    CHECK(survive("x = " + repeat("lambda: ", 10000) + "0\n") > 0);
    CHECK(survive("x = " + repeat("a if b else ", 10000) + "c\n") > 0);
    CHECK(survive("x = " + repeat("a ** ", 100000) + "b\n") > 0);
    CHECK(survive("x = " + repeat("{1: ", 5000) + "\n") > 0);
    std::string deep;
    for (int i = 0; i < 150; ++i) deep += std::string(static_cast<std::size_t>(i) * 2, ' ') + "if x:\n";
    CHECK(survive(deep) > 0);
    // Within the limits: long but shallow inputs parse.
    // Real code stays far below the limits (the deepest expression in 1.6 million lines of public
    // Triton code has height 23).
    CHECK(survive("x = a" + repeat(" + a", 150) + "\n") == 0);
    CHECK(survive("x = a" + repeat(" + a", 250) + "\n") == 1);
    CHECK(survive("x = " + repeat("(", 60) + "1" + repeat(")", 60) + "\n") == 0);
    CHECK(survive("x = " + repeat("-", 80) + "1\n") == 0);
    CHECK(survive(repeat("@d\n", 5000) + "def f(): pass\n") == 0);
    CHECK(survive("s = '" + std::string(1 << 20, 'a') + "'\n") == 0);
    CHECK(survive(repeat("x = 1\n", 100000)) == 0);
}
