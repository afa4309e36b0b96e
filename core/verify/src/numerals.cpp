#include "numerals.h"

#include "tlift/util/strings.h"

#include <cmath>

namespace tlift::verify::smt {

std::string decimalToRational(const std::string& text) {
    std::string s = text;
    bool neg = !s.empty() && s[0] == '-';
    if (neg || (!s.empty() && s[0] == '+')) s = s.substr(1);
    int exp10 = 0;
    if (auto e = s.find_first_of("eE"); e != std::string::npos) {
        exp10 = std::stoi(s.substr(e + 1));
        s = s.substr(0, e);
    }
    std::string digits;
    for (char c : s)
        if (c != '.') digits += c;
    if (auto dot = s.find('.'); dot != std::string::npos) exp10 -= static_cast<int>(s.size() - dot - 1);
    while (digits.size() > 1 && digits[0] == '0') digits.erase(0, 1);
    if (digits.empty()) digits.push_back('0');
    std::string num = digits, den = "1";
    if (exp10 >= 0) num += std::string(static_cast<std::size_t>(exp10), '0');
    else den += std::string(static_cast<std::size_t>(-exp10), '0');
    std::string out;
    if (neg && digits != "0") out.push_back('-');
    out.append(num);
    out.push_back('/');
    out.append(den);
    return out;
}

bool isLogConstant(double v) {
    const double ln2 = 0.69314718055994530942, log2e = 1.44269504088896340736;
    for (double t : {ln2, log2e})
        if (std::fabs(std::fabs(v) - t) <= 1e-7 * t) return true;
    return false;
}

std::string rationalOf(double v) { return decimalToRational(util::formatDouble(v)); }

} // namespace tlift::verify::smt
