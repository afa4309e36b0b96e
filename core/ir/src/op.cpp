#include "tlift/ir/op.h"

#include <array>

namespace tlift::ir {

namespace {

constexpr std::array<OpInfo, kOpCount> kInfos = {{
    {"const", OpClass::Leaf, 0, false},
    {"sym", OpClass::Leaf, 0, false},
    {"var", OpClass::Leaf, 0, false},
    {"tensor", OpClass::Leaf, 0, false},
    {"undef", OpClass::Leaf, 0, false},
    {"read", OpClass::Access, -1, false},
    {"neg", OpClass::Arith, 1, false},
    {"add", OpClass::Arith, 2, true},
    {"sub", OpClass::Arith, 2, false},
    {"mul", OpClass::Arith, 2, true},
    {"div", OpClass::Arith, 2, false},
    {"floordiv", OpClass::Arith, 2, false},
    {"mod", OpClass::Arith, 2, false},
    {"tdiv", OpClass::Arith, 2, false},
    {"trem", OpClass::Arith, 2, false},
    {"min", OpClass::Arith, 2, true},
    {"max", OpClass::Arith, 2, true},
    {"pow", OpClass::Arith, 2, false},
    {"exp", OpClass::Math, 1, false},
    {"exp2", OpClass::Math, 1, false},
    {"log", OpClass::Math, 1, false},
    {"log2", OpClass::Math, 1, false},
    {"log1p", OpClass::Math, 1, false},
    {"expm1", OpClass::Math, 1, false},
    {"sqrt", OpClass::Math, 1, false},
    {"rsqrt", OpClass::Math, 1, false},
    {"erf", OpClass::Math, 1, false},
    {"tanh", OpClass::Math, 1, false},
    {"sigmoid", OpClass::Math, 1, false},
    {"abs", OpClass::Math, 1, false},
    {"sin", OpClass::Math, 1, false},
    {"cos", OpClass::Math, 1, false},
    {"floor", OpClass::Math, 1, false},
    {"ceil", OpClass::Math, 1, false},
    {"lt", OpClass::Compare, 2, false},
    {"le", OpClass::Compare, 2, false},
    {"gt", OpClass::Compare, 2, false},
    {"ge", OpClass::Compare, 2, false},
    {"eq", OpClass::Compare, 2, true},
    {"ne", OpClass::Compare, 2, true},
    {"and", OpClass::Logic, 2, true},
    {"or", OpClass::Logic, 2, true},
    {"xor", OpClass::Logic, 2, true},
    {"not", OpClass::Logic, 1, false},
    {"bitand", OpClass::Bitwise, 2, true},
    {"bitor", OpClass::Bitwise, 2, true},
    {"bitxor", OpClass::Bitwise, 2, true},
    {"bitnot", OpClass::Bitwise, 1, false},
    {"shl", OpClass::Bitwise, 2, false},
    {"shr", OpClass::Bitwise, 2, false},
    {"where", OpClass::Structure, 3, false},
    {"cast", OpClass::Structure, 1, false},
    {"reduce", OpClass::Structure, 5, false},
    {"apply", OpClass::Structure, -1, false},
    {"named", OpClass::Structure, -1, false},
}};

constexpr std::array<std::string_view, 6> kReduceNames = {"sum", "prod", "max", "min", "argmax",
                                                          "argmin"};

} // namespace

const OpInfo& opInfo(Op op) { return kInfos[static_cast<int>(op)]; }
std::string_view opName(Op op) { return kInfos[static_cast<int>(op)].name; }

std::optional<Op> opByName(std::string_view name) {
    for (int i = 0; i < kOpCount; ++i)
        if (kInfos[i].name == name) return static_cast<Op>(i);
    return std::nullopt;
}

std::string_view reduceKindName(ReduceKind k) { return kReduceNames[static_cast<int>(k)]; }

std::optional<ReduceKind> reduceKindByName(std::string_view name) {
    for (std::size_t i = 0; i < kReduceNames.size(); ++i)
        if (kReduceNames[i] == name) return static_cast<ReduceKind>(i);
    return std::nullopt;
}

bool isUnaryMath(Op op) { return opInfo(op).cls == OpClass::Math; }
bool isComparison(Op op) { return opInfo(op).cls == OpClass::Compare; }

Op swapComparison(Op op) {
    switch (op) {
    case Op::Lt: return Op::Gt;
    case Op::Le: return Op::Ge;
    case Op::Gt: return Op::Lt;
    case Op::Ge: return Op::Le;
    default: return op;
    }
}

Op negateComparison(Op op) {
    switch (op) {
    case Op::Lt: return Op::Ge;
    case Op::Le: return Op::Gt;
    case Op::Gt: return Op::Le;
    case Op::Ge: return Op::Lt;
    case Op::Eq: return Op::Ne;
    case Op::Ne: return Op::Eq;
    default: return op;
    }
}

} // namespace tlift::ir
