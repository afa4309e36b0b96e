#include "tlift/frontend/python/module.h"
#include "tlift/frontend/python/parser.h"
#include "tlift/ir/printer.h"
#include "tlift/symexec/python_exec.h"
#include "tlift/symexec/spec_print.h"

#include <catch2/catch.hpp>

using namespace tlift;
using namespace tlift::symexec;

namespace {

struct Traced {
    util::SourceManager sm;
    frontend::py::ParseResult parsed;
    frontend::py::ModuleInfo info;
    util::Diagnostics d;
    std::optional<Spec> spec;
    std::string errors;

    Traced(const std::string& src, const std::string& kernel, std::map<std::string, std::int64_t> constexprs = {}) {
        util::FileId id = sm.addFile("k.py", "import triton\nimport triton.language as tl\n" + src);
        parsed = frontend::py::parseModule(sm, id);
        REQUIRE(parsed.ok());
        info = frontend::py::analyzeModule(*parsed.module, d);
        ExecOptions o;
        for (auto& [n, v] : constexprs) o.constexprs[n] = frontend::py::Value::integer(v);
        auto r = executeKernel(*parsed.module, info, sm, kernel, o);
        REQUIRE(r);
        spec = std::move(*r);
        errors = spec->diagnostics.format(&sm, false);
    }
    std::string store(std::size_t i = 0) {
        REQUIRE(spec->stores.size() > i);
        const StoreSpec& s = spec->stores[i];
        return ir::toText(s.mask) + " => " + spec->buffers[static_cast<std::size_t>(s.buffer)].name + "[" +
               ir::toText(s.offset) + "] = " + ir::toText(s.value);
    }
};

} // namespace

TEST_CASE("an elementwise kernel gives one masked store", "[symexec][python]") {
    Traced t(R"(
@triton.jit
def add_kernel(x_ptr, y_ptr, out_ptr, n, BLOCK: tl.constexpr):
    pid = tl.program_id(axis=0)
    offs = pid * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask)
    y = tl.load(y_ptr + offs, mask=mask)
    tl.store(out_ptr + offs, x + y, mask=mask)
)", "add_kernel", {{"BLOCK", 128}});
    CHECK(t.errors.empty());
    CHECK(t.spec->buffers.size() == 3);
    CHECK(t.store() == "l0 + pid0 * 128 < n => out_ptr[l0 + pid0 * 128] = where(l0 + pid0 * 128 < n, x_ptr[l0 + pid0 * 128], undef(1, f32)) + where(l0 + pid0 * 128 < n, y_ptr[l0 + pid0 * 128], undef(2, f32))");
    CHECK(t.spec->loads.size() == 2);
    CHECK(t.spec->trace.size() >= 5);
}

TEST_CASE("constexpr branches, helpers with tuple returns and early returns", "[symexec][python]") {
    Traced t(R"(
@triton.jit
def stats(x):
    return tl.sum(x, axis=0), tl.max(x, axis=0)

@triton.jit
def k(x_ptr, out_ptr, n, HAS_SCALE: tl.constexpr, BLOCK: tl.constexpr):
    pid = tl.program_id(0)
    if pid >= n:
        return
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + pid * BLOCK + offs)
    s, m = stats(x)
    if HAS_SCALE:
        s = s * 2.0
    else:
        s = s - 1.0
    tl.store(out_ptr + pid, s + m)
)", "k", {{"HAS_SCALE", 1}, {"BLOCK", 16}});
    CHECK(t.errors.empty());
    CHECK(t.store() == "pid0 < n => out_ptr[pid0] = sum[k in 0..16](x_ptr[k + pid0 * 16]) * 2.0 + max[k1 in 0..16](x_ptr[k1 + pid0 * 16])");
}

TEST_CASE("runtime branches merge with where", "[symexec][python]") {
    Traced t(R"(
@triton.jit
def k(x_ptr, out_ptr, threshold):
    x = tl.load(x_ptr)
    y = x
    if x > threshold:
        y = x * 2.0
    tl.store(out_ptr, y)
)", "k");
    CHECK(t.errors.empty());
    CHECK(t.store() == "true => out_ptr[0] = where(x_ptr[0] > threshold, x_ptr[0] * 2.0, x_ptr[0])");
}

TEST_CASE("loops with symbolic bounds become recurrences", "[symexec][python]") {
    Traced t(R"(
@triton.jit
def rowsum(x_ptr, out_ptr, stride, N, BLOCK: tl.constexpr):
    row = tl.program_id(0)
    acc = tl.zeros([BLOCK], dtype=tl.float32)
    for off in range(0, N, BLOCK):
        cols = off + tl.arange(0, BLOCK)
        acc += tl.load(x_ptr + row * stride + cols, mask=cols < N, other=0.0)
    tl.store(out_ptr + row, tl.sum(acc, axis=0))
)", "rowsum", {{"BLOCK", 64}});
    CHECK(t.errors.empty());
    REQUIRE(t.spec->loops.size() == 1);
    const LoopSpec& L = t.spec->loops[0];
    CHECK(ir::toText(L.hi) == "N");
    REQUIRE(L.carried.size() == 1);
    CHECK(ir::toText(L.carried[0].init) == "0.0");
    CHECK(ir::toText(L.carried[0].update) ==
          "acc@L1.prev(pid0, l0) + where(l0 + off < N, x_ptr[pid0 * stride + l0 + off], 0.0)");
    CHECK(t.store() == "true => out_ptr[pid0] = sum[k in 0..64](acc@L1(pid0, k))");
}

TEST_CASE("small constexpr loops unroll, static_range always", "[symexec][python]") {
    Traced t(R"(
@triton.jit
def k(x_ptr, out_ptr, TAPS: tl.constexpr):
    acc = 0.0
    for i in tl.static_range(TAPS):
        acc += tl.load(x_ptr + i) * (i + 1)
    tl.store(out_ptr, acc)
)", "k", {{"TAPS", 3}});
    CHECK(t.errors.empty());
    CHECK(t.spec->loops.empty());
    CHECK(t.store() == "true => out_ptr[0] = x_ptr[0] + x_ptr[1] * 2.0 + x_ptr[2] * 3.0");
}

TEST_CASE("unsupported constructs and misuse give positioned messages", "[symexec][python]") {
    Traced t(R"(
@triton.jit
def k(x_ptr, out_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    old = tl.atomic_cas(x_ptr, 0, 1)
    y = tl.frobnicate(offs)
    z = offs + tl.arange(0, 8)
    tl.store(out_ptr + offs, offs)
)", "k", {{"BLOCK", 16}});
    CHECK(t.errors.find("k.py:7:11: error: unsupported: tl.atomic_cas") != std::string::npos);
    CHECK(t.errors.find("k.py:8:9: error: unsupported: call of 'triton.language.frobnicate'") != std::string::npos);
    CHECK(t.errors.find("k.py:9:9: error: shapes [16] and [8] do not broadcast") != std::string::npos);
    CHECK(t.spec->stores.size() == 1); // the rest of the kernel is still traced
}

TEST_CASE("a constexpr without a value is reported at the parameter", "[symexec][python]") {
    Traced t(R"(
@triton.jit
def k(x_ptr, BLOCK: tl.constexpr):
    tl.store(x_ptr + tl.arange(0, BLOCK), 1.0)
)", "k");
    INFO(t.errors);
    CHECK(t.errors.find("k.py:5:14: error: no value for constexpr parameter 'BLOCK'") != std::string::npos);
}

TEST_CASE("parameters are classified from their use", "[symexec][python]") {
    util::SourceManager sm;
    util::FileId id = sm.addFile("k.py", R"(import triton
import triton.language as tl
@triton.jit
def k(X, idx_ptr, Out, stride, eps, n, BLOCK: tl.constexpr):
    base = X + tl.program_id(0) * stride
    i = tl.load(idx_ptr + tl.arange(0, BLOCK))
    v = tl.load(base + i)
    tl.store(Out + tl.arange(0, BLOCK), v + eps, mask=tl.arange(0, BLOCK) < n)
)");
    auto parsed = frontend::py::parseModule(sm, id);
    util::Diagnostics d;
    auto info = frontend::py::analyzeModule(*parsed.module, d);
    auto g = guessParams(*parsed.module, info, *info.jitFunction("k"));
    REQUIRE(g.size() == 7);
    CHECK(g[0].kind == ParamGuess::Pointer);
    CHECK(g[1].kind == ParamGuess::Pointer);
    CHECK(g[1].dtype == ir::DType::I64);
    CHECK(g[2].kind == ParamGuess::Pointer);
    CHECK(g[3].kind == ParamGuess::Scalar);
    CHECK(g[4].dtype == ir::DType::F32);
    CHECK(g[5].dtype == ir::DType::I32);
    CHECK(g[6].kind == ParamGuess::Constexpr);
}

TEST_CASE("x.type.scalar is the element type; a method chain on a type is a diagnostic, not a crash", "[symexec][python]") {
    // FlagGems writes `x.type.scalar.is_int()` (div.py, cummax.py): it used to crash the tracer.
    Traced t(R"(
@triton.jit
def k(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs, mask=offs < n)
    if x.type.scalar.is_int():
        x = x * 2
    tl.store(out_ptr + offs, x, mask=offs < n)
)", "k", {{"BLOCK", 16}});
    CHECK(t.errors.empty());
    CHECK(t.spec->stores.size() == 1);
    Traced u(R"(
@triton.jit
def k(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs, mask=offs < n)
    y = x.type.frobnicate()
    tl.store(out_ptr + offs, x, mask=offs < n)
)", "k", {{"BLOCK", 16}});
    CHECK(u.errors.find("k.py:8:") != std::string::npos);
}
