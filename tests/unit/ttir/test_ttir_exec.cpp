// The TTIR driver of the symbolic executor on hand-written fixtures (tests/data/ttir_unit/exec):
// the spec text of small kernels (loads, loops as recurrences, branches, reductions), trace steps
// that point into the Python source, the messages of unsupported ops, and the exact semantics of
// the arith/math/tt ops, checked by running the specs on concrete inputs against C++.
#include "ttir_exec_support.h"

#include "tlift/frontend/ttir/ttir_reader.h"
#include "tlift/symexec/spec_print.h"
#include "tlift/symexec/ttir_exec.h"

#include "tlift/util/strings.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <optional>

using namespace tlift;

namespace {

const std::string kDir = std::string(TLIFT_TEST_DATA) + "/ttir_unit/exec";

struct Traced {
    util::SourceManager sm;
    std::optional<util::Result<symexec::Spec>> result;
    const symexec::Spec& spec() const { return result->value(); }
    std::string text() const { return symexec::formatSpec(spec(), sm); }
};

std::unique_ptr<Traced> trace(const std::string& name, const std::string& root = kDir) {
    auto t = std::make_unique<Traced>();
    symexec::TtirExecOptions o;
    o.sourceRoot = root;
    t->result = symexec::executeTtirFile(kDir + "/" + name, t->sm, o);
    return t;
}

symexec::RunResult run(const symexec::Spec& spec, const symexec::RunInput& in) {
    auto r = symexec::runSpec(spec, in);
    if (!r) FAIL(r.error().message);
    CHECK(r->outOfBounds == 0);
    CHECK(r->undefinedStores == 0);
    return std::move(*r);
}

bool near(double want, double got, double rel = 1e-6) {
    if (std::isnan(want) || std::isnan(got)) return std::isnan(want) && std::isnan(got);
    if (std::isinf(want)) return want == got;
    return std::fabs(want - got) <= rel * std::max(1.0, std::fabs(want));
}

// Runs the Python driver's spec of `py` (with the given launch) and the TTIR spec on one input.
void checkParity(const std::string& ttir, const std::string& py, const std::string& kernel,
                 const symexec::ExecOptions& pyOptions, const symexec::RunInput& in) {
    auto t = trace(ttir);
    REQUIRE(t->result->ok());
    REQUIRE_FALSE(t->spec().diagnostics.hasErrors());
    auto k = testing::loadKernelFile(kDir + "/kernels/" + py);
    REQUIRE(k);
    REQUIRE(k->parsed.ok());
    auto p = symexec::executeKernel(*k->parsed.module, k->info, k->sm, kernel, pyOptions);
    REQUIRE(p);
    INFO(p->diagnostics.format(&k->sm, false));
    REQUIRE_FALSE(p->diagnostics.hasErrors());
    symexec::RunResult a = run(*p, in);
    symexec::RunResult b = run(t->spec(), in);
    testing::Mismatch m = testing::compareBuffers(a.buffers, b.buffers);
    INFO(m.first);
    CHECK(m.count == 0);
}

std::vector<double> fill(std::size_t n, double value) { return std::vector<double>(n, value); }

} // namespace

TEST_CASE("a straight-line kernel: spec, buffers and scalars from the signature", "[ttir][exec]") {
    auto t = trace("exec_basic.ttir");
    REQUIRE(t->result->ok());
    CHECK(t->text() ==
          "spec of basic_kernel:\n"
          "  buffers: x_ptr: f32* y_ptr: f16* out_ptr: f32*\n"
          "  scalars: n: i32 scale: f32\n"
          "  constexprs:\n"
          "  store #0 at exec_basic.py:14:\n"
          "    for all pid0 in [0, grid0), l0 in [0, 64):\n"
          "      l0 + pid0 * 64 < n  =>  out_ptr[l0 + pid0 * 64] = exp(max(where(l0 + pid0 * 64 < n, x_ptr[l0 + pid0 * "
          "64], 0.0) * scale, cast(where(l0 + pid0 * 64 < n, y_ptr[l0 + pid0 * 64], 1.0:f16), f32)) / 2.0)\n");
    CHECK(t->spec().kernel == "basic_kernel");
    CHECK(t->spec().pidAxes == 1);
    REQUIRE(t->spec().loads.size() == 2);
    CHECK(t->spec().loads[1].hasOther);
}

TEST_CASE("trace steps name the Python variables and point into the Python source", "[ttir][exec]") {
    auto t = trace("exec_basic.ttir");
    REQUIRE(t->result->ok());
    const auto& steps = t->spec().trace;
    std::vector<std::string> targets;
    std::vector<std::uint32_t> lines;
    for (const symexec::TraceStep& s : steps) {
        targets.push_back(s.target);
        lines.push_back(s.span.line);
        CHECK(util::endsWith(t->sm.path(s.span.file), "kernels/exec_basic.py"));
    }
    CHECK(targets == std::vector<std::string>{"pid", "offs", "mask", "x", "y", "y", "z", "out_ptr"});
    CHECK(lines == std::vector<std::uint32_t>{8, 9, 10, 11, 12, 12, 13, 14});
    CHECK(steps[3].kind == symexec::StepKind::Load);
    CHECK(steps[7].kind == symexec::StepKind::Store);
    // The description is the TTIR op, with its line.
    CHECK(steps[3].description == "%x_7 = tt.load %x_6, %mask_5, %cst_1 : tensor<64x!tt.ptr<f32>>  [exec_basic.ttir:17]");
    CHECK(t->sm.describe(steps[1].span) == std::string(t->sm.path(steps[1].span.file)) + ":9:25");
    CHECK(t->spec().kernelSpan.line == 7);
}

TEST_CASE("without the Python source, spans point into the .ttir text", "[ttir][exec]") {
    std::string empty = (std::filesystem::temp_directory_path() / "tlift_no_sources_here").string();
    auto t = trace("exec_basic.ttir", empty);
    REQUIRE(t->result->ok());
    for (const symexec::TraceStep& s : t->spec().trace) CHECK(util::endsWith(t->sm.path(s.span.file), "exec_basic.ttir"));
    REQUIRE(t->spec().stores.size() == 1);
    CHECK(t->spec().stores[0].span.line == 29);
    CHECK(t->text().find("store #0 at exec_basic.ttir:29:") != std::string::npos);
}

TEST_CASE("loops: a recurrence with a value and a pointer, a small constant loop unrolled, a while loop", "[ttir][exec]") {
    auto t = trace("exec_loops.ttir");
    REQUIRE(t->result->ok());
    CHECK(t->text() ==
          "spec of loops_kernel:\n"
          "  buffers: x_ptr: f32* out_ptr: f32*\n"
          "  scalars: n: i32\n"
          "  constexprs:\n"
          "  loop L1 at exec_loops.py:12: off in range(0, n, 32)\n"
          "    acc [32]:\n"
          "      init   = 0.0\n"
          "      update = acc@L1.prev(pid0, l0) + where(l0 + off < n, x_ptr[ptrs@L1.prev(pid0, l0)], 0.0)\n"
          "    ptrs [32] (pointer offset):\n"
          "      init   = n * pid0 + l0\n"
          "      update = ptrs@L1.prev(pid0, l0) + 32\n"
          "  loop L2 at exec_loops.py:19: while i@L2.prev(pid0) > 0\n"
          "    i []:\n"
          "      init   = n\n"
          "      update = i@L2.prev(pid0) - 32\n"
          "  store #0 at exec_loops.py:21:\n"
          "    for all pid0 in [0, grid0):\n"
          "      true  =>  out_ptr[pid0] = sum[k in 0..32](acc@L1(pid0, k)) * 2.0 * 2.0 * 2.0 + cast(i@L2(pid0), f32)\n");
    const symexec::Spec& s = t->spec();
    REQUIRE(s.loops.size() == 2);
    CHECK(s.loops[1].isWhile);
    CHECK(s.loads.at(0).loops == std::vector<int>{1});
    // out[row] = 8 * (row's sum) + the while loop's final i (n rounded up to 32, minus itself).
    for (std::int64_t n : {1, 32, 45, 70}) {
        INFO("n = " << n);
        symexec::RunInput in;
        in.grid = {3, 1, 1};
        in.scalars["n"] = static_cast<double>(n);
        std::vector<double> x(static_cast<std::size_t>(3 * n));
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = 0.25 * static_cast<double>(i % 7) - 0.5;
        in.buffers["x_ptr"] = x;
        in.buffers["out_ptr"] = fill(3, 0);
        symexec::RunResult r = run(s, in);
        std::int64_t finalI = n - 32 * ((n + 31) / 32);
        for (std::int64_t row = 0; row < 3; ++row) {
            double sum = 0;
            for (std::int64_t k = 0; k < n; ++k) sum += x[static_cast<std::size_t>(row * n + k)];
            CHECK(near(8 * sum + static_cast<double>(finalI), r.buffers["out_ptr"][static_cast<std::size_t>(row)], 1e-5));
        }
    }
}

TEST_CASE("branches: an early return, an if with results merged, an if around a store", "[ttir][exec]") {
    auto t = trace("exec_branches.ttir");
    REQUIRE(t->result->ok());
    CHECK(t->text() ==
          "spec of branches_kernel:\n"
          "  buffers: x_ptr: f32* out_ptr: f32*\n"
          "  scalars: n: i32 flag: i32\n"
          "  constexprs:\n"
          "  store #0 at exec_branches.py:18:\n"
          "    for all pid0 in [0, grid0), l0 in [0, 16):\n"
          "      pid0 < n && flag > 1  =>  out_ptr[l0 + pid0 * 16] = where(flag > 0, x_ptr[l0 + pid0 * 16] * 2.0, "
          "-x_ptr[l0 + pid0 * 16]) + 1.0\n"
          "  store #1 at exec_branches.py:19:\n"
          "    for all pid0 in [0, grid0), l0 in [0, 16):\n"
          "      pid0 < n  =>  out_ptr[l0 + n * 16 + pid0 * 16] = where(flag > 0, x_ptr[l0 + pid0 * 16] * 2.0, "
          "-x_ptr[l0 + pid0 * 16])\n");
    bool merged = false;
    for (const symexec::TraceStep& s : t->spec().trace)
        merged = merged || (s.target == "y" && s.description.rfind("merge of the branches", 0) == 0 && s.span.line == 13);
    CHECK(merged);
}

TEST_CASE("reductions: sum, max, argmax/argmin pairs recognized, other combines kept as folds", "[ttir][exec]") {
    auto t = trace("exec_reduce.ttir");
    REQUIRE(t->result->ok());
    const symexec::Spec& s = t->spec();
    REQUIRE_FALSE(s.diagnostics.hasErrors());
    std::string text = t->text();
    CHECK(text.find("out_ptr[0] = sum[k in 0..16](x_ptr[k])") != std::string::npos);
    CHECK(text.find("out_ptr[2] = cast(argmax[") != std::string::npos);
    CHECK(text.find("out_ptr[3] = cast(argmin[") != std::string::npos);
    CHECK(text.find("out_ptr[l0 + 16] = sum[k6 in l0..16](x_ptr[k6])") != std::string::npos);
    CHECK(text.find("out_ptr[l0 + 32] = min[k7 in 0..l0 + 1](x_ptr[k7])") != std::string::npos);
    // Ties going to the later element is not argmax; a triple is a fold.
    REQUIRE(s.folds.size() == 2);
    CHECK(s.folds[0].combine.size() == 2);
    CHECK(s.folds[1].combine.size() == 3);
    const std::vector<double> x = {1, 3, -2, 3, 0.5, -2, 3, 1, 2, -1, 0, 3, -2, 2, 1, 0};
    symexec::RunInput in;
    in.buffers["x_ptr"] = x;
    in.buffers["out_ptr"] = fill(48, std::nan(""));
    symexec::RunResult r = run(s, in);
    const auto& out = r.buffers["out_ptr"];
    double sum = 0;
    for (double v : x) sum += v;
    CHECK(near(sum, out[0]));
    CHECK(out[1] == 3);
    CHECK(out[2] == 1);  // the first 3
    CHECK(out[3] == 2);  // the first -2
    CHECK(out[4] == 11); // the last 3: a left fold that keeps the later one on ties
    CHECK(out[7] == 3);
    CHECK(out[8] == -2);
    double m = x[0], q = x[0], cnt = 1;
    for (std::size_t i = 1; i < x.size(); ++i) {
        double d = x[i] - m, nn = cnt + 1, f = 1 / nn;
        m = m + d * f;
        q = q + x[i] + d * d * cnt * f;
        cnt = nn;
    }
    CHECK(near(m, out[5], 1e-6));
    CHECK(near(q, out[6], 1e-6));
    CHECK(out[9] == 16);
    for (std::size_t l = 0; l < 16; ++l) {
        double tail = 0, low = x[0];
        for (std::size_t k = l; k < 16; ++k) tail += x[k];
        for (std::size_t k = 0; k <= l; ++k) low = std::min(low, x[k]);
        CHECK(near(tail, out[16 + l]));
        CHECK(out[32 + l] == low);
    }
}

TEST_CASE("integer ops read signless values as signed or unsigned exactly like arith", "[ttir][exec]") {
    auto t = trace("exec_int.ttir");
    REQUIRE(t->result->ok());
    INFO(t->spec().diagnostics.format(&t->sm, false));
    REQUIRE_FALSE(t->spec().diagnostics.hasErrors());
    const std::vector<std::int32_t> a = {7, -7, 100000, -100000, 5, -1, 0, 2147, -65536, 99999, -3, 12, 1, -2, 31, 64};
    const std::vector<std::int32_t> b = {2, 2, -3, 7, -5, 1000, -1, 13, 9, -999, -3, 5, 1, -7, 1, -64};
    symexec::RunInput in;
    for (std::size_t i = 0; i < 16; ++i) {
        in.buffers["a_ptr"].push_back(a[i]);
        in.buffers["b_ptr"].push_back(b[i]);
    }
    in.buffers["out_ptr"] = fill(24 * 16, 0);
    symexec::RunResult r = run(t->spec(), in);
    auto u = [](std::int32_t v) { return static_cast<std::uint32_t>(v); };
    auto s = [](std::uint32_t v) { return static_cast<std::int32_t>(v); };
    for (std::size_t l = 0; l < 16; ++l) {
        std::int32_t x = a[l], y = b[l];
        std::int32_t fl = x / y - ((x % y != 0 && ((x < 0) != (y < 0))) ? 1 : 0);
        std::int32_t ce = x / y + ((x % y != 0 && ((x < 0) == (y < 0))) ? 1 : 0);
        std::int64_t wide = (static_cast<std::int64_t>(x) + static_cast<std::int64_t>(u(y))) / 7;
        const std::vector<std::int64_t> want = {
            x / y, x % y, s(u(x) / u(y)), s(u(x) % u(y)), fl, ce, s(std::max(u(x), u(y))), s(std::min(u(x), u(y))),
            s(u(x) >> 3), x >> 3, u(x) < u(y), x < y ? -1 : 0, static_cast<std::int8_t>(x), x & 1, std::max(x, y),
            std::min(x, y), s(u(x) << 3), u(x) >= u(y) ? x : y, x & y, s(u(x) * u(y)), x ^ y,
            (x > y) != (u(x) < u(y)), x < y ? -1 : 0, static_cast<std::int32_t>(wide)};
        REQUIRE(want.size() == 24);
        for (std::size_t k = 0; k < want.size(); ++k) {
            INFO("row " << k << ", a = " << x << ", b = " << y);
            CHECK(r.buffers["out_ptr"][16 * k + l] == static_cast<double>(want[k]));
        }
    }
}

TEST_CASE("float ops, comparisons, casts and libdevice calls", "[ttir][exec]") {
    auto t = trace("exec_float.ttir");
    REQUIRE(t->result->ok());
    INFO(t->spec().diagnostics.format(&t->sm, false));
    REQUIRE_FALSE(t->spec().diagnostics.hasErrors());
    const std::vector<double> xs = {0.5, -1.25, 1.75, -0.125, 1.5, -1.9, 0.3, 1.0, -0.7, 0.05, -2.0, 1.1, 0.9, -0.45, 1.3, -1.0};
    const std::vector<double> ys = {1.5, -1.25, -0.5, 0.75, 1.0, 1.9, -0.3, 2.0, -1.1, 0.6, -0.25, 1.1, -1.7, 0.45, 0.8, -1.5};
    symexec::RunInput in;
    for (std::size_t i = 0; i < 16; ++i) {
        in.buffers["x_ptr"].push_back(ir::roundToDType(xs[i], ir::DType::F32));
        in.buffers["y_ptr"].push_back(ir::roundToDType(ys[i], ir::DType::F32));
    }
    in.buffers["out_ptr"] = fill(32 * 16, 0);
    symexec::RunResult r = run(t->spec(), in);
    for (std::size_t l = 0; l < 16; ++l) {
        double x = in.buffers["x_ptr"][l], y = in.buffers["y_ptr"][l], ax = std::fabs(x);
        const std::vector<double> want = {
            x < y ? 1.0 : 0.0, x != y ? -1.0 : 0.0, std::min(std::max(x, -0.5), 0.5), std::tanh(x), std::pow(ax, y),
            x * y + x, std::trunc(x * 10), std::trunc(ax * 10), std::floor(x), std::ceil(x), std::fmod(x, y),
            1 / std::sqrt(ax + 1), std::min(x, y), std::max(x, y), x / y, std::exp2(x), std::log1p(ax), std::erf(x),
            x /* fp_to_fp to f16 and back: the real-number reading does not round */, 1.0, x >= y ? 1.0 : 0.0,
            std::max(x, y), -x, std::sqrt(ax), std::log(ax + 1), std::exp(x), std::sin(x), std::cos(x), std::tanh(x),
            std::expm1(x), std::log2(ax + 1), std::pow(ax, y)};
        REQUIRE(want.size() == 32);
        for (std::size_t k = 0; k < want.size(); ++k) {
            INFO("row " << k << ", x = " << x << ", y = " << y);
            CHECK(near(ir::roundToDType(want[k], ir::DType::F32), r.buffers["out_ptr"][16 * k + l], 1e-6));
        }
    }
}

TEST_CASE("shape ops, dense constants, map_elementwise, calls and poison", "[ttir][exec]") {
    auto t = trace("exec_shapes.ttir");
    REQUIRE(t->result->ok());
    INFO(t->spec().diagnostics.format(&t->sm, false));
    REQUIRE_FALSE(t->spec().diagnostics.hasErrors());
    std::vector<double> x(16);
    for (std::size_t i = 0; i < 16; ++i) x[i] = 1.5 * static_cast<double>(i) - 7 + (i % 3 == 0 ? 0.25 : 0);
    const std::vector<std::size_t> idx = {15, 0, 3, 3, 8, 1, 14, 2, 9, 9, 0, 7, 6, 12, 5, 4};
    const std::vector<double> cf = {0.5, -1, 2, 0, 1.5, 3, -2.5, 4, 0.25, -0.75, 1, 1, 2.5, -3, 0.125, 8};
    symexec::RunInput in;
    in.buffers["x_ptr"] = x;
    in.buffers["out_ptr"] = fill(13 * 16, std::nan(""));
    symexec::RunResult r = run(t->spec(), in);
    const auto& out = r.buffers["out_ptr"];
    for (std::size_t i = 0; i < 16; ++i) {
        INFO("lane " << i);
        CHECK(out[i] == (i < 8 ? x[i] : x[15 - i]));
        CHECK(out[16 + i] == (i % 2 == 0 ? x[i / 2] : x[7 - i / 2]));
        CHECK(out[32 + i] == (i < 8 ? x[2 * i + 1] : x[2 * (i - 8)]));
        CHECK(out[48 + i] == x[4 * (i % 4) + i / 4]);
        CHECK(out[64 + i] == x[idx[i]]);
        CHECK(out[80 + i] == x[i % 8]);
        CHECK(near(x[i] + cf[i], out[96 + i]));
        double col = 0;
        for (std::size_t k = 0; k <= i / 4; ++k) col += x[4 * k + i % 4];
        CHECK(near(col, out[144 + i]));
        CHECK(near(2 * x[i], out[160 + i]));
        CHECK(near(x[i] * x[i] + 1, out[176 + i]));
        CHECK(out[192 + i] == x[i]);
    }
    for (std::size_t i = 0; i < 4; ++i) CHECK(near(x[4 * i] + x[4 * i + 1] + x[4 * i + 2] + x[4 * i + 3], out[112 + i]));
    CHECK(out[128] == x[5]);
    CHECK(std::isnan(out[116]));
}

TEST_CASE("unsupported ops are reported with their position and the rest is traced", "[ttir][exec]") {
    auto t = trace("exec_unsupported.ttir");
    REQUIRE(t->result->ok());
    const symexec::Spec& s = t->spec();
    std::vector<std::string> messages;
    for (const util::Diagnostic& d : s.diagnostics.items()) {
        CHECK(d.category == "unsupported");
        CHECK(d.span.valid());
        messages.push_back(d.message);
    }
    std::string ttir = kDir + "/exec_unsupported.ttir";
    CHECK(messages == std::vector<std::string>{
                          "unsupported TTIR op 'tt.bitcast' at kernels/exec_unsupported.py:8:19: a bitcast from f32 to "
                          "i32 (the reinterpreted bits are not modelled)",
                          "unsupported TTIR op 'tt.histogram' at " + ttir + ":11:5",
                          "unsupported TTIR op 'tt.extern_elementwise' at kernels/exec_unsupported.py:9:12: libdevice "
                          "function '__nv_cbrtf' is not modelled",
                          "unsupported TTIR op 'tt.atomic_cas' at " + ttir + ":18:5"});
    // The Python file is not there: the spans point into the .ttir.
    CHECK(s.diagnostics.items()[0].span.line == 10);
    // Stores of failed values are left out silently; the one that does not depend on them stays.
    REQUIRE(s.stores.size() == 1);
    CHECK(symexec::formatSpec(s, t->sm).find("out_ptr[l0] = l0") != std::string::npos);
}

TEST_CASE("a conditional branch that is not an early return is unsupported", "[ttir][exec]") {
    auto t = trace("exec_cfg.ttir");
    REQUIRE(t->result->ok());
    REQUIRE(t->spec().diagnostics.size() == 1);
    CHECK(t->spec().diagnostics.items()[0].message ==
          "unsupported TTIR op 'cf.cond_br' at " + kDir +
              "/exec_cfg.ttir:8:5: a conditional branch whose targets both go on (only early returns are modelled)");
    CHECK(t->spec().stores.empty());
}

TEST_CASE("the kernel option picks a function; unknown names and unreadable files fail", "[ttir][exec]") {
    util::SourceManager sm;
    symexec::TtirExecOptions o;
    o.kernel = "square";
    auto sq = symexec::executeTtirFile(kDir + "/exec_shapes.ttir", sm, o);
    REQUIRE(sq);
    CHECK(sq->kernel == "square");
    CHECK(sq->stores.empty());
    o.kernel = "nope";
    auto none = symexec::executeTtirFile(kDir + "/exec_shapes.ttir", sm, o);
    REQUIRE_FALSE(none);
    CHECK(none.error().message.find("no function named 'nope'") != std::string::npos);
    auto missing = symexec::executeTtirFile(kDir + "/does_not_exist.ttir", sm, {});
    CHECK_FALSE(missing);
}

TEST_CASE("the fixtures' TTIR specs compute what the Python driver's specs compute", "[ttir][exec][python]") {
    symexec::ExecOptions po;
    po.pointers = {{"x_ptr", ir::DType::F32}, {"out_ptr", ir::DType::F32}};
    SECTION("basic") {
        po.constexprs["BLOCK"] = frontend::py::Value::integer(64);
        po.pointers["y_ptr"] = ir::DType::F16;
        po.scalars = {{"n", ir::DType::I32}, {"scale", ir::DType::F32}};
        symexec::RunInput in;
        in.grid = {3, 1, 1};
        in.scalars = {{"n", 150}, {"scale", -1.5}};
        for (int i = 0; i < 192; ++i) {
            in.buffers["x_ptr"].push_back(0.01 * i - 1);
            in.buffers["y_ptr"].push_back(ir::roundToDType(0.5 - 0.007 * i, ir::DType::F16));
        }
        in.buffers["out_ptr"] = fill(192, 0);
        checkParity("exec_basic.ttir", "exec_basic.py", "basic_kernel", po, in);
    }
    SECTION("loops") {
        po.constexprs["BLOCK"] = frontend::py::Value::integer(32);
        po.scalars = {{"n", ir::DType::I32}};
        symexec::RunInput in;
        in.grid = {4, 1, 1};
        in.scalars = {{"n", 70}};
        for (int i = 0; i < 280; ++i) in.buffers["x_ptr"].push_back(std::sin(0.1 * i));
        in.buffers["out_ptr"] = fill(4, 0);
        checkParity("exec_loops.ttir", "exec_loops.py", "loops_kernel", po, in);
    }
    SECTION("branches") {
        po.constexprs["BLOCK"] = frontend::py::Value::integer(16);
        po.scalars = {{"n", ir::DType::I32}, {"flag", ir::DType::I32}};
        for (double flag : {0.0, 1.0, 2.0}) {
            symexec::RunInput in;
            in.grid = {4, 1, 1};
            in.scalars = {{"n", 3}, {"flag", flag}};
            for (int i = 0; i < 64; ++i) in.buffers["x_ptr"].push_back(0.3 * i - 4);
            in.buffers["out_ptr"] = fill(112, 0);
            checkParity("exec_branches.ttir", "exec_branches.py", "branches_kernel", po, in);
        }
    }
}
