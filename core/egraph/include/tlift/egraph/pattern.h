#pragma once
// Patterns over the IR operators, written as S-expressions (e-matching is in matcher.h).
//
//   ?x                         a pattern variable (binds an e-class)
//   0  1.5  1/2  -1  true      a literal; 2:i64 fixes its dtype. On the left it matches a class
//                              whose constant has that value; on the right it takes the dtype
//                              its position needs (the other operand's, like Python scalars)
//   (+ ?a ?b)  (- ?a ?b)  (* ?a ?b)  (/ ?a ?b)  (neg ?a)
//   (< ?a ?b) (<= ..) (> ..) (>= ..) (== ..) (!= ..)  (and ..) (or ..) (not ..)
//   (exp ?x) (max ?a ?b) (pow ?a ?b) ...   every IR operator by its text-form name
//   (where ?c ?a ?b)  (cast:f32 ?x)  (read ?t ?i ?j)
//   (reduce:sum ?k ?lo ?hi ?guard ?body)   an index-level reduction (sum prod max min argmax
//   (reduce:max ?k ?lo ?hi ?body)          argmin); without a guard it is `true`
//   (softmax ?x ?dim)  (sum ?x ?dim ?keepdim)  a named tensor-level operator, every parameter
//                                           in order (ir/named_ops.h)

#include "tlift/egraph/egraph.h"
#include "tlift/util/result.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tlift::egraph {

struct Literal {
    enum Kind : std::uint8_t { Int, Rational, Float, Bool } kind = Int;
    std::int64_t i = 0;
    ir::Rational r;
    double f = 0;
    bool b = false;
    std::optional<ir::DType> dtype;
    double value() const;
    std::string text() const;
    // True when the constant `c` has this value (and the dtype, when one is given).
    bool matches(ir::Expr c) const;
    // The constant of dtype t; null if the literal cannot have that type.
    ir::Expr make(ir::Context& ctx, ir::DType t) const;
};

struct PatternNode {
    enum Kind : std::uint8_t { Var, Lit, Op } kind = Op;
    int slot = -1;                   // Var: variable index; Lit on a left side: hidden slot
    Literal lit;
    ir::Op op = ir::Op::Const;
    std::uint8_t sub = 0;            // Reduce: ReduceKind
    int named = -1;                  // Named: operator index
    ir::DType castTo = ir::DType::F32;
    std::vector<int> kids;
};

// The operator an e-node must have to match a pattern node (op, reduce kind, named operator,
// cast target), packed for indexing classes by operator.
std::uint64_t opKeyOf(const PatternNode& p);
std::uint64_t opKeyOf(ir::Expr term);

class Pattern {
public:
    std::vector<PatternNode> nodes;
    int root = -1;

    const PatternNode& rootNode() const { return nodes[static_cast<std::size_t>(root)]; }
    // S-expression text; variable names from `vars`.
    std::string text(const std::vector<std::string>& vars) const;
    // Variables used (indices), ascending, without duplicates.
    std::vector<int> variables() const;
    std::size_t size() const { return nodes.size(); }
};

// Parses one pattern. Variables are looked up in (and added to) `vars`. Literal nodes get
// hidden slots numbered from `*nextHidden` (pass null for right sides: no slots). `where` is
// "file:line:col" of text's first character for messages.
util::Result<Pattern> parsePattern(std::string_view text, std::vector<std::string>& vars, int* nextHidden,
                                   const std::string& where);

// Builds the IR term of a pattern. `slotValue(slot)` gives the term bound to a variable (and may
// give one for a literal's hidden slot: the constant the left side matched); literals without
// one take the dtype their position needs, or `want` at the root. Integer arithmetic on
// constants is folded (dimensions of named operators must be constants). Fails when the term
// would be ill-typed.
util::Result<ir::Expr> instantiate(ir::Context& ctx, const Pattern& p, const std::function<ir::Expr(int)>& slotValue,
                                   std::optional<ir::DType> want);

} // namespace tlift::egraph
