#pragma once
// KaTeX as embedded at build time (embed_katex.cmake), and the forms an HTML report inlines.

#include <cstddef>
#include <string>

namespace tlift::report::detail {

struct KatexFont {
    const char* name; // "KaTeX_Main-Regular.woff2"
    const unsigned char* data;
    std::size_t size;
};

extern const KatexFont kKatexFonts[];
extern const std::size_t kKatexFontCount;
extern const char* const kKatexJs;
extern const char* const kKatexCss;

// katex.min.css with every font as a woff2 data: URI (the woff and ttf fallbacks dropped).
const std::string& inlineKatexCss();
// The base64 form of bytes (RFC 4648, with padding).
std::string base64(const unsigned char* data, std::size_t size);

} // namespace tlift::report::detail
