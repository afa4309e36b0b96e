#include "tlift/synth/source.h"

#include "tlift/frontend/python/ast_walk.h"
#include "tlift/frontend/ttir/ttir_reader.h"

#include <filesystem>
#include <regex>
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

// A .ttir file: the TTIR reader's module, its kernel, and the Python file its locations name.
util::Result<std::shared_ptr<const OpenedSource>> openTtir(std::shared_ptr<OpenedSource> src) {
    using R = util::Result<std::shared_ptr<const OpenedSource>>;
    namespace fs = std::filesystem;
    auto m = frontend::ttir::readTtir(*src->sm, src->file);
    if (!m) return std::move(m).takeError();
    src->diagnostics.append(m->warnings);
    auto mod = std::make_shared<frontend::ttir::TtirModule>(std::move(*m));
    const frontend::ttir::TtirFunction* k = mod->kernel();
    if (!k) return R::failure("ttir", src->path + ": no public function with a body (the kernel) in the module");
    KernelEntry e;
    e.name = k->name;
    e.span = k->span;
    src->kernels.push_back(e);
    src->ttir = mod;
    // An empty Python module keeps the Python fields valid.
    util::FileId empty = src->sm->addFile(src->path + " (no Python)", "");
    auto parsed = py::parseModule(*src->sm, empty);
    src->module = std::move(parsed.module);
    util::Diagnostics ignored;
    src->info = py::analyzeModule(*src->module, ignored);
    // The Python file of the kernel: the first file a location names, relative to the current
    // folder or to a folder above the .ttir file.
    std::smatch match;
    std::string text(src->sm->text(src->file));
    static const std::regex locFile(R"re(loc\("([^"]+\.py)")re");
    if (std::regex_search(text, match, locFile)) {
        fs::path rel(match[1].str());
        std::vector<fs::path> roots = {fs::current_path()};
        for (fs::path d = fs::absolute(src->path).parent_path(); !d.empty(); d = d.parent_path()) {
            roots.push_back(d);
            if (d == d.parent_path()) break;
        }
        for (const fs::path& r : roots) {
            std::error_code ec;
            fs::path cand = rel.is_absolute() ? rel : r / rel;
            if (!fs::is_regular_file(cand, ec)) continue;
            src->sourceRoot = rel.is_absolute() ? std::string() : r.string();
            auto py = openSource(cand.lexically_normal().string());
            if (py) src->python = *py;
            break;
        }
    }
    return std::shared_ptr<const OpenedSource>(std::move(src));
}

bool endsWith(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

util::Result<std::shared_ptr<const OpenedSource>> openSource(const std::string& path) {
    auto src = std::make_shared<OpenedSource>();
    src->path = path;
    src->sm = std::make_shared<util::SourceManager>();
    std::string err;
    src->file = src->sm->loadFile(path, &err);
    if (src->file == util::kNoFile) return util::Result<std::shared_ptr<const OpenedSource>>::failure("io", err);
    if (endsWith(path, ".ttir")) return openTtir(std::move(src));
    return finish(std::move(src));
}

util::Result<std::shared_ptr<const OpenedSource>> openSourceText(const std::string& path, std::string text) {
    auto src = std::make_shared<OpenedSource>();
    src->path = path;
    src->sm = std::make_shared<util::SourceManager>();
    src->file = src->sm->addFile(path, std::move(text));
    if (endsWith(path, ".ttir")) return openTtir(std::move(src));
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
