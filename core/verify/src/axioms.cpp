#include "tlift/verify/axioms.h"

namespace tlift::verify {

namespace {

using ir::Op;
using T = AxiomTrigger;

std::vector<AxiomInfo> makeTable() {
    return {
        // ---- exp ----
        {"exp_positive", Op::Exp, T::Unary, "", "", {"exp(a) > 0.0"}, "e^a > 0 for every real a"},
        {"exp_tangent", Op::Exp, T::Unary, "", "", {"exp(a) >= 1.0 + a"},
         "e^a lies above its tangent at 0 (convexity)"},
        {"exp_zero", Op::Exp, T::Unary, "", "a == 0.0", {"exp(a) == 1.0"}, "e^0 = 1"},
        {"exp_log", Op::Exp, T::Unary, "", "", {"log(exp(a)) == a"}, "log is the inverse of exp on the reals"},
        {"exp_add", Op::Exp, T::Pair, "", "", {"exp(a + b) == exp(a) * exp(b)"}, "e^(a+b) = e^a e^b"},
        {"exp_split", Op::Exp, T::Decompose, "+", "", {"exp(a + b) == exp(a) * exp(b)"},
         "e^(a+b) = e^a e^b, at the summands of an argument"},
        {"exp_monotone", Op::Exp, T::Pair, "", "a < b", {"exp(a) < exp(b)"}, "exp is strictly increasing"},
        // ---- log ----
        {"log_inverse", Op::Log, T::Unary, "", "a > 0.0", {"exp(log(a)) == a"}, "e^(log a) = a for a > 0"},
        {"log_one", Op::Log, T::Unary, "", "a == 1.0", {"log(a) == 0.0"}, "log 1 = 0"},
        {"log_tangent", Op::Log, T::Unary, "", "a > 0.0", {"log(a) <= a - 1.0"},
         "log lies below its tangent at 1 (concavity)"},
        {"log_mul", Op::Log, T::Pair, "", "a > 0.0 && b > 0.0", {"log(a * b) == log(a) + log(b)"},
         "log(ab) = log a + log b for a, b > 0"},
        {"log_split_mul", Op::Log, T::Decompose, "*", "a > 0.0 && b > 0.0", {"log(a * b) == log(a) + log(b)"},
         "log(ab) = log a + log b, at the factors of an argument"},
        {"log_split_div", Op::Log, T::Decompose, "/", "a > 0.0 && b > 0.0", {"log(a / b) == log(a) - log(b)"},
         "log(a/b) = log a - log b, at the operands of a quotient"},
        {"log_monotone", Op::Log, T::Pair, "", "0.0 < a && a < b", {"log(a) < log(b)"},
         "log is strictly increasing on the positive reals"},
        // ---- sqrt ----
        {"sqrt_square", Op::Sqrt, T::Unary, "", "a >= 0.0", {"sqrt(a) >= 0.0", "sqrt(a) * sqrt(a) == a"},
         "the square root of a >= 0 is the non-negative root of x^2 = a"},
        {"sqrt_monotone", Op::Sqrt, T::Pair, "", "0.0 <= a && a < b", {"sqrt(a) < sqrt(b)"},
         "sqrt is strictly increasing on the non-negative reals"},
        {"sqrt_mul", Op::Sqrt, T::Pair, "", "a >= 0.0 && b >= 0.0", {"sqrt(a * b) == sqrt(a) * sqrt(b)"},
         "sqrt(ab) = sqrt a sqrt b for a, b >= 0"},
        {"sqrt_split_mul", Op::Sqrt, T::Decompose, "*", "a >= 0.0 && b >= 0.0", {"sqrt(a * b) == sqrt(a) * sqrt(b)"},
         "sqrt(ab) = sqrt a sqrt b, at the factors of an argument"},
        // ---- tanh ----
        {"tanh_bounds", Op::Tanh, T::Unary, "", "", {"tanh(a) > -1.0", "tanh(a) < 1.0"}, "-1 < tanh a < 1"},
        {"tanh_sign", Op::Tanh, T::Unary, "", "",
         {"(a > 0.0) == (tanh(a) > 0.0)", "(a < 0.0) == (tanh(a) < 0.0)"}, "tanh has the sign of its argument"},
        {"tanh_exp", Op::Tanh, T::Unary, "", "", {"tanh(a) * (exp(2.0 * a) + 1.0) == exp(2.0 * a) - 1.0"},
         "tanh a = (e^(2a) - 1) / (e^(2a) + 1)"},
        {"tanh_odd", Op::Tanh, T::Pair, "", "a == -b", {"tanh(a) == -tanh(b)"}, "tanh is odd"},
        {"tanh_monotone", Op::Tanh, T::Pair, "", "a < b", {"tanh(a) < tanh(b)"}, "tanh is strictly increasing"},
        // ---- erf ----
        {"erf_bounds", Op::Erf, T::Unary, "", "", {"erf(a) > -1.0", "erf(a) < 1.0"}, "-1 < erf a < 1"},
        {"erf_sign", Op::Erf, T::Unary, "", "",
         {"(a > 0.0) == (erf(a) > 0.0)", "(a < 0.0) == (erf(a) < 0.0)"}, "erf has the sign of its argument"},
        {"erf_odd", Op::Erf, T::Pair, "", "a == -b", {"erf(a) == -erf(b)"}, "erf is odd"},
        {"erf_monotone", Op::Erf, T::Pair, "", "a < b", {"erf(a) < erf(b)"}, "erf is strictly increasing"},
        // ---- sin, cos ----
        {"sin_bounds", Op::Sin, T::Unary, "", "", {"sin(a) >= -1.0", "sin(a) <= 1.0"}, "-1 <= sin a <= 1"},
        {"sin_zero", Op::Sin, T::Unary, "", "a == 0.0", {"sin(a) == 0.0"}, "sin 0 = 0"},
        {"sin_cos_square", Op::Sin, T::Unary, "", "", {"sin(a) * sin(a) + cos(a) * cos(a) == 1.0"},
         "sin^2 + cos^2 = 1"},
        {"sin_odd", Op::Sin, T::Pair, "", "a == -b", {"sin(a) == -sin(b)"}, "sin is odd"},
        {"cos_bounds", Op::Cos, T::Unary, "", "", {"cos(a) >= -1.0", "cos(a) <= 1.0"}, "-1 <= cos a <= 1"},
        {"cos_zero", Op::Cos, T::Unary, "", "a == 0.0", {"cos(a) == 1.0"}, "cos 0 = 1"},
        {"cos_sin_square", Op::Cos, T::Unary, "", "", {"sin(a) * sin(a) + cos(a) * cos(a) == 1.0"},
         "sin^2 + cos^2 = 1"},
        {"cos_even", Op::Cos, T::Pair, "", "a == -b", {"cos(a) == cos(b)"}, "cos is even"},
        // ---- pow (with a non-constant or non-integer exponent) ----
        {"pow_exp_log", Op::Pow, T::Unary, "", "a > 0.0", {"a ** b == exp(b * log(a))"},
         "a^b = e^(b log a) for a > 0"},
        {"pow_positive", Op::Pow, T::Unary, "", "a > 0.0", {"a ** b > 0.0"}, "a^b > 0 for a > 0"},
    };
}

} // namespace

std::span<const AxiomInfo> axiomTable() {
    static const std::vector<AxiomInfo> table = makeTable();
    return table;
}

} // namespace tlift::verify
