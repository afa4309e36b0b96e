#include "random_expr.h"
#include "tlift/ir/named_ops.h"
#include "tlift/ir/parser.h"
#include "tlift/ir/printer.h"

#include <catch2/catch.hpp>

using namespace tlift::ir;

namespace {

Scope matrixScope(Context& c) {
    Scope s;
    Expr M = c.sym("M", DType::I32), N = c.sym("N", DType::I32);
    s.declare(M);
    s.declare(N);
    s.declare(c.tensor("x", DType::F32, {M, N}));
    s.declare(c.tensor("w", DType::F32, {N}));
    s.declare(c.sym("eps", DType::F32));
    s.declare(c.var("i"));
    s.declare(c.var("j"));
    return s;
}

std::string parseError(Context& c, const std::string& text, Scope s = {}) {
    auto r = parseExpr(c, text, std::move(s));
    REQUIRE_FALSE(r);
    return r.error().message;
}

} // namespace

TEST_CASE("the text form prints readable expressions", "[ir][text]") {
    Context c;
    Expr M = c.sym("M", DType::I32), N = c.sym("N", DType::I32);
    Expr x = c.tensor("x", DType::F32, {M, N});
    Expr i = c.var("i"), j = c.var("j"), k = c.var("k");
    Expr xik = c.read(x, {i, k});
    Expr m = c.reduce(ReduceKind::Max, k, c.intConst(0), N, xik);
    Expr num = c.exp(c.sub(c.read(x, {i, j}), m));
    CHECK(toText(num) == "exp(x[i, j] - max[k in 0..N](x[i, k]))");
    Expr guarded = c.reduce(ReduceKind::Sum, k, c.intConst(0), N, c.lt(k, M), xik);
    CHECK(toText(guarded) == "sum[k in 0..N | k < M](x[i, k])");
    CHECK(toText(c.sub(i, c.sub(j, k))) == "i - (j - k)");
    CHECK(toText(c.sub(c.sub(i, j), k)) == "i - j - k");
    CHECK(toText(c.add(i, c.add(j, k))) == "i + (j + k)");
    CHECK(toText(c.mul(c.add(i, j), k)) == "(i + j) * k");
    Expr f = c.sym("f", DType::F32);
    CHECK(toText(c.neg(c.binary(Op::Pow, f, f))) == "-f ** f");
    CHECK(toText(c.binary(Op::Pow, c.neg(f), f)) == "(-f) ** f");
    CHECK(toText(c.binary(Op::Pow, f, c.binary(Op::Pow, f, f))) == "f ** f ** f");
    CHECK(toText(c.binary(Op::Pow, c.binary(Op::Pow, f, f), f)) == "(f ** f) ** f");
    CHECK(toText(c.neg(c.intConst(2))) == "-(2)");
    CHECK(toText(c.intConst(-2)) == "-2");
    CHECK(toText(c.floatConst(1.0)) == "1.0");
    CHECK(toText(c.floatConst(1e-5)) == "1e-05");
    CHECK(toText(c.floatConst(0.5, DType::F64)) == "0.5:f64");
    CHECK(toText(c.intConst(7, DType::I64)) == "7:i64");
    CHECK(toText(c.rationalConst(Rational::make(1, 3))) == "1/3");
    CHECK(toText(c.mul(f, c.rationalConst(Rational::make(1, 3)))) == "f * (1/3)");
    CHECK(toText(c.select(c.lt(j, N), c.read(x, {i, j}), c.floatConst(-INFINITY))) == "where(j < N, x[i, j], -inf)");
    CHECK(toText(c.cast(i, DType::F32)) == "cast(i, f32)");
    CHECK(toText(c.land(c.lt(i, M), c.lnot(c.eq(j, N)))) == "i < M && !(j == N)");
    CHECK(toText(c.named("softmax", {x, c.intConst(1)})) == "softmax(x, dim=1)");
    CHECK(toText(c.apply("loop1.acc", DType::F32, {i})) == "loop1.acc(i)");
    CHECK(toText(c.apply("acc@L1", DType::F32, {i})) == "acc@L1(i)");
    CHECK(toText(c.apply("a b", DType::F32, {i})) == "`a b`(i)");
    CHECK(toText(c.apply("acc@", DType::F32, {i})) == "`acc@`(i)");
    CHECK(toText(c.undef(4, DType::F32)) == "undef(4, f32)");
}

TEST_CASE("the parser reads the text form with a scope", "[ir][text]") {
    Context c;
    Scope s = matrixScope(c);
    auto r = parseExpr(c, "exp(x[i, j] - max[k in 0..N](x[i, k])) / sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l])))", s);
    REQUIRE(r);
    CHECK(r->op() == Op::Div);
    CHECK(r->dtype() == DType::F32);
    // Weak literals take the type of their context.
    auto r2 = parseExpr(c, "x[i, j] * 2 + 1", s);
    REQUIRE(r2);
    CHECK(toText(*r2) == "x[i, j] * 2.0 + 1.0");
    auto r3 = parseExpr(c, "i + 1 < N", s);
    REQUIRE(r3);
    CHECK(toText(*r3) == "i + 1 < N");
    auto r4 = parseExpr(c, "(x[i, j] - 0.5) * rsqrt(eps + 1/3)", s);
    REQUIRE(r4);
    CHECK(toText(*r4) == "(x[i, j] - 0.5) * rsqrt(eps + 1/3)");
    auto r5 = parseExpr(c, "layer_norm(x, w, w, eps)", s);
    REQUIRE(r5);
    CHECK(r5->rank() == 2);
    auto r6 = parseExpr(c, "softmax(x, dim=-1)", s);
    REQUIRE(r6);
    CHECK(toText(*r6) == "softmax(x, dim=-1)");
    auto r7 = parseExpr(c, "sum(x, 1)", s); // keepdim defaults to false
    REQUIRE(r7);
    CHECK(toText(*r7) == "sum(x, dim=1, keepdim=false)");
    auto r8 = parseExpr(c, "sum[k:i64 in 0..10](cast(k, f32))", s);
    REQUIRE(r8);
    CHECK(r8->var().dtype() == DType::I64);
    Scope implicit;
    implicit.implicitVars = true;
    auto r9 = parseExpr(c, "a + b * 3", implicit);
    REQUIRE(r9);
    CHECK(r9->dtype() == DType::I32);
}

TEST_CASE("declarations make the text form self-contained", "[ir][text]") {
    Context c;
    auto r = parseExpr(c, "sym M: i32; sym N: i32; tensor x: f32[M, N]; var i: i32; fun acc: f32; acc(i) + x[i, 0]");
    REQUIRE(r);
    CHECK(r->op() == Op::Add);
    CHECK((*r)[0].op() == Op::Apply);
    CHECK(toTextWithDecls(*r) == "sym M: i32; sym N: i32; tensor x: f32[M, N]; var i: i32; fun acc: f32; acc(i) + x[i, 0]");
    auto early = parseExpr(c, "tensor y: f32[K]; sym K: i32; y[0]");
    REQUIRE_FALSE(early);
    CHECK(early.error().message == "1:15: unknown name 'K'");
}

TEST_CASE("equations name an output", "[ir][text]") {
    Context c;
    Scope s = matrixScope(c);
    Expr M = c.sym("M", DType::I32), N = c.sym("N", DType::I32);
    s.declare(c.tensor("out", DType::F32, {M, N}));
    auto eq = parseEquation(c, "out = softmax(x, 1)", s);
    REQUIRE(eq);
    CHECK(eq->lhs.op() == Op::Tensor);
    CHECK(eq->rhs.namedInfo().name == "softmax");
    auto eq2 = parseEquation(c, "out[r, q] = x[r, q] * 2", s);
    REQUIRE(eq2);
    CHECK(eq2->lhs.op() == Op::Read);
    CHECK(toText(eq2->rhs) == "x[r, q] * 2.0");
    auto bad = parseEquation(c, "nope = x", s);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "1:1: unknown output tensor 'nope'");
}

TEST_CASE("parse errors say what and where", "[ir][text]") {
    Context c;
    Scope s = matrixScope(c);
    CHECK(parseError(c, "exp(x[i, j]", s) == "1:12: expected ')', found the end of the text");
    CHECK(parseError(c, "foo(x[i, j])", s) == "1:1: unknown function 'foo'");
    CHECK(parseError(c, "x[i, j] + y", s) == "1:11: unknown name 'y'");
    CHECK(parseError(c, "x[i] + 1", s) == "1:2: read: tensor of rank 2 indexed with 1 indices");
    CHECK(parseError(c, "x[i, j] + i", s) == "1:9: add: operand types differ: f32 and i32");
    CHECK(parseError(c, "i < j < N", s) == "1:7: comparisons do not chain; use && to combine them");
    CHECK(parseError(c, "x[i, j] $ 2", s) == "1:9: unexpected character '$'");
    CHECK(parseError(c, "1 +\n  * 2", s) == "2:3: expected an expression, found '*'");
    CHECK(parseError(c, "softmax(x, dims=1)", s) == "1:1: softmax has no argument 'dims'");
    CHECK(parseError(c, "cast(x[i, j], f33)", s) == "1:15: unknown type 'f33'");
    CHECK(parseError(c, "sum[k 0..N](x[i, k])", s) == "1:7: expected 'in', found '0'");
    CHECK(parseError(c, "", s) == "1:1: expected an expression, found the end of the text");
    CHECK(parseError(c, "x[i, j] x", s) == "1:9: unexpected 'x' after the expression");
    // A file id gives a span instead of a position in the message.
    auto r = parseExpr(c, "x[i, j] +", s, ParseOptions{7, 3, 10});
    REQUIRE_FALSE(r);
    CHECK(r.error().span.file == 7);
    CHECK(r.error().span.line == 3);
    CHECK(r.error().span.col == 19);
}

TEST_CASE("random expressions round-trip through the text form", "[ir][text][property]") {
    Context c;
    testing::RandomExpr gen(c, 12345);
    int checked = 0;
    for (int n = 0; n < 600; ++n) {
        DType want = n % 5 == 0 ? DType::Bool : n % 5 == 1 ? DType::I32 : n % 7 == 0 ? DType::F64 : DType::F32;
        Expr e = gen.gen(1 + n % 5, want);
        std::string text = toTextWithDecls(e);
        INFO(text);
        auto back = parseExpr(c, text);
        REQUIRE(back);
        CHECK(*back == e);
        ++checked;
    }
    CHECK(checked == 600);
}
