#pragma once
// The interpreter behind executeKernel (private to symexec).

#include "tlift/frontend/python/const_evaluator.h"
#include "tlift/symexec/block_algebra.h"
#include "tlift/symexec/python_exec.h"

#include <functional>
#include <map>
#include <memory>
#include <set>

namespace tlift::symexec::pyexec {

namespace py = frontend::py;

// A value during interpretation: a compile-time Python value, a symbolic block, or something
// callable. `Error` stands for a value whose computation failed (its diagnostic was reported
// once); operations on it give Error silently.
struct PyVal {
    enum class K {
        None, Bool, Int, Float, Str, Tuple, DType, Block, Func, Builtin, Module, Slice, Ellipsis, Lambda,
        Dict, Error
    };
    K k = K::None;
    bool b = false;
    std::int64_t i = 0;
    double f = 0;
    std::string s;             // Str; qualified name of Builtin / Module; Func name
    std::vector<PyVal> elts;   // Tuple; Slice (lo, hi, step); Dict keys then values
    ir::DType dtype = ir::DType::F32;
    bool dtypeIsPointer = false; // DType: a pointer type (x_ptr.dtype)
    Block block;
    const py::FunctionDef* func = nullptr;
    const py::Lambda* lambda = nullptr;
    std::shared_ptr<PyVal> self; // bound methods (x.to) and the receiver of builtins

    static PyVal none() { return PyVal{}; }
    static PyVal error() { PyVal v; v.k = K::Error; return v; }
    static PyVal boolean(bool x) { PyVal v; v.k = K::Bool; v.b = x; return v; }
    static PyVal integer(std::int64_t x) { PyVal v; v.k = K::Int; v.i = x; return v; }
    static PyVal real(double x) { PyVal v; v.k = K::Float; v.f = x; return v; }
    static PyVal str(std::string x) { PyVal v; v.k = K::Str; v.s = std::move(x); return v; }
    static PyVal tuple(std::vector<PyVal> e) { PyVal v; v.k = K::Tuple; v.elts = std::move(e); return v; }
    static PyVal type(ir::DType t) { PyVal v; v.k = K::DType; v.dtype = t; return v; }
    static PyVal blk(Block b) { PyVal v; v.k = K::Block; v.block = std::move(b); return v; }
    static PyVal builtin(std::string q) { PyVal v; v.k = K::Builtin; v.s = std::move(q); return v; }
    static PyVal module(std::string q) { PyVal v; v.k = K::Module; v.s = std::move(q); return v; }

    bool isError() const { return k == K::Error; }
    bool isNumber() const { return k == K::Bool || k == K::Int || k == K::Float; }
    bool isConst() const { return isNumber() || k == K::None || k == K::Str; }
    std::string describe() const;
};

using Scope = std::map<std::string, PyVal, std::less<>>;

// Control-flow state of a statement list.
struct Flow {
    bool returned = false;  // every path returned
    bool broke = false;     // break / continue reached (constexpr loops only)
    bool continued = false;
};

struct CallFrame {
    Scope locals;
    const py::FunctionDef* fn = nullptr;
    // Returns seen under a runtime condition: (condition, value); the final value is a select.
    std::vector<std::pair<ir::Expr, PyVal>> returns;
};

class Interp {
public:
    Interp(const py::Module& m, const py::ModuleInfo& info, const util::SourceManager& sm, Spec& spec,
           const ExecOptions& options);

    void runKernel(const py::FunctionInfo& kernel);

    // ---- diagnostics ----
    PyVal err(util::SourceSpan span, const std::string& category, const std::string& msg);
    PyVal unsupported(util::SourceSpan span, const std::string& what);

    // ---- expressions ----
    PyVal eval(const py::Expr& e);
    PyVal evalName(const py::Name& n);
    PyVal evalAttribute(const py::Attribute& a);
    PyVal evalSubscript(const py::Subscript& s);
    PyVal evalCall(const py::Call& c);
    PyVal evalBinOp(const py::BinOp& b);
    PyVal evalCompare(const py::Compare& c);
    PyVal evalBoolOp(const py::BoolOp& b);
    PyVal evalUnary(const py::UnaryOp& u);
    PyVal evalIfExp(const py::IfExp& e);

    // ---- statements ----
    Flow execBody(const py::Body& body);
    Flow exec(const py::Stmt& s);
    void assign(const py::Expr& target, const PyVal& v, util::SourceSpan span);
    Flow execIf(const py::If& s);
    Flow execFor(const py::For& s);
    Flow execWhile(const py::While& s);
    void execSymbolicLoop(const py::Stmt& loopStmt, const py::Body& body, const py::Expr* target,
                          std::optional<std::array<ir::Expr, 3>> range, const py::Expr* whileTest);

    // ---- calls ----
    PyVal callValue(const PyVal& f, std::vector<PyVal> args, std::vector<std::pair<std::string, PyVal>> kwargs,
                    const py::Call& site);
    PyVal callJit(const py::FunctionDef& fn, std::vector<PyVal> args,
                  std::vector<std::pair<std::string, PyVal>> kwargs, util::SourceSpan site);
    PyVal callBuiltin(const std::string& name, const PyVal* self, std::vector<PyVal>& args,
                      std::vector<std::pair<std::string, PyVal>>& kwargs, const py::Call& site);
    PyVal callLambda(const py::Lambda& l, std::vector<PyVal> args, util::SourceSpan site);

    // ---- conversions ----
    // A block from a value (Python numbers become weak scalars); nullopt (with a diagnostic) if
    // the value is not a tensor-like value.
    std::optional<Block> toBlock(const PyVal& v, util::SourceSpan span, const char* what);
    std::optional<std::int64_t> toConstInt(const PyVal& v, util::SourceSpan span, const char* what);
    std::optional<ir::DType> toDType(const PyVal& v, util::SourceSpan span);
    std::optional<Shape> toShape(const PyVal& v, util::SourceSpan span);
    PyVal fromConst(const py::Value& v);
    PyVal check(util::Result<Block> r, util::SourceSpan span);

    // ---- trace ----
    void recordAssign(const std::string& target, const PyVal& v, util::SourceSpan span, const std::string& what);
    void recordStep(StepKind kind, const std::string& target, const Block& b, util::SourceSpan span,
                    const std::string& what);

    BlockAlgebra& algebra() { return m_alg; }
    ir::Context& ctx() { return *m_spec.ctx; }
    CallFrame& frame() { return m_frames.back(); }
    std::string sourceText(const py::Expr& e) const;
    // The qualified name of a callee expression (tl.exp -> "triton.language.exp").
    std::optional<std::string> qualified(const py::Expr& e) const;

    // Loop-carried values refer to the program ids and their block lanes.
    ir::Expr carriedApply(const std::string& fn, const Block& like);

    // ---- reductions with a user combine function ----
    PyVal reduceWithCombine(const std::vector<Block>& inputs, int axis, bool keepDims, const PyVal& combine,
                            bool scan, bool reverse, util::SourceSpan span);

private:
    const py::Module& m_module;
    const py::ModuleInfo& m_info;
    const util::SourceManager& m_sm;
    Spec& m_spec;
    const ExecOptions& m_opts;
    BlockAlgebra m_alg;
    std::vector<CallFrame> m_frames;
    std::map<std::string, PyVal, std::less<>> m_globals;
    std::vector<int> m_loopStack;
    std::vector<int> m_extraPaths; // per call: path conditions pushed by early returns
    int m_depth = 0;
    std::set<std::string> m_loopLocalDead; // names defined only inside a finished symbolic loop
};

} // namespace tlift::symexec::pyexec
