#pragma once
// Element types of the formula IR. Triton's scalar types, plus the predicates the typing
// rules use. Verification reads every float type as the reals and every integer type as the
// integers; the float32 evaluation mode is where the widths matter.

#include <cstdint>
#include <optional>
#include <string_view>

namespace tlift::ir {

enum class DType : std::uint8_t {
    Bool, // i1
    I8, I16, I32, I64,
    U8, U16, U32, U64,
    F8E4M3, F8E5M2, F16, BF16, F32, F64,
};

inline constexpr int kDTypeCount = 15;

std::string_view dtypeName(DType t);
// Accepts the IR names ("i1"/"bool", "i32", "f32", "bf16", ...) and Triton's spellings
// ("int32", "float32", "fp32", "float16", "bfloat16", "tl.float32", ...).
std::optional<DType> parseDType(std::string_view name);

bool isFloat(DType t);
bool isInteger(DType t); // signed or unsigned, not Bool
bool isSigned(DType t);
bool isNumeric(DType t); // integer or float
int bitWidth(DType t);

} // namespace tlift::ir
