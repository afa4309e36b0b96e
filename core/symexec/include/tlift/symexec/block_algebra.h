#pragma once
// The block algebra: the operations of a Triton program instance on symbolic blocks
// (DESIGN.md §2). Frontend-neutral: the Python driver and the TTIR driver both call it. Every
// operation checks shapes and types the way Triton does (broadcasting, type promotion, weak
// Python scalars) and reports misuse as a diagnostic; loads and stores are recorded in the Spec.

#include "tlift/symexec/spec.h"
#include "tlift/util/result.h"

#include <optional>

namespace tlift::symexec {

enum class BinKind {
    Add, Sub, Mul, TrueDiv, FloorDiv, Mod, Pow,
    BitAnd, BitOr, BitXor, Shl, Shr,
    Lt, Le, Gt, Ge, Eq, Ne,
    Min, Max,          // tl.minimum / tl.maximum
    LogicalAnd, LogicalOr,
};

enum class UnKind { Neg, Not, Invert };

class BlockAlgebra {
public:
    explicit BlockAlgebra(Spec& spec);

    ir::Context& ctx() { return *m_spec.ctx; }
    Spec& spec() { return m_spec; }
    ir::Expr lane(int axis) { return m_spec.lane(axis); }

    // ---- values ----
    // A Python literal: weakly typed until it meets a block (like Triton's constexpr scalars).
    Block weakInt(std::int64_t v);
    Block weakFloat(double v);
    Block boolConst(bool v);
    Block scalar(ir::Expr e); // a scalar block of e's type
    util::Result<Block> programId(int axis);
    util::Result<Block> numPrograms(int axis);
    util::Result<Block> arange(std::int64_t start, std::int64_t end);
    util::Result<Block> full(const Shape& shape, const Block& value, ir::DType dtype);
    // A weak scalar given its final type (i32 for ints, f32 for floats unless told otherwise).
    Block materialize(const Block& b, std::optional<ir::DType> want = std::nullopt);

    // ---- shapes ----
    util::Result<Block> broadcastTo(const Block& b, const Shape& shape);
    util::Result<Block> expandDims(const Block& b, int axis);
    util::Result<Block> reshape(const Block& b, const Shape& shape);
    util::Result<Block> permute(const Block& b, const std::vector<int>& perm);

    // ---- arithmetic ----
    util::Result<Block> binary(BinKind k, const Block& a, const Block& b);
    util::Result<Block> unary(UnKind k, const Block& a);
    // Math functions (exp, log, sqrt, ...): floats only, the result keeps the input's type.
    util::Result<Block> math(ir::Op op, const Block& a);
    util::Result<Block> where(const Block& c, const Block& a, const Block& b);
    util::Result<Block> cast(const Block& a, ir::DType to);
    // Applies a named elementwise operator of the IR table (e.g. "gelu") to blocks.
    util::Result<Block> namedElementwise(const std::string& name, const std::vector<Block>& args);

    // ---- memory ----
    util::Result<Block> load(const Block& ptr, const std::optional<Block>& mask, const std::optional<Block>& other,
                             util::SourceSpan span);
    util::Result<bool> store(const Block& ptr, const Block& value, const std::optional<Block>& mask,
                             util::SourceSpan span, StoreKind kind = StoreKind::Store);

    // ---- reductions, scans, dot ----
    // axis: nullopt reduces over every axis to a scalar.
    util::Result<Block> reduce(ir::ReduceKind k, const Block& a, std::optional<int> axis, bool keepDims);
    util::Result<Block> scan(ir::ReduceKind k, const Block& a, int axis, bool reverse);
    util::Result<Block> dot(const Block& a, const Block& b, const std::optional<Block>& acc, ir::DType outType);

    // ---- control ----
    // Conditions under which the current statements execute (runtime `if`, early return).
    void pushPath(ir::Expr cond);
    void popPath();
    ir::Expr pathCondition();
    void setLoopStack(std::vector<int> loops) { m_loops = std::move(loops); }
    const std::vector<int>& loopStack() const { return m_loops; }

    // Simplifies a lane expression for readability (used after every operation).
    ir::Expr tidy(ir::Expr e);
    // Moves lane variables of a block of rank `from` to the last axes of rank `to`.
    ir::Expr shiftLanes(ir::Expr e, std::size_t from, std::size_t to);

private:
    util::Result<Block> fail(const std::string& category, const std::string& msg);
    // The common type of two operands (Triton's promotion, with weak scalars).
    util::Result<ir::DType> commonType(const Block& a, const Block& b, BinKind k);
    util::Result<std::pair<Block, Block>> broadcastPair(const Block& a, const Block& b);
    util::Result<Block> pointerArith(BinKind k, const Block& a, const Block& b);

    Spec& m_spec;
    std::vector<ir::Expr> m_path;
    std::vector<int> m_loops;
    int m_nextUndef = 1;
};

} // namespace tlift::symexec
