#include "frontend_test_util.h"
#include "tlift/frontend/python/ast_walk.h"
#include "tlift/util/strings.h"

#include <catch2/catch.hpp>

using namespace tlift;
using namespace tlift::frontend::py;
using namespace tlift::frontend::py::test;

namespace {

// The dump of a one-statement module, without "(Module" and the final ")".
std::string stmtDump(const std::string& src) {
    std::string d = dumpText(src);
    REQUIRE(util::startsWith(d, "(Module\n  "));
    return d.substr(10, d.size() - 10 - 2);
}

} // namespace

TEST_CASE("parser: simple statements", "[frontend][parser]") {
    CHECK(stmtDump("x = 1\n") == "(Assign (targets x) 1)");
    CHECK(stmtDump("a = b = c\n") == "(Assign (targets a b) c)");
    CHECK(stmtDump("a, b = f()\n") == "(Assign (targets (Tuple a b)) (Call f))");
    CHECK(stmtDump("[a, *rest] = x\n") == "(Assign (targets (List a (Starred rest))) x)");
    CHECK(stmtDump("first, *rest = 1, 2, 3\n") == "(Assign (targets (Tuple first (Starred rest))) (Tuple 1 2 3))");
    CHECK(stmtDump("(a, (b, c)), d = x\n") == "(Assign (targets (Tuple (Tuple a (Tuple b c)) d)) x)");
    CHECK(stmtDump("x.y[0] = z\n") == "(Assign (targets (Subscript (Attribute x y) 0)) z)");
    CHECK(stmtDump("acc += tl.dot(a, b)\n") == "(AugAssign acc += (Call (Attribute tl dot) a b))");
    CHECK(stmtDump("x //= 2\n") == "(AugAssign x //= 2)");
    CHECK(stmtDump("x **= 2\n") == "(AugAssign x **= 2)");
    CHECK(stmtDump("x @= m\n") == "(AugAssign x @= m)");
    CHECK(stmtDump("x >>= 1\n") == "(AugAssign x >>= 1)");
    CHECK(stmtDump("BLOCK: tl.constexpr = 128\n") == "(AnnAssign BLOCK :ann (Attribute tl constexpr) :value 128 :simple)");
    CHECK(stmtDump("(x): int = 1\n") == "(AnnAssign x :ann int :value 1)");
    CHECK(stmtDump("self.n: int\n") == "(AnnAssign (Attribute self n) :ann int)");
    CHECK(stmtDump("f(x)\n") == "(Expr (Call f x))");
    CHECK(stmtDump("pass\n") == "(Pass)");
    CHECK(stmtDump("return\n") == "(Return)");
    CHECK(stmtDump("return x, y\n") == "(Return (Tuple x y))");
    CHECK(stmtDump("return *a, b\n") == "(Return (Tuple (Starred a) b))");
    CHECK(stmtDump("del a, b[0], c.d\n") == "(Delete a (Subscript b 0) (Attribute c d))");
    CHECK(stmtDump("del (a, b)\n") == "(Delete (Tuple a b))");
    CHECK(stmtDump("assert x > 0\n") == "(Assert (Compare x > 0))");
    CHECK(stmtDump("assert x, 'msg'\n") == "(Assert x 'msg')");
    CHECK(stmtDump("raise\n") == "(Raise)");
    CHECK(stmtDump("raise ValueError('bad') from e\n") == "(Raise (Call ValueError 'bad') :from e)");
    CHECK(stmtDump("global a, b\n") == "(Global a b)");
    CHECK(stmtDump("nonlocal n\n") == "(Nonlocal n)");
    CHECK(stmtDump("x = yield\n") == "(Assign (targets x) (Yield _))");
    CHECK(stmtDump("yield a, b\n") == "(Expr (Yield (Tuple a b)))");
    CHECK(stmtDump("x = yield from g()\n") == "(Assign (targets x) (YieldFrom (Call g)))");
    CHECK(dumpText("a = 1; b = 2;\n") == "(Module\n  (Assign (targets a) 1)\n  (Assign (targets b) 2))\n");
}

TEST_CASE("parser: imports", "[frontend][parser]") {
    CHECK(stmtDump("import triton\n") == "(Import (alias triton))");
    CHECK(stmtDump("import triton.language as tl, torch\n") == "(Import (alias triton.language as tl) (alias torch))");
    CHECK(stmtDump("from triton import jit, cdiv as cd\n") == "(ImportFrom triton (alias jit) (alias cdiv as cd))");
    CHECK(stmtDump("from triton.language import (\n  constexpr as tlconstexpr,\n  float32,\n)\n") ==
          "(ImportFrom triton.language (alias constexpr as tlconstexpr) (alias float32))");
    CHECK(stmtDump("from . import utils\n") == "(ImportFrom . (alias utils))");
    CHECK(stmtDump("from ..ops.utils import x\n") == "(ImportFrom ..ops.utils (alias x))");
    CHECK(stmtDump("from ... import y\n") == "(ImportFrom ... (alias y))");
    CHECK(stmtDump("from .... import z\n") == "(ImportFrom .... (alias z))");
    CHECK(stmtDump("from triton.language import *\n") == "(ImportFrom triton.language (alias *))");
}

TEST_CASE("parser: compound statements", "[frontend][parser]") {
    CHECK(stmtDump("if a:\n    x\nelif b:\n    y\nelif c:\n    z\nelse:\n    w\n") ==
          "(If a\n"
          "    :body\n      (Expr x)\n"
          "    :orelse\n      (If :elif b\n"
          "        :body\n          (Expr y)\n"
          "        :orelse\n          (If :elif c\n"
          "            :body\n              (Expr z)\n"
          "            :orelse\n              (Expr w))))");
    CHECK(stmtDump("if (n := len(a)) > 10: pass\n") ==
          "(If (Compare (NamedExpr n (Call len a)) > 10)\n    :body\n      (Pass))");
    CHECK(stmtDump("for i, (a, b) in enumerate(pairs):\n    continue\nelse:\n    break\n") ==
          "(For (Tuple i (Tuple a b)) (Call enumerate pairs)\n    :body\n      (Continue)\n"
          "    :orelse\n      (Break))");
    CHECK(stmtDump("for x in 1, 2:\n    pass\n") == "(For x (Tuple 1 2)\n    :body\n      (Pass))");
    CHECK(stmtDump("while k < n:\n    k += 1\n") == "(While (Compare k < n)\n    :body\n      (AugAssign k += 1))");
    CHECK(stmtDump("with open(p) as f, lock:\n    pass\n") ==
          "(With (item (Call open p) :as f) (item lock)\n    :body\n      (Pass))");
    CHECK(stmtDump("with (open(a) as f, open(b) as g,):\n    pass\n") ==
          "(With (item (Call open a) :as f) (item (Call open b) :as g)\n    :body\n      (Pass))");
    CHECK(stmtDump("with (a, b) as c:\n    pass\n") == "(With (item (Tuple a b) :as c)\n    :body\n      (Pass))");
    CHECK(stmtDump("with (a):\n    pass\n") == "(With (item a)\n    :body\n      (Pass))");
    CHECK(stmtDump("try:\n    x\nexcept (A, B) as e:\n    y\nexcept:\n    pass\nelse:\n    z\nfinally:\n    w\n") ==
          "(Try\n    :body\n      (Expr x)\n"
          "    :except (Tuple A B) :as e\n      (Expr y)\n"
          "    :except\n      (Pass)\n"
          "    :orelse\n      (Expr z)\n"
          "    :finally\n      (Expr w))");
    CHECK(stmtDump("try:\n    x\nexcept* ValueError:\n    pass\n") ==
          "(Try :star\n    :body\n      (Expr x)\n    :except ValueError\n      (Pass))");
    CHECK(stmtDump("class K(Base, metaclass=M):\n    '''doc'''\n    n = 1\n") ==
          "(ClassDef K (bases Base) (keywords (kw metaclass M))\n    :body\n      (Expr 'doc')\n      (Assign (targets n) 1))");
    CHECK(stmtDump("async def f():\n    async for x in y:\n        await x\n    async with a as b:\n        pass\n") ==
          "(FunctionDef f :async (params)\n    :body\n"
          "      (For :async x y\n        :body\n          (Expr (Await x)))\n"
          "      (With :async (item a :as b)\n        :body\n          (Pass)))");
    CHECK(stmtDump("if x: a = 1; b = 2\n") == "(If x\n    :body\n      (Assign (targets a) 1)\n      (Assign (targets b) 2))");
}

TEST_CASE("parser: function definitions with every kind of parameter", "[frontend][parser]") {
    CHECK(stmtDump("def f(a, b=1, /, c=2, *args, d, e=3, **kw) -> int:\n    pass\n") ==
          "(FunctionDef f (params (a :posonly) (b :posonly :default 1) (c :default 2) (args :varargs) (d :kwonly) "
          "(e :kwonly :default 3) (kw :varkw)) :returns int\n    :body\n      (Pass))");
    CHECK(stmtDump("def k(x_ptr, n: int, BLOCK: tl.constexpr = 128, *, flag: bool = False):\n    return\n") ==
          "(FunctionDef k (params (x_ptr) (n :ann int) (BLOCK :ann (Attribute tl constexpr) :default 128) "
          "(flag :kwonly :ann bool :default False))\n    :body\n      (Return))");
    CHECK(stmtDump("def g(*args: *Ts): pass\n") ==
          "(FunctionDef g (params (args :varargs :ann (Starred Ts)))\n    :body\n      (Pass))");
    CHECK(stmtDump("def h(\n    a,\n    b,\n):\n    ...\n") ==
          "(FunctionDef h (params (a) (b))\n    :body\n      (Expr ...))");
}

TEST_CASE("parser: decorators are arbitrary expressions", "[frontend][parser]") {
    std::string src = "@triton.autotune(configs=[triton.Config({'BLOCK': 128}, num_warps=4)], key=['n'])\n"
                      "@triton.heuristics({'EVEN': lambda args: args['n'] % args['BLOCK'] == 0})\n"
                      "@triton.jit(do_not_specialize=['n'])\n"
                      "@buttons[0].connect\n"
                      "def k(x, n, BLOCK: tl.constexpr, EVEN: tl.constexpr):\n"
                      "    '''The kernel.'''\n"
                      "    pass\n";
    util::SourceManager sm;
    ParseResult r = parseText(sm, src);
    REQUIRE(r.ok());
    const auto& f = r.module->body[0]->cast<FunctionDef>();
    REQUIRE(f.decorators.size() == 4);
    CHECK(dumpExpr(*f.decorators[2], {false}) == "(Call (Attribute triton jit) (kw do_not_specialize (List 'n')))");
    CHECK(dumpExpr(*f.decorators[3], {false}) == "(Attribute (Subscript buttons 0) connect)");
    REQUIRE(f.docstring());
    CHECK(f.docstring()->stringValue == "The kernel.");
    // The def starts at `def`, not at the first decorator; the decorators have their own spans.
    CHECK(f.span.line == 5);
    CHECK(f.nameSpan == util::SourceSpan{1, 5, 5, 5, 6});
    CHECK(f.decorators[0]->span.line == 1);
    CHECK(f.decorators[0]->span.col == 2);
    CHECK(f.span.endLine == 7);
}

TEST_CASE("parser: module docstring and spans of statements", "[frontend][parser]") {
    std::string src = "\"\"\"Module doc.\"\"\"\n"
                      "import triton\n"
                      "\n"
                      "@triton.jit\n"
                      "def kernel(X, Y, N, BLOCK: tl.constexpr):\n"
                      "    pid = tl.program_id(0)\n"
                      "    offs = pid * BLOCK + tl.arange(0, BLOCK)\n"
                      "    for i in range(0, N, BLOCK):\n"
                      "        x = tl.load(X + offs, mask=offs < N)\n"
                      "    tl.store(Y + offs, x)\n";
    util::SourceManager sm;
    ParseResult r = parseText(sm, src);
    REQUIRE(r.ok());
    REQUIRE(r.module->docstring());
    CHECK(r.module->docstring()->stringValue == "Module doc.");
    const auto& f = r.module->body[2]->cast<FunctionDef>();
    CHECK(f.span == util::SourceSpan{1, 5, 1, 10, 26});
    const auto& loop = f.body[2]->cast<For>();
    CHECK(loop.span == util::SourceSpan{1, 8, 5, 9, 45});
    CHECK(sm.slice(loop.iter->span) == "range(0, N, BLOCK)");
    const auto& assign = loop.body[0]->cast<Assign>();
    CHECK(sm.slice(assign.span) == "x = tl.load(X + offs, mask=offs < N)");
    const auto& load = assign.value->cast<Call>();
    CHECK(sm.slice(load.args[0]->span) == "X + offs");
    CHECK(load.args[0]->span.col == 21);
    CHECK(sm.slice(load.keywords[0].value->span) == "offs < N");
    CHECK(sm.slice(f.params.params[3].span) == "BLOCK: tl.constexpr");
    CHECK(dumpText(src, true).find("(Assign@9:9 (targets x@9:9) (Call@9:13 (Attribute@9:13 tl@9:13 load) "
                                   "(BinOp@9:21 + X@9:21 offs@9:25) (kw mask (Compare@9:36 offs@9:36 < N@9:43))))") !=
          std::string::npos);
}

TEST_CASE("parser: f-strings and docstrings are tolerated anywhere", "[frontend][parser]") {
    std::string src = "def f(n):\n"
                      "    \"\"\"Doc with 'quotes' and\n    two lines.\"\"\"\n"
                      "    tl.static_assert(n > 0, f\"n must be positive, got {n!r:>{w}} {{literal}}\")\n"
                      "    msg = (f'a{x}'\n           'b' F'{y}')\n";
    util::SourceManager sm;
    ParseResult r = parseText(sm, src);
    REQUIRE(r.ok());
    const auto& f = r.module->body[0]->cast<FunctionDef>();
    CHECK(f.docstring()->stringValue == "Doc with 'quotes' and\n    two lines.");
    const auto& call = f.body[1]->cast<ExprStmt>().value->cast<Call>();
    const auto& js = call.args[1]->cast<JoinedStr>();
    REQUIRE(js.pieces.size() == 1);
    CHECK(js.pieces[0].text == "n must be positive, got {n!r:>{w}} {{literal}}");
    const auto& msg = f.body[2]->cast<Assign>().value->cast<JoinedStr>();
    REQUIRE(msg.pieces.size() == 3);
    CHECK(msg.pieces[1].text == "b");
    CHECK_FALSE(msg.pieces[1].formatted);
}

TEST_CASE("AST walk visits every node in source order", "[frontend][parser]") {
    util::SourceManager sm;
    ParseResult r = parseText(sm, "@d\ndef f(a=1):\n    return g(a)[0] if a else -a\nx = [i for i in y]\n");
    REQUIRE(r.ok());
    struct Collector : AstVisitor {
        std::vector<std::string> seen;
        bool visitStmt(const Stmt& s) override {
            seen.push_back(stmtKindName(s.kind));
            return true;
        }
        bool visitExpr(const Expr& e) override {
            seen.push_back(exprKindName(e.kind));
            return !e.is<Subscript>(); // do not look inside subscripts
        }
    } c;
    walk(*r.module, c);
    CHECK(util::join(c.seen, " ") ==
          "FunctionDef Name Constant Return IfExp Subscript Name UnaryOp Name Assign Name ListComp Name Name Name");
    // Heights: a leaf is 1; IfExp > Subscript > Call > Name.
    const auto& ret = r.module->body[0]->cast<FunctionDef>().body[0]->cast<Return>();
    CHECK(ret.value->height == 4);
}
