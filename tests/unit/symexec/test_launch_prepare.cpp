// prepareLaunch: the launch context put together from the user, a sidecar file, the wrapper that
// launches the kernel (launch facts), heuristics, autotune configs and defaults.
#include "tlift/frontend/python/module.h"
#include "tlift/frontend/python/parser.h"
#include "tlift/ir/printer.h"
#include "tlift/symexec/launch_prepare.h"

#include <catch2/catch.hpp>

using namespace tlift;
namespace py = frontend::py;

namespace {

struct Prepared {
    util::SourceManager sm;
    std::unique_ptr<py::Module> module;
    py::ModuleInfo info;
    ir::Context ctx;
    util::Result<symexec::PreparedLaunch> r = util::Result<symexec::PreparedLaunch>::failure("x", "not run");

    Prepared(const std::string& text, const std::string& kernel, std::map<std::string, py::Value> given = {}) {
        util::FileId f = sm.addFile("k.py", text);
        auto parsed = py::parseModule(sm, f);
        module = std::move(parsed.module);
        util::Diagnostics d;
        info = py::analyzeModule(*module, d);
        symexec::LaunchRequest req;
        req.kernel = kernel;
        req.constexprs = std::move(given);
        r = symexec::prepareLaunch(ctx, *module, info, req);
    }
    const symexec::LaunchContext& lc() const { return r->launch; }
    std::string tensor(const std::string& param) const {
        const symexec::TensorBinding* t = lc().tensorForParam(param);
        if (!t) return "-";
        std::string s = t->name + std::string(":") + std::string(ir::dtypeName(t->dtype)) + "[";
        for (std::size_t d = 0; d < t->shape.size(); ++d) s += (d ? ", " : "") + ir::toText(t->shape[d]);
        s += "] strides [";
        for (std::size_t d = 0; d < t->strides.size(); ++d) s += (d ? ", " : "") + ir::toText(t->strides[d]);
        return s + "]";
    }
    bool noted(const std::string& part) const {
        for (const symexec::LaunchNote& n : lc().notes)
            if (n.fact.find(part) != std::string::npos || n.source.find(part) != std::string::npos) return true;
        return false;
    }
};

const char* kSoftmax = R"(import torch
import triton
import triton.language as tl

@triton.jit
def softmax_kernel(out_ptr, in_ptr, in_row_stride, out_row_stride, n_cols, BLOCK_SIZE: tl.constexpr):
    row = tl.program_id(0)
    cols = tl.arange(0, BLOCK_SIZE)
    x = tl.load(in_ptr + row * in_row_stride + cols, mask=cols < n_cols, other=-float("inf"))
    tl.store(out_ptr + row * out_row_stride + cols, x, mask=cols < n_cols)

def softmax(x):
    n_rows, n_cols = x.shape
    out = torch.empty_like(x)
    BLOCK_SIZE = triton.next_power_of_2(n_cols)
    softmax_kernel[(n_rows,)](out, x, x.stride(0), out.stride(0), n_cols, BLOCK_SIZE=BLOCK_SIZE)
    return out
)";

} // namespace

TEST_CASE("a constexpr the wrapper computes from sizes gets its value and the range it holds for", "[symexec][launch]") {
    Prepared p(kSoftmax, "softmax_kernel");
    REQUIRE(p.r);
    REQUIRE(p.lc().constexprs.count("BLOCK_SIZE"));
    CHECK(p.lc().constexprs.at("BLOCK_SIZE").asInt() == 1024);
    // next_power_of_2(n_cols) is 1024 exactly for 513 <= n_cols <= 1024: the upper end is assumed.
    bool bound = false;
    for (const ir::Expr& a : p.lc().assumptions) bound = bound || ir::toText(a) == "n_cols <= 1024";
    CHECK(bound);
    CHECK(p.noted("513 <= n_cols <= 1024"));
}

TEST_CASE("tensors, strides and the grid come from the wrapper", "[symexec][launch]") {
    Prepared p(kSoftmax, "softmax_kernel");
    REQUIRE(p.r);
    // The kernel is not given x.stride(1): its addressing assumes unit stride, said as such.
    CHECK(p.tensor("in_ptr") == "x:f32[n_rows, n_cols] strides [x_stride0, 1]");
    CHECK(p.tensor("out_ptr") == "out:f32[n_rows, n_cols] strides [out_stride0, 1]");
    CHECK(p.noted("assumed: x.stride(1) = 1"));
    REQUIRE(p.lc().scalarValues.count("in_row_stride"));
    CHECK(ir::toText(p.lc().scalarValues.at("in_row_stride")) == "x_stride0");
    REQUIRE(p.lc().grid.size() == 1);
    CHECK(ir::toText(p.lc().grid[0]) == "n_rows");
}

TEST_CASE("the user's constexpr wins over the wrapper's", "[symexec][launch]") {
    Prepared p(kSoftmax, "softmax_kernel", {{"BLOCK_SIZE", py::Value::integer(64)}});
    REQUIRE(p.r);
    CHECK(p.lc().constexprs.at("BLOCK_SIZE").asInt() == 64);
    for (const ir::Expr& a : p.lc().assumptions) CHECK(ir::toText(a) != "n_cols <= 1024");
}

TEST_CASE("a flag testing an optional tensor is taken with the tensor given", "[symexec][launch]") {
    Prepared p(R"(import torch
import triton
import triton.language as tl

@triton.jit
def k(x_ptr, b_ptr, y_ptr, n, HAS_BIAS: tl.constexpr, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    v = tl.load(x_ptr + offs, mask=offs < n)
    if HAS_BIAS:
        v += tl.load(b_ptr + offs, mask=offs < n)
    tl.store(y_ptr + offs, v, mask=offs < n)

def run(x, bias=None):
    y = torch.empty_like(x)
    n = x.numel()
    k[(triton.cdiv(n, 128),)](x, bias, y, n, HAS_BIAS=bias is not None, BLOCK=128)
    return y
)",
               "k");
    REQUIRE(p.r);
    REQUIRE(p.lc().constexprs.count("HAS_BIAS"));
    CHECK(p.lc().constexprs.at("HAS_BIAS").asBool());
    CHECK(p.noted("taken with bias given"));
    CHECK(p.lc().constexprs.at("BLOCK").asInt() == 128);
}

TEST_CASE("a launch without a wrapper keeps the kernel's own inference", "[symexec][launch]") {
    Prepared p(R"(import triton
import triton.language as tl

@triton.jit
def k(x_ptr, y_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    tl.store(y_ptr + offs, tl.load(x_ptr + offs, mask=offs < n), mask=offs < n)
)",
               "k", {{"BLOCK", py::Value::integer(32)}});
    REQUIRE(p.r);
    CHECK(p.lc().tensors.empty());
    CHECK(p.lc().assumptions.empty());
}
