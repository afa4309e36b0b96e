#include "frontend_test_util.h"
#include "tlift/frontend/python/ast_unparse.h"

#include <catch2/catch.hpp>

using namespace tlift;
using namespace tlift::frontend::py;
using namespace tlift::frontend::py::test;

namespace {

struct Case {
    const char* source;
    const char* dump;
};

void checkAll(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        INFO(c.source);
        CHECK(exprDump(c.source) == c.dump);
    }
}

} // namespace

TEST_CASE("parser: atoms and constants", "[frontend][parser]") {
    checkAll({
        {"x", "x"},
        {"42", "42"},
        {"9223372036854775808", "9223372036854775808"},
        {"0x10", "16"},
        {"1e-5", "1e-05"},
        {"2.0", "2.0"},
        {".5", "0.5"},
        {"3j", "3j"},
        {"'a' \"b\" '''c'''", "'abc'"},
        {"b'\\x00' b'1'", "b'\\x001'"},
        {"None", "None"},
        {"True", "True"},
        {"False", "False"},
        {"...", "..."},
        {"f'{x}!' 'tail'", "(JoinedStr f'{x}!' 'tail')"},
        {"'head' rf'{x}\\d' f\"{y:>{w}}\"", "(JoinedStr 'head' f'{x}\\\\d' f'{y:>{w}}')"},
    });
}

TEST_CASE("parser: every expression kind", "[frontend][parser]") {
    checkAll({
        {"tl.math.exp", "(Attribute (Attribute tl math) exp)"},
        {"f(a, *b, c=1, **d)", "(Call f a (Starred b) (kw c 1) (kw ** d))"},
        {"f(a for a in b)", "(Call f (GeneratorExp a (for a b)))"},
        {"f()", "(Call f)"},
        {"f(x,)", "(Call f x)"},
        {"f(a, *b, c=1, *d)", "(Call f a (Starred b) (Starred d) (kw c 1))"},
        {"f(x := 1)", "(Call f (NamedExpr x 1))"},
        {"f(*a.stride() if m else (0, 0), **o or {})", "(Call f (Starred (IfExp m (Call (Attribute a stride)) (Tuple 0 0))) (kw ** (BoolOp or o (Dict))))"},
        {"a + b - c", "(BinOp - (BinOp + a b) c)"},
        {"a @ b // c % d / e", "(BinOp / (BinOp % (BinOp // (BinOp @ a b) c) d) e)"},
        {"a << 1 >> 2 & 3 | 4 ^ 5", "(BinOp | (BinOp & (BinOp >> (BinOp << a 1) 2) 3) (BinOp ^ 4 5))"},
        {"-a", "(UnaryOp - a)"},
        {"+a", "(UnaryOp + a)"},
        {"~a", "(UnaryOp ~ a)"},
        {"not a", "(UnaryOp not a)"},
        {"a and b and c", "(BoolOp and a b c)"},
        {"a or b or c", "(BoolOp or a b c)"},
        {"a if b else c", "(IfExp b a c)"},
        {"(a, b)", "(Tuple a b)"},
        {"(a,)", "(Tuple a)"},
        {"()", "(Tuple)"},
        {"a, b", "(Tuple a b)"},
        {"a,", "(Tuple a)"},
        {"[a, *b]", "(List a (Starred b))"},
        {"[]", "(List)"},
        {"{a, b}", "(Set a b)"},
        {"{}", "(Dict)"},
        {"{'a': 1, **d, 'b': 2,}", "(Dict ('a' 1) (** d) ('b' 2))"},
        {"lambda: 0", "(Lambda (params) 0)"},
        {"lambda x, y=2, *a, k, **kw: x", "(Lambda (params (x) (y :default 2) (a :varargs) (k :kwonly) (kw :varkw)) x)"},
        {"lambda a, /, b, *, c=3: a", "(Lambda (params (a :posonly) (b) (c :kwonly :default 3)) a)"},
        {"[x * 2 for x in xs if x if y]", "(ListComp (BinOp * x 2) (for x xs (if x) (if y)))"},
        {"{x for x in xs}", "(SetComp x (for x xs))"},
        {"{k: v for k, v in d.items()}", "(DictComp k v (for (Tuple k v) (Call (Attribute d items))))"},
        {"(x for x in a for y in b)", "(GeneratorExp x (for x a) (for y b))"},
        {"[x async for x in a]", "(ListComp x (async-for x a))"},
        {"(y := f(x))", "(NamedExpr y (Call f x))"},
        {"await x", "(Await x)"},
        {"(yield)", "(Yield _)"},
        {"(yield a, b)", "(Yield (Tuple a b))"},
        {"(yield from g)", "(YieldFrom g)"},
        {"x[*idx]", "(Subscript x (Starred idx))"},
    });
}

TEST_CASE("parser: precedence follows Python", "[frontend][parser]") {
    checkAll({
        {"-x**2", "(UnaryOp - (BinOp ** x 2))"},
        {"2**-1", "(BinOp ** 2 (UnaryOp - 1))"},
        {"a**b**c", "(BinOp ** a (BinOp ** b c))"},
        {"-a**-b", "(UnaryOp - (BinOp ** a (UnaryOp - b)))"},
        {"await a ** 2", "(BinOp ** (Await a) 2)"},
        {"a * -b", "(BinOp * a (UnaryOp - b))"},
        {"a + b * c", "(BinOp + a (BinOp * b c))"},
        {"(a + b) * c", "(BinOp * (BinOp + a b) c)"},
        {"a - b - c", "(BinOp - (BinOp - a b) c)"},
        {"a + b << c", "(BinOp << (BinOp + a b) c)"},
        {"a << b & c", "(BinOp & (BinOp << a b) c)"},
        {"a & b ^ c", "(BinOp ^ (BinOp & a b) c)"},
        {"a ^ b | c", "(BinOp | (BinOp ^ a b) c)"},
        {"a | b < c", "(Compare (BinOp | a b) < c)"},
        {"not a < b", "(UnaryOp not (Compare a < b))"},
        {"not a and b", "(BoolOp and (UnaryOp not a) b)"},
        {"a and b or c and d", "(BoolOp or (BoolOp and a b) (BoolOp and c d))"},
        {"a or b if c else d", "(IfExp c (BoolOp or a b) d)"},
        {"a if b else c if d else e", "(IfExp b a (IfExp d c e))"},
        {"lambda: a if b else c", "(Lambda (params) (IfExp b a c))"},
        {"x[i] ** 2", "(BinOp ** (Subscript x i) 2)"},
        {"f(x).y[z](w)", "(Call (Subscript (Attribute (Call f x) y) z) w)"},
        {"~a + b", "(BinOp + (UnaryOp ~ a) b)"},
        {"a % b * c", "(BinOp * (BinOp % a b) c)"},
        {"not not a", "(UnaryOp not (UnaryOp not a))"},
        {"- - a", "(UnaryOp - (UnaryOp - a))"},
        {"a < b == c", "(Compare a < b == c)"},
    });
}

TEST_CASE("parser: chained and membership comparisons", "[frontend][parser]") {
    checkAll({
        {"0 <= i < n", "(Compare 0 <= i < n)"},
        {"a < b <= c > d >= e == f != g", "(Compare a < b <= c > d >= e == f != g)"},
        {"a in b", "(Compare a in b)"},
        {"a not in b", "(Compare a not in b)"},
        {"a is b", "(Compare a is b)"},
        {"a is not None", "(Compare a is not None)"},
        {"a is not b not in c", "(Compare a is not b not in c)"},
        {"x is (not y)", "(Compare x is (UnaryOp not y))"},
    });
}

TEST_CASE("parser: subscripts and slices", "[frontend][parser]") {
    checkAll({
        {"x[i]", "(Subscript x i)"},
        {"x[i, j]", "(Subscript :tuple x i j)"},
        {"x[i,]", "(Subscript :tuple x i)"},
        {"x[(i, j)]", "(Subscript x (Tuple i j))"},
        {"x[:, None]", "(Subscript :tuple x (Slice _ _ _) None)"},
        {"x[None, :]", "(Subscript :tuple x None (Slice _ _ _))"},
        {"x[..., 0]", "(Subscript :tuple x ... 0)"},
        {"x[1:2]", "(Subscript x (Slice 1 2 _))"},
        {"x[::2]", "(Subscript x (Slice _ _ 2))"},
        {"x[a:b:c]", "(Subscript x (Slice a b c))"},
        {"x[:n, ::-1, 1:]", "(Subscript :tuple x (Slice _ n _) (Slice _ _ (UnaryOp - 1)) (Slice 1 _ _))"},
        {"x[:]", "(Subscript x (Slice _ _ _))"},
        {"x[::]", "(Subscript x (Slice _ _ _))"},
        {"acc[:, None] * w[None, :]", "(BinOp * (Subscript :tuple acc (Slice _ _ _) None) (Subscript :tuple w None (Slice _ _ _)))"},
        {"args['n'] % args['BLOCK'] == 0", "(Compare (BinOp % (Subscript args 'n') (Subscript args 'BLOCK')) == 0)"},
        {"x[y := 1]", "(Subscript x (NamedExpr y 1))"},
    });
}

TEST_CASE("parser: lambdas and calls of decorators", "[frontend][parser]") {
    checkAll({
        {"triton.heuristics({'EVEN': lambda args: args['n'] % args['BLOCK'] == 0})",
         "(Call (Attribute triton heuristics) (Dict ('EVEN' (Lambda (params (args)) (Compare (BinOp % (Subscript args "
         "'n') (Subscript args 'BLOCK')) == 0)))))"},
        {"triton.jit(do_not_specialize=['n'])", "(Call (Attribute triton jit) (kw do_not_specialize (List 'n')))"},
        {"triton.autotune(configs=[triton.Config({'B': b}, num_warps=w) for b in (64, 128) for w in [4, 8]], key=['n'])",
         "(Call (Attribute triton autotune) (kw configs (ListComp (Call (Attribute triton Config) (Dict ('B' b)) (kw "
         "num_warps w)) (for b (Tuple 64 128)) (for w (List 4 8)))) (kw key (List 'n')))"},
        {"lambda meta: (triton.cdiv(n, meta['BLOCK']),)",
         "(Lambda (params (meta)) (Tuple (Call (Attribute triton cdiv) n (Subscript meta 'BLOCK'))))"},
        {"lambda *a, **k: (a, k)", "(Lambda (params (a :varargs) (k :varkw)) (Tuple a k))"},
    });
}

TEST_CASE("parser: expression spans exclude parentheses, as in Python", "[frontend][parser]") {
    util::SourceManager sm;
    util::FileId id = sm.addFile("e.py", "(a + b) * tl.load(p, mask=m)");
    ExpressionParseResult r = parseExpression(sm, id);
    REQUIRE(r.ok());
    const auto& mul = r.expr->cast<BinOp>();
    CHECK(r.expr->span == util::SourceSpan{id, 1, 1, 1, 29});
    CHECK(mul.left->span == util::SourceSpan{id, 1, 2, 1, 7});
    const auto& call = mul.right->cast<Call>();
    CHECK(sm.slice(call.span) == "tl.load(p, mask=m)");
    CHECK(sm.slice(call.func->span) == "tl.load");
    CHECK(sm.slice(call.func->cast<Attribute>().attrSpan) == "load");
    CHECK(sm.slice(call.keywords[0].span) == "mask=m");
    CHECK(sm.slice(call.keywords[0].value->span) == "m");
}

TEST_CASE("parser: unparse gives Python source that parses back to the same tree", "[frontend][parser]") {
    const char* sources[] = {
        "-x ** 2",
        "(-x) ** 2",
        "2 ** -1",
        "a - (b - c)",
        "(a + b) * c",
        "a if b else (c if d else e)",
        "(a if b else c) if d else e",
        "not (a and b)",
        "(lambda: 1)()",
        "f(*a, k=1, **kw)",
        "x[1:2, ::3, None, ...]",
        "x[i,]",
        "{'a': [1, 2], **d}",
        "[x for x in range(10) if x % 2]",
        "(x for x in y)",
        "lambda a, /, b=1, *c, d, **e: a",
        "lambda *, k: k",
        "a < b < c",
        "a is not None and b not in c",
        "(a, b), c",
        "(a,)",
        "f(x for x in y)",
        "-(-a)",
        "~(a + b)",
        "(yield x)",
        "(y := 3) + 1",
        "'it\\'s' + \"q\"",
        "1e-05 + 0.5 + 2j",
    };
    for (const char* src : sources) {
        INFO(src);
        util::SourceManager sm;
        ExpressionParseResult a = parseExpression(sm, sm.addFile("a.py", src));
        REQUIRE(a.ok());
        std::string text = unparse(*a.expr);
        INFO(text);
        ExpressionParseResult b = parseExpression(sm, sm.addFile("b.py", text));
        REQUIRE(b.ok());
        CHECK(dumpExpr(*b.expr, {false}) == dumpExpr(*a.expr, {false}));
    }
    util::SourceManager sm;
    ExpressionParseResult r = parseExpression(sm, sm.addFile("c.py", "lambda meta: (triton.cdiv(n,meta['BLOCK']),)"));
    REQUIRE(r.ok());
    CHECK(unparse(*r.expr) == "lambda meta: (triton.cdiv(n, meta['BLOCK']),)");
    CHECK(unparseShort(*r.expr, 20) == "lambda m...OCK']),)");
}
