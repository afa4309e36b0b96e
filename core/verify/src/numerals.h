#pragma once
// Exact numerals for Z3: a float constant means the decimal number it prints as.

#include <string>

namespace tlift::verify::smt {

// "0.044715" -> "44715/1000000", "1e-05" -> "1/100000", "-2" -> "-2/1".
std::string decimalToRational(const std::string& decimal);
// The shortest decimal that reads back as v, as a rational (v finite).
std::string rationalOf(double v);

} // namespace tlift::verify::smt
