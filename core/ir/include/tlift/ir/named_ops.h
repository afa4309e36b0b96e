#pragma once
// The open, table-driven set of named tensor-level operators (softmax, layer_norm, matmul, ...)
// that simplification produces and users write in `--expect`. Each entry knows its parameters,
// how to type a call, how to evaluate it on concrete tensors, and how to typeset it.

#include "tlift/ir/expr.h"
#include "tlift/ir/tensor_value.h"
#include "tlift/util/result.h"

#include <functional>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace tlift::ir {

class Context;

enum class ParamKind : std::uint8_t {
    Tensor, // a tensor-valued (or, for elementwise operators, scalar) expression
    Dim,    // an integer constant naming a dimension (negative counts from the end)
    Bool,   // a boolean constant
    Int,    // an integer constant (groups, ...)
    Scalar, // any scalar numeric expression (eps, slope, bounds)
};

struct NamedParam {
    std::string name;
    ParamKind kind;
    std::string defaultText; // the default in the IR text form; empty when required
};

struct NamedType {
    DType dtype;
    std::vector<Expr> shape;
};

// A concrete argument: a tensor, or a number (dims, flags, eps).
using NamedArgValue = std::variant<TensorValue, double>;

struct NamedOpInfo {
    int index = -1;
    std::string name;
    std::vector<NamedParam> params;
    bool elementwise = false; // applies per element with broadcasting; also valid on scalars
    std::string latex;        // template: $0..$9 stand for the typeset arguments
    std::string doc;
    std::function<util::Result<NamedType>(Context&, std::span<const Expr>)> type;
    // Elementwise operators: the scalar function of the arguments.
    std::function<double(std::span<const double>)> scalar;
    // Tensor operators: the whole result.
    std::function<util::Result<TensorValue>(std::span<const NamedArgValue>)> tensor;
};

const NamedOpInfo* findNamedOp(std::string_view name);
const NamedOpInfo& namedOp(int index);
int namedOpCount();

// Normalizes a possibly negative dimension for a rank; -1 when out of range.
int normalizeDim(std::int64_t dim, std::size_t rank);

} // namespace tlift::ir
