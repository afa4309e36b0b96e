#include "katex_assets.h"

#include <regex>
#include <string_view>

namespace tlift::report::detail {

std::string base64(const unsigned char* data, std::size_t size) {
    static const char* const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((size + 2) / 3 * 4);
    for (std::size_t i = 0; i < size; i += 3) {
        unsigned v = static_cast<unsigned>(data[i]) << 16;
        if (i + 1 < size) v |= static_cast<unsigned>(data[i + 1]) << 8;
        if (i + 2 < size) v |= data[i + 2];
        out += digits[(v >> 18) & 63];
        out += digits[(v >> 12) & 63];
        out += i + 1 < size ? digits[(v >> 6) & 63] : '=';
        out += i + 2 < size ? digits[v & 63] : '=';
    }
    return out;
}

namespace {

const KatexFont* findFont(std::string_view name) {
    for (std::size_t i = 0; i < kKatexFontCount; ++i)
        if (name == kKatexFonts[i].name) return &kKatexFonts[i];
    return nullptr;
}

std::string buildInlineCss() {
    // Each @font-face lists woff2, woff and ttf sources; browsers that open a report all read
    // woff2, so the source list becomes the one woff2 data: URI.
    static const std::regex src(R"(src:url\(fonts/([A-Za-z0-9_-]+\.woff2)\) format\(['"]woff2['"]\)[^;}]*)");
    std::string css = kKatexCss, out;
    auto begin = std::sregex_iterator(css.begin(), css.end(), src);
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        const std::smatch& m = *it;
        out.append(css, last, static_cast<std::size_t>(m.position(0)) - last);
        if (const KatexFont* f = findFont(m[1].str()))
            out += "src:url(data:font/woff2;base64," + base64(f->data, f->size) + ") format('woff2')";
        else
            out += m[0].str(); // a font the package does not ship as woff2: left as it was
        last = static_cast<std::size_t>(m.position(0) + m.length(0));
    }
    out.append(css, last, std::string::npos);
    return out;
}

} // namespace

const std::string& inlineKatexCss() {
    static const std::string css = buildInlineCss();
    return css;
}

} // namespace tlift::report::detail
