#include "unicode_chars.h"

namespace tlift::frontend::py::detail {

CodePoint decodeUtf8(std::string_view s, std::size_t pos) {
    auto byte = [&](std::size_t i) -> std::uint32_t {
        return static_cast<unsigned char>(s[i]);
    };
    if (pos >= s.size()) return {};
    std::uint32_t b0 = byte(pos);
    std::uint32_t len = 0, cp = 0, min = 0;
    if (b0 < 0x80) return {b0, 1};
    if ((b0 & 0xE0) == 0xC0) len = 2, cp = b0 & 0x1F, min = 0x80;
    else if ((b0 & 0xF0) == 0xE0) len = 3, cp = b0 & 0x0F, min = 0x800;
    else if ((b0 & 0xF8) == 0xF0) len = 4, cp = b0 & 0x07, min = 0x10000;
    else return {};
    if (pos + len > s.size()) return {};
    for (std::uint32_t i = 1; i < len; ++i) {
        std::uint32_t b = byte(pos + i);
        if ((b & 0xC0) != 0x80) return {};
        cp = (cp << 6) | (b & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return {};
    return {cp, len};
}

void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

namespace {

struct Range {
    std::uint32_t lo, hi;
};

bool inRanges(std::uint32_t cp, const Range* ranges, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        if (cp >= ranges[i].lo && cp <= ranges[i].hi) return true;
    return false;
}

// Blocks of punctuation, symbols, spaces and private use: not identifier characters.
constexpr Range kNotIdentifier[] = {
    {0x0080, 0x00A9}, {0x00AB, 0x00B4}, {0x00B6, 0x00B9}, {0x00BB, 0x00BF},
    {0x00D7, 0x00D7}, {0x00F7, 0x00F7}, {0x037E, 0x037E}, {0x0387, 0x0387},
    {0x1680, 0x1680}, {0x2000, 0x203E}, {0x2041, 0x2053}, {0x2055, 0x2070},
    {0x2072, 0x207E}, {0x2080, 0x208F}, {0x209D, 0x20CF}, {0x2100, 0x2101},
    {0x2103, 0x2106}, {0x2108, 0x2109}, {0x2114, 0x2114}, {0x2116, 0x2118},
    {0x211E, 0x2123}, {0x2125, 0x2125}, {0x2127, 0x2127}, {0x2129, 0x2129},
    {0x212E, 0x212E}, {0x213A, 0x213B}, {0x2140, 0x2144}, {0x214A, 0x214D},
    {0x214F, 0x215F}, {0x2189, 0x2BFF}, {0x2E00, 0x2E7F}, {0x3000, 0x3004},
    {0x3008, 0x3020}, {0x3030, 0x3030}, {0x3036, 0x3037}, {0x303D, 0x303F},
    {0xD800, 0xF8FF}, {0xFD3E, 0xFD3F}, {0xFE10, 0xFE1F}, {0xFE30, 0xFE32},
    {0xFE35, 0xFE4C}, {0xFE50, 0xFE6F}, {0xFEFF, 0xFEFF}, {0xFF00, 0xFF0F},
    {0xFF1A, 0xFF20}, {0xFF3B, 0xFF3E}, {0xFF40, 0xFF40}, {0xFF5B, 0xFF65},
    {0xFFE0, 0xFFFF}, {0x1F000, 0x1FAFF}, {0xE0000, 0x10FFFF},
};

constexpr Range kInvisible[] = {
    {0x00A0, 0x00A0}, {0x00AD, 0x00AD}, {0x1680, 0x1680}, {0x2000, 0x200F},
    {0x2028, 0x202F}, {0x205F, 0x2064}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF},
};

} // namespace

bool isIdentifierCodePoint(std::uint32_t cp) {
    if (cp < 0x80) return false;
    // Ordinal indicators and the micro sign are letters inside the Latin-1 punctuation range.
    if (cp == 0xAA || cp == 0xB5 || cp == 0xBA) return true;
    return !inRanges(cp, kNotIdentifier, std::size(kNotIdentifier));
}

bool isInvisibleCodePoint(std::uint32_t cp) {
    return inRanges(cp, kInvisible, std::size(kInvisible));
}

} // namespace tlift::frontend::py::detail
