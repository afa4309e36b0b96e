#include "tlift/symexec/ttir_exec.h"

#include "tlift/frontend/ttir/ttir_reader.h"
#include "ttir_interp.h"

#include <algorithm>

namespace tlift::symexec {

namespace tt = frontend::ttir;

namespace {

// Program-id axes the module's code uses (1..3).
int pidAxesUsed(const tt::TtirModule& m) {
    int axes = 1;
    for (const tt::TtirOp& op : m.ops) {
        if (op.name != "tt.get_program_id" && op.name != "tt.get_num_programs") continue;
        const tt::TtirAttr* a = op.attr("axis");
        int axis = 2;
        if (a && a->kind == tt::TtirAttr::Kind::Enum && a->text.size() == 1 && a->text[0] >= 'x' && a->text[0] <= 'z')
            axis = a->text[0] - 'x';
        else if (a && a->kind == tt::TtirAttr::Kind::Int && a->i >= 0 && a->i <= 2)
            axis = static_cast<int>(a->i);
        axes = std::max(axes, axis + 1);
    }
    return axes;
}

} // namespace

util::Result<Spec> executeTtir(const tt::TtirModule& m, util::SourceManager& sm, const TtirExecOptions& o) {
    const tt::TtirFunction* fn = o.kernel.empty() ? m.kernel() : m.function(o.kernel);
    if (!fn) {
        std::string what = o.kernel.empty() ? "no public function with a body in '" + m.path + "'"
                                            : "no function named '" + o.kernel + "' in '" + m.path + "'";
        return util::Result<Spec>::failure("kernel", what);
    }
    if (fn->isDeclaration()) return util::Result<Spec>::failure("kernel", "'" + fn->name + "' is a declaration without a body", fn->span);
    Spec spec;
    spec.ctx = o.ctx ? o.ctx : std::make_shared<ir::Context>();
    spec.kernel = fn->name;
    spec.pidAxes = pidAxesUsed(m);
    for (int a = 0; a < spec.pidAxes; ++a) {
        spec.pids.push_back(spec.ctx->var("pid" + std::to_string(a)));
        spec.grid.push_back(spec.ctx->sym("grid" + std::to_string(a), ir::DType::I32));
    }
    spec.constexprs = o.constexprs;
    ttirexec::TtirInterp interp(m, sm, spec, o);
    spec.kernelSpan = interp.sources().functionSpan(*fn);
    try {
        interp.runKernel(*fn);
    } catch (const ir::IrError& e) {
        spec.diagnostics.error("internal", std::string("internal error while tracing: ") + e.what(), spec.kernelSpan);
    }
    return spec;
}

util::Result<Spec> executeTtirFile(const std::string& path, util::SourceManager& sm, const TtirExecOptions& o) {
    auto m = tt::readTtirFile(sm, path);
    if (!m) return m.error();
    return executeTtir(*m, sm, o);
}

} // namespace tlift::symexec
