#pragma once
// The module model: what the symbolic executor and the launch-context inference need to know
// about a Triton source file before running anything. Which names are triton / tl / libdevice,
// the module constants, which functions are JIT kernels (with constexpr parameters, jit
// options, autotune configs and heuristics), and where plain Python functions launch them
// (`kernel[grid](args...)`).
//
// A ModuleInfo points into the Module it was built from (const Expr*, const FunctionDef*): the
// Module must outlive it.

#include "tlift/frontend/python/ast.h"
#include "tlift/frontend/python/import_table.h"
#include "tlift/frontend/python/value.h"
#include "tlift/util/diagnostic.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlift::frontend::py {

// NAME = <expression of literals and earlier constants> at module level.
struct ModuleConstant {
    std::string name;
    const Expr* expr = nullptr; // the assigned expression
    Value value;
    bool constexprWrapped = false; // written as tl.constexpr(...) (or annotated tl.constexpr)
    util::SourceSpan span;         // the assignment
};

// A keyword option with its expression and, when it is made of literals, its value.
struct NamedOption {
    std::string name;
    const Expr* expr = nullptr; // null when the option came out of an evaluated comprehension
    std::optional<Value> value;
    util::SourceSpan span;
};

struct JitParam {
    std::string name;
    ParamKind kind = ParamKind::Regular;
    bool isConstexpr = false; // annotated with (an alias of) triton.language.constexpr
    const Expr* annotation = nullptr;
    const Expr* defaultValue = nullptr;
    std::optional<Value> defaultConst; // the default, when it is a literal expression
    util::SourceSpan span;
};

// Keyword options of `@triton.jit(...)`.
struct JitOptions {
    std::vector<std::string> doNotSpecialize; // names (indices are turned into names)
    std::vector<std::string> doNotSpecializeOnAlignment;
    bool noinline = false;
    std::vector<NamedOption> options; // every keyword, including the ones above
};

// One autotune config: `triton.Config({'BLOCK': 128}, num_warps=4, ...)` or a plain dict.
struct AutotuneConfig {
    std::vector<NamedOption> kwargs; // the meta-parameters, in order
    std::optional<std::int64_t> numWarps, numStages, numCtas, maxnreg;
    const Expr* preHook = nullptr;
    const Expr* expr = nullptr; // the Config call (for configs from a comprehension: its template)
    util::SourceSpan span;
    const NamedOption* kwarg(std::string_view name) const;
};

struct AutotuneInfo {
    const Call* call = nullptr; // the `triton.autotune(...)` call
    const Expr* configsExpr = nullptr;
    // False when the config list is computed by code the analysis does not run (a helper
    // call, a comprehension over unknown values); `configs` then holds what could be read.
    bool configsEvaluated = false;
    std::vector<AutotuneConfig> configs;
    const Expr* keyExpr = nullptr;
    bool keyEvaluated = false;
    std::vector<std::string> key;
    std::vector<NamedOption> options; // every keyword but configs and key
    util::SourceSpan span;
};

struct HeuristicEntry {
    std::string name;           // the meta-parameter it sets
    const Expr* expr = nullptr; // usually a Lambda taking the argument dict
    util::SourceSpan span;
};

struct HeuristicsInfo {
    const Call* call = nullptr; // the `triton.heuristics(...)` call
    const Expr* valuesExpr = nullptr;
    bool evaluated = false; // false when the dict is not written out in the module
    std::vector<HeuristicEntry> values;
    util::SourceSpan span;
};

enum class JitOrigin : std::uint8_t {
    NotJit,     // a plain Python function (a wrapper, a helper, a test)
    Decorator,  // @triton.jit (maybe under @triton.autotune / @triton.heuristics)
    Assignment, // made JIT at module level: `k = triton.jit(f)`, `k = triton.autotune(...)(triton.jit(f))`
};

struct FunctionInfo {
    std::string name;
    const FunctionDef* def = nullptr;
    JitOrigin origin = JitOrigin::NotJit;
    bool isJit() const { return origin != JitOrigin::NotJit; }
    // Module-level names bound to the JIT object: the function's own name when decorated, the
    // assigned name(s) when made JIT by assignment.
    std::vector<std::string> jitNames;
    const Stmt* jitAssignment = nullptr; // the assignment that made it JIT
    std::vector<JitParam> params;        // JIT functions only
    JitOptions jit;
    std::optional<AutotuneInfo> autotune;
    std::vector<HeuristicsInfo> heuristics; // outermost first
    std::vector<const Expr*> otherDecorators; // decorators that are not triton's
    util::SourceSpan span;
    const JitParam* param(std::string_view name) const;
};

enum class GridKind : std::uint8_t { Tuple, Lambda, Name, Call, Other };

struct LaunchKeyword {
    std::string name; // empty for **kwargs
    const Expr* value = nullptr;
    bool isKernelParam = false; // names a parameter of the kernel; otherwise a launch option
};

// `kernel[grid](args..., NAME=value, num_warps=...)` inside a plain function (or at module level).
struct LaunchSite {
    std::string kernelName;          // as written at the site
    std::size_t functionIndex = 0;   // into ModuleInfo::functions
    const Call* call = nullptr;
    const Expr* grid = nullptr;
    GridKind gridKind = GridKind::Other;
    // For a Name grid: the statement that bound it before the launch (an Assign or a local
    // `def grid(meta)`), searched in the enclosing function, then at module level; and the
    // expression it was assigned (null for a def).
    const Stmt* gridBinding = nullptr;
    const Expr* gridValue = nullptr;
    bool gridIsParameter = false; // the grid is a parameter of the enclosing function
    std::vector<const Expr*> args; // positional (Starred for *args)
    std::vector<LaunchKeyword> keywords;
    const FunctionDef* enclosing = nullptr; // null at module level
    std::string enclosingName;              // "wrapper", "Softmax.forward", "outer.inner"
    util::SourceSpan span;
};

struct ModuleInfo {
    ImportTable imports;
    std::vector<ModuleConstant> constants;
    std::vector<FunctionInfo> functions; // top-level FunctionDefs, in source order
    std::vector<LaunchSite> launches;

    const FunctionInfo* function(std::string_view defName) const;
    // The JIT function a module-level name refers to (`kernel` in `kernel[grid](...)`).
    const FunctionInfo* jitFunction(std::string_view name) const;
    const ModuleConstant* constant(std::string_view name) const;
    // `tl.math.exp` -> "triton.language.math.exp"; nothing when the root is not imported.
    std::optional<std::string> qualifiedName(const Expr& e) const { return imports.qualifiedName(e); }
};

// A deterministic text summary of the model (imports, constants, functions with their
// parameters, options, configs and heuristics, launch sites), for tests and `--dump` output.
std::string describeModule(const ModuleInfo& info);

// Builds the model. Adds warnings (categories "autotune", "heuristics", "jit") for what it
// could not evaluate, never errors: the parse already reported those.
ModuleInfo analyzeModule(const Module& m, util::Diagnostics& diags);

} // namespace tlift::frontend::py
