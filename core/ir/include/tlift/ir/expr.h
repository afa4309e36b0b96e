#pragma once
// The formula IR: one hash-consed expression DAG shared by symbolic execution, synthesis,
// verification, simplification and the reports. Nodes are immutable and owned by a Context;
// an Expr is a pointer-sized handle, and two Exprs of one Context are structurally equal
// exactly when they are the same pointer.

#include "tlift/ir/dtype.h"
#include "tlift/ir/op.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace tlift::ir {

struct Node;
struct NamedOpInfo;

enum class ConstKind : std::uint8_t { Int, Rational, Float, Bool };

// An exact rational num/den with den > 0 and gcd(num, den) = 1.
struct Rational {
    std::int64_t num = 0;
    std::int64_t den = 1;
    static Rational make(std::int64_t num, std::int64_t den); // normalizes; den != 0
    double toDouble() const { return static_cast<double>(num) / static_cast<double>(den); }
    bool isInteger() const { return den == 1; }
    bool operator==(const Rational&) const = default;
};

class Expr {
public:
    Expr() = default;
    explicit Expr(const Node* n) : m_node(n) {}

    const Node* node() const { return m_node; }
    bool null() const { return m_node == nullptr; }
    explicit operator bool() const { return m_node != nullptr; }
    bool operator==(const Expr& o) const { return m_node == o.m_node; }
    bool operator!=(const Expr& o) const { return m_node != o.m_node; }

    Op op() const;
    DType dtype() const;
    std::size_t arity() const;
    Expr child(std::size_t i) const;
    Expr operator[](std::size_t i) const { return child(i); }
    std::span<const Expr> children() const;
    // The shape of a tensor-valued expression; empty for scalars.
    std::span<const Expr> shape() const;
    std::size_t rank() const { return shape().size(); }
    bool isScalar() const { return shape().empty(); }

    // Sym, Var, Tensor, Apply: the name.
    std::string_view name() const;
    // Const.
    ConstKind constKind() const;
    std::int64_t intValue() const;  // Int and Bool (0/1)
    Rational rationalValue() const; // Int and Rational
    double floatValue() const;      // Float
    bool boolValue() const;         // Bool
    double numericValue() const;    // any constant, as a double
    bool isConst() const { return op() == Op::Const; }
    bool isIntConst(std::int64_t v) const;
    bool isZero() const;
    bool isOne() const;
    // Reduce.
    ReduceKind reduceKind() const;
    Expr var() const { return child(0); }
    Expr lo() const { return child(1); }
    Expr hi() const { return child(2); }
    Expr guard() const { return child(3); }
    Expr body() const { return child(4); }
    // Named.
    const NamedOpInfo& namedInfo() const;
    // Undef.
    std::int64_t undefId() const;

    // Creation order within the Context (deterministic for a deterministic producer).
    std::uint32_t id() const;
    // A hash of the structure that does not depend on creation order or on the Context.
    std::uint64_t structuralHash() const;
    // A superset (bloom filter) of the variables that occur in the expression.
    std::uint64_t varMask() const;

private:
    const Node* m_node = nullptr;
};

struct ExprHash {
    std::size_t operator()(const Expr& e) const { return std::hash<const void*>()(e.node()); }
};

// The node layout; users go through Expr.
struct Node {
    Op op;
    DType dtype;
    std::uint8_t sub; // ConstKind, ReduceKind
    std::uint8_t flags;
    std::uint32_t nkids;
    std::uint32_t ndims;
    std::uint32_t id;
    std::uint64_t shash;
    std::uint64_t varMask;
    std::int64_t i; // int value / numerator / undef id / named-op index
    std::int64_t j; // denominator
    double f;       // float value
    const char* nameData;
    std::uint32_t nameLen;
    const Expr* kids; // nkids children followed by ndims shape dimensions
};

// ---- inline accessors ----
inline Op Expr::op() const { return m_node->op; }
inline DType Expr::dtype() const { return m_node->dtype; }
inline std::size_t Expr::arity() const { return m_node->nkids; }
inline Expr Expr::child(std::size_t i) const { return m_node->kids[i]; }
inline std::span<const Expr> Expr::children() const { return {m_node->kids, m_node->nkids}; }
inline std::span<const Expr> Expr::shape() const {
    return {m_node->kids + m_node->nkids, m_node->ndims};
}
inline std::string_view Expr::name() const { return {m_node->nameData, m_node->nameLen}; }
inline ConstKind Expr::constKind() const { return static_cast<ConstKind>(m_node->sub); }
inline std::int64_t Expr::intValue() const { return m_node->i; }
inline Rational Expr::rationalValue() const { return Rational{m_node->i, m_node->j}; }
inline double Expr::floatValue() const { return m_node->f; }
inline bool Expr::boolValue() const { return m_node->i != 0; }
inline ReduceKind Expr::reduceKind() const { return static_cast<ReduceKind>(m_node->sub); }
inline std::int64_t Expr::undefId() const { return m_node->i; }
inline std::uint32_t Expr::id() const { return m_node->id; }
inline std::uint64_t Expr::structuralHash() const { return m_node->shash; }
inline std::uint64_t Expr::varMask() const { return m_node->varMask; }

} // namespace tlift::ir

template <>
struct std::hash<tlift::ir::Expr> {
    std::size_t operator()(const tlift::ir::Expr& e) const noexcept {
        return std::hash<const void*>()(e.node());
    }
};
