#pragma once
// The axioms of the math functions, as data. The verifier treats exp, log, sqrt, tanh, erf,
// sin, cos and pow as uninterpreted functions and adds these facts at the ground terms of each
// query (never as quantified formulas, so every query stays decidable in principle). Each axiom
// is written in the IR text form over two f64 symbols `a` and `b`; the SMT instances are
// encoded from that same text, and the tests evaluate it on random reals, so the fact the solver
// uses is the fact the tests check. Functions defined from these (exp2, expm1, log2, log1p,
// rsqrt, sigmoid) are encoded through them and need no axioms of their own.

#include "tlift/ir/op.h"

#include <span>
#include <string>
#include <vector>

namespace tlift::verify {

enum class AxiomTrigger {
    Unary,     // for every application f(t) in the query: a := t (pow: a, b := its arguments)
    Pair,      // for every pair of applications f(t), f(u) of the query: a := t, b := u
    Decompose, // for every application f(t) whose argument is t = u + v, u - v, u * v or u / v
               // (the operator named by `decomposes`): a := u, b := v (b := -v for u - v)
};

struct AxiomInfo {
    std::string name;
    ir::Op function;
    AxiomTrigger trigger;
    std::string decomposes;               // Decompose: "+", "*" or "/"
    std::string premise;                  // i1 IR text over a, b; empty = true
    std::vector<std::string> conclusions; // i1 relations (==, !=, <, <=, >, >=) over a, b
    std::string why;                      // why it is true (docs/verify.md quotes these)
};

std::span<const AxiomInfo> axiomTable();

} // namespace tlift::verify
