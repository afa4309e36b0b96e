#include "tlift/ir/dtype.h"

#include <string>

namespace tlift::ir {

std::string_view dtypeName(DType t) {
    switch (t) {
    case DType::Bool: return "i1";
    case DType::I8: return "i8";
    case DType::I16: return "i16";
    case DType::I32: return "i32";
    case DType::I64: return "i64";
    case DType::U8: return "u8";
    case DType::U16: return "u16";
    case DType::U32: return "u32";
    case DType::U64: return "u64";
    case DType::F8E4M3: return "f8e4m3";
    case DType::F8E5M2: return "f8e5m2";
    case DType::F16: return "f16";
    case DType::BF16: return "bf16";
    case DType::F32: return "f32";
    case DType::F64: return "f64";
    }
    return "?";
}

std::optional<DType> parseDType(std::string_view name) {
    std::string n(name);
    for (const char* prefix : {"tl.", "torch.", "triton.language."})
        if (n.rfind(prefix, 0) == 0) n = n.substr(std::char_traits<char>::length(prefix));
    struct Alias {
        const char* text;
        DType type;
    };
    static const Alias aliases[] = {
        {"i1", DType::Bool},      {"bool", DType::Bool},       {"int1", DType::Bool},
        {"i8", DType::I8},        {"int8", DType::I8},         {"i16", DType::I16},
        {"int16", DType::I16},    {"i32", DType::I32},         {"int32", DType::I32},
        {"i64", DType::I64},      {"int64", DType::I64},       {"u8", DType::U8},
        {"uint8", DType::U8},     {"u16", DType::U16},         {"uint16", DType::U16},
        {"u32", DType::U32},      {"uint32", DType::U32},      {"u64", DType::U64},
        {"uint64", DType::U64},   {"f8e4m3", DType::F8E4M3},   {"float8e4nv", DType::F8E4M3},
        {"fp8e4nv", DType::F8E4M3}, {"float8_e4m3fn", DType::F8E4M3}, {"f8E4M3FN", DType::F8E4M3},
        {"f8e5m2", DType::F8E5M2}, {"float8e5", DType::F8E5M2}, {"fp8e5", DType::F8E5M2},
        {"float8_e5m2", DType::F8E5M2}, {"f8E5M2", DType::F8E5M2},
        {"f16", DType::F16},      {"fp16", DType::F16},        {"float16", DType::F16},
        {"half", DType::F16},     {"bf16", DType::BF16},       {"bfloat16", DType::BF16},
        {"f32", DType::F32},      {"fp32", DType::F32},        {"float32", DType::F32},
        {"float", DType::F32},    {"f64", DType::F64},         {"fp64", DType::F64},
        {"float64", DType::F64},  {"double", DType::F64},
    };
    for (const Alias& a : aliases)
        if (n == a.text) return a.type;
    return std::nullopt;
}

bool isFloat(DType t) { return t >= DType::F8E4M3; }
bool isInteger(DType t) { return t >= DType::I8 && t <= DType::U64; }
bool isSigned(DType t) { return (t >= DType::I8 && t <= DType::I64) || isFloat(t); }
bool isNumeric(DType t) { return t != DType::Bool; }

int bitWidth(DType t) {
    switch (t) {
    case DType::Bool: return 1;
    case DType::I8: case DType::U8: case DType::F8E4M3: case DType::F8E5M2: return 8;
    case DType::I16: case DType::U16: case DType::F16: case DType::BF16: return 16;
    case DType::I32: case DType::U32: case DType::F32: return 32;
    case DType::I64: case DType::U64: case DType::F64: return 64;
    }
    return 32;
}

} // namespace tlift::ir
