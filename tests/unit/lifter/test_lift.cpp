// The whole lift on corpus kernels: the summary it reaches and its status.
#include "tlift/ir/printer.h"
#include "tlift/synth/lifter.h"

#include <catch2/catch.hpp>

using namespace tlift;

namespace {

synth::LiftResult lift(const std::string& rel, bool verify = false) {
    synth::LiftOptions o;
    o.verify = verify;
    return synth::liftFile(std::string(TLIFT_SOURCE_DIR) + "/tests/data/kernels/" + rel, o);
}

} // namespace

TEST_CASE("one-block softmax lifts to softmax and is proved", "[lifter][lift]") {
    auto r = lift("softmax/softmax.py", true);
    REQUIRE(r.outputs.size() == 1);
    const auto& o = r.outputs[0];
    // Tensor names, layout, grid and BLOCK_SIZE come from the wrapper (x, out = empty_like(x)).
    CHECK(o.summaryText == "exp(x[i, j] - max[k in 0..n_cols](x[i, k])) / sum[k1 in 0..n_cols](exp(x[i, k1] - max[k in 0..n_cols](x[i, k])))");
    CHECK(o.simplifiedLhs == "out");
    CHECK(o.simplifiedText == "softmax(x, dim=1)");
    CHECK(o.status == synth::LiftStatus::Proved);
    bool needsBlock = false;
    for (const auto& a : o.assumptions) needsBlock = needsBlock || (a.text == "n_cols <= 1024" && !a.proved);
    CHECK(needsBlock);
}

TEST_CASE("loop kernels lift to the textbook forms", "[lifter][lift]") {
    struct Case {
        const char* file;
        const char* simplified;
    } cases[] = {
        {"softmax/softmax_online.py", "softmax(x, dim=1)"},
        {"reduce/row_sum_loop.py", "sum(x, dim=1, keepdim=false)"},
        {"scan/cumsum_looped.py", "cumsum(x, dim=1)"},
        {"norm/layer_norm_loop.py", "layer_norm(x, w, b, eps=eps)"},
        {"reduce/col_sum.py", "sum(x, dim=0, keepdim=false)"},
    };
    for (const Case& c : cases) {
        INFO(c.file);
        auto r = lift(c.file);
        REQUIRE(r.outputs.size() == 1);
        CHECK(r.outputs[0].status == synth::LiftStatus::Tested);
        CHECK(r.outputs[0].simplifiedText == c.simplified);
    }
}

TEST_CASE("the same seed gives the same result", "[lifter][lift]") {
    auto a = lift("softmax/softmax_online.py");
    auto b = lift("softmax/softmax_online.py");
    REQUIRE(a.outputs.size() == b.outputs.size());
    CHECK(a.outputs[0].summaryText == b.outputs[0].summaryText);
    CHECK(a.search.size() == b.search.size());
}

TEST_CASE("a kernel that cannot be traced ends with a reason, not a summary", "[lifter][lift]") {
    synth::LiftOptions o;
    auto src = synth::openSourceText("k.py", R"(import triton
import triton.language as tl
@triton.jit
def k(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(out_ptr + offs, tl.frobnicate(tl.load(x_ptr + offs)))
)");
    REQUIRE(src);
    o.constexprs["BLOCK"] = frontend::py::Value::integer(16);
    auto tr = synth::runTrace(*src, o);
    REQUIRE(tr);
    auto r = synth::runLift(*tr, o);
    // The trace stops at the unsupported call: no store is reached, no summary is claimed.
    CHECK(r.outputs.empty());
    CHECK(r.overall() == synth::LiftStatus::Failed);
    CHECK(r.diagnostics.format(nullptr).find("unsupported: call of 'triton.language.frobnicate'") != std::string::npos);
}

TEST_CASE("an expectation (--expect) is proved when it is what the kernel computes, refuted with a counterexample when not", "[lifter][expect]") {
    auto withExpect = [](const std::string& e) {
        synth::LiftOptions o;
        o.expect = e;
        return synth::liftFile(std::string(TLIFT_SOURCE_DIR) + "/examples/softmax.py", o);
    };
    auto good = withExpect("out = softmax(x, 1)");
    REQUIRE(good.expectation);
    CHECK(good.expectation->status == synth::LiftStatus::Proved);
    // The wrong axis: the kernel's own results on the test inputs disagree.
    auto axis = withExpect("out = softmax(x, 0)");
    REQUIRE(axis.expectation);
    CHECK(axis.expectation->status == synth::LiftStatus::Refuted);
    CHECK(axis.expectation->detail.find("kernel") != std::string::npos);
    // An index-level expectation that drops the normalization.
    auto partial = withExpect("out[i, j] = exp(x[i, j] - max[k in 0..n_cols](x[i, k]))");
    REQUIRE(partial.expectation);
    CHECK(partial.expectation->status == synth::LiftStatus::Refuted);
    // Names the kernel does not write, and text that is no equation, are errors, not verdicts.
    auto other = withExpect("y = x");
    REQUIRE(other.expectation);
    CHECK(other.expectation->status == synth::LiftStatus::Failed);
    CHECK(other.expectation->detail.find("no output named 'y'") != std::string::npos);
    auto bad = withExpect("out = ");
    REQUIRE(bad.expectation);
    CHECK(bad.expectation->status == synth::LiftStatus::Failed);
}

TEST_CASE("a summary that depends on the autotune config is flagged", "[lifter][configs]") {
    auto liftText = [](const std::string& body) {
        auto src = synth::openSourceText("k.py", "import triton\nimport triton.language as tl\n\n"
                                                 "@triton.autotune(configs=[triton.Config({'BLOCK': 64}), triton.Config({'BLOCK': 128})], key=['n'])\n"
                                                 "@triton.jit\n"
                                                 "def k(x_ptr, out_ptr, n, BLOCK: tl.constexpr):\n"
                                                 "    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)\n"
                                                 "    x = tl.load(x_ptr + offs, mask=offs < n)\n" +
                                                     body);
        REQUIRE(src);
        synth::LiftOptions o;
        o.verify = false;
        auto tr = synth::runTrace(*src, o);
        REQUIRE(tr);
        return synth::runLift(*tr, o);
    };
    // The block size ends up in the formula: a bug the config comparison catches.
    auto bad = liftText("    tl.store(out_ptr + offs, x * BLOCK, mask=offs < n)\n");
    REQUIRE(bad.outputs.size() == 1);
    std::string diags = bad.diagnostics.format(nullptr);
    CHECK(diags.find("depends on the autotune config") != std::string::npos);
    // The same kernel without it: one summary for both configs.
    auto good = liftText("    tl.store(out_ptr + offs, x * 2.0, mask=offs < n)\n");
    REQUIRE(good.outputs.size() == 1);
    bool same = false;
    for (const std::string& n : good.notes) same = same || n.find("the same summary under all 2 of 2 autotune configs") != std::string::npos;
    CHECK(same);
    CHECK(good.diagnostics.format(nullptr).find("depends on the autotune config") == std::string::npos);
}
