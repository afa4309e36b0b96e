// Launch facts: what the wrapper of each kernel says about its launch. Every wrapper of the
// corpus gives complete facts that agree with the manifest; a dozen are checked field by field;
// small wrappers check each construct (views, transposes, branches, helpers, evaluation).
#include "frontend_test_util.h"
#include "tlift/frontend/python/launch_facts.h"
#include "tlift/frontend/python/module.h"
#include "tlift/util/strings.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

using namespace tlift;
using namespace tlift::frontend::py;
using namespace tlift::frontend::py::test;

namespace {

// A parsed module with its model and launch facts (the facts point into both).
struct Facts {
    util::SourceManager sm;
    ParseResult parse;
    util::Diagnostics diags;
    ModuleInfo info;
    std::vector<LaunchFacts> launches;

    const LaunchFacts& only() const {
        REQUIRE(launches.size() == 1);
        return launches[0];
    }
    const LaunchFacts& of(const std::string& kernel) const {
        for (const LaunchFacts& f : launches)
            if (f.kernel == kernel) return f;
        FAIL("no launch of " << kernel);
        return launches[0];
    }
    std::string warnings() const { return diags.format(&sm, false); }
};

std::unique_ptr<Facts> analyzeParsed(std::unique_ptr<Facts> f) {
    util::Diagnostics modelDiags;
    f->info = analyzeModule(*f->parse.module, modelDiags);
    f->launches = analyzeLaunches(*f->parse.module, f->info, f->diags);
    return f;
}

std::unique_ptr<Facts> factsOf(const std::string& text) {
    auto f = std::make_unique<Facts>();
    f->parse = parseText(f->sm, text);
    REQUIRE(f->parse.ok());
    return analyzeParsed(std::move(f));
}

std::unique_ptr<Facts> factsOfFile(const std::string& rel) {
    auto f = std::make_unique<Facts>();
    util::FileId id = f->sm.loadFile(std::string(TLIFT_TEST_DATA) + "/kernels/" + rel);
    REQUIRE(id != util::kNoFile);
    f->parse = parseModule(f->sm, id);
    REQUIRE(f->parse.ok());
    return analyzeParsed(std::move(f));
}

const TensorFact& tensorOf(const LaunchFacts& f, const std::string& name) {
    const TensorFact* t = f.tensor(name);
    INFO(describeLaunchFacts(f));
    REQUIRE(t);
    return *t;
}

const ArgFact& argOf(const LaunchFacts& f, const std::string& param) {
    const ArgFact* a = f.arg(param);
    INFO(describeLaunchFacts(f));
    REQUIRE(a);
    return *a;
}

using Strings = std::vector<std::string>;

void checkTensorArg(const LaunchFacts& f, const std::string& param, const std::string& tensor) {
    const ArgFact& a = argOf(f, param);
    CHECK(a.kind == ArgFact::Kind::Tensor);
    CHECK(a.tensor == tensor);
}

void checkSize(const LaunchFacts& f, const std::string& param, ArgFact::Kind kind, const std::string& tensor, int dim,
               const std::string& expr) {
    const ArgFact& a = argOf(f, param);
    INFO(param);
    CHECK(a.kind == kind);
    CHECK(a.tensor == tensor);
    if (kind != ArgFact::Kind::Numel) CHECK(a.dim == dim);
    CHECK(a.expr == expr);
}

// The value of the launch's keyword argument `name` (a launch option or a kernel parameter).
std::optional<Value> keywordValue(const Facts& fs, const LaunchFacts& f, const std::string& name,
                                  const std::map<std::string, std::int64_t>& sizes) {
    const LaunchSite& site = fs.info.launches[f.launchIndex];
    for (const LaunchKeyword& k : site.keywords)
        if (k.name == name) return evaluateWithSizes(f, *k.value, sizes);
    FAIL("no keyword " << name);
    return std::nullopt;
}

std::optional<Value> gridValue(const Facts& fs, const LaunchFacts& f, const std::map<std::string, std::int64_t>& sizes) {
    return evaluateWithSizes(f, *fs.info.launches[f.launchIndex].grid, sizes);
}

Value tupleOf(std::vector<std::int64_t> xs) {
    std::vector<Value> v;
    for (auto x : xs) v.push_back(Value::integer(x));
    return Value::tuple(v);
}

} // namespace

TEST_CASE("launch facts: every corpus wrapper gives complete facts that agree with the manifest", "[frontend][launch][corpus]") {
    std::ifstream in(std::string(TLIFT_TEST_DATA) + "/kernels/manifest.json");
    REQUIRE(in);
    nlohmann::json manifest = nlohmann::json::parse(in);
    std::size_t kernels = 0;
    std::set<std::string> files;
    for (const auto& k : manifest["kernels"]) {
        std::string file = k["file"].get<std::string>();
        std::string rel = file.substr(std::string("tests/data/kernels/").size());
        INFO(rel);
        auto fs = factsOfFile(rel);
        files.insert(rel);
        const LaunchFacts& f = fs->of(k["kernel"].get<std::string>());
        INFO(describeLaunchFacts(f));
        CHECK(f.wrapper == k["wrapper"].get<std::string>());
        CHECK(f.complete());
        CHECK(fs->warnings() == "");
        const FunctionInfo* kernel = fs->info.jitFunction(f.kernel);
        REQUIRE(kernel);
        std::vector<std::string> derefs = dereferencedParams(fs->info, *kernel);
        CHECK_FALSE(derefs.empty());
        // Every pointer parameter gets a tensor of the right rank: the rank of the manifest's
        // input of that name, and a known one for outputs.
        for (const std::string& p : derefs) {
            const ArgFact& a = argOf(f, p);
            INFO(p);
            REQUIRE(a.kind == ArgFact::Kind::Tensor);
            const TensorFact& t = tensorOf(f, a.tensor);
            REQUIRE(t.rank);
            CHECK(t.dims.size() == static_cast<std::size_t>(*t.rank));
            CHECK(t.strides.size() == static_cast<std::size_t>(*t.rank));
            for (const std::string& d : t.dims) CHECK_FALSE(d.empty());
            for (const auto& input : k["inputs"])
                if (input["name"].get<std::string>() == a.tensor)
                    CHECK(*t.rank == static_cast<int>(input["shape"].size()));
        }
        // Every scalar parameter has a meaning; every tensor argument is dereferenced.
        for (const ArgFact& a : f.args) {
            INFO(a.param);
            CHECK(a.kind != ArgFact::Kind::Unknown);
            if (a.kind == ArgFact::Kind::Tensor) CHECK(std::find(derefs.begin(), derefs.end(), a.param) != derefs.end());
            const JitParam* p = kernel->param(a.param);
            REQUIRE(p);
            CHECK((a.kind == ArgFact::Kind::Constexpr) == p->isConstexpr);
            if (a.kind == ArgFact::Kind::Size || a.kind == ArgFact::Kind::Stride || a.kind == ArgFact::Kind::IntScalar)
                CHECK_FALSE(a.expr.empty());
        }
        REQUIRE_FALSE(f.grid.empty());
        for (const std::string& g : f.grid) CHECK_FALSE(g.empty());
        ++kernels;
    }
    CHECK(kernels == 63);
    // The manifest names every kernel file of the corpus.
    std::size_t onDisk = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(TLIFT_TEST_DATA) + "/kernels"))
        onDisk += e.path().extension() == ".py" ? 1 : 0;
    CHECK(onDisk == files.size());
}

TEST_CASE("launch facts: softmax", "[frontend][launch]") {
    auto fs = factsOfFile("softmax/softmax.py");
    const LaunchFacts& f = fs->only();
    CHECK(f.wrapper == "softmax");
    CHECK(f.kernel == "softmax_kernel");
    const TensorFact& x = tensorOf(f, "x");
    CHECK(x.parameter);
    CHECK(x.rank == 2);
    CHECK(x.dims == Strings{"n_rows", "n_cols"});
    CHECK(x.strides == Strings{"x_stride0", "1"});
    CHECK_FALSE(x.contiguous);
    const TensorFact& out = tensorOf(f, "out");
    CHECK(out.origin == "torch.empty_like(x)");
    CHECK(out.dims == Strings{"n_rows", "n_cols"});
    // empty_like keeps a dense input's strides: only the last one is known.
    CHECK(out.strides == Strings{"out_stride0", "1"});
    CHECK(out.dtype == "like:x");
    checkTensorArg(f, "out_ptr", "out");
    checkTensorArg(f, "in_ptr", "x");
    checkSize(f, "in_row_stride", ArgFact::Kind::Stride, "x", 0, "x_stride0");
    checkSize(f, "out_row_stride", ArgFact::Kind::Stride, "out", 0, "out_stride0");
    checkSize(f, "n_cols", ArgFact::Kind::Size, "x", 1, "n_cols");
    CHECK(f.arg("BLOCK_SIZE") == nullptr); // set by the heuristic
    CHECK(f.args.size() == 5);
    CHECK(f.grid == Strings{"n_rows"});
    CHECK(f.sizeNames == Strings{"n_rows", "n_cols"});
    CHECK(f.strideNames == Strings{"x_stride0", "out_stride0"});
    CHECK(f.assumptions.empty());
    // num_warps = 4 if block < 2048 else (8 if block < 4096 else 16), block = next_power_of_2(n_cols)
    CHECK(keywordValue(*fs, f, "num_warps", {{"n_rows", 7}, {"n_cols", 1000}}) == Value::integer(4));
    CHECK(keywordValue(*fs, f, "num_warps", {{"n_rows", 7}, {"n_cols", 2000}}) == Value::integer(8));
    CHECK(keywordValue(*fs, f, "num_warps", {{"n_rows", 7}, {"n_cols", 3000}}) == Value::integer(16));
    CHECK_FALSE(keywordValue(*fs, f, "num_warps", {{"n_rows", 7}}));
    CHECK(gridValue(*fs, f, {{"n_rows", 7}}) == tupleOf({7}));
}

TEST_CASE("launch facts: add (flat tensors, grid lambda)", "[frontend][launch]") {
    auto fs = factsOfFile("elementwise/add.py");
    const LaunchFacts& f = fs->only();
    for (const char* name : {"x", "y", "out"}) {
        const TensorFact& t = tensorOf(f, name);
        CHECK(t.rank == 1);
        CHECK(t.flat);
        CHECK(t.dims == Strings{"n_elements"});
        CHECK(t.strides == Strings{"1"});
        CHECK(t.contiguous);
        CHECK_FALSE(t.assumedContiguous);
    }
    checkSize(f, "n_elements", ArgFact::Kind::Numel, "x", -1, "n_elements");
    const ArgFact& block = argOf(f, "BLOCK_SIZE");
    CHECK(block.kind == ArgFact::Kind::Constexpr);
    CHECK(block.value == Value::integer(1024));
    CHECK(f.grid == Strings{"(n_elements + BLOCK_SIZE - 1) // BLOCK_SIZE"});
    CHECK(gridValue(*fs, f, {{"n_elements", 5000}, {"BLOCK_SIZE", 1024}}) == tupleOf({5}));
    CHECK_FALSE(gridValue(*fs, f, {{"n_elements", 5000}}));
}

TEST_CASE("launch facts: matmul (autotune, 2-D grid lambda, strides of a and b, optional bias)", "[frontend][launch]") {
    auto fs = factsOfFile("matmul/matmul.py");
    const LaunchFacts& f = fs->only();
    CHECK(tensorOf(f, "a").dims == Strings{"M", "K"});
    CHECK(tensorOf(f, "a").strides == Strings{"a_stride0", "a_stride1"});
    CHECK(tensorOf(f, "a").dtype == "float16");
    CHECK(tensorOf(f, "b").dims == Strings{"K", "N"}); // a.shape[1] == b.shape[0] merged K
    CHECK(tensorOf(f, "b").strides == Strings{"b_stride0", "b_stride1"});
    const TensorFact& c = tensorOf(f, "c");
    CHECK(c.dims == Strings{"M", "N"});
    CHECK(c.strides == Strings{"N", "1"});
    CHECK(c.contiguous);
    CHECK(c.dtype == "float16");
    checkTensorArg(f, "a_ptr", "a");
    checkTensorArg(f, "b_ptr", "b");
    checkTensorArg(f, "c_ptr", "c");
    const ArgFact& bias = argOf(f, "bias_ptr");
    CHECK(bias.kind == ArgFact::Kind::Tensor);
    CHECK(bias.tensor == "bias");
    CHECK_FALSE(bias.why.empty()); // c is passed when bias is None
    CHECK(tensorOf(f, "bias").optional);
    CHECK(tensorOf(f, "bias").rank == 1);
    checkSize(f, "M", ArgFact::Kind::Size, "a", 0, "M");
    checkSize(f, "N", ArgFact::Kind::Size, "b", 1, "N");
    checkSize(f, "K", ArgFact::Kind::Size, "a", 1, "K");
    checkSize(f, "stride_am", ArgFact::Kind::Stride, "a", 0, "a_stride0");
    checkSize(f, "stride_ak", ArgFact::Kind::Stride, "a", 1, "a_stride1");
    checkSize(f, "stride_bk", ArgFact::Kind::Stride, "b", 0, "b_stride0");
    checkSize(f, "stride_bn", ArgFact::Kind::Stride, "b", 1, "b_stride1");
    checkSize(f, "stride_cm", ArgFact::Kind::Stride, "c", 0, "N");
    checkSize(f, "stride_cn", ArgFact::Kind::Stride, "c", 1, "1");
    CHECK(argOf(f, "HAS_BIAS").kind == ArgFact::Kind::Constexpr);
    CHECK_FALSE(argOf(f, "HAS_BIAS").value);
    CHECK(argOf(f, "ACTIVATION").kind == ArgFact::Kind::Constexpr);
    for (const char* p : {"BLOCK_M", "BLOCK_N", "BLOCK_K", "GROUP_M"}) CHECK(f.arg(p) == nullptr);
    CHECK(f.grid == Strings{"(M + BLOCK_M - 1) // BLOCK_M * ((N + BLOCK_N - 1) // BLOCK_N)"});
    CHECK(gridValue(*fs, f, {{"M", 256}, {"N", 130}, {"K", 64}, {"BLOCK_M", 64}, {"BLOCK_N", 64}}) == tupleOf({12}));
    CHECK(f.sizeNames == Strings{"M", "K", "N", "bias_numel"});
}

TEST_CASE("launch facts: layer_norm (early exit, optional bias, computed block)", "[frontend][launch]") {
    auto fs = factsOfFile("norm/layer_norm.py");
    const LaunchFacts& f = fs->only();
    CHECK(tensorOf(f, "x").dims == Strings{"M", "N"});
    CHECK(tensorOf(f, "x").strides == Strings{"x_stride0", "1"});
    CHECK(tensorOf(f, "y").strides == Strings{"y_stride0", "1"});
    const TensorFact& w = tensorOf(f, "weight");
    CHECK(w.flat);
    CHECK(w.assumedContiguous);
    CHECK(w.dims == Strings{"weight_numel"});
    for (const char* t : {"mean", "rstd"}) {
        CHECK(tensorOf(f, t).dims == Strings{"M"});
        CHECK(tensorOf(f, t).dtype == "float32");
    }
    checkTensorArg(f, "w_ptr", "weight");
    checkTensorArg(f, "b_ptr", "bias");
    checkSize(f, "N", ArgFact::Kind::Size, "x", 1, "N");
    const ArgFact& eps = argOf(f, "eps");
    CHECK(eps.kind == ArgFact::Kind::FloatScalar);
    CHECK(eps.expr == "eps");
    const ArgFact& block = argOf(f, "BLOCK_N");
    CHECK(block.kind == ArgFact::Kind::Constexpr);
    CHECK_FALSE(block.value);
    CHECK(block.text == "triton.next_power_of_2(N)");
    CHECK(evaluateWithSizes(f, *block.source, {{"M", 3}, {"N", 1000}}) == Value::integer(1024));
    CHECK(keywordValue(*fs, f, "num_warps", {{"N", 1000}}) == Value::integer(4));
    CHECK(keywordValue(*fs, f, "num_warps", {{"N", 100}}) == Value::integer(1));
    CHECK(keywordValue(*fs, f, "num_warps", {{"N", 10000}}) == Value::integer(8));
    // `if BLOCK_N > 16384: raise ...` before the launch.
    CHECK(f.assumptions == Strings{"BLOCK_N <= 16384"});
    CHECK(f.grid == Strings{"M"});
}

TEST_CASE("launch facts: cross_entropy", "[frontend][launch]") {
    auto fs = factsOfFile("loss/cross_entropy.py");
    const LaunchFacts& f = fs->only();
    CHECK(tensorOf(f, "logits").dims == Strings{"n_rows", "n_cols"});
    CHECK(tensorOf(f, "target").dims == Strings{"n_rows"}); // target.shape == (logits.shape[0],)
    CHECK(tensorOf(f, "target").dtype == "int64");
    CHECK(tensorOf(f, "loss").dims == Strings{"n_rows"});
    CHECK(tensorOf(f, "loss").dtype == "float32");
    checkSize(f, "stride_row", ArgFact::Kind::Stride, "logits", 0, "logits_stride0");
    checkSize(f, "n_cols", ArgFact::Kind::Size, "logits", 1, "n_cols");
    const ArgFact& block = argOf(f, "BLOCK_N");
    CHECK(evaluateWithSizes(f, *block.source, {{"n_cols", 5000}}) == Value::integer(4096));
    CHECK(evaluateWithSizes(f, *block.source, {{"n_cols", 100}}) == Value::integer(128));
    CHECK(f.grid == Strings{"n_rows"});
}

TEST_CASE("launch facts: embedding", "[frontend][launch]") {
    auto fs = factsOfFile("gather/embedding.py");
    const LaunchFacts& f = fs->only();
    CHECK(tensorOf(f, "ids").dims == Strings{"n_tokens"});
    CHECK(tensorOf(f, "weight").dims == Strings{"vocab", "dim"});
    CHECK(tensorOf(f, "weight").strides == Strings{"weight_stride0", "1"});
    CHECK(tensorOf(f, "out").dims == Strings{"n_tokens", "dim"});
    CHECK(tensorOf(f, "out").dtype == "like:weight");
    checkSize(f, "dim", ArgFact::Kind::Size, "weight", 1, "dim");
    checkSize(f, "stride_w", ArgFact::Kind::Stride, "weight", 0, "weight_stride0");
    checkSize(f, "stride_out", ArgFact::Kind::Stride, "out", 0, "dim");
    CHECK(f.grid == Strings{"n_tokens", "(dim + BLOCK_D - 1) // BLOCK_D"});
    CHECK(gridValue(*fs, f, {{"n_tokens", 9}, {"dim", 300}, {"BLOCK_D", 256}}) == tupleOf({9, 2}));
}

TEST_CASE("launch facts: bmm (3-D tensors, 3-D grid)", "[frontend][launch]") {
    auto fs = factsOfFile("matmul/bmm.py");
    const LaunchFacts& f = fs->only();
    CHECK(tensorOf(f, "a").dims == Strings{"B", "M", "K"});
    CHECK(tensorOf(f, "b").dims == Strings{"B", "K", "N"});
    CHECK(tensorOf(f, "c").dims == Strings{"B", "M", "N"});
    CHECK(tensorOf(f, "c").strides == Strings{"M * N", "N", "1"});
    checkSize(f, "M", ArgFact::Kind::Size, "a", 1, "M");
    checkSize(f, "N", ArgFact::Kind::Size, "b", 2, "N");
    checkSize(f, "K", ArgFact::Kind::Size, "a", 2, "K");
    checkSize(f, "stride_bk", ArgFact::Kind::Stride, "b", 1, "b_stride1");
    checkSize(f, "stride_cb", ArgFact::Kind::Stride, "c", 0, "M * N");
    CHECK(f.grid == Strings{"(M + BLOCK_M - 1) // BLOCK_M", "(N + BLOCK_N - 1) // BLOCK_N", "B"});
    CHECK(f.sizeNames == Strings{"B", "M", "K", "N"});
}

TEST_CASE("launch facts: transpose", "[frontend][launch]") {
    auto fs = factsOfFile("gather/transpose.py");
    const LaunchFacts& f = fs->only();
    CHECK(tensorOf(f, "x").strides == Strings{"x_stride0", "x_stride1"});
    CHECK(tensorOf(f, "out").dims == Strings{"N", "M"});
    CHECK(tensorOf(f, "out").strides == Strings{"M", "1"});
    checkSize(f, "M", ArgFact::Kind::Size, "x", 0, "M");
    checkSize(f, "N", ArgFact::Kind::Size, "x", 1, "N");
    checkSize(f, "stride_xn", ArgFact::Kind::Stride, "x", 1, "x_stride1");
    checkSize(f, "stride_om", ArgFact::Kind::Stride, "out", 0, "M");
    checkSize(f, "stride_on", ArgFact::Kind::Stride, "out", 1, "1");
}

TEST_CASE("launch facts: rope (3-D input, shapes from asserts)", "[frontend][launch]") {
    auto fs = factsOfFile("gather/rope.py");
    const LaunchFacts& f = fs->only();
    CHECK(tensorOf(f, "x").dims == Strings{"T", "H", "D"});
    CHECK(tensorOf(f, "x").strides == Strings{"x_stride0", "x_stride1", "1"});
    for (const char* t : {"cos", "sin"}) {
        CHECK(tensorOf(f, t).dims == Strings{"T", "D // 2"});
        CHECK(tensorOf(f, t).strides == Strings{"D // 2", "1"});
        CHECK(tensorOf(f, t).contiguous);
    }
    CHECK(tensorOf(f, "out").strides == Strings{"out_stride0", "out_stride1", "1"});
    checkSize(f, "n_heads", ArgFact::Kind::Size, "x", 1, "H");
    checkSize(f, "head_dim", ArgFact::Kind::Size, "x", 2, "D");
    checkSize(f, "stride_ct", ArgFact::Kind::Stride, "cos", 0, "D // 2");
    CHECK(f.grid == Strings{"T * H"});
    CHECK(f.assumptions == Strings{"D % 2 == 0"});
    CHECK(evaluateWithSizes(f, *argOf(f, "BLOCK_HALF").source, {{"D", 96}}) == Value::integer(64));
}

TEST_CASE("launch facts: strided_2d, and a transposed input's strides swapped", "[frontend][launch]") {
    auto fs = factsOfFile("elementwise/strided_2d.py");
    const LaunchFacts& f = fs->only();
    CHECK(tensorOf(f, "x").strides == Strings{"x_stride0", "x_stride1"});
    CHECK(tensorOf(f, "y").dims == Strings{"M", "N"}); // x.shape == y.shape
    CHECK(tensorOf(f, "y").strides == Strings{"y_stride0", "y_stride1"});
    CHECK(tensorOf(f, "out").strides == Strings{"N", "1"});
    checkSize(f, "stride_xn", ArgFact::Kind::Stride, "x", 1, "x_stride1");
    checkSize(f, "stride_ym", ArgFact::Kind::Stride, "y", 0, "y_stride0");
    CHECK(argOf(f, "alpha").kind == ArgFact::Kind::FloatScalar);
    CHECK(f.grid == Strings{"(M + BLOCK_M - 1) // BLOCK_M", "(N + BLOCK_N - 1) // BLOCK_N"});

    // The same kernel called on x.t(): the view's dims and strides are x's, swapped.
    std::string text;
    REQUIRE(util::readFile(std::string(TLIFT_TEST_DATA) + "/kernels/elementwise/strided_2d.py", text));
    text += "\n\ndef scale_add_transposed(x: torch.Tensor, y: torch.Tensor):\n"
            "    assert x.dim() == 2 and x.is_contiguous()\n"
            "    xt = x.t()\n"
            "    M, N = xt.shape\n"
            "    out = torch.empty((M, N), device=x.device, dtype=x.dtype)\n"
            "    scale_add_2d_kernel[(triton.cdiv(M, 32), triton.cdiv(N, 32))](\n"
            "        xt, y, out, M, N, xt.stride(0), xt.stride(1), y.stride(0), y.stride(1),\n"
            "        out.stride(0), out.stride(1), 2.0, BLOCK_M=32, BLOCK_N=32)\n";
    auto ts = factsOf(text);
    const LaunchFacts& g = ts->launches.back();
    CHECK(g.wrapper == "scale_add_transposed");
    CHECK(tensorOf(g, "x").dims == Strings{"N", "M"});
    CHECK(tensorOf(g, "x").strides == Strings{"M", "1"});
    const TensorFact& xt = tensorOf(g, "xt");
    CHECK(xt.origin == "x.t()");
    CHECK(xt.dims == Strings{"M", "N"});
    CHECK(xt.strides == Strings{"1", "M"});
    CHECK_FALSE(xt.contiguous);
    checkSize(g, "stride_xm", ArgFact::Kind::Stride, "xt", 0, "1");
    checkSize(g, "stride_xn", ArgFact::Kind::Stride, "xt", 1, "M");
    CHECK(argOf(g, "alpha").value == Value::real(2.0));
    CHECK(g.grid == Strings{"(M + 31) // 32", "(N + 31) // 32"});
}

TEST_CASE("launch facts: row_sum_loop (heuristic constexpr not passed)", "[frontend][launch]") {
    auto fs = factsOfFile("reduce/row_sum_loop.py");
    const LaunchFacts& f = fs->only();
    CHECK(f.complete());
    CHECK(tensorOf(f, "out").dims == Strings{"M"});
    checkSize(f, "stride_row", ArgFact::Kind::Stride, "x", 0, "x_stride0");
    checkSize(f, "N", ArgFact::Kind::Size, "x", 1, "N");
    CHECK(argOf(f, "BLOCK_N").value == Value::integer(256));
    CHECK(f.arg("EVEN_N") == nullptr);
    CHECK(f.args.size() == 5);
}

TEST_CASE("launch facts: cumsum", "[frontend][launch]") {
    auto fs = factsOfFile("scan/cumsum.py");
    const LaunchFacts& f = fs->only();
    CHECK(tensorOf(f, "out").dims == Strings{"n_rows", "n_cols"});
    CHECK(tensorOf(f, "out").strides == Strings{"out_stride0", "1"});
    checkSize(f, "stride_x", ArgFact::Kind::Stride, "x", 0, "x_stride0");
    checkSize(f, "stride_out", ArgFact::Kind::Stride, "out", 0, "out_stride0");
    checkSize(f, "n_cols", ArgFact::Kind::Size, "x", 1, "n_cols");
    CHECK(evaluateWithSizes(f, *argOf(f, "BLOCK_N").source, {{"n_cols", 33}}) == Value::integer(64));
}

namespace {

const char* kPrelude = "import math\nimport torch\nimport triton\nimport triton.language as tl\n\n"
                       "@triton.jit\n"
                       "def k2(x_ptr, out_ptr, M, N, stride_xm, stride_om, BLOCK: tl.constexpr):\n"
                       "    r = tl.program_id(0)\n"
                       "    c = tl.arange(0, BLOCK)\n"
                       "    v = tl.load(x_ptr + r * stride_xm + c, mask=c < N)\n"
                       "    tl.store(out_ptr + r * stride_om + c, v, mask=c < N)\n\n"
                       "@triton.jit\n"
                       "def k1(x_ptr, out_ptr, n, BLOCK: tl.constexpr):\n"
                       "    o = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)\n"
                       "    tl.store(out_ptr + o, tl.load(x_ptr + o, mask=o < n), mask=o < n)\n\n";

std::unique_ptr<Facts> wrapper(const std::string& body) { return factsOf(std::string(kPrelude) + body); }

} // namespace

TEST_CASE("launch facts: views compute their dims", "[frontend][launch]") {
    auto fs = wrapper("def f(x: torch.Tensor):\n"
                      "    assert x.is_contiguous()\n"
                      "    B, S, D = x.shape\n"
                      "    x2 = x.view(-1, D)\n"
                      "    out = torch.empty_like(x2)\n"
                      "    k2[(x2.shape[0],)](x2, out, x2.shape[0], D, x2.stride(0), out.stride(0), BLOCK=128)\n");
    const LaunchFacts& f = fs->only();
    INFO(describeLaunchFacts(f));
    CHECK(f.complete());
    const TensorFact& x2 = tensorOf(f, "x2");
    CHECK(x2.origin == "x.view(-1, D)");
    CHECK(x2.dims == Strings{"B * S", "D"}); // the -1 dim is the product of the dims left
    CHECK(x2.strides == Strings{"D", "1"});
    CHECK(x2.contiguous);
    checkSize(f, "M", ArgFact::Kind::Size, "x2", 0, "B * S");
    checkSize(f, "stride_xm", ArgFact::Kind::Stride, "x2", 0, "D");
    CHECK(f.grid == Strings{"B * S"});

    // A view whose other dims are not the source's: numel // (the others).
    auto gs = wrapper("def f(x: torch.Tensor, n: int):\n"
                      "    assert x.dim() == 2 and x.is_contiguous()\n"
                      "    y = x.reshape(-1, n)\n"
                      "    k2[(y.shape[0],)](y, y, y.shape[0], n, y.stride(0), y.stride(0), BLOCK=64)\n");
    const TensorFact& y = tensorOf(gs->only(), "y");
    CHECK(y.dims == Strings{"x_d0 * x_d1 // n", "n"});
    CHECK(gs->only().sizeNames == Strings{"n", "x_d0", "x_d1"});
}

TEST_CASE("launch facts: branches, early exits and merged facts", "[frontend][launch]") {
    SECTION("the branch that holds the launch, and an early return") {
        auto fs = wrapper("def f(x: torch.Tensor, out: torch.Tensor):\n"
                          "    n = x.numel()\n"
                          "    if n == 0:\n"
                          "        return out\n"
                          "    if n <= 4096:\n"
                          "        k1[(1,)](x, out, n, BLOCK=4096)\n"
                          "    else:\n"
                          "        k1[(triton.cdiv(n, 1024),)](x, out, n, BLOCK=1024)\n");
        REQUIRE(fs->launches.size() == 2);
        CHECK(fs->launches[0].assumptions == Strings{"n != 0", "n <= 4096"});
        CHECK(fs->launches[1].assumptions == Strings{"n != 0", "n > 4096"});
        // The literal 1024 of the grid is not the BLOCK argument: it stays a number.
        CHECK(fs->launches[1].grid == Strings{"(n + 1023) // 1024"});
    }
    SECTION("a test on contiguity: both paths give a contiguous x") {
        auto fs = wrapper("def f(x: torch.Tensor):\n"
                          "    if not x.is_contiguous():\n"
                          "        x = x.contiguous()\n"
                          "    out = torch.empty_like(x)\n"
                          "    k1[(triton.cdiv(x.numel(), 256),)](x, out, x.numel(), BLOCK=256)\n");
        const LaunchFacts& f = fs->only();
        INFO(describeLaunchFacts(f));
        CHECK(f.complete());
        CHECK(tensorOf(f, "x").contiguous);
        CHECK(tensorOf(f, "out").contiguous);
        CHECK_FALSE(tensorOf(f, "x").assumedContiguous);
    }
    SECTION("values that differ between the branches stay expressions") {
        auto fs = wrapper("def f(x: torch.Tensor, out: torch.Tensor):\n"
                          "    n = x.numel()\n"
                          "    if n > 65536:\n"
                          "        block = 1024\n"
                          "    else:\n"
                          "        block = triton.next_power_of_2(n)\n"
                          "    k1[(triton.cdiv(n, block),)](x, out, n, BLOCK=block)\n");
        const LaunchFacts& f = fs->only();
        CHECK(f.grid == Strings{"(n + BLOCK - 1) // BLOCK"});
        const ArgFact& b = argOf(f, "BLOCK");
        CHECK(evaluateWithSizes(f, *b.source, {{"n", 100000}}) == Value::integer(1024));
        CHECK(evaluateWithSizes(f, *b.source, {{"n", 1000}}) == Value::integer(1024));
        CHECK(evaluateWithSizes(f, *b.source, {{"n", 100}}) == Value::integer(128));
    }
    SECTION("a tensor or None: the tensor, with the alternative noted") {
        auto fs = wrapper("def f(x: torch.Tensor, res=None):\n"
                          "    if res is not None:\n"
                          "        res = res.contiguous()\n"
                          "    k1[(1,)](x, res, x.numel(), BLOCK=64)\n");
        const LaunchFacts& f = fs->only();
        checkTensorArg(f, "out_ptr", "res");
        CHECK(tensorOf(f, "res").contiguous);
    }
}

TEST_CASE("launch facts: lists changed in place and loops make values unknown", "[frontend][launch]") {
    auto fs = wrapper("def f(x: torch.Tensor, d: int):\n"
                      "    shape = list(x.shape)\n"
                      "    shape[d] = 1\n"
                      "    out = torch.empty(shape, device=x.device)\n"
                      "    k1[(1,)](x, out, x.numel(), BLOCK=64)\n");
    const LaunchFacts& f = fs->only();
    INFO(describeLaunchFacts(f));
    CHECK_FALSE(f.complete());
    CHECK_FALSE(tensorOf(f, "out").rank);
    CHECK(util::join(f.missing, "|").find("`shape` is changed in place at line") != std::string::npos);
    CHECK(fs->warnings().find("warning: the launch of k1 in f does not say everything about its arguments") != std::string::npos);

    auto gs = wrapper("def f(x: torch.Tensor):\n"
                      "    shape = list(x.shape)\n"
                      "    for i in range(x.dim()):\n"
                      "        shape[i] = 1\n"
                      "    n = 1\n"
                      "    for s in x.shape:\n"
                      "        n *= s\n"
                      "    out = torch.empty(shape, device=x.device)\n"
                      "    k1[(1,)](x, out, n, BLOCK=64)\n");
    const LaunchFacts& g = gs->only();
    INFO(describeLaunchFacts(g));
    CHECK_FALSE(tensorOf(g, "out").rank);
    CHECK(argOf(g, "n").kind == ArgFact::Kind::Unknown);
    CHECK(argOf(g, "n").why.find("`n` is assigned in the loop at line") != std::string::npos);
}

TEST_CASE("launch facts: helpers are inlined, shapes unpacked and multiplied", "[frontend][launch]") {
    auto fs = wrapper("def block_for(n):\n"
                      "    if n <= 512:\n"
                      "        return 512\n"
                      "    return min(4096, triton.next_power_of_2(n))\n\n"
                      "def f(x, w):\n"
                      "    N = x.shape[-1]\n"
                      "    M = math.prod(x.shape[:-1])\n"
                      "    x = x.contiguous()\n"
                      "    out = torch.empty_like(x)\n"
                      "    k2[(M,)](x, out, M, N, N, N, BLOCK=block_for(N))\n");
    const LaunchFacts& f = fs->only();
    INFO(describeLaunchFacts(f));
    // The rank of x is never stated: its facts are not complete, and the row count is numel // N.
    CHECK_FALSE(f.complete());
    CHECK(argOf(f, "M").expr == "x_v0_numel // N");
    CHECK(argOf(f, "N").kind == ArgFact::Kind::IntScalar); // a dim of a tensor of unknown rank
    CHECK(argOf(f, "N").expr == "N");
    const ArgFact& block = argOf(f, "BLOCK");
    CHECK(evaluateWithSizes(f, *block.source, {{"N", 100}}) == Value::integer(512));
    CHECK(evaluateWithSizes(f, *block.source, {{"N", 1000}}) == Value::integer(1024));
    CHECK(evaluateWithSizes(f, *block.source, {{"N", 100000}}) == Value::integer(4096));
    CHECK(evaluateWithSizes(f, *block.source, {{"x_v0_numel", 100}}) == std::nullopt);

    auto gs = wrapper("def f(x: torch.Tensor):\n"
                      "    N, C = x.shape[:2]\n"
                      "    x = x.contiguous()\n"
                      "    k1[(N, C)](x, x, N * C, BLOCK=64)\n");
    const LaunchFacts& g = gs->only();
    CHECK(g.grid == Strings{"N", "C"});
    CHECK(argOf(g, "n").expr == "N * C");
}

TEST_CASE("launch facts: parameters without types, and the names of sizes", "[frontend][launch]") {
    auto fs = wrapper("def f(x, out, n, scale=2.0, flag=False):\n"
                      "    k1[(triton.cdiv(n, 128),)](x, out, n, BLOCK=128)\n"
                      "    k1[(1,)](x, out, scale, BLOCK=128)\n");
    REQUIRE(fs->launches.size() == 2);
    const LaunchFacts& f = fs->launches[0];
    INFO(describeLaunchFacts(f));
    // Dereferenced by the kernel: x and out are tensors; n is an int by its use in triton.cdiv.
    checkTensorArg(f, "x_ptr", "x");
    CHECK(tensorOf(f, "x").flat);
    CHECK(tensorOf(f, "x").assumedContiguous);
    const ArgFact& n = argOf(f, "n");
    CHECK(n.kind == ArgFact::Kind::IntScalar);
    CHECK(n.expr == "n");
    CHECK(f.complete());
    CHECK(argOf(fs->launches[1], "n").kind == ArgFact::Kind::FloatScalar);

    auto gs = wrapper("def f(x, out, n):\n"
                      "    k1[(1,)](x, out, n, BLOCK=128)\n");
    const ArgFact& u = argOf(gs->only(), "n");
    CHECK(u.kind == ArgFact::Kind::Unknown);
    CHECK(u.why == "the wrapper parameter `n` has no type (no annotation, default or use that gives one)");

    // The first wrapper variable that names a size wins; merged sizes take the older name.
    auto hs = wrapper("def f(a: torch.Tensor, b: torch.Tensor):\n"
                      "    assert a.shape[1] == b.shape[0]\n"
                      "    M, K = a.shape\n"
                      "    K2, N = b.shape\n"
                      "    rows = M\n"
                      "    c = torch.empty((M, N), device=a.device, dtype=torch.float32)\n"
                      "    k2[(rows,)](a, c, rows, K2, a.stride(0), c.stride(0), BLOCK=64)\n");
    const LaunchFacts& h = hs->only();
    CHECK(tensorOf(h, "b").dims == Strings{"K", "N"});
    checkSize(h, "N", ArgFact::Kind::Size, "a", 1, "K");
    checkSize(h, "M", ArgFact::Kind::Size, "a", 0, "M");
    CHECK(h.sizeNames == Strings{"M", "K", "N"});
}

TEST_CASE("launch facts: sizes with no IR form become derived sizes", "[frontend][launch]") {
    auto fs = wrapper("def f(x: torch.Tensor):\n"
                      "    n = x.numel()\n"
                      "    block = triton.next_power_of_2(math.ceil(math.sqrt(n)))\n"
                      "    mid_size = triton.cdiv(n, block)\n"
                      "    mid = torch.empty((mid_size,), dtype=torch.float32, device=x.device)\n"
                      "    k1[(mid_size,)](x, mid, n, BLOCK=block)\n");
    const LaunchFacts& f = fs->only();
    INFO(describeLaunchFacts(f));
    CHECK(f.complete());
    CHECK(tensorOf(f, "mid").dims == Strings{"mid_size"});
    CHECK(f.grid == Strings{"mid_size"});
    REQUIRE(f.derivedSizes.size() == 1);
    CHECK(f.derivedSizes[0].name == "mid_size");
    CHECK(f.derivedSizes[0].python == "triton.cdiv(n, triton.next_power_of_2(math.ceil(math.sqrt(n))))");
    CHECK(f.sizeNames == Strings{"n", "mid_size"});
    CHECK(evaluateSize(f, "mid_size", {{"n", 1000}}) == 32); // block = 32, cdiv(1000, 32) = 32
    CHECK(evaluateSize(f, "mid_size", {{"n", 5000}}) == 40); // block = 128
    CHECK(evaluateSize(f, "mid_size", {}) == std::nullopt);
    CHECK(evaluateSize(f, "n", {{"n", 5}}) == 5);
}

TEST_CASE("launch facts: which kernel parameters are dereferenced", "[frontend][launch]") {
    auto fs = factsOf("import triton\nimport triton.language as tl\n"
                      "@triton.jit\ndef load_row(p, cols, n):\n    return tl.load(p + cols, mask=cols < n)\n"
                      "@triton.jit\ndef k(a, b, c, d, n, off, stride, BLOCK: tl.constexpr):\n"
                      "    cols = tl.arange(0, BLOCK)\n"
                      "    row = tl.program_id(0)\n"
                      "    v = load_row(a + row * stride, cols, n)\n"
                      "    bp = tl.make_block_ptr(base=b, shape=(n,), strides=(1,), offsets=(0,), block_shape=(BLOCK,), order=(0,))\n"
                      "    dt = c.dtype.element_ty\n"
                      "    ptrs = d + off\n"
                      "    ptrs = ptrs + cols\n"
                      "    tl.store(ptrs, v.to(dt), mask=cols < off)\n");
    const FunctionInfo* k = fs->info.jitFunction("k");
    REQUIRE(k);
    CHECK(dereferencedParams(fs->info, *k) == Strings{"a", "b", "c", "d"});
}

TEST_CASE("launch facts: odd wrappers never crash and say why their facts are missing", "[frontend][launch]") {
    auto fs = wrapper("def f(*args, **kw):\n"
                      "    k1[kw['grid']](*args, **kw)\n\n"
                      "def g(x: torch.Tensor, grid):\n"
                      "    while True:\n"
                      "        x = x[1:]\n"
                      "        k1[grid](x, x, x.numel(), BLOCK={'a': 1}['a'])\n\n"
                      "def h(x: torch.Tensor):\n"
                      "    return\n"
                      "    k1[(1,)](x, x, 1, BLOCK=1)\n\n"
                      "k1[(1,)](torch.empty(4), torch.empty(4), 4, BLOCK=4)\n");
    REQUIRE(fs->launches.size() == 4);
    for (const LaunchFacts& f : fs->launches) {
        INFO(describeLaunchFacts(f));
        if (f.wrapper.empty()) {
            CHECK(f.complete());
            CHECK(tensorOf(f, "t0").dims == Strings{"4"});
            continue;
        }
        CHECK_FALSE(f.complete());
        CHECK_FALSE(f.missing.empty());
    }
    CHECK(util::join(fs->launches[2].missing, "|").find("the launch is not reached from the start of h") != std::string::npos);

    // Every truncation of every corpus file: whatever parses is analysed without a crash.
    for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(TLIFT_TEST_DATA) + "/kernels")) {
        if (e.path().extension() != ".py") continue;
        std::string text;
        REQUIRE(util::readFile(e.path().string(), text));
        for (std::size_t cut = 0; cut < text.size(); cut += 97) {
            util::SourceManager sm;
            ParseResult r = parseModule(sm, sm.addFile("t.py", text.substr(0, cut)));
            util::Diagnostics d;
            ModuleInfo info = analyzeModule(*r.module, d);
            std::vector<LaunchFacts> facts = analyzeLaunches(*r.module, info, d);
            for (const LaunchFacts& f : facts) CHECK_FALSE(describeLaunchFacts(f).empty());
        }
    }
}
