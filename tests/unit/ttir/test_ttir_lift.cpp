// Lifting from TTIR: the same summary as from the Python source, with what only the TTIR knows
// (arguments specialized to 1, exact element types) in the launch context.
#include "tlift/ir/printer.h"
#include "tlift/synth/lifter.h"
#include "tlift/util/strings.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

using namespace tlift;

namespace {

const std::string kRoot = TLIFT_SOURCE_DIR;

synth::LiftResult liftTtir(const std::string& stem) {
    synth::LiftOptions o;
    o.verify = false;
    return synth::liftFile(kRoot + "/tests/data/ttir/" + stem + ".ttir", o);
}

// The Python source, with the constexprs the TTIR was compiled with (its launch record).
synth::LiftResult liftPython(const std::string& stem) {
    synth::LiftOptions o;
    o.verify = false;
    std::string text;
    REQUIRE(util::readFile(kRoot + "/tests/data/ttir/" + stem + ".launch.json", text));
    auto rec = nlohmann::json::parse(text);
    for (auto& [k, v] : rec["constexprs"].items())
        if (v.is_number_integer()) o.constexprs[k] = frontend::py::Value::integer(v.get<std::int64_t>());
    return synth::liftFile(kRoot + "/tests/data/kernels/" + stem + ".py", o);
}

bool noted(const synth::LiftResult& r, const std::string& part) {
    for (const symexec::LaunchNote& n : r.trace->launch.notes)
        if (n.fact.find(part) != std::string::npos || n.source.find(part) != std::string::npos) return true;
    return false;
}

} // namespace

TEST_CASE("TTIR and Python give the same summary", "[ttir][lift]") {
    for (const char* stem : {"softmax/softmax", "elementwise/add", "broadcast/add_bias_rows", "reduce/row_sum_loop",
                             "softmax/softmax_online", "norm/rms_norm", "scan/cumsum"}) {
        INFO(stem);
        auto py = liftPython(stem);
        auto tt = liftTtir(stem);
        REQUIRE(py.outputs.size() == tt.outputs.size());
        for (std::size_t k = 0; k < py.outputs.size(); ++k) {
            CHECK(tt.outputs[k].status == py.outputs[k].status);
            CHECK(tt.outputs[k].summaryText == py.outputs[k].summaryText);
            CHECK(tt.outputs[k].simplifiedText == py.outputs[k].simplifiedText);
        }
        // The trace points into the Python file the TTIR's locations name.
        REQUIRE(tt.trace);
        CHECK(tt.trace->launch.tensors.size() >= 2);
    }
}

TEST_CASE("an argument Triton specialized to 1 is 1 in the launch context", "[ttir][lift]") {
    // transpose.ttir was compiled with x.stride(1) == 1: the stride parameter is gone.
    auto r = liftTtir("gather/transpose");
    REQUIRE(r.outputs.size() == 1);
    CHECK(r.outputs[0].summaryText == "x[j, i]");
    CHECK(r.outputs[0].status == synth::LiftStatus::Tested);
    CHECK(noted(r, "specialized by Triton"));
}

TEST_CASE("the TTIR's pointer types give the tensors' element types", "[ttir][lift]") {
    auto r = liftTtir("matmul/linear");
    REQUIRE(r.outputs.size() == 1);
    REQUIRE(r.trace);
    const symexec::TensorBinding* x = r.trace->launch.tensorForParam("x_ptr");
    REQUIRE(x);
    CHECK(x->dtype == ir::DType::BF16);
    CHECK(r.outputs[0].status == synth::LiftStatus::Tested);
}

TEST_CASE("a TTIR file that cannot be read is an error with its location", "[ttir][lift]") {
    auto r = synth::liftFile(kRoot + "/tests/data/ttir/does_not_exist.ttir", {});
    CHECK(r.outputs.empty());
    CHECK(r.diagnostics.hasErrors());
    auto src = synth::openSourceText("bad.ttir", "module {\n  tt.func public @k(%arg0: i32) {\n    %0 = tt.frobnicate %arg0 : i32\n    tt.return\n  }\n}\n");
    if (src) {
        auto tr = synth::runTrace(*src, {});
        CHECK(!tr.ok());
        if (!tr) CHECK(tr.error().message.find("frobnicate") != std::string::npos);
    } else {
        CHECK(src.error().message.find("bad.ttir") != std::string::npos);
    }
}
