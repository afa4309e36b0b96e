#pragma once
// A symbolic block value: what a Triton variable holds in one program instance. A block has a
// concrete shape (its dimensions are constexpr) and one lane expression: a scalar IR formula over
// the lane variables l0, l1, ... (lane d indexes axis d), the program ids pid0..pid2, kernel
// scalars and tensor reads. A pointer block holds, instead of a value, the element offset into
// one of the kernel's buffers.

#include "tlift/ir/expr.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tlift::symexec {

using Shape = std::vector<std::int64_t>;

struct Block {
    Shape shape;           // empty for a scalar
    ir::DType dtype;       // element type; for pointers the pointee type
    ir::Expr value;        // the lane expression; for pointers the element offset (an integer)
    int buffer = -1;       // pointers: index into Spec::buffers; -1 for values
    bool weak = false;     // a Python literal whose type adapts to the other operand
    bool isPointer() const { return buffer >= 0; }
    bool isScalar() const { return shape.empty(); }
    std::size_t rank() const { return shape.size(); }
    std::int64_t numel() const;
};

std::string shapeText(const Shape& s);
// Numpy broadcasting of concrete shapes; false when they do not broadcast.
bool broadcastShape(const Shape& a, const Shape& b, Shape& out);

} // namespace tlift::symexec
