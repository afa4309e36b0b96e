// The NumPy reference of corpus kernels, run by Python on the harness's random inputs, against
// the kernel's concrete run (the symbolic executor's runner). Needs a python3 with numpy
// (scripts/setup.sh installs python3-numpy); without one the test says so and passes.
#include "tlift/report/reference.h"
#include "tlift/synth/harness.h"
#include "tlift/synth/lifter.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace tlift;
using nlohmann::json;

namespace {

const std::string kSource = TLIFT_SOURCE_DIR;
const std::string kPython = TLIFT_PYTHON_NUMPY; // empty when CMake found none

const char* kDriver = R"(import importlib.util, json, sys
import numpy as np
spec = importlib.util.spec_from_file_location("reference", sys.argv[1])
ref = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ref)
case = json.load(open(sys.argv[2]))
def arr(t):
    dt = {"float": np.float64, "int": np.int64, "bool": np.bool_}[t["kind"]]
    return np.array([float(v) for v in t["data"]], dtype=np.float64).astype(dt).reshape(t["shape"])
args = [arr(case["tensors"][n]) for n in case["order"]]
out = getattr(ref, case["function"])(*args, **case["scalars"])
bad = []
for name, t in case["expected"].items():
    want = arr(t).astype(np.float64)
    got = np.asarray(out[name]).astype(np.float64)
    if got.shape != want.shape:
        bad.append("%s: shape %s, kernel %s" % (name, got.shape, want.shape))
    elif not np.allclose(got, want, rtol=1e-5, atol=1e-5, equal_nan=True):
        bad.append("%s: max abs difference %g" % (name, np.nanmax(np.abs(got - want))))
print("\n".join(bad) if bad else "ok")
sys.exit(1 if bad else 0)
)";

json number(double v) {
    if (std::isfinite(v)) return v;
    return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
}

json tensorJson(const ir::TensorValue& t) {
    json data = json::array();
    t.forEachIndex([&](const std::vector<std::int64_t>& idx) { data.push_back(number(t.at(idx))); });
    std::string kind = t.dtype == ir::DType::Bool ? "bool" : ir::isFloat(t.dtype) ? "float" : "int";
    return {{"shape", t.shape}, {"data", data}, {"kind", kind}};
}

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs the reference on every case of a harness; returns "" or what went wrong.
std::string runCases(const report::Reference& ref, const synth::Harness& h, const std::filesystem::path& dir) {
    std::ofstream(dir / "reference.py") << ref.code;
    std::ofstream(dir / "driver.py") << kDriver;
    for (std::size_t c = 0; c < h.cases.size(); ++c) {
        const synth::TestCase& tc = h.cases[c];
        json j;
        j["function"] = ref.function;
        j["order"] = json::array();
        for (const report::RefParam& p : ref.tensors) {
            j["order"].push_back(p.pyName);
            if (auto it = tc.tensors.find(p.irName); it != tc.tensors.end()) {
                j["tensors"][p.pyName] = tensorJson(it->second);
            } else if (auto b = tc.input.buffers.find(p.irName); b != tc.input.buffers.end()) {
                // A pointer the summary reads as a flat buffer.
                json data = json::array();
                for (double v : b->second) data.push_back(number(v));
                std::string kind = p.dtype == "i1" ? "bool" : (p.dtype[0] == 'f' || p.dtype[0] == 'b') ? "float" : "int";
                j["tensors"][p.pyName] = {{"shape", {b->second.size()}}, {"data", data}, {"kind", kind}};
            } else {
                return "case " + tc.label + ": no tensor " + p.irName;
            }
        }
        j["scalars"] = json::object();
        for (const report::RefParam& p : ref.scalars) {
            const double* v = tc.env.sym(p.irName);
            if (!v) return "case " + tc.label + ": no value of " + p.irName;
            bool integer = p.dtype[0] == 'i' || p.dtype[0] == 'u';
            j["scalars"][p.pyName] = integer ? json(static_cast<std::int64_t>(*v)) : json(*v);
        }
        for (const report::RefOutput& o : ref.outputs) {
            auto it = tc.tensors.find(o.name);
            if (it == tc.tensors.end()) return "case " + tc.label + ": no output " + o.name;
            j["expected"][o.name] = tensorJson(it->second);
        }
        std::ofstream(dir / "case.json") << j.dump();
        std::string cmd = "'" + kPython + "' '" + (dir / "driver.py").string() + "' '" + (dir / "reference.py").string() + "' '" +
                          (dir / "case.json").string() + "' > '" + (dir / "out.txt").string() + "' 2>&1";
        if (std::system(cmd.c_str()) != 0) return "case " + tc.label + ": " + slurp((dir / "out.txt").string());
    }
    return "";
}

} // namespace

TEST_CASE("NumPy references agree with the kernels' concrete runs", "[report][reference]") {
    if (kPython.empty()) {
        WARN("no python3 with numpy: the NumPy references are not run");
        return;
    }
    const char* kernels[] = {
        "elementwise/add", "elementwise/gelu_erf", "elementwise/masked_fill", "elementwise/clamp",
        "broadcast/add_bias_rows", "reduce/row_sum", "reduce/row_max", "reduce/argmax", "reduce/row_var",
        "softmax/log_softmax", "norm/rms_norm", "norm/layer_norm", "matmul/mv", "matmul/linear", "gather/transpose",
        "gather/embedding", "scan/cumsum", "loss/cross_entropy", "misc/where_guards",
    };
    auto dir = std::filesystem::temp_directory_path() / ("tlift-ref-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    for (const char* k : kernels) {
        DYNAMIC_SECTION(k) {
            synth::LiftOptions o;
            o.verify = false;
            synth::LiftResult r = synth::liftFile(kSource + "/tests/data/kernels/" + std::string(k) + ".py", o);
            REQUIRE(r.trace);
            REQUIRE(r.trace->spec);
            auto ref = report::exportReference(r, report::RefLib::NumPy);
            INFO(k << ": " << (ref ? ref->code : ref.error().message));
            REQUIRE(ref);
            CHECK(ref->skipped.empty());
            synth::HarnessOptions ho;
            ho.seed = 7; // other inputs than the lift's own tests
            ho.cases = 4;
            auto h = synth::buildHarness(*r.trace->spec, r.trace->launch, ho);
            REQUIRE(h);
            REQUIRE_FALSE(h->cases.empty());
            CHECK(runCases(*ref, *h, dir) == "");
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

TEST_CASE("PyTorch references and pytest files are valid Python", "[report][reference]") {
    if (kPython.empty()) {
        WARN("no python3: the generated files are not compiled");
        return;
    }
    auto dir = std::filesystem::temp_directory_path() / ("tlift-pytest-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    for (const char* k : {"softmax/log_softmax", "norm/rms_norm", "gather/embedding", "loss/cross_entropy"}) {
        DYNAMIC_SECTION(k) {
            synth::LiftOptions o;
            o.verify = false;
            synth::LiftResult r = synth::liftFile(kSource + "/tests/data/kernels/" + std::string(k) + ".py", o);
            REQUIRE(r.trace);
            auto torch = report::exportReference(r, report::RefLib::Torch);
            REQUIRE(torch);
            CHECK(torch->code.find("import torch") != std::string::npos);
            auto py = report::exportPytest(r);
            INFO((py ? *py : py.error().message));
            REQUIRE(py);
            CHECK(py->find("def test_kernel_matches_reference(case):") != std::string::npos);
            CHECK(py->find("PARAMS = [") != std::string::npos);
            CHECK(py->find(torch->function) != std::string::npos);
            std::ofstream(dir / "ref_torch.py") << torch->code;
            std::ofstream(dir / "test_kernel.py") << *py;
            // Compiling needs no torch: it checks the syntax of both files.
            std::string cmd = "'" + kPython + "' -m py_compile '" + (dir / "ref_torch.py").string() + "' '" +
                              (dir / "test_kernel.py").string() + "' > '" + (dir / "out.txt").string() + "' 2>&1";
            int rc = std::system(cmd.c_str());
            INFO(slurp((dir / "out.txt").string()));
            CHECK(rc == 0);
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}
