#include "tlift/synth/source.h"

#include "tlift/frontend/python/ast_walk.h"

#include <set>

namespace tlift::synth {

namespace py = frontend::py;

namespace {

// JIT functions named inside other JIT functions (called, or passed as a combine function) are
// helpers; the rest are entry points.
std::set<std::string> calledFromJit(const py::ModuleInfo& info) {
    std::set<std::string> called;
    for (const py::FunctionInfo& f : info.functions) {
        if (!f.isJit()) continue;
        struct V : py::AstVisitor {
            std::set<std::string>& called;
            const std::string& self;
            V(std::set<std::string>& c, const std::string& s) : called(c), self(s) {}
            bool visitExpr(const py::Expr& e) override {
                if (auto* n = e.as<py::Name>(); n && n->id != self) called.insert(n->id);
                return true;
            }
        } v(called, f.name);
        for (const auto& s : f.def->body) py::walk(*s, v);
    }
    return called;
}

util::Result<std::shared_ptr<const OpenedSource>> finish(std::shared_ptr<OpenedSource> src) {
    auto parsed = py::parseModule(*src->sm, src->file);
    src->module = std::move(parsed.module);
    src->diagnostics.append(parsed.diagnostics);
    util::Diagnostics analysis;
    src->info = py::analyzeModule(*src->module, analysis);
    src->diagnostics.append(analysis);
    std::set<std::string> called = calledFromJit(src->info);
    std::set<std::string> launched;
    for (const py::LaunchSite& l : src->info.launches) launched.insert(l.kernelName);
    for (const py::FunctionInfo& f : src->info.functions) {
        if (!f.isJit()) continue;
        KernelEntry k;
        k.name = f.jitNames.empty() ? f.name : f.jitNames.front();
        k.span = f.def ? f.def->nameSpan : f.span;
        k.autotuned = f.autotune.has_value();
        k.hasHeuristics = !f.heuristics.empty();
        k.configs = f.autotune ? f.autotune->configs.size() : 0;
        bool entry = launched.count(k.name) || launched.count(f.name) || k.autotuned || k.hasHeuristics ||
                     !called.count(f.name);
        (entry ? src->kernels : src->helpers).push_back(k);
    }
    return std::shared_ptr<const OpenedSource>(std::move(src));
}

} // namespace

util::Result<std::shared_ptr<const OpenedSource>> openSource(const std::string& path) {
    auto src = std::make_shared<OpenedSource>();
    src->path = path;
    src->sm = std::make_shared<util::SourceManager>();
    std::string err;
    src->file = src->sm->loadFile(path, &err);
    if (src->file == util::kNoFile) return util::Result<std::shared_ptr<const OpenedSource>>::failure("io", err);
    return finish(std::move(src));
}

util::Result<std::shared_ptr<const OpenedSource>> openSourceText(const std::string& path, std::string text) {
    auto src = std::make_shared<OpenedSource>();
    src->path = path;
    src->sm = std::make_shared<util::SourceManager>();
    src->file = src->sm->addFile(path, std::move(text));
    return finish(std::move(src));
}

util::Result<const KernelEntry*> pickKernel(const OpenedSource& src, const std::string& name) {
    using R = util::Result<const KernelEntry*>;
    if (!name.empty()) {
        for (const KernelEntry& k : src.kernels)
            if (k.name == name) return &k;
        for (const KernelEntry& k : src.helpers)
            if (k.name == name) return &k;
        std::string known;
        for (const KernelEntry& k : src.kernels) known += (known.empty() ? "" : ", ") + k.name;
        return R::failure("kernel", "no @triton.jit kernel named '" + name + "' in " + src.path +
                                        (known.empty() ? "" : " (kernels: " + known + ")"));
    }
    if (src.kernels.empty()) return R::failure("kernel", "no @triton.jit kernel in " + src.path);
    return &src.kernels.front();
}

} // namespace tlift::synth
