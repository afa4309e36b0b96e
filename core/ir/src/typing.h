#pragma once
// The typing rules of the IR (docs/ir-format.md, "Typing").

#include "tlift/ir/context.h"

namespace tlift::ir {

struct Typed {
    DType dtype = DType::F32;
    std::vector<Expr> shape;
    int namedIndex = -1;
};

util::Result<Typed> inferType(Context& ctx, const NodeSpec& spec);

// Numpy-style broadcasting of symbolic shapes: trailing dimensions match when they are the
// same expression or one of them is the constant 1.
util::Result<std::vector<Expr>> broadcastShapes(std::span<const Expr> a, std::span<const Expr> b);

std::string shapeText(std::span<const Expr> shape);

} // namespace tlift::ir
