#pragma once
// The Context owns the nodes of the formula IR and builds them: hash-consed (building the same
// node twice gives the same pointer) and type-checked (an ill-typed node is never built).
//
// Two construction APIs:
//  - make(): checked; returns a util::Result with a message for ill-typed input. Use it for
//    anything derived from user input (parsers, symbolic execution of user kernels).
//  - add(), mul(), read(), ...: convenience builders for code whose inputs are known to be
//    well-typed; a violation throws IrError (a programming error, like an assert).
//
// The builders never rewrite: simplification lives in simplify.h. Thread safety: building is
// serialized by a mutex; nodes are immutable and never move, so reading them from other
// threads is safe while the Context lives.

#include "tlift/ir/expr.h"
#include "tlift/util/result.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace tlift::ir {

class IrError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

struct NodeSpec {
    Op op = Op::Const;
    std::vector<Expr> kids;
    DType dtype = DType::F32; // the target of Cast, the result of Apply; inferred otherwise
    std::uint8_t sub = 0;     // ReduceKind for Reduce
    std::string name;         // Apply: function name; Named: operator name
};

class Context {
public:
    Context();
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    // ---- leaves ----
    Expr intConst(std::int64_t v, DType t = DType::I32);
    // A rational constant; with an integer dtype it must be an integer.
    Expr rationalConst(Rational r, DType t = DType::F32);
    Expr floatConst(double v, DType t = DType::F32);
    Expr boolConst(bool v);
    Expr zero(DType t); // 0 of the type: int constant, or float 0.0, or false
    Expr one(DType t);
    Expr sym(std::string_view name, DType t);
    Expr var(std::string_view name, DType t = DType::I32);
    // A variable whose name is not yet used in this Context ("k", "k1", "k2", ...).
    Expr freshVar(std::string_view base, DType t = DType::I32);
    Expr tensor(std::string_view name, DType t, std::vector<Expr> shape);
    Expr undef(std::int64_t id, DType t);

    // ---- checked construction ----
    util::Result<Expr> make(const NodeSpec& spec);
    util::Result<Expr> tryUnary(Op op, Expr a);
    util::Result<Expr> tryBinary(Op op, Expr a, Expr b);
    util::Result<Expr> trySelect(Expr c, Expr a, Expr b);
    util::Result<Expr> tryRead(Expr t, std::vector<Expr> idx);
    util::Result<Expr> tryReduce(ReduceKind k, Expr var, Expr lo, Expr hi, Expr guard, Expr body);
    util::Result<Expr> tryNamed(std::string_view name, std::vector<Expr> args);
    util::Result<Expr> tryCast(Expr e, DType to);

    // ---- convenience builders (throw IrError when ill-typed) ----
    Expr unary(Op op, Expr a);
    Expr binary(Op op, Expr a, Expr b);
    Expr neg(Expr a) { return unary(Op::Neg, a); }
    Expr add(Expr a, Expr b) { return binary(Op::Add, a, b); }
    Expr sub(Expr a, Expr b) { return binary(Op::Sub, a, b); }
    Expr mul(Expr a, Expr b) { return binary(Op::Mul, a, b); }
    Expr div(Expr a, Expr b) { return binary(Op::Div, a, b); }
    Expr min(Expr a, Expr b) { return binary(Op::Min, a, b); }
    Expr max(Expr a, Expr b) { return binary(Op::Max, a, b); }
    Expr lt(Expr a, Expr b) { return binary(Op::Lt, a, b); }
    Expr le(Expr a, Expr b) { return binary(Op::Le, a, b); }
    Expr gt(Expr a, Expr b) { return binary(Op::Gt, a, b); }
    Expr ge(Expr a, Expr b) { return binary(Op::Ge, a, b); }
    Expr eq(Expr a, Expr b) { return binary(Op::Eq, a, b); }
    Expr land(Expr a, Expr b) { return binary(Op::And, a, b); }
    Expr lor(Expr a, Expr b) { return binary(Op::Or, a, b); }
    Expr lnot(Expr a) { return unary(Op::Not, a); }
    Expr exp(Expr a) { return unary(Op::Exp, a); }
    Expr select(Expr c, Expr a, Expr b);
    Expr cast(Expr e, DType to);
    Expr read(Expr t, std::vector<Expr> idx);
    Expr reduce(ReduceKind k, Expr var, Expr lo, Expr hi, Expr guard, Expr body);
    // Reduce with the guard `true`.
    Expr reduce(ReduceKind k, Expr var, Expr lo, Expr hi, Expr body);
    Expr apply(std::string_view fn, DType result, std::vector<Expr> args);
    Expr named(std::string_view name, std::vector<Expr> args);
    Expr trueConst() { return boolConst(true); }
    Expr falseConst() { return boolConst(false); }

    // Rebuilds `e` with new children (same op and payload); checked.
    util::Result<Expr> withChildren(Expr e, std::vector<Expr> kids);

    // ---- statistics ----
    std::size_t nodeCount() const;
    // Bytes held by nodes, child arrays, names and the hash-cons table.
    std::size_t bytesUsed() const;

private:
    struct Impl;
    Expr intern(const Node& probe, std::span<const Expr> kidsAndDims, std::string_view name);
    std::unique_ptr<Impl> m_impl;
};

} // namespace tlift::ir
