#include "frontend_test_util.h"
#include "tlift/frontend/python/ast_unparse.h"
#include "tlift/frontend/python/module.h"
#include "tlift/util/strings.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <memory>

using namespace tlift;
using namespace tlift::frontend::py;
using namespace tlift::frontend::py::test;

namespace {

// A parsed module with its model; keeps the AST alive for the model's pointers.
struct Analyzed {
    util::SourceManager sm;
    ParseResult parse;
    util::Diagnostics diags;
    ModuleInfo info;
    std::string warnings() const { return diags.format(&sm, false); }
};

std::unique_ptr<Analyzed> analyze(const std::string& text) {
    auto a = std::make_unique<Analyzed>();
    a->parse = parseText(a->sm, text);
    REQUIRE(a->parse.ok());
    a->info = analyzeModule(*a->parse.module, a->diags);
    return a;
}

// The qualified name of expression `expr` in a module that starts with `prelude`.
std::string qualified(const std::string& prelude, const std::string& expr) {
    auto a = analyze(prelude + "\n__probe__ = " + expr + "\n");
    const auto& assign = a->parse.module->body.back()->cast<Assign>();
    std::optional<std::string> q = a->info.qualifiedName(*assign.value);
    return q ? *q : "-";
}

} // namespace

TEST_CASE("module: import aliases resolve to canonical names", "[frontend][module]") {
    CHECK(qualified("import triton.language as tl", "tl.math.exp") == "triton.language.math.exp");
    CHECK(qualified("import triton.language as tl", "tl.exp") == "triton.language.exp");
    CHECK(qualified("import triton", "triton.language.core.constexpr") == "triton.language.constexpr");
    CHECK(qualified("import triton.language", "triton.language.sum") == "triton.language.sum");
    CHECK(qualified("from triton import language as tl", "tl.arange") == "triton.language.arange");
    CHECK(qualified("import triton.language as tl", "tl.extra.cuda.libdevice.exp") == "triton.language.extra.libdevice.exp");
    CHECK(qualified("from triton.language.extra.cuda import libdevice", "libdevice.rsqrt") ==
          "triton.language.extra.libdevice.rsqrt");
    CHECK(qualified("from triton.language.extra import libdevice", "libdevice.exp") == "triton.language.extra.libdevice.exp");
    CHECK(qualified("import triton.language.extra.cuda.libdevice as ld", "ld.tanh") == "triton.language.extra.libdevice.tanh");
    CHECK(qualified("from triton.language.math import exp2 as fast_exp2", "fast_exp2") == "triton.language.math.exp2");
    CHECK(qualified("from triton import jit, cdiv", "cdiv") == "triton.cdiv");
    CHECK(qualified("from triton.language import constexpr as tlconstexpr", "tlconstexpr") == "triton.language.constexpr");
    CHECK(qualified("from triton.runtime.autotuner import autotune", "autotune") == "triton.autotune");
    CHECK(qualified("import torch", "torch.float16") == "torch.float16");
    CHECK(qualified("import math", "math.pi") == "math.pi");
    CHECK(qualified("from .utils import helper", "helper") == ".utils.helper");
    CHECK(qualified("from . import utils", "utils.f") == ".utils.f");
    CHECK(qualified("import triton.language as tl\nlibdevice = tl.extra.cuda.libdevice", "libdevice.exp") ==
          "triton.language.extra.libdevice.exp");
    CHECK(qualified("import triton\njit = triton.jit", "jit") == "triton.jit");
    CHECK(qualified("import triton", "tl.exp") == "-");
    CHECK(qualified("import triton", "f(x).y") == "-");
    // The first binding wins: the try-branch of a conditional import.
    CHECK(qualified("try:\n    from triton.language.extra.cuda import libdevice\nexcept ImportError:\n"
                    "    from triton.language.math import libdevice\n",
                    "libdevice.exp") == "triton.language.extra.libdevice.exp");
    auto a = analyze("from triton.language import *\n");
    CHECK(a->info.imports.starImports() == std::vector<std::string>{"triton.language"});
}

TEST_CASE("module: constants", "[frontend][module]") {
    auto a = analyze("import triton\nimport triton.language as tl\n"
                     "LOG2E = 1.4426950408889634\n"
                     "BLOCK = 1024\n"
                     "HALF = BLOCK // 2\n"
                     "WARPS: tl.constexpr = 4\n"
                     "SCALE = tl.constexpr(0.5)\n"
                     "NAME = 'kernel'\n"
                     "SIZES = (16, 32)\n"
                     "A = B = 3\n"
                     "DEVICE = torch.device('cuda')\n"
                     "REDEFINED = 1\n"
                     "REDEFINED = 2\n"
                     "UNKNOWN_LATER = 1\n"
                     "UNKNOWN_LATER = compute()\n"
                     "def f():\n    LOCAL = 5\n");
    std::vector<std::string> names;
    for (const ModuleConstant& c : a->info.constants) names.push_back(c.name + "=" + c.value.repr());
    CHECK(util::join(names, " ") ==
          "LOG2E=1.4426950408889634 BLOCK=1024 HALF=512 WARPS=4 SCALE=0.5 NAME='kernel' SIZES=(16, 32) A=3 B=3 REDEFINED=2");
    REQUIRE(a->info.constant("SCALE"));
    CHECK(a->info.constant("SCALE")->constexprWrapped);
    CHECK(a->info.constant("WARPS")->constexprWrapped);
    CHECK_FALSE(a->info.constant("BLOCK")->constexprWrapped);
    CHECK(a->info.constant("HALF")->span == util::SourceSpan{1, 5, 1, 5, 18});
    CHECK(unparse(*a->info.constant("HALF")->expr) == "BLOCK // 2");
    CHECK(a->info.constant("DEVICE") == nullptr);
    CHECK(a->info.constant("LOCAL") == nullptr);
}

TEST_CASE("module: which functions are JIT kernels", "[frontend][module]") {
    auto a = analyze("import triton\nimport triton.language as tl\nfrom triton import jit\n"
                     "from triton.language import constexpr as C\n"
                     "@triton.jit\ndef k1(x, B: tl.constexpr): pass\n"
                     "@jit\ndef k2(x, B: C = 16, D: 'tl.constexpr' = 2, E: triton.language.core.constexpr = 1): pass\n"
                     "@triton.jit()\ndef k3(x): pass\n"
                     "@triton.jit(noinline=True, do_not_specialize=[0, 'y'], debug=False)\ndef k4(x, y): pass\n"
                     "@triton.autotune(configs=[], key=[])\n@triton.heuristics({'B': lambda a: 1})\n@triton.jit\n"
                     "def k5(x, B: tl.constexpr): pass\n"
                     "@functools.lru_cache\ndef plain(x): return x\n"
                     "def _impl(x, n): pass\n"
                     "k6 = triton.jit(_impl)\n"
                     "alias = k1\n"
                     "@triton.testing.perf_report([])\ndef bench(n): pass\n");
    std::vector<std::string> kinds;
    for (const FunctionInfo& f : a->info.functions) kinds.push_back(f.name + ":" + (f.isJit() ? "jit" : "def"));
    CHECK(util::join(kinds, " ") == "k1:jit k2:jit k3:jit k4:jit k5:jit plain:def _impl:jit bench:def");
    const FunctionInfo* k2 = a->info.function("k2");
    REQUIRE(k2);
    REQUIRE(k2->params.size() == 4);
    CHECK_FALSE(k2->params[0].isConstexpr);
    CHECK(k2->params[1].isConstexpr);
    CHECK(k2->params[1].defaultConst->asInt() == 16);
    CHECK(k2->params[2].isConstexpr);
    CHECK(k2->params[3].isConstexpr);
    const FunctionInfo* k4 = a->info.function("k4");
    CHECK(k4->jit.noinline);
    CHECK(k4->jit.doNotSpecialize == std::vector<std::string>{"x", "y"});
    CHECK(k4->jit.options.size() == 3);
    CHECK(k4->jit.options[2].name == "debug");
    CHECK(k4->jit.options[2].value->repr() == "False");
    const FunctionInfo* k5 = a->info.function("k5");
    REQUIRE(k5->autotune);
    CHECK(k5->autotune->configsEvaluated);
    CHECK(k5->heuristics.size() == 1);
    const FunctionInfo* impl = a->info.function("_impl");
    CHECK(impl->origin == JitOrigin::Assignment);
    CHECK(impl->jitNames == std::vector<std::string>{"k6"});
    CHECK(a->info.jitFunction("k6") == impl);
    CHECK(a->info.jitFunction("alias") == a->info.function("k1"));
    CHECK(a->info.jitFunction("_impl") == nullptr);
    CHECK(a->info.function("plain")->otherDecorators.size() == 1);
    CHECK(a->warnings().empty());
}

TEST_CASE("module: autotune configs, keys and options", "[frontend][module]") {
    auto a = analyze(
        "import triton\nimport triton.language as tl\n"
        "BASE = 64\n"
        "def helper(stages):\n"
        "    sizes = [BASE * 2 ** i for i in range(3)]\n"
        "    cfgs = [triton.Config({'BLOCK': s}, num_warps=4, num_stages=stages) for s in sizes]\n"
        "    return cfgs\n"
        "extra = [triton.Config(kwargs=dict(BLOCK=1024), num_warps=8, num_ctas=2, maxnreg=128, pre_hook=init)]\n"
        "@triton.autotune(configs=helper(2) + extra, key=['n', 'm'], prune_configs_by={'top_k': 2}, warmup=5)\n"
        "@triton.jit\ndef k(x, n, m, BLOCK: tl.constexpr): pass\n"
        "@triton.autotune(configs=runtime.get_tuned_config('k2'), key=KEYS)\n"
        "@triton.jit\ndef k2(x, BLOCK: tl.constexpr): pass\n"
        "@triton.autotune([triton.Config({'B': 32}, 4, 2)], ['n'])\n"
        "@triton.jit\ndef k3(x, n, B: tl.constexpr): pass\n");
    const AutotuneInfo& t = *a->info.function("k")->autotune;
    CHECK(t.configsEvaluated);
    REQUIRE(t.configs.size() == 4);
    CHECK(t.configs[0].kwarg("BLOCK")->value->asInt() == 64);
    CHECK(t.configs[2].kwarg("BLOCK")->value->asInt() == 256);
    CHECK(*t.configs[0].numStages == 2);
    CHECK(*t.configs[0].numWarps == 4);
    CHECK(unparse(*t.configs[0].kwarg("BLOCK")->expr) == "s");
    CHECK(t.configs[3].kwarg("BLOCK")->value->asInt() == 1024);
    CHECK(*t.configs[3].numCtas == 2);
    CHECK(*t.configs[3].maxnreg == 128);
    CHECK(unparse(*t.configs[3].preHook) == "init");
    CHECK(t.key == std::vector<std::string>{"n", "m"});
    REQUIRE(t.options.size() == 2);
    CHECK(t.options[0].name == "prune_configs_by");
    CHECK(t.options[1].value->asInt() == 5);
    const AutotuneInfo& t2 = *a->info.function("k2")->autotune;
    CHECK_FALSE(t2.configsEvaluated);
    CHECK(t2.configs.empty());
    CHECK(unparse(*t2.configsExpr) == "runtime.get_tuned_config('k2')");
    CHECK_FALSE(t2.keyEvaluated);
    const AutotuneInfo& t3 = *a->info.function("k3")->autotune;
    REQUIRE(t3.configs.size() == 1);
    CHECK(*t3.configs[0].numWarps == 4);
    CHECK(*t3.configs[0].numStages == 2);
    CHECK(t3.key == std::vector<std::string>{"n"});
    CHECK(a->warnings() ==
          "t.py:12:26: warning: the autotune configs of 'k2' come from 'runtime.get_tuned_config('k2')', which is not "
          "evaluated here; the kernel is analysed without them\n"
          "t.py:12:62: warning: the autotune key of 'k2' ('KEYS') is not evaluated here\n");
    for (const util::Diagnostic& d : a->diags.items()) CHECK(d.severity == util::Severity::Warning);
}

TEST_CASE("module: heuristics", "[frontend][module]") {
    auto a = analyze("import triton\n"
                     "H = {'EVEN_N': lambda args: args['n'] % args['BLOCK'] == 0}\n"
                     "@triton.heuristics(values={'BLOCK': lambda args: triton.next_power_of_2(args['n'])})\n"
                     "@triton.heuristics(H)\n"
                     "@triton.heuristics(runtime.get_heuristic_config('k'))\n"
                     "@triton.jit\ndef k(x, n, BLOCK, EVEN_N): pass\n");
    const FunctionInfo* k = a->info.function("k");
    REQUIRE(k->heuristics.size() == 3);
    CHECK(k->heuristics[0].evaluated);
    CHECK(k->heuristics[0].values[0].name == "BLOCK");
    CHECK(unparse(*k->heuristics[0].values[0].expr) == "lambda args: triton.next_power_of_2(args['n'])");
    CHECK(k->heuristics[1].values[0].name == "EVEN_N");
    CHECK(k->heuristics[1].values[0].expr->is<Lambda>());
    CHECK_FALSE(k->heuristics[2].evaluated);
    CHECK(a->warnings() == "t.py:5:20: warning: the heuristics of 'k' come from "
                           "'runtime.get_heuristic_config('k')', which is not a dict written in this module; the "
                           "kernel is analysed without them\n");
}

TEST_CASE("module: launch sites and their grids", "[frontend][module]") {
    auto a = analyze("import triton\n"
                     "@triton.jit\ndef k(x, n, BLOCK: tl.constexpr): pass\n"
                     "GRID = (4,)\n"
                     "def by_tuple(x, n):\n    k[(triton.cdiv(n, 128),)](x, n, BLOCK=128, num_warps=4)\n"
                     "def by_lambda(x, n):\n    k[lambda meta: (triton.cdiv(n, meta['BLOCK']),)](x, n, 256)\n"
                     "def by_name(x, n):\n    g = (1,)\n    if n > 10:\n        g = (n // 10,)\n"
                     "    k[g](x, n=n, BLOCK=64)\n    g = None\n"
                     "def by_def(x, n):\n    def grid(meta):\n        return (n,)\n    k[grid](x, n, 1)\n"
                     "def by_param(x, n, grid):\n    k[grid](x, n, *rest, **opts)\n"
                     "def by_global(x, n):\n    k[GRID](x, n, 8)\n"
                     "class Op:\n    @staticmethod\n    def forward(ctx, x):\n        k[(1,)](x, 1, 2)\n"
                     "def outer():\n    def inner():\n        k[(1, 1, 1)](0, 0, 0)\n"
                     "def not_a_launch(table):\n    table[0](1)\n    unknown[grid](1)\n"
                     "k[(2,)](0, 0, 0)\n");
    const auto& L = a->info.launches;
    REQUIRE(L.size() == 9);
    CHECK(L[0].enclosingName == "by_tuple");
    CHECK(L[0].gridKind == GridKind::Tuple);
    CHECK(unparse(*L[0].grid) == "(triton.cdiv(n, 128),)");
    CHECK(L[0].args.size() == 2);
    REQUIRE(L[0].keywords.size() == 2);
    CHECK(L[0].keywords[0].isKernelParam);
    CHECK_FALSE(L[0].keywords[1].isKernelParam);
    CHECK(L[0].keywords[1].name == "num_warps");
    CHECK(L[0].enclosing->params.params.size() == 2);
    CHECK(a->info.functions[L[0].functionIndex].name == "k");
    CHECK(L[1].gridKind == GridKind::Lambda);
    CHECK(L[2].gridKind == GridKind::Name);
    REQUIRE(L[2].gridBinding);
    CHECK(L[2].gridBinding->span.line == 12); // the assignment inside the `if`, the last before the launch
    CHECK(unparse(*L[2].gridValue) == "(n // 10,)");
    CHECK(L[3].gridBinding->is<FunctionDef>());
    CHECK(L[3].gridValue == nullptr);
    CHECK(L[4].gridIsParameter);
    CHECK(L[4].args.size() == 3);
    CHECK(L[4].keywords[0].name.empty());
    CHECK(unparse(*L[5].gridValue) == "(4,)");
    CHECK(L[6].enclosingName == "Op.forward");
    CHECK(L[7].enclosingName == "outer.inner");
    CHECK(L[8].enclosing == nullptr);
    CHECK(L[8].enclosingName.empty());
    CHECK(a->sm.slice(L[0].span) == "k[(triton.cdiv(n, 128),)](x, n, BLOCK=128, num_warps=4)");
}

TEST_CASE("module: models of realistic kernel files match their expectations", "[frontend][module][golden]") {
    // Set TLIFT_UPDATE_GOLDEN=1 to rewrite the expectations after a deliberate change.
    bool update = std::getenv("TLIFT_UPDATE_GOLDEN") != nullptr;
    for (const char* name : {"vector_add", "autotuned_matmul", "fused_norm", "jit_by_call"}) {
        INFO(name);
        std::string base = std::string(TLIFT_TEST_DATA) + "/frontend/" + name;
        util::SourceManager sm;
        util::FileId id = sm.loadFile(base + ".py");
        REQUIRE(id != util::kNoFile);
        ParseResult r = parseModule(sm, id);
        REQUIRE(r.ok());
        util::Diagnostics diags;
        ModuleInfo info = analyzeModule(*r.module, diags);
        std::string actual = describeModule(info) + diags.format(nullptr, false);
        std::string expected;
        if (update) util::writeFile(base + ".model", actual);
        REQUIRE(util::readFile(base + ".model", expected));
        CHECK(actual == expected);
    }
}

TEST_CASE("module: the AST dump of a kernel file matches its expectation", "[frontend][golden]") {
    bool update = std::getenv("TLIFT_UPDATE_GOLDEN") != nullptr;
    std::string base = std::string(TLIFT_TEST_DATA) + "/frontend/vector_add";
    util::SourceManager sm;
    util::FileId id = sm.loadFile(base + ".py");
    ParseResult r = parseModule(sm, id);
    REQUIRE(r.ok());
    std::string actual = dumpAst(*r.module);
    if (update) util::writeFile(base + ".ast", actual);
    std::string expected;
    REQUIRE(util::readFile(base + ".ast", expected));
    CHECK(actual == expected);
}
