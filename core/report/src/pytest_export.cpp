// The generated pytest: the Triton kernel, launched on the sizes the lift's harness chose (with
// fresh random floats; integer buffers such as indices keep the harness's valid values), against
// the PyTorch reference.
#include "python_printer.h"
#include "tlift/report/reference.h"
#include "tlift/synth/harness.h"
#include "tlift/synth/source.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

namespace tlift::report {

namespace {

std::string pyList(const std::vector<std::int64_t>& v) {
    std::string s = "(";
    for (std::size_t i = 0; i < v.size(); ++i) s += std::to_string(v[i]) + (v.size() == 1 || i + 1 < v.size() ? ", " : "");
    if (v.size() == 1) s.pop_back(), s.pop_back(), s += ",";
    return s + ")";
}

std::string pyNumber(double v) {
    if (std::isnan(v)) return "float('nan')";
    if (std::isinf(v)) return v > 0 ? "float('inf')" : "float('-inf')";
    if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<std::int64_t>(v));
    return fmt::format("{}", v);
}

std::string tolerance(ir::DType t) {
    if (t == ir::DType::F16 || t == ir::DType::BF16 || t == ir::DType::F8E4M3 || t == ir::DType::F8E5M2) return "rtol=2e-2, atol=2e-2";
    if (ir::isFloat(t)) return "rtol=1e-4, atol=1e-5";
    return "rtol=0, atol=0";
}

// One launch: every buffer (logical shape and strides, or flat), scalars, grid.
std::string caseLiteral(const synth::TestCase& tc, const symexec::Spec& spec, const symexec::LaunchContext& lc,
                        const Reference& ref, const std::set<std::string>& outputParams) {
    std::ostringstream out;
    out << "    {\n        \"label\": " << fmt::format("{:?}", tc.label) << ",\n";
    out << "        \"grid\": " << pyList({tc.input.grid[0], tc.input.grid[1], tc.input.grid[2]}) << ",\n";
    out << "        \"buffers\": {\n";
    for (const symexec::BufferInfo& b : spec.buffers) {
        const symexec::TensorBinding* tb = lc.tensorForParam(b.name);
        auto data = tc.input.buffers.find(b.name);
        std::size_t flat = data != tc.input.buffers.end() ? data->second.size() : 0;
        std::vector<std::int64_t> shape{static_cast<std::int64_t>(flat)}, strides{1};
        std::string logical = "None";
        if (tb)
            if (auto t = tc.tensors.find(tb->name); t != tc.tensors.end()) {
                shape = t->second.shape;
                strides = t->second.strides;
                logical = fmt::format("{:?}", tb->name);
            }
        out << "            " << fmt::format("{:?}", b.name) << ": {\"tensor\": " << logical << ", \"shape\": " << pyList(shape)
            << ", \"strides\": " << pyList(strides) << ", \"flat\": " << flat << ", \"dtype\": "
            << detail::pyDType(detail::PyLib::Torch, b.dtype);
        // Integer inputs hold indices and counts the kernel relies on: keep the harness's values
        // (outputs start as zeros; the harness fills them with a sentinel).
        if (!ir::isFloat(b.dtype) && data != tc.input.buffers.end() && !outputParams.count(b.name)) {
            out << ", \"data\": [";
            for (std::size_t i = 0; i < data->second.size(); ++i) out << (i ? ", " : "") << pyNumber(data->second[i]);
            out << "]";
        }
        out << "},\n";
    }
    out << "        },\n        \"scalars\": {";
    bool first = true;
    for (const auto& [name, v] : tc.input.scalars) {
        // Triton specializes on the Python type: a float parameter stays a float.
        bool isFloat = std::any_of(spec.scalars.begin(), spec.scalars.end(),
                                   [&](const symexec::ScalarInfo& s) { return s.name == name && ir::isFloat(s.symbol.dtype()); });
        std::string num = pyNumber(v);
        if (isFloat && num.find_first_of(".ena") == std::string::npos) num += ".0";
        out << (first ? "" : ", ") << fmt::format("{:?}", name) << ": " << num;
        first = false;
    }
    out << "},\n        \"reference_scalars\": {";
    first = true;
    for (const RefParam& p : ref.scalars) {
        const double* v = tc.env.sym(p.irName);
        out << (first ? "" : ", ") << fmt::format("{:?}", p.pyName) << ": " << (v ? pyNumber(*v) : "None");
        first = false;
    }
    out << "},\n    },\n";
    return out.str();
}

const char* kTestBody = R"(

def _kernel():
    spec = importlib.util.spec_from_file_location("tlift_kernel_module", KERNEL_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, KERNEL)


def _buffer(b, gen):
    if "data" in b:
        flat = torch.tensor(b["data"], dtype=b["dtype"], device="cuda")
    elif b["dtype"].is_floating_point:
        flat = torch.randn(b["flat"], generator=gen, device="cuda").to(b["dtype"])
    else:
        flat = torch.zeros(b["flat"], dtype=b["dtype"], device="cuda")
    return flat, torch.as_strided(flat, b["shape"], b["strides"])


@pytest.mark.skipif(not torch.cuda.is_available(), reason="runs the Triton kernel: needs a GPU")
@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_kernel_matches_reference(case):
    gen = torch.Generator(device="cuda")
    gen.manual_seed(SEED)
    buffers = {name: _buffer(b, gen) for name, b in case["buffers"].items()}
    views = {name: view for name, (flat, view) in buffers.items()}
    # The reference reads logical tensors (and their contents before the launch as
    # <tensor>_before), or a buffer flat by its parameter's name.
    inputs = {}
    for name, b in case["buffers"].items():
        flat, view = buffers[name]
        inputs[name] = flat.clone()
        if b["tensor"]:
            inputs[b["tensor"]] = view.clone()
            inputs[b["tensor"] + "_before"] = view.clone()
    args = {name: (views[name] if name in views else case["scalars"][name]) for name in PARAMS}
    want = REFERENCE(*[inputs[t] for t in REFERENCE_TENSORS], **case["reference_scalars"])
    _kernel()[case["grid"]](*[args[p] for p in PARAMS], **CONSTEXPRS)
    torch.cuda.synchronize()
    for out, (param, tol) in OUTPUTS.items():
        got = views[param]
        torch.testing.assert_close(got, want[out].to(got.dtype), equal_nan=True, **tol)
)";

} // namespace

util::Result<std::string> exportPytest(const synth::LiftResult& r) {
    if (!r.trace || !r.trace->spec) return util::Diagnostic::error("export", "the lift has no trace");
    auto ref = exportReference(r, RefLib::Torch);
    if (!ref) return ref.error();
    const synth::TraceResult& t = *r.trace;
    const symexec::Spec& spec = *t.spec;
    synth::HarnessOptions ho;
    ho.seed = r.seed;
    auto h = synth::buildHarness(spec, t.launch, ho);
    if (!h) return h.error();
    if (h->cases.empty()) return util::Diagnostic::error("export", "the harness found no sizes the kernel handles");
    // The smaller cases keep the file short; the edge sizes are among them.
    std::vector<const synth::TestCase*> cases;
    for (const synth::TestCase& c : h->cases) cases.push_back(&c);
    auto size = [](const synth::TestCase* c) {
        std::size_t n = 0;
        for (const auto& [k, b] : c->input.buffers) n += b.size();
        return n;
    };
    std::stable_sort(cases.begin(), cases.end(), [&](auto* a, auto* b) { return size(a) < size(b); });
    if (cases.size() > 3) cases.resize(3);

    std::ostringstream out;
    std::string file = t.source ? std::filesystem::absolute(t.source->path).lexically_normal().string() : std::string();
    out << "\"\"\"pytest: the Triton kernel " << t.kernel << " against its PyTorch reference, generated by tritonlift";
    if (!r.command.empty()) out << "\n(" << r.command << ")";
    out << ".\n\nThe kernel runs on the sizes the lift tested, with random floats (seed " << r.seed
        << "); integer buffers keep\nthe values the lift used. Set TLIFT_KERNEL_FILE to the kernel's file when it moved.\n\"\"\"\n";
    out << "import importlib.util\nimport os\n\nimport pytest\nimport torch\n\n";
    out << "KERNEL_FILE = os.environ.get(\"TLIFT_KERNEL_FILE\", " << fmt::format("{:?}", file) << ")\n";
    out << "KERNEL = " << fmt::format("{:?}", t.kernel) << "\nSEED = " << r.seed << "\n";
    // Kernel parameters in order (buffers and scalars; constexprs go by keyword).
    std::vector<std::pair<int, std::string>> params;
    for (const symexec::BufferInfo& b : spec.buffers) params.emplace_back(b.paramIndex, b.name);
    for (const symexec::ScalarInfo& s : spec.scalars) params.emplace_back(s.paramIndex, s.name);
    std::sort(params.begin(), params.end());
    out << "PARAMS = [";
    for (std::size_t i = 0; i < params.size(); ++i) out << (i ? ", " : "") << fmt::format("{:?}", params[i].second);
    out << "]\n";
    bool tuned = false;
    if (t.source)
        if (auto k = synth::pickKernel(*t.source, t.kernel)) tuned = (*k)->autotuned || (*k)->hasHeuristics;
    out << "CONSTEXPRS = {";
    if (!tuned) { // autotune configs and heuristics set them themselves
        bool first = true;
        for (const auto& [name, v] : spec.constexprs) {
            out << (first ? "" : ", ") << fmt::format("{:?}", name) << ": " << pyNumber(v);
            first = false;
        }
    }
    out << "}\n";
    out << "REFERENCE_TENSORS = [";
    for (std::size_t i = 0; i < ref->tensors.size(); ++i) out << (i ? ", " : "") << fmt::format("{:?}", ref->tensors[i].irName);
    out << "]\nOUTPUTS = {\n";
    for (const RefOutput& o : ref->outputs) {
        const synth::OutputSummary* s = nullptr;
        for (const synth::OutputSummary& x : r.outputs) s = x.output == o.name ? &x : s;
        const symexec::TensorBinding* tb = t.launch.tensor(o.name);
        if (!s || !tb) continue;
        std::string tol = tolerance(tb->dtype);
        std::string dict = "dict(" + tol + ")";
        out << "    " << fmt::format("{:?}", o.name) << ": (" << fmt::format("{:?}", s->param) << ", " << dict << "),\n";
    }
    out << "}\nCASES = [\n";
    std::set<std::string> outputParams;
    for (const synth::OutputSummary& o : r.outputs) outputParams.insert(o.param);
    for (const synth::TestCase* c : cases) out << caseLiteral(*c, spec, t.launch, *ref, outputParams);
    out << "]\n\n\n# The PyTorch reference (tritonlift export --to torch).\n";
    std::string code = ref->code;
    out << code << "\n\nREFERENCE = " << ref->function << "\n" << kTestBody;
    return out.str();
}

} // namespace tlift::report
