#include "random_expr.h"
#include "tlift/ir/json.h"
#include "tlift/ir/parser.h"
#include "tlift/ir/printer.h"

#include <catch2/catch.hpp>

using namespace tlift::ir;

namespace {
Expr parse(Context& c, const std::string& text) {
    Scope s;
    Expr M = c.sym("M", DType::I32), N = c.sym("N", DType::I32);
    s.declare(M);
    s.declare(N);
    s.declare(c.tensor("x", DType::F32, {M, N}));
    s.declare(c.tensor("x_ptr", DType::F32, {N}));
    s.declare(c.sym("eps", DType::F32));
    s.declare(c.sym("n_cols", DType::I32));
    s.declare(c.var("i"));
    s.declare(c.var("j"));
    auto r = parseExpr(c, text, s);
    REQUIRE(r);
    return *r;
}
} // namespace

TEST_CASE("LaTeX reads like the textbook", "[ir][latex]") {
    Context c;
    CHECK(toLatex(parse(c, "x[i, j]")) == "x_{i, j}");
    CHECK(toLatex(parse(c, "sum[k in 0..N](x[i, k])")) == "\\sum_{k=0}^{N - 1} x_{i, k}");
    CHECK(toLatex(parse(c, "sum[k in 0..j + 1](x[i, k])")) == "\\sum_{k=0}^{j} x_{i, k}");
    CHECK(toLatex(parse(c, "max[k in 0..N](x[i, k])")) == "\\max_{0 \\le k < N} x_{i, k}");
    CHECK(toLatex(parse(c, "sum[k in 0..N | k < M](x[i, k])")) == "\\sum_{\\substack{k=0 \\\\ k < M}}^{N - 1} x_{i, k}");
    CHECK(toLatex(parse(c, "x[i, j] / (eps + 1.0)")) == "\\frac{x_{i, j}}{\\varepsilon + 1}");
    CHECK(toLatex(parse(c, "exp(x[i, j] - 1.0)")) == "e^{x_{i, j} - 1}");
    CHECK(toLatex(parse(c, "rsqrt(eps)")) == "\\frac{1}{\\sqrt{\\varepsilon}}");
    CHECK(toLatex(parse(c, "(x[i, j] + 1.0) * eps")) == "\\left(x_{i, j} + 1\\right) \\cdot \\varepsilon");
    CHECK(toLatex(parse(c, "x_ptr[j]")) == "x_{\\mathrm{ptr}}\\left[j\\right]");
    CHECK(toLatex(parse(c, "cast(n_cols, f32)")) == "n_{\\mathrm{cols}}");
    CHECK(toLatex(parse(c, "where(j < N, x[i, j], -inf)")) ==
          "\\begin{cases} x_{i, j} & \\text{if } j < N \\\\ -\\infty & \\text{otherwise} \\end{cases}");
    CHECK(toLatex(parse(c, "softmax(x, dim=1)")) == "\\operatorname{softmax}_{1}\\left(x\\right)");
    CHECK(toLatex(parse(c, "1e-05 * eps")) == "10^{-5} \\cdot \\varepsilon");
    CHECK(toLatex(parse(c, "1/3 * eps")) == "\\frac{1}{3} \\cdot \\varepsilon");
    CHECK(latexName("BLOCK_SIZE") == "\\mathrm{BLOCK}_{\\mathrm{SIZE}}");
    CHECK(latexName("l0") == "l_{0}");
}

TEST_CASE("LaTeX subterms carry ids for the viewer", "[ir][latex]") {
    Context c;
    Expr e = parse(c, "exp(x[i, j]) + 1.0");
    LatexOptions o;
    o.subtermId = [&](Expr s) -> std::optional<std::string> {
        if (s.op() == Op::Exp) return std::string("n7");
        return std::nullopt;
    };
    CHECK(toLatex(e, o) == "\\htmlData{id=n7}{e^{x_{i, j}}} + 1");
}

TEST_CASE("JSON keeps shared subterms once and round-trips", "[ir][json]") {
    Context c;
    Expr e = parse(c, "exp(x[i, j] - max[k in 0..N](x[i, k])) / sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l])))");
    auto j = toJson(e);
    REQUIRE(j.contains("nodes"));
    std::size_t reads = 0;
    for (auto& n : j["nodes"]) reads += n["op"] == "read";
    CHECK(reads == 3); // x[i, j], x[i, k], x[i, l]: each once
    auto back = fromJson(c, j);
    REQUIRE(back);
    CHECK(*back == e);
    Context other;
    auto elsewhere = fromJson(other, j);
    REQUIRE(elsewhere);
    CHECK(elsewhere->structuralHash() == e.structuralHash());
}

TEST_CASE("JSON errors are reported, not thrown", "[ir][json]") {
    Context c;
    CHECK_FALSE(fromJson(c, nlohmann::json::parse(R"({"nodes": [{"op": "nope", "dtype": "f32"}], "root": 0})")));
    CHECK_FALSE(fromJson(c, nlohmann::json::parse(R"({"nodes": [{"op": "add", "dtype": "f32", "args": [3, 4]}], "root": 0})")));
    CHECK_FALSE(fromJson(c, nlohmann::json::parse(R"({"root": 0})")));
    auto bad = fromJson(c, nlohmann::json::parse(
        R"({"nodes": [{"op": "sym", "dtype": "f32", "name": "x"}, {"op": "sym", "dtype": "i32", "name": "n"},
                      {"op": "add", "dtype": "f32", "args": [0, 1]}], "root": 2})"));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "add: operand types differ: f32 and i32");
}

TEST_CASE("random expressions round-trip through JSON", "[ir][json][property]") {
    Context c;
    testing::RandomExpr gen(c, 777);
    for (int n = 0; n < 300; ++n) {
        Expr e = gen.gen(1 + n % 5, n % 3 == 0 ? DType::I32 : DType::F32);
        auto back = fromJson(c, toJson(e));
        REQUIRE(back);
        CHECK(*back == e);
    }
}
