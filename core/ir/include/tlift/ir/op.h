#pragma once
// The operators of the formula IR and their static properties.

#include <cstdint>
#include <optional>
#include <string_view>

namespace tlift::ir {

enum class Op : std::uint8_t {
    // Leaves.
    Const,  // a number: integer, exact rational, float, or bool (see Constant)
    Sym,    // a scalar symbol: a kernel scalar argument, a size, a stride
    Var,    // an index variable: an output coordinate, a lane, a bound reduction variable
    Tensor, // a whole tensor with its element type and (symbolic) shape
    Undef,  // an undefined value (a masked-off load without `other`), tagged with an id
    // Access.
    Read,   // Read(t, i0, ..., i{r-1}): element of tensor-valued t; the indices are integers
    // Arithmetic: operands of one dtype (broadcast shapes).
    Neg, Add, Sub, Mul,
    Div,      // true division, floats only
    FloorDiv, // floor(a / b) on integers or floats
    Mod,      // a - b * floor(a / b) (Python semantics)
    TDiv,     // division truncated towards zero (C, and Triton's integer `//`)
    TRem,     // remainder of TDiv (C `%`, Triton's integer `%`, fmod on floats)
    Min, Max, Pow,
    // Math functions.
    Exp, Exp2, Log, Log2, Log1p, Expm1, Sqrt, Rsqrt, Erf, Tanh, Sigmoid, Abs, Sin, Cos,
    Floor, Ceil,
    // Comparisons (result i1).
    Lt, Le, Gt, Ge, Eq, Ne,
    // Logic on i1.
    And, Or, Xor, Not,
    // Bitwise on integers.
    BitAnd, BitOr, BitXor, BitNot, Shl, Shr,
    // Structure.
    Select, // Select(c, a, b)
    Cast,   // Cast(e): conversion to the node's dtype
    Reduce, // Reduce(var, lo, hi, guard, body): kind in the payload; var ranges over [lo, hi)
    Apply,  // an uninterpreted function, named, applied to arguments (loop results, ...)
    Named,  // a named tensor-level operator from the registry (softmax, layer_norm, ...)
};

inline constexpr int kOpCount = static_cast<int>(Op::Named) + 1;

enum class ReduceKind : std::uint8_t { Sum, Prod, Max, Min, ArgMax, ArgMin };

enum class OpClass : std::uint8_t {
    Leaf, Access, Arith, Math, Compare, Logic, Bitwise, Structure
};

struct OpInfo {
    std::string_view name; // text form name (functions) or mnemonic (operators)
    OpClass cls;
    int arity;             // -1 for variadic
    bool commutative;
};

const OpInfo& opInfo(Op op);
std::string_view opName(Op op);
// Looks an operator up by its text-form function name ("exp", "where", "tdiv", ...).
std::optional<Op> opByName(std::string_view name);

std::string_view reduceKindName(ReduceKind k);
std::optional<ReduceKind> reduceKindByName(std::string_view name);

bool isUnaryMath(Op op);
bool isComparison(Op op);
// For comparisons: the comparison with operands swapped (a < b  <=>  b > a).
Op swapComparison(Op op);
// For comparisons: the negated comparison (!(a < b)  <=>  a >= b).
Op negateComparison(Op op);

} // namespace tlift::ir
