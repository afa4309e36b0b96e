// Mutants of small loop kernels with the bugs people make (mask off by one, a wrong stride, a
// dropped term, a missing `other` in a max, the wrong reduction axis), lifted by the whole
// pipeline (trace, closed forms, test, induction, summary check, memory safety, undefined
// values) with `--expect` stating the intent: no mutant's intent may come out proved, and no
// mutant whose bug is in the kernel itself (out of bounds, undefined values) may have its
// formula proved; the originals must be proved, intent included.

#include "tlift/synth/lifter.h"
#include "tlift/synth/source.h"
#include "tlift/verify/verdict.h"

#include <catch2/catch.hpp>

using namespace tlift;
using namespace tlift::synth;

namespace {

LiftResult lift(const std::string& body, const std::string& expect = {}) {
    auto src = openSourceText("k.py", "import torch\nimport triton\nimport triton.language as tl\n" + body);
    REQUIRE(src);
    LiftOptions o;
    o.queryTimeout = std::chrono::milliseconds(2000);
    o.expect = expect;
    auto tr = runTrace(*src, o);
    if (!tr) FAIL("trace failed: " << tr.error().message);
    return runLift(*tr, o);
}

std::string explain(const LiftResult& r) {
    std::string s;
    for (const OutputSummary& o : r.outputs) {
        s += o.lhs + " = " + o.summaryText + "\n  " + std::string(statusName(o.status)) + " (" + o.mode + ") " + o.statusDetail + "\n";
        for (const auto& [label, v] : o.checks) s += "    [" + std::string(verify::statusName(v.status)) + "] " + label + "\n";
    }
    for (const auto& [label, v] : r.checks) s += "  [" + std::string(verify::statusName(v.status)) + "] " + label + "\n";
    if (r.expectation) s += "expected " + r.expectation->text + ": " + std::string(statusName(r.expectation->status)) + " " + r.expectation->detail + "\n";
    return s;
}

bool claimsProof(const LiftResult& r) {
    for (const OutputSummary& o : r.outputs)
        if (o.status == LiftStatus::Proved || o.status == LiftStatus::ProvedUpTo) return true;
    return false;
}

// What the kernel was meant to compute, checked: a bug that the formula faithfully describes
// (the wrong axis) is caught here.
bool expectationHolds(const LiftResult& r) {
    return r.expectation && (r.expectation->status == LiftStatus::Proved || r.expectation->status == LiftStatus::ProvedUpTo);
}

bool allProved(const LiftResult& r) {
    if (r.outputs.empty()) return false;
    for (const OutputSummary& o : r.outputs)
        if (o.status != LiftStatus::Proved) return false;
    return true;
}

bool checkFails(const LiftResult& r, const std::string& prefix) {
    auto bad = [&](const std::pair<std::string, verify::Verdict>& c) {
        return c.first.rfind(prefix, 0) == 0 && c.second.status == verify::Status::Refuted;
    };
    for (const auto& c : r.checks)
        if (bad(c)) return true;
    for (const OutputSummary& o : r.outputs)
        for (const auto& c : o.checks)
            if (bad(c)) return true;
    return false;
}

// A row sum over column blocks; `load` is the loaded block, `update` the accumulation.
std::string rowSum(const std::string& rowPtr, const std::string& mask, const std::string& update) {
    return R"(
@triton.jit
def k(x_ptr, out_ptr, stride_row, N, BLOCK_N: tl.constexpr):
    row = tl.program_id(0)
    row_ptr = )" + rowPtr + R"(
    acc = tl.zeros([BLOCK_N], dtype=tl.float32)
    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        x = tl.load(row_ptr + cols, mask=)" + mask + R"(, other=0.0)
        )" + update + R"(
    tl.store(out_ptr + row, tl.sum(acc, axis=0))


def run(x: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2 and x.stride(1) == 1
    M, N = x.shape
    out = torch.empty(M, device=x.device, dtype=torch.float32)
    k[(M,)](x, out, x.stride(0), N, BLOCK_N=64)
    return out
)";
}

// A row max over column blocks.
std::string rowMax(const std::string& other) {
    return R"(
@triton.jit
def k(x_ptr, out_ptr, stride_row, N, BLOCK_N: tl.constexpr):
    row = tl.program_id(0)
    m = tl.full([BLOCK_N], float("-inf"), tl.float32)
    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        x = tl.load(x_ptr + row * stride_row + cols, mask=cols < N)" + other + R"()
        m = tl.maximum(m, x)
    tl.store(out_ptr + row, tl.max(m, axis=0))


def run(x: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2 and x.stride(1) == 1
    M, N = x.shape
    out = torch.empty(M, device=x.device, dtype=torch.float32)
    k[(M,)](x, out, x.stride(0), N, BLOCK_N=64)
    return out
)";
}

// Column sums: a loop over row blocks, reduced over axis 0 of the block.
std::string colSum(const std::string& axis) {
    return R"(
@triton.jit
def k(x_ptr, out_ptr, M, N, stride_row, BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr):
    pid = tl.program_id(0)
    cols = pid * BLOCK_N + tl.arange(0, BLOCK_N)
    acc = tl.zeros([BLOCK_N], dtype=tl.float32)
    for start in range(0, M, BLOCK_M):
        rows = start + tl.arange(0, BLOCK_M)
        mask = (rows[:, None] < M) & (cols[None, :] < N)
        x = tl.load(x_ptr + rows[:, None] * stride_row + cols[None, :], mask=mask, other=0.0)
        acc += tl.sum(x, axis=)" + axis + R"()
    tl.store(out_ptr + cols, acc, mask=cols < N)


def run(x: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2 and x.stride(1) == 1
    M, N = x.shape
    out = torch.empty(N, device=x.device, dtype=torch.float32)
    k[(triton.cdiv(N, 16),)](x, out, M, N, x.stride(0), BLOCK_M=16, BLOCK_N=16)
    return out
)";
}

const char* kRowPtr = "x_ptr + row * stride_row";
const char* kMask = "cols < N";
const char* kAcc = "acc += x";

} // namespace

TEST_CASE("the original loop kernels are proved by induction", "[lift_mutants]") {
    LiftResult sum = lift(rowSum(kRowPtr, kMask, kAcc), "out = sum(x, 1)");
    INFO(explain(sum));
    CHECK(allProved(sum));
    CHECK(sum.outputs.front().mode.find("induction over loop") != std::string::npos);
    REQUIRE(sum.expectation);
    CHECK(sum.expectation->status == LiftStatus::Proved);
    LiftResult mx = lift(rowMax(", other=float(\"-inf\")"), "out[i] = max[k in 0..N](x[i, k])");
    INFO(explain(mx));
    CHECK(allProved(mx));
    REQUIRE(mx.expectation);
    CHECK(mx.expectation->status == LiftStatus::Proved);
    LiftResult cs = lift(colSum("0"), "out = sum(x, 0)");
    INFO(explain(cs));
    CHECK(allProved(cs));
    // The tiled column sum equals sum(x, 0) for all sizes; the check of that equation may stop
    // at the bound (the tiles are not collapsed symbolically).
    CHECK(expectationHolds(cs));
}

TEST_CASE("mutant: mask off by one", "[lift_mutants]") {
    LiftResult r = lift(rowSum(kRowPtr, "cols < N + 1", kAcc), "out = sum(x, 1)");
    INFO(explain(r));
    CHECK_FALSE(claimsProof(r));
    CHECK_FALSE(expectationHolds(r));
    CHECK(checkFails(r, "memory safety: load"));
}

TEST_CASE("mutant: the row stride dropped", "[lift_mutants]") {
    LiftResult r = lift(rowSum("x_ptr + row", kMask, kAcc), "out = sum(x, 1)");
    INFO(explain(r));
    CHECK_FALSE(claimsProof(r));
    CHECK_FALSE(expectationHolds(r));
}

TEST_CASE("mutant: the accumulation drops the running term", "[lift_mutants]") {
    LiftResult r = lift(rowSum(kRowPtr, kMask, "acc = x + 0.0"), "out = sum(x, 1)");
    INFO(explain(r));
    CHECK_FALSE(claimsProof(r));
    CHECK_FALSE(expectationHolds(r));
}

TEST_CASE("mutant: a masked max load without `other`", "[lift_mutants]") {
    LiftResult r = lift(rowMax(""), "out[i] = max[k in 0..N](x[i, k])");
    INFO(explain(r));
    CHECK_FALSE(claimsProof(r));
    CHECK_FALSE(expectationHolds(r));
}

TEST_CASE("mutant: the wrong reduction axis", "[lift_mutants]") {
    // The formula says what the kernel computes (and may be proved); the intent is refuted.
    LiftResult r = lift(colSum("1"), "out = sum(x, 0)");
    INFO(explain(r));
    CHECK_FALSE(expectationHolds(r));
}
