#pragma once
// Exact numerals for Z3: a float constant means the decimal number it prints as.

#include <string>

namespace tlift::verify::smt {

// "0.044715" -> "44715/1000000", "1e-05" -> "1/100000", "-2" -> "-2/1".
std::string decimalToRational(const std::string& decimal);
// The shortest decimal that reads back as v, as a rational (v finite).
std::string rationalOf(double v);

// Constants within 1e-7 (relative) of ±ln 2 or ±log2(e), read as those numbers when
// CheckOptions::exactLogConstants is set; the verdict then lists kExactLogNote.
bool isLogConstant(double v);
inline constexpr const char* kExactLogNote = "constants within 1e-7 of ln 2 and log2(e) stand for those numbers";

} // namespace tlift::verify::smt
