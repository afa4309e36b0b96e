// Closed forms of loop recurrences, checked against the concrete runner on the kernel itself.
#include "tlift/frontend/python/module.h"
#include "tlift/frontend/python/parser.h"
#include "tlift/ir/printer.h"
#include "tlift/symexec/python_exec.h"
#include "tlift/synth/closed_form.h"

#include <catch2/catch.hpp>

using namespace tlift;

namespace {

struct Traced {
    util::SourceManager sm;
    frontend::py::ParseResult parsed;
    frontend::py::ModuleInfo info;
    util::Diagnostics d;
    std::optional<symexec::Spec> spec;
    Traced(const std::string& src, const std::string& kernel, std::map<std::string, std::int64_t> cx) {
        util::FileId id = sm.addFile("k.py", "import triton\nimport triton.language as tl\n" + src);
        parsed = frontend::py::parseModule(sm, id);
        REQUIRE(parsed.ok());
        info = frontend::py::analyzeModule(*parsed.module, d);
        symexec::ExecOptions o;
        for (auto& [n, v] : cx) o.constexprs[n] = frontend::py::Value::integer(v);
        auto r = symexec::executeKernel(*parsed.module, info, sm, kernel, o);
        REQUIRE(r);
        REQUIRE_FALSE(r->diagnostics.hasErrors());
        spec = std::move(*r);
    }
};

const synth::ClosedForm* form(const synth::LoopSolution& s, const std::string& var) {
    for (const auto& f : s.forms)
        if (f.var == var) return &f;
    return nullptr;
}

} // namespace

TEST_CASE("an accumulation is a sum over the iterations", "[lifter][closed_form]") {
    Traced t(R"(
@triton.jit
def k(x_ptr, out_ptr, N, BLOCK: tl.constexpr):
    acc = tl.zeros([BLOCK], dtype=tl.float32)
    for off in range(0, N, BLOCK):
        acc += tl.load(x_ptr + off + tl.arange(0, BLOCK), mask=off + tl.arange(0, BLOCK) < N, other=0.0)
    tl.store(out_ptr, tl.sum(acc, axis=0))
)", "k", {{"BLOCK", 8}});
    auto sol = synth::solveLoops(*t.spec->ctx, *t.spec);
    CHECK(sol.unsolved.empty());
    const synth::ClosedForm* f = form(sol, "acc");
    REQUIRE(f);
    CHECK(f->pattern == "accumulation");
    CHECK(ir::toText(f->final) == "sum[t2 in 0..(N + 7) // 8](where(l0 + t2 * 8 < N, x_ptr[l0 + t2 * 8], 0.0))");
}

TEST_CASE("the online softmax pair: running max and rescaled sum", "[lifter][closed_form]") {
    Traced t(R"(
@triton.jit
def k(x_ptr, out_ptr, N, BLOCK: tl.constexpr):
    m = float("-inf")
    l = 0.0
    for s in range(0, N, BLOCK):
        x = tl.load(x_ptr + s + tl.arange(0, BLOCK), mask=s + tl.arange(0, BLOCK) < N, other=float("-inf"))
        m_new = tl.maximum(m, tl.max(x, axis=0))
        l = l * tl.exp(m - m_new) + tl.sum(tl.exp(x - m_new), axis=0)
        m = m_new
    tl.store(out_ptr, l)
)", "k", {{"BLOCK", 8}});
    auto sol = synth::solveLoops(*t.spec->ctx, *t.spec);
    CHECK(sol.unsolved.empty());
    REQUIRE(form(sol, "m"));
    CHECK(form(sol, "m")->pattern == "running max");
    REQUIRE(form(sol, "l"));
    CHECK(form(sol, "l")->pattern == "online normalizer");
    // The final l uses the final m.
    std::string fl = ir::toText(form(sol, "l")->final);
    CHECK(fl.find("max[") != std::string::npos);
}

TEST_CASE("pointers advanced by a constant are linear in the iteration", "[lifter][closed_form]") {
    Traced t(R"(
@triton.jit
def k(a_ptr, out_ptr, K, stride, BLOCK: tl.constexpr):
    ptrs = a_ptr + tl.arange(0, BLOCK)
    acc = tl.zeros([BLOCK], dtype=tl.float32)
    for kk in range(0, K, BLOCK):
        acc += tl.load(ptrs)
        ptrs += BLOCK * stride
    tl.store(out_ptr + tl.arange(0, BLOCK), acc)
)", "k", {{"BLOCK", 8}});
    auto sol = synth::solveLoops(*t.spec->ctx, *t.spec);
    const synth::ClosedForm* p = form(sol, "ptrs");
    REQUIRE(p);
    CHECK(p->pattern == "linear increment");
    REQUIRE(form(sol, "acc"));
    // acc's closed form reads through the pointer at iteration t.
    INFO(ir::toText(form(sol, "acc")->final));
    CHECK(ir::toText(form(sol, "acc")->final).find("a_ptr[stride * t") != std::string::npos);
}

TEST_CASE("an unrecognized recurrence is reported, not guessed", "[lifter][closed_form]") {
    Traced t(R"(
@triton.jit
def k(x_ptr, out_ptr, N, BLOCK: tl.constexpr):
    a = 1.0
    for s in range(0, N, BLOCK):
        a = a * a + 1.0
    tl.store(out_ptr, a)
)", "k", {{"BLOCK", 8}});
    auto sol = synth::solveLoops(*t.spec->ctx, *t.spec);
    CHECK(sol.forms.empty());
    REQUIRE(sol.unsolved.size() == 1);
    CHECK(sol.unsolved[0].find("a@L1: update") == 0);
}
