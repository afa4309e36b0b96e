#include "tlift/report/reference.h"

#include "python_printer.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"
#include "tlift/util/strings.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <sstream>

namespace tlift::report {

using detail::PyLib;

namespace {

struct Leaves {
    std::map<std::string, ir::Expr> tensors, syms;
};

void collect(ir::Expr e, Leaves& out) {
    ir::visitPostOrder(e, [&](ir::Expr n) {
        if (n.op() == ir::Op::Tensor) {
            out.tensors.emplace(std::string(n.name()), n);
            for (ir::Expr d : n.shape()) collect(d, out);
        } else if (n.op() == ir::Op::Sym) {
            out.syms.emplace(std::string(n.name()), n);
        }
    });
}

// The formula each output's code computes.
struct Chosen {
    const synth::OutputSummary* out;
    ir::Expr formula;
    bool tensorLevel;
};

bool tensorLevelSimplified(const synth::OutputSummary& o) {
    return o.simplified && o.egraph && o.egraph->tensorLevel && o.simplified == o.egraph->rhs;
}

std::vector<ir::Expr> outputShape(const synth::LiftResult& r, const synth::OutputSummary& o) {
    if (r.trace)
        if (const symexec::TensorBinding* b = r.trace->launch.tensor(o.output)) return b->shape;
    return {};
}

ir::DType outputDType(const synth::LiftResult& r, const synth::OutputSummary& o) {
    if (r.trace)
        if (const symexec::TensorBinding* b = r.trace->launch.tensor(o.output)) return b->dtype;
    return o.summary ? o.summary.dtype() : ir::DType::F32;
}

// The output's coordinate variables, in the order of o.coords, found free in the formula.
std::vector<ir::Expr> coordVars(const synth::OutputSummary& o, ir::Expr f) {
    std::vector<ir::Expr> free = ir::freeVars(f), out;
    for (const std::string& c : o.coords) {
        auto it = std::find_if(free.begin(), free.end(), [&](ir::Expr v) { return v.name() == c; });
        out.push_back(it != free.end() ? *it : ir::Expr());
    }
    return out;
}

class ModuleWriter {
public:
    ModuleWriter(const synth::LiftResult& r, PyLib lib) : m_r(r), m_lib(lib) {}

    util::Result<Reference> write();

private:
    std::string lib(const char* np, const char* torch) const { return m_lib == PyLib::NumPy ? np : torch; }
    void chooseFormulas();
    void parameters();
    util::Result<std::string> outputBlock(const Chosen& c, std::set<std::string>& helpers);
    std::string header() const;

    const synth::LiftResult& m_r;
    PyLib m_lib;
    std::vector<Chosen> m_chosen;
    Reference m_ref;
    std::map<std::string, std::string> m_tensorNames, m_symNames;
    std::vector<std::string> m_prologue; // sizes read from the tensors' shapes
    std::set<std::string> m_used;
    std::string m_device;
};

void ModuleWriter::chooseFormulas() {
    for (const synth::OutputSummary& o : m_r.outputs) {
        if (!o.summary) {
            m_ref.skipped.push_back(o.output + ": no summary (" + std::string(synth::statusName(o.status)) + ")");
            continue;
        }
        if (m_lib == PyLib::Torch && tensorLevelSimplified(o)) m_chosen.push_back({&o, o.simplified, true});
        else m_chosen.push_back({&o, o.summary, false});
    }
}

// Tensors in the kernel's order, then sizes from their shapes, then the other symbols.
void ModuleWriter::parameters() {
    Leaves leaves;
    for (const Chosen& c : m_chosen) {
        collect(c.formula, leaves);
        if (c.tensorLevel && c.out->summary) collect(c.out->summary, leaves); // the fallback may use more
        for (ir::Expr d : outputShape(m_r, *c.out)) collect(d, leaves);
    }
    std::vector<std::string> order;
    if (m_r.trace)
        for (const symexec::TensorBinding& b : m_r.trace->launch.tensors)
            if (leaves.tensors.count(b.name)) order.push_back(b.name);
    for (const auto& [name, t] : leaves.tensors)
        if (std::find(order.begin(), order.end(), name) == order.end()) order.push_back(name);
    for (const std::string& name : order) {
        ir::Expr t = leaves.tensors.at(name);
        std::string py = detail::pyIdentifier(name);
        m_used.insert(py);
        m_tensorNames[name] = py;
        m_ref.tensors.push_back({name, py, std::string(ir::dtypeName(t.dtype()))});
        if (m_device.empty()) m_device = py + ".device";
    }
    for (const std::string& name : order) {
        ir::Expr t = leaves.tensors.at(name);
        for (std::size_t d = 0; d < t.rank(); ++d) {
            ir::Expr dim = t.shape()[d];
            if (dim.op() != ir::Op::Sym || m_symNames.count(std::string(dim.name()))) continue;
            std::string py = detail::pyIdentifier(std::string(dim.name()));
            if (m_used.count(py)) py += "_";
            m_used.insert(py);
            m_symNames[std::string(dim.name())] = py;
            m_prologue.push_back(fmt::format("{} = {}.shape[{}]", py, m_tensorNames[name], d));
        }
    }
    for (const auto& [name, s] : leaves.syms) {
        if (m_symNames.count(name)) continue;
        std::string py = detail::pyIdentifier(name);
        if (m_used.count(py)) py += "_";
        m_used.insert(py);
        m_symNames[name] = py;
        m_ref.scalars.push_back({name, py, std::string(ir::dtypeName(s.dtype()))});
    }
}

util::Result<std::string> ModuleWriter::outputBlock(const Chosen& c, std::set<std::string>& helpers) {
    const synth::OutputSummary& o = *c.out;
    std::vector<ir::Expr> shape = outputShape(m_r, o);
    if (shape.empty() && !o.coords.empty()) return util::Diagnostic::error("export", "the launch context gives no shape for " + o.output);
    std::set<std::string> used = m_used;
    // Sizes of the output.
    detail::PyScope plain;
    plain.tensors = m_tensorNames;
    plain.syms = m_symNames;
    plain.device = m_device;
    std::vector<std::string> dims;
    for (ir::Expr d : shape) {
        detail::PythonPrinter pp(m_lib, plain, used);
        auto s = pp.print(d);
        if (!s || !pp.statements().empty()) return util::Diagnostic::error("export", "the shape of " + o.output + " has no Python form");
        dims.push_back(*s);
    }
    detail::PyScope scope = plain;
    std::vector<std::string> lines;
    if (!c.tensorLevel) {
        scope.coords = coordVars(o, c.formula);
        scope.axes = static_cast<int>(scope.coords.size()) + detail::reductionDepth(c.formula);
        for (std::size_t d = 0; d < scope.coords.size(); ++d) {
            std::string name = o.coords[d];
            std::string py = detail::pyIdentifier(name);
            for (int n = 1; used.count(py); ++n) py = detail::pyIdentifier(name) + "_" + std::to_string(n);
            used.insert(py);
            scope.coordNames.push_back(py);
            std::string shp;
            for (int a = 0; a < scope.axes; ++a) shp += std::string(a ? ", " : "") + (static_cast<std::size_t>(a) == d ? "-1" : "1");
            if (scope.axes == 1) shp += ",";
            lines.push_back(fmt::format("{} = {}({}{}).reshape({})", py, lib("np.arange", "torch.arange"), dims[d],
                                        m_lib == PyLib::Torch && !m_device.empty() ? ", device=" + m_device : "", shp));
        }
    } else {
        scope.axes = static_cast<int>(shape.size());
    }
    detail::PythonPrinter pp(m_lib, scope, used);
    auto value = pp.print(c.formula);
    if (!value) return util::Diagnostic::error("export", value.error().message);
    for (const std::string& s : pp.statements()) lines.push_back(s);
    helpers.insert(pp.helpers().begin(), pp.helpers().end());
    std::string shapeTuple = "(" + util::join(dims, ", ") + (dims.size() == 1 ? ",)" : ")");
    std::string dt = detail::pyDType(m_lib, outputDType(m_r, o));
    if (m_lib == PyLib::NumPy)
        lines.push_back(fmt::format("outputs[{:?}] = _shaped({}, {}, {}, {})", o.output, *value, shapeTuple, scope.axes, dt));
    else
        lines.push_back(fmt::format("outputs[{:?}] = _shaped({}, {}, {}, {}, {})", o.output, *value, shapeTuple, scope.axes, dt,
                                    m_device.empty() ? "None" : m_device));
    std::string block = "    # " + (c.tensorLevel ? (o.simplifiedLhs.empty() ? o.output : o.simplifiedLhs) : o.lhs) + " = " +
                        ir::toText(c.formula) + "\n";
    for (const std::string& l : lines) block += "    " + l + "\n";
    return block;
}

std::string ModuleWriter::header() const {
    std::ostringstream out;
    const std::string kernel = m_r.trace ? m_r.trace->kernel : std::string("kernel");
    const std::string file = m_r.trace && m_r.trace->source ? m_r.trace->source->path : std::string();
    out << "\"\"\"" << lib("NumPy", "PyTorch") << " reference of the Triton kernel " << kernel << " (" << file << ").\n\n"
        << "Generated by tritonlift from the lifted summaries";
    if (!m_r.command.empty()) out << "; reproduce with\n    " << m_r.command;
    out << "\n\n";
    for (const Chosen& c : m_chosen) {
        const synth::OutputSummary& o = *c.out;
        out << "    " << (c.tensorLevel ? (o.simplifiedLhs.empty() ? o.output : o.simplifiedLhs) : o.lhs) << " = "
            << ir::toText(c.formula) << "\n        (" << synth::statusName(o.status) << (o.mode.empty() ? "" : ": " + o.mode) << ")\n";
    }
    out << "\nArguments: ";
    std::vector<std::string> args;
    for (const RefParam& p : m_ref.tensors) args.push_back(p.pyName + " (" + p.dtype + " tensor `" + p.irName + "`)");
    for (const RefParam& p : m_ref.scalars) args.push_back(p.pyName + " (" + p.dtype + " scalar `" + p.irName + "`, keyword)");
    out << (args.empty() ? "none" : util::join(args, ", ")) << ".\n";
    out << "Returns a dict of the outputs by name: ";
    std::vector<std::string> outs;
    for (const Chosen& c : m_chosen) outs.push_back(c.out->output);
    out << util::join(outs, ", ") << ".\n";
    if (!m_ref.skipped.empty()) out << "No reference for: " << util::join(m_ref.skipped, "; ") << ".\n";
    out << "Reads are clipped into range: where() evaluates both of its branches, and a masked-off\n"
           "read's value is never used.\n\"\"\"\n";
    return out.str();
}

const char* kShapedNumPy = R"(def _shaped(v, shape, axes, dtype):
    """The value on the output's index grid (trailing reduction axes have size 1)."""
    v = np.broadcast_to(np.asarray(v), tuple(shape) + (1,) * (axes - len(shape)))
    return np.array(v.reshape(tuple(shape)), dtype=dtype)
)";

const char* kShapedTorch = R"(def _shaped(v, shape, axes, dtype, device):
    """The value on the output's index grid (trailing reduction axes have size 1)."""
    v = _t(v)
    if device is not None:
        v = v.to(device)
    v = v.expand(tuple(shape) + (1,) * (axes - len(shape)))
    return v.reshape(tuple(shape)).to(dtype).contiguous()
)";

util::Result<Reference> ModuleWriter::write() {
    chooseFormulas();
    parameters();
    std::set<std::string> helpers;
    std::vector<std::string> blocks;
    std::vector<Chosen> done;
    for (const Chosen& c : m_chosen) {
        auto b = outputBlock(c, helpers);
        if (!b && c.tensorLevel) { // the index-level summary instead
            Chosen idx{c.out, c.out->summary, false};
            if (auto b2 = outputBlock(idx, helpers)) {
                blocks.push_back(*b2);
                done.push_back(idx);
                continue;
            }
        }
        if (!b) {
            m_ref.skipped.push_back(c.out->output + ": " + b.error().message);
            continue;
        }
        blocks.push_back(*b);
        done.push_back(c);
    }
    m_chosen = done;
    if (blocks.empty())
        return util::Diagnostic::error("export", "no output has a Python form" + (m_ref.skipped.empty() ? std::string() : ": " + util::join(m_ref.skipped, "; ")));
    if (m_lib == PyLib::Torch) helpers.insert("_t");
    const std::string kernel = m_r.trace ? m_r.trace->kernel : std::string("kernel");
    m_ref.function = detail::pyIdentifier(kernel) + "_reference";
    for (const Chosen& c : m_chosen)
        m_ref.outputs.push_back({c.out->output, ir::toText(c.formula), c.tensorLevel});

    std::ostringstream out;
    out << header() << "\n";
    out << (m_lib == PyLib::NumPy ? "import math\n\nimport numpy as np\n" : "import torch\nimport torch.nn.functional as F\n") << "\n\n";
    out << detail::helperSource(m_lib, helpers) << (m_lib == PyLib::NumPy ? kShapedNumPy : kShapedTorch) << "\n\n";
    std::vector<std::string> params;
    for (const RefParam& p : m_ref.tensors) params.push_back(p.pyName);
    if (!m_ref.scalars.empty()) {
        params.push_back("*");
        for (const RefParam& p : m_ref.scalars) params.push_back(p.pyName);
    }
    out << "def " << m_ref.function << "(" << util::join(params, ", ") << "):\n";
    out << "    \"\"\"The outputs of " << kernel << " by name (see the module's docstring).\"\"\"\n";
    for (const std::string& l : m_prologue) out << "    " << l << "\n";
    out << "    outputs = {}\n";
    for (const std::string& b : blocks) out << b;
    out << "    return outputs\n";
    m_ref.code = out.str();
    return m_ref;
}

} // namespace

util::Result<Reference> exportReference(const synth::LiftResult& r, RefLib lib) {
    ModuleWriter w(r, lib == RefLib::NumPy ? PyLib::NumPy : PyLib::Torch);
    return w.write();
}

} // namespace tlift::report
