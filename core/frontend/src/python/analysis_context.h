#pragma once
// State shared by the parts of analyzeModule (module_analyzer.cpp, decorator_reader.cpp,
// launch_finder.cpp). Internal to the Python frontend.

#include "tlift/frontend/python/const_evaluator.h"
#include "tlift/frontend/python/module.h"

#include <map>
#include <string>

namespace tlift::frontend::py::detail {

struct AnalysisContext {
    AnalysisContext(const Module& m, util::Diagnostics& d, ModuleInfo& i);

    const Module& module;
    util::Diagnostics& diags;
    ModuleInfo& info;
    ConstEvaluator evaluator;
    // The last module-level statement that binds each name (Assign, AnnAssign, def, class).
    std::map<std::string, const Stmt*, std::less<>> moduleBindings;

    // The expression a module-level `name = expr` assigned, or null.
    const Expr* moduleValue(std::string_view name) const;
    const Value* constantValue(std::string_view name) const;
    void warn(const std::string& category, const std::string& message, const util::SourceSpan& span);
};

void readJitOptions(AnalysisContext& ctx, const Call& call, FunctionInfo& fn);
AutotuneInfo readAutotune(AnalysisContext& ctx, const Call& call, const std::string& fnName);
HeuristicsInfo readHeuristics(AnalysisContext& ctx, const Call& call, const std::string& fnName);
void findLaunches(AnalysisContext& ctx);

} // namespace tlift::frontend::py::detail
