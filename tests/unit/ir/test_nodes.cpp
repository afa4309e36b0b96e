#include "tlift/ir/context.h"
#include "tlift/ir/named_ops.h"
#include "tlift/ir/printer.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace tlift::ir;

TEST_CASE("hash-consing gives one node per structure", "[ir]") {
    Context c;
    Expr x = c.sym("x", DType::F32);
    CHECK(c.sym("x", DType::F32) == x);
    CHECK(c.sym("x", DType::F64) != x);
    Expr a = c.add(x, c.floatConst(1.0));
    Expr b = c.add(c.sym("x", DType::F32), c.floatConst(1.0));
    CHECK(a == b);
    CHECK(c.add(c.floatConst(1.0), x) != a); // no rewriting in the builder
    CHECK(c.intConst(3) != c.intConst(3, DType::I64));
    CHECK(c.floatConst(0.0) != c.floatConst(-0.0));
    CHECK(c.floatConst(std::nan("")) == c.floatConst(std::nan("1")));
    CHECK(a.structuralHash() == b.structuralHash());
    std::size_t before = c.nodeCount();
    (void)c.add(x, c.floatConst(1.0));
    CHECK(c.nodeCount() == before);
}

TEST_CASE("structural hash is independent of the context and of creation order", "[ir]") {
    Context c1, c2;
    Expr y2 = c2.sym("y", DType::F32); // created first in c2 only
    (void)y2;
    Expr e1 = c1.mul(c1.sym("x", DType::F32), c1.exp(c1.sym("x", DType::F32)));
    Expr e2 = c2.mul(c2.sym("x", DType::F32), c2.exp(c2.sym("x", DType::F32)));
    CHECK(e1.structuralHash() == e2.structuralHash());
    CHECK(e1.id() != e2.id());
}

TEST_CASE("every node kind is built with its type", "[ir]") {
    Context c;
    Expr M = c.sym("M", DType::I32), N = c.sym("N", DType::I32);
    Expr X = c.tensor("X", DType::F32, {M, N});
    Expr i = c.var("i"), j = c.var("j"), k = c.var("k");
    Expr xij = c.read(X, {i, j});
    CHECK(xij.dtype() == DType::F32);
    CHECK(xij.isScalar());
    CHECK(X.rank() == 2);
    CHECK(X.shape()[1] == N);

    for (Op op : {Op::Add, Op::Sub, Op::Mul, Op::Div, Op::FloorDiv, Op::Mod, Op::TDiv, Op::TRem, Op::Min, Op::Max, Op::Pow})
        CHECK(c.binary(op, xij, xij).dtype() == DType::F32);
    for (Op op : {Op::Exp, Op::Exp2, Op::Log, Op::Log2, Op::Log1p, Op::Expm1, Op::Sqrt, Op::Rsqrt, Op::Erf, Op::Tanh,
                  Op::Sigmoid, Op::Abs, Op::Sin, Op::Cos, Op::Floor, Op::Ceil, Op::Neg})
        CHECK(c.unary(op, xij).dtype() == DType::F32);
    for (Op op : {Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Eq, Op::Ne}) CHECK(c.binary(op, i, j).dtype() == DType::Bool);
    Expr cond = c.lt(i, N);
    for (Op op : {Op::And, Op::Or, Op::Xor}) CHECK(c.binary(op, cond, cond).dtype() == DType::Bool);
    CHECK(c.lnot(cond).dtype() == DType::Bool);
    for (Op op : {Op::BitAnd, Op::BitOr, Op::BitXor, Op::Shl, Op::Shr}) CHECK(c.binary(op, i, j).dtype() == DType::I32);
    CHECK(c.unary(Op::BitNot, i).dtype() == DType::I32);
    CHECK(c.select(cond, xij, c.floatConst(0.0)).dtype() == DType::F32);
    CHECK(c.cast(xij, DType::F16).dtype() == DType::F16);
    Expr s = c.reduce(ReduceKind::Sum, k, c.intConst(0), N, c.read(X, {i, k}));
    CHECK(s.dtype() == DType::F32);
    CHECK(s.var() == k);
    CHECK(c.reduce(ReduceKind::ArgMax, k, c.intConst(0), N, c.read(X, {i, k})).dtype() == DType::I32);
    CHECK(c.apply("acc", DType::F32, {i}).name() == "acc");
    CHECK(c.undef(3, DType::F32).undefId() == 3);
    Expr sm = c.named("softmax", {X, c.intConst(1)});
    CHECK(sm.rank() == 2);
    CHECK(sm.dtype() == DType::F32);
    CHECK(c.read(sm, {i, j}).isScalar());
    CHECK(c.rationalConst(Rational::make(2, 4)).rationalValue() == Rational{1, 2});
    CHECK(c.rationalConst(Rational::make(4, 2), DType::I32).intValue() == 2);
}

TEST_CASE("ill-typed nodes are refused with a message", "[ir]") {
    Context c;
    Expr x = c.sym("x", DType::F32), n = c.sym("n", DType::I32), d = c.sym("d", DType::F64);
    auto r1 = c.tryBinary(Op::Add, x, n);
    REQUIRE_FALSE(r1);
    CHECK(r1.error().message == "add: operand types differ: f32 and i32");
    CHECK_FALSE(c.tryBinary(Op::Add, x, d));
    auto r2 = c.tryBinary(Op::Div, n, n);
    REQUIRE_FALSE(r2);
    CHECK(r2.error().message == "div: true division needs floats, got i32");
    CHECK_FALSE(c.tryUnary(Op::Exp, n));
    CHECK_FALSE(c.tryBinary(Op::And, n, n));
    CHECK_FALSE(c.tryBinary(Op::Shl, x, x));
    CHECK_FALSE(c.trySelect(x, x, x));
    CHECK_FALSE(c.trySelect(c.lt(n, n), x, n));
    Expr X = c.tensor("X", DType::F32, {n});
    auto r3 = c.tryRead(X, {n, n});
    REQUIRE_FALSE(r3);
    CHECK(r3.error().message == "read: tensor of rank 1 indexed with 2 indices");
    CHECK_FALSE(c.tryRead(X, {x}));
    CHECK_FALSE(c.tryReduce(ReduceKind::Sum, n, c.intConst(0), n, c.trueConst(), x)); // n is not a variable
    CHECK_FALSE(c.tryReduce(ReduceKind::Sum, c.var("k"), c.intConst(0), n, n, x));     // guard not i1
    auto r4 = c.tryNamed("softmaxx", {X, c.intConst(0)});
    REQUIRE_FALSE(r4);
    CHECK(r4.error().message == "named: unknown operator 'softmaxx'");
    CHECK_FALSE(c.tryNamed("softmax", {X, c.intConst(3)}));
    CHECK_FALSE(c.tryNamed("softmax", {X, n})); // dim must be a constant
    CHECK_THROWS_AS(c.add(x, n), IrError);
    CHECK_THROWS_AS(c.var("v", DType::F32), IrError);
    CHECK_THROWS_AS(c.intConst(1, DType::F32), IrError);
}

TEST_CASE("tensor-level expressions broadcast like numpy", "[ir]") {
    Context c;
    Expr M = c.sym("M", DType::I32), N = c.sym("N", DType::I32);
    Expr X = c.tensor("X", DType::F32, {M, N});
    Expr w = c.tensor("w", DType::F32, {N});
    Expr b = c.tensor("b", DType::F32, {M, c.intConst(1)});
    Expr e = c.add(c.mul(X, w), b);
    REQUIRE(e.rank() == 2);
    CHECK(e.shape()[0] == M);
    CHECK(e.shape()[1] == N);
    Expr v = c.tensor("v", DType::F32, {M});
    auto bad = c.tryBinary(Op::Add, X, v);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "add: shapes [M, N] and [M] do not broadcast");
    Expr s = c.named("sum", {X, c.intConst(1), c.boolConst(true)});
    CHECK(s.shape()[1].isIntConst(1));
    CHECK(c.sub(X, s).rank() == 2);
    Expr s2 = c.named("sum", {X, c.intConst(-1), c.boolConst(false)});
    CHECK(s2.rank() == 1);
    Expr K = c.sym("K", DType::I32);
    Expr A = c.tensor("A", DType::F32, {M, K}), B = c.tensor("B", DType::F32, {K, N});
    CHECK(c.named("matmul", {A, B}).shape()[1] == N);
    CHECK_FALSE(c.tryNamed("matmul", {A, A}));
}

TEST_CASE("the named-operator table is complete and consistent", "[ir]") {
    for (const char* name : {"softmax", "log_softmax", "logsumexp", "layer_norm", "rms_norm", "mean", "var", "std",
                             "vector_norm", "normalize", "cosine_similarity", "cross_entropy", "gelu", "gelu_tanh",
                             "silu", "softplus", "silu_and_mul", "gelu_and_mul", "relu", "leaky_relu", "clamp",
                             "matmul", "mv", "outer", "bmm", "linear", "cumsum", "argmax", "amax", "sum", "embedding"}) {
        INFO(name);
        const NamedOpInfo* info = findNamedOp(name);
        REQUIRE(info != nullptr);
        CHECK(namedOp(info->index).name == name);
        CHECK(!info->latex.empty());
        CHECK(bool(info->type));
        CHECK((info->elementwise ? bool(info->scalar) : bool(info->tensor)));
    }
    CHECK(findNamedOp("no_such_op") == nullptr);
    CHECK(normalizeDim(-1, 2) == 1);
    CHECK(normalizeDim(2, 2) == -1);
}

TEST_CASE("fresh variables do not collide", "[ir]") {
    Context c;
    Expr k = c.var("k");
    Expr k1 = c.freshVar("k");
    Expr k2 = c.freshVar("k");
    CHECK(k1 != k);
    CHECK(k2 != k1);
    CHECK(k1.name() == "k1");
    CHECK(k2.name() == "k2");
    CHECK(c.freshVar("z").name() == "z");
}

TEST_CASE("memory per node stays small", "[ir]") {
    Context c;
    Expr x = c.sym("x", DType::F32);
    Expr acc = x;
    for (int i = 0; i < 1000; ++i) acc = c.add(acc, c.floatConst(i));
    CHECK(c.nodeCount() >= 2000);
    CHECK(c.bytesUsed() / c.nodeCount() < 200);
}
