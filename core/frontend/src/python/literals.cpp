// Values of number and string tokens.
#include "tlift/frontend/python/lexer.h"

#include "unicode_chars.h"

#include <charconv>
#include <limits>

namespace tlift::frontend::py {

namespace {

int digitValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

// Parses digits of `radix`; sets overflow when the value passes int64.
void parseInteger(std::string_view digits, int radix, NumberValue& out) {
    std::uint64_t v = 0;
    constexpr std::uint64_t kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    for (char c : digits) {
        int d = digitValue(c);
        if (d >= radix) continue;
        if (v > (kMax - static_cast<std::uint64_t>(d)) / static_cast<std::uint64_t>(radix)) {
            out.overflow = true;
            out.intValue = 0;
            return;
        }
        v = v * static_cast<std::uint64_t>(radix) + static_cast<std::uint64_t>(d);
    }
    out.intValue = static_cast<std::int64_t>(v);
}

double parseDouble(std::string_view text) {
    double v = 0;
    auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    if (res.ec == std::errc::result_out_of_range) {
        // from_chars leaves the value alone on overflow; Python gives inf or 0.
        bool tiny = text.find("e-") != std::string_view::npos || text.find("E-") != std::string_view::npos;
        return tiny ? 0.0 : std::numeric_limits<double>::infinity();
    }
    return v;
}

} // namespace

NumberValue decodeNumber(std::string_view text) {
    std::string clean;
    clean.reserve(text.size());
    for (char c : text)
        if (c != '_') clean += c;
    NumberValue out;
    std::string_view t = clean;
    if (!t.empty() && (t.back() == 'j' || t.back() == 'J')) {
        out.kind = NumberValue::Kind::Imaginary;
        out.floatValue = parseDouble(t.substr(0, t.size() - 1));
        return out;
    }
    if (t.size() > 1 && t[0] == '0') {
        char r = static_cast<char>(t[1] | 0x20);
        int radix = r == 'x' ? 16 : r == 'o' ? 8 : r == 'b' ? 2 : 0;
        if (radix) {
            parseInteger(t.substr(2), radix, out);
            return out;
        }
    }
    if (t.find_first_of(".eE") != std::string_view::npos) {
        out.kind = NumberValue::Kind::Float;
        // from_chars does not take a leading '.'.
        std::string s = t[0] == '.' ? "0" + clean : clean;
        out.floatValue = parseDouble(s);
        return out;
    }
    parseInteger(t, 10, out);
    return out;
}

namespace {

// Reads exactly `n` hex digits at body[i...]; returns false when they are not there.
bool readHex(std::string_view body, std::size_t i, std::size_t n, std::uint32_t& v) {
    if (i + n > body.size()) return false;
    v = 0;
    for (std::size_t k = 0; k < n; ++k) {
        int d = digitValue(body[i + k]);
        if (d >= 16) return false;
        v = v * 16 + static_cast<std::uint32_t>(d);
    }
    return true;
}

} // namespace

std::string decodeEscapes(std::string_view body, bool bytes, std::size_t* badOffset) {
    std::string out;
    out.reserve(body.size());
    std::size_t bad = std::string_view::npos;
    auto markBad = [&](std::size_t at) {
        if (bad == std::string_view::npos) bad = at;
    };
    auto put = [&](std::uint32_t cp) {
        if (bytes) out += static_cast<char>(cp & 0xFF);
        else detail::appendUtf8(out, cp);
    };
    for (std::size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (c != '\\' || i + 1 >= body.size()) {
            out += c;
            continue;
        }
        std::size_t at = i;
        char d = body[++i];
        std::uint32_t v = 0;
        switch (d) {
        case '\n': break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case 'x':
            if (!readHex(body, i + 1, 2, v)) {
                markBad(at);
                out += "\\x";
                break;
            }
            i += 2;
            put(v);
            break;
        case 'u':
        case 'U': {
            std::size_t n = d == 'u' ? 4 : 8;
            if (bytes) {
                out += '\\';
                out += d;
            } else if (!readHex(body, i + 1, n, v) || v > 0x10FFFF) {
                markBad(at);
                out += '\\';
                out += d;
            } else {
                i += n;
                detail::appendUtf8(out, v);
            }
            break;
        }
        case 'N': {
            // Character names need Unicode's name table; the escape is kept as written.
            std::size_t close = body.find('}', i);
            if (!bytes && (i + 1 >= body.size() || body[i + 1] != '{' || close == std::string_view::npos))
                markBad(at);
            out += '\\';
            out += d;
            break;
        }
        default:
            if (d >= '0' && d <= '7') {
                v = static_cast<std::uint32_t>(d - '0');
                for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k)
                    v = v * 8 + static_cast<std::uint32_t>(body[++i] - '0');
                put(v);
            } else {
                out += '\\';
                out += d;
            }
        }
    }
    if (badOffset) *badOffset = bad;
    return out;
}

} // namespace tlift::frontend::py
