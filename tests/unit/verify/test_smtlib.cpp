// Every query can be written as an SMT-LIB 2 file that the stand-alone z3 re-checks with the
// same answer.
#include "verify_fixture.h"

#include "tlift/util/strings.h"

#include <cstdio>
#include <filesystem>
#include <memory>

using namespace tlift;
using namespace tlift::verify;
using tlift::verify::testing::Fixture;

namespace {

std::optional<std::string> runZ3(const std::string& file) {
    if (std::system("command -v z3 > /dev/null 2>&1") != 0) return std::nullopt;
    std::string cmd = "z3 -T:60 '" + file + "' 2>&1";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    if (!pipe) return std::nullopt;
    std::string out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, pipe.get())) out += buf;
    return util::trim(out);
}

} // namespace

TEST_CASE("queries are written as SMT-LIB 2 files that z3 re-checks", "[verify][smtlib]") {
    Fixture f;
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / "tlift_verify_smtlib_test";
    fs::remove_all(dir);
    CheckOptions o;
    o.smtDir = dir.string();
    o.boundK = 2;
    struct Case {
        const char* lhs;
        const char* rhs;
    };
    for (Case c : {Case{"exp(p) * exp(q)", "exp(p + q)"}, Case{"sum[k in 0..N](x[i, k])", "sum[k in 0..N - 1](x[i, k])"},
                   Case{"exp(x[i, j] - max[k in 0..N](x[i, k])) / sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l])))",
                        "exp(x[i, j]) / sum[k in 0..N](exp(x[i, k]))"},
                   Case{"sum[k in 0..N](x[i, k])", "sum[k in 0..N](x[i, N - 1 - k])"}}) {
        Verdict v = f.check(c.lhs, c.rhs, {}, o);
        REQUIRE_FALSE(v.queries.empty());
        for (const QueryRecord& r : v.queries) {
            INFO(c.lhs << " == " << c.rhs << ": " << r.label);
            REQUIRE_FALSE(r.smtFile.empty());
            REQUIRE(fs::exists(r.smtFile));
            std::string text;
            REQUIRE(util::readFile(r.smtFile, text));
            CHECK(text.find("(check-sat)") != std::string::npos);
            CHECK(text.find("declare-fun") != std::string::npos);
            auto answer = runZ3(r.smtFile);
            if (!answer) {
                WARN("z3 binary not found: the files are not re-checked");
                continue;
            }
            if (r.result == SolverResult::Sat) CHECK(*answer == "sat");
            if (r.result == SolverResult::Unsat) CHECK(*answer == "unsat");
        }
    }
    fs::remove_all(dir);
}
