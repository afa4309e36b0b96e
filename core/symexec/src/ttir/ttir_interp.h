#pragma once
// The interpreter behind executeTtir (private to symexec): walks the ops of a TtirModule and
// drives the block algebra. One value per SSA value (ValueId); regions of scf ops are walked in
// place (branches under path conditions, loops once as recurrences), helpers called with tt.call
// are inlined by walking their body again.

#include "tlift/frontend/ttir/ttir_module.h"
#include "tlift/symexec/block_algebra.h"
#include "tlift/symexec/ttir_exec.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tlift::symexec::ttirexec {

namespace tt = frontend::ttir;

// A value during interpretation: a block, or nothing when its computation failed (the failure
// was reported once; the ops that use the value fail silently).
using TVal = std::optional<Block>;

// The element dtype of a TTIR type (signless integers read as signed, index as i64); nullopt for
// types the block algebra has no dtype for.
std::optional<ir::DType> dtypeOf(const tt::TtirType& t);
// The block shape of a TTIR type (empty for scalars and plain pointers).
Shape shapeOf(const tt::TtirType& t);

// Where an op comes from: its Python position (the file found under the source root and loaded
// into the SourceManager), else its place in the .ttir text.
class SourceMap {
public:
    SourceMap(util::SourceManager& sm, const tt::TtirModule& m, std::vector<std::string> roots);

    // The span of a kernel location in its Python file; invalid when the file is not found.
    util::SourceSpan pySpan(const tt::TtirLoc& loc);
    // The op's Python span, else its .ttir span (else its parent's).
    util::SourceSpan opSpan(const tt::TtirOp& op);
    util::SourceSpan functionSpan(const tt::TtirFunction& fn);
    // "k.py:12:5" from the op's kernel location, else "k.ttir:40:7".
    std::string where(const tt::TtirOp& op) const;
    // The op's first line in the .ttir text, without its trailing loc(...) and '{'.
    std::string ttirText(const tt::TtirOp& op) const;
    // "k.ttir:40"
    std::string ttirLine(const tt::TtirOp& op) const;

private:
    util::FileId pyFile(const std::string& name);
    util::SourceSpan ttirSpan(const tt::TtirOp& op) const;

    util::SourceManager& m_sm;
    const tt::TtirModule& m_module;
    std::vector<std::string> m_roots;
    std::map<std::string, util::FileId> m_files; // by location file name; kNoFile when not found
};

// A return reached by the walk of a function body: under which path condition, with which values.
struct Returned {
    ir::Expr cond;
    std::vector<TVal> values;
};

class TtirInterp {
public:
    TtirInterp(const tt::TtirModule& m, util::SourceManager& sm, Spec& spec, const TtirExecOptions& o);

    void runKernel(const tt::TtirFunction& fn);

    // ---- values ----
    const TVal& value(tt::ValueId v) const;
    void bindValue(tt::ValueId v, TVal x) { m_values.at(v) = std::move(x); }
    // The operands as blocks; nullopt when one of them failed before.
    std::optional<std::vector<Block>> operands(const tt::TtirOp& op);
    std::optional<Block> operand(const tt::TtirOp& op, std::string_view role);
    // Binds result i, checked against (and converted to) the result's TTIR type.
    void setResult(const tt::TtirOp& op, std::size_t i, Block b);
    // Binds result i from an algebra result; a failure is reported at the op.
    void setResult(const tt::TtirOp& op, std::size_t i, util::Result<Block> r);
    // Every result failed (already reported).
    void failResults(const tt::TtirOp& op);

    // ---- diagnostics ----
    void unsupported(const tt::TtirOp& op, const std::string& why = "");
    void error(const tt::TtirOp& op, const std::string& category, const std::string& msg);
    void report(const tt::TtirOp& op, util::Diagnostic d);

    // ---- walking ----
    // Runs the ops of a block up to (not including) its terminator, which it returns (nullptr when
    // the block has none).
    const tt::TtirOp* execBlock(const tt::TtirBlock& b);
    void execOp(const tt::TtirOp& op, bool lastOfGroup);
    // Runs a function body (several blocks joined by cf branches) with its arguments bound.
    std::vector<Returned> execFunctionBody(const tt::TtirFunction& fn, const tt::TtirOp* site);

    // ---- op handlers (by dialect; ttir_*.cpp) ----
    void opConstant(const tt::TtirOp& op);
    void opPoison(const tt::TtirOp& op);
    void opArithBinary(const tt::TtirOp& op);
    void opCmpI(const tt::TtirOp& op);
    void opCmpF(const tt::TtirOp& op);
    void opSelect(const tt::TtirOp& op);
    void opCast(const tt::TtirOp& op);
    void opBitcast(const tt::TtirOp& op);
    void opMath(const tt::TtirOp& op);
    void opFma(const tt::TtirOp& op);
    void opProgramId(const tt::TtirOp& op);
    void opMakeRange(const tt::TtirOp& op);
    void opSplat(const tt::TtirOp& op);
    void opExpandDims(const tt::TtirOp& op);
    void opReshape(const tt::TtirOp& op);
    void opTrans(const tt::TtirOp& op);
    void opCat(const tt::TtirOp& op);
    void opJoin(const tt::TtirOp& op);
    void opSplit(const tt::TtirOp& op);
    void opGather(const tt::TtirOp& op);
    void opAddPtr(const tt::TtirOp& op);
    void opLoad(const tt::TtirOp& op);
    void opStore(const tt::TtirOp& op);
    void opAtomicRmw(const tt::TtirOp& op);
    void opDot(const tt::TtirOp& op);
    void opClampF(const tt::TtirOp& op);
    void opExtern(const tt::TtirOp& op);
    void opMapElementwise(const tt::TtirOp& op);
    void opReduce(const tt::TtirOp& op);
    void opCall(const tt::TtirOp& op);
    void opIgnore(const tt::TtirOp& op);
    void opFor(const tt::TtirOp& op);
    void opIf(const tt::TtirOp& op);
    void opWhile(const tt::TtirOp& op);

    // ---- helpers shared by the handlers ----
    ir::Context& ctx() { return *m_spec.ctx; }
    BlockAlgebra& algebra() { return m_alg; }
    ir::Expr tidy(ir::Expr e) { return m_alg.tidy(e); }
    // The lane expression of an integer block read as unsigned (i32 -> u32, ...).
    ir::Expr asUnsigned(const Block& b);
    // An integer or boolean block read as signed two's complement (an i1 `true` is -1).
    ir::Expr asSigned(const Block& b, ir::DType to);
    // The function of the program ids and the block's lanes (loop-carried values, folds).
    ir::Expr carriedApply(const std::string& fn, const Block& like);

    // ---- trace ----
    void recordStep(StepKind kind, const std::string& target, const Block& b, util::SourceSpan span,
                    const std::string& what);
    SourceMap& sources() { return m_sources; }
    const tt::TtirModule& module() const { return m_module; }
    Spec& spec() { return m_spec; }
    const TtirExecOptions& options() const { return m_opts; }
    // A name for a value in the trace and in loop-carried function names: the Python variable
    // (NameLoc), else the SSA name, else `fallback`.
    std::string valueName(tt::ValueId v, const std::string& fallback) const;
    std::string carriedName(const tt::TtirBlock& body, std::size_t i, tt::ValueId arg, const std::string& fallback) const;

private:
    void runScfFor(const tt::TtirOp& op, const std::vector<Block>& bounds, const std::vector<TVal>& inits);
    void unrollScfFor(const tt::TtirOp& op, std::int64_t lo, std::int64_t step, std::int64_t count,
                      const std::vector<TVal>& inits);
    void finishCarried(const tt::TtirOp& op, std::size_t loopIndex, const std::vector<int>& carriedOf,
                       const std::vector<TVal>& yields);
    std::vector<TVal> runBranch(const tt::TtirOp& op, std::size_t region, std::optional<ir::Expr> path);
    void reduceWithCombine(const tt::TtirOp& op, const std::vector<Block>& inputs, int axis, bool scan,
                           bool reverse);
    bool tryPlainReduce(const tt::TtirOp& op, const std::vector<Block>& inputs, const std::vector<ir::Expr>& as,
                        const std::vector<ir::Expr>& bs, const std::vector<ir::Expr>& comb, int axis, bool scan,
                        bool reverse);
    bool tryArgReduce(const tt::TtirOp& op, const std::vector<Block>& inputs, const std::vector<ir::Expr>& as,
                      const std::vector<ir::Expr>& bs, const std::vector<ir::Expr>& comb, int axis, bool scan);
    void recordOp(const tt::TtirOp& op);

    const tt::TtirModule& m_module;
    Spec& m_spec;
    const TtirExecOptions& m_opts;
    SourceMap m_sources;
    BlockAlgebra m_alg;
    std::vector<TVal> m_values;
    std::vector<int> m_loopStack;
    std::vector<const tt::TtirFunction*> m_callStack;
    int m_quiet = 0;      // > 0 while running combine regions: no trace steps
    int m_nextPoison = 1; // ids of ub.poison values
    int m_combineCount = 0;
};

} // namespace tlift::symexec::ttirexec
