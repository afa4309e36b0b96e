#include "frontend_test_util.h"

#include <catch2/catch.hpp>

using namespace tlift;
using namespace tlift::frontend::py;
using namespace tlift::frontend::py::test;

TEST_CASE("parser errors: exact messages and positions", "[frontend][errors]") {
    struct Case {
        const char* source;
        const char* errors;
    };
    const Case cases[] = {
        {"def f(x)\n    return x\n", "t.py:1:9: error: expected ':'\n"},
        {"if x == 1\n    pass\n", "t.py:1:10: error: expected ':'\n"},
        {"for i in range(3)\n    pass\n", "t.py:1:18: error: expected ':'\n"},
        {"class K\n    pass\n", "t.py:1:8: error: expected ':'\n"},
        {"x = 1\n    y = 2\n", "t.py:2:1: error: unexpected indent\n"},
        {"def f():\nreturn 1\n", "t.py:2:1: error: expected an indented block after function definition on line 1\n"},
        {"if x:\n\nelse:\n    pass\n", "t.py:3:1: error: expected an indented block after 'if' statement on line 1\n"},
        {"for x in y:\n", "t.py:2:1: error: expected an indented block after 'for' statement on line 1\n"},
        {"x = (1, 2\n", "t.py:1:5: error: '(' was never closed\n"},
        {"x = [1, 2)\n", "t.py:1:10: error: closing parenthesis ')' does not match opening parenthesis '['\n"},
        {"x = 1 +\n", "t.py:1:8: error: expected an expression, found end of line\n"},
        {"x = = 2\n", "t.py:1:5: error: expected an expression, found '='\n"},
        {"x y\n", "t.py:1:3: error: expected end of line, found name 'y'\n"},
        {"f(a b)\n", "t.py:1:5: error: invalid syntax; perhaps you forgot a comma?\n"},
        {"f(a, b\n", "t.py:1:2: error: '(' was never closed\n"},
        {"f(x=1, y)\n", "t.py:1:8: error: positional argument follows keyword argument\n"},
        {"f(**k, y)\n", "t.py:1:8: error: positional argument follows keyword argument unpacking\n"},
        {"f(**k, *a)\n", "t.py:1:8: error: iterable argument unpacking follows keyword argument unpacking\n"},
        {"f(x for x in y, 1)\n", "t.py:1:3: error: Generator expression must be parenthesized\n"},
        {"def f(a=1, b):\n    pass\n", "t.py:1:12: error: non-default argument follows default argument\n"},
        {"def f(a, a):\n    pass\n", "t.py:1:10: error: duplicate argument 'a' in function definition\n"},
        {"def f(*):\n    pass\n", "t.py:1:7: error: named arguments must follow bare *\n"},
        {"def f(**k, a):\n    pass\n", "t.py:1:12: error: arguments cannot follow var-keyword argument\n"},
        {"f() = 1\n", "t.py:1:1: error: cannot assign to function call\n"},
        {"1 = x\n", "t.py:1:1: error: cannot assign to literal\n"},
        {"a + b = c\n", "t.py:1:1: error: cannot assign to expression\n"},
        {"(a, f()) = x\n", "t.py:1:5: error: cannot assign to function call\n"},
        {"None = 1\n", "t.py:1:1: error: cannot assign to None\n"},
        {"a, b += 1\n", "t.py:1:1: error: 'tuple' is an illegal expression for augmented assignment\n"},
        {"f() += 1\n", "t.py:1:1: error: 'function call' is an illegal expression for augmented assignment\n"},
        {"del f()\n", "t.py:1:5: error: cannot delete function call\n"},
        {"for f() in x:\n    pass\n", "t.py:1:5: error: cannot assign to function call\n"},
        {"a, b: int = 1, 2\n", "t.py:1:1: error: only single target (not tuple) can be annotated\n"},
        {"*a = 1\n", "t.py:1:1: error: can't use starred expression here\n"},
        {"*a, *b = c\n", "t.py:1:5: error: multiple starred expressions in assignment\n"},
        {"x = *a\n", "t.py:1:5: error: can't use starred expression here\n"},
        {"(a + 1) := 2\n", "t.py:1:9: error: expected end of line, found ':='\n"},
        {"f((a + 1) := 2)\n", "t.py:1:4: error: cannot use assignment expressions with expression\n"},
        {"f(a.b := 2)\n", "t.py:1:3: error: cannot use assignment expressions with attribute\n"},
        {"x = 'a' b'b'\n", "t.py:1:5: error: cannot mix bytes and nonbytes literals\n"},
        {"try:\n    pass\nx = 1\n", "t.py:3:1: error: expected 'except' or 'finally' block\n"},
        {"try:\n    pass\nexcept A, B:\n    pass\n", "t.py:3:8: error: multiple exception types must be parenthesized\n"},
        {"else:\n    pass\n", "t.py:1:1: error: 'else' does not follow a statement it can continue\n"},
        {"x = a if b\n", "t.py:1:11: error: expected 'else' after the condition of a conditional expression, found end of line\n"},
        {"from import x\n", "t.py:1:6: error: expected a module name, found keyword 'import'\n"},
        {"from m import a,\n", "t.py:1:17: error: trailing comma not allowed without surrounding parentheses\n"},
        {"import a.\n", "t.py:1:10: error: expected a name after '.', found end of line\n"},
        {"x = tl.\n", "t.py:1:8: error: expected an attribute name after '.', found end of line\n"},
        {"@triton.jit\nx = 1\n", "t.py:2:1: error: expected 'def' or 'class' after the decorators, found name 'x'\n"},
        {"lambda x: (yield)\n", ""},
        {"match command:\n    case 1:\n        pass\n", "t.py:1:1: error: match statements are not supported\n"},
        {"x = 'unterminated\n", "t.py:1:5: error: unterminated string literal (detected at line 1)\n"},
        {"s = '''never\nclosed\n", "t.py:1:5: error: unterminated triple-quoted string literal (detected at line 3)\n"},
        {"x = a $ b\n", "t.py:1:7: error: invalid character '$' (U+0024)\n"},
    };
    for (const Case& c : cases) {
        INFO(c.source);
        CHECK(errorsOf(c.source) == c.errors);
    }
}

TEST_CASE("parser errors: printed with the source line and a caret", "[frontend][errors]") {
    util::SourceManager sm;
    ParseResult r = parseText(sm, "@triton.jit\ndef k(x, BLOCK: tl.constexpr)\n    pass\n");
    CHECK(r.diagnostics.format(&sm) ==
          "t.py:2:30: error: expected ':'\n"
          "    def k(x, BLOCK: tl.constexpr)\n"
          "                                 ^\n");
    ParseResult s = parseText(sm, "y = (a +\n     b * )\n");
    CHECK(s.diagnostics.format(&sm) ==
          "t.py:2:10: error: expected an expression, found ')'\n"
          "         b * )\n"
          "             ^\n");
}

TEST_CASE("parser errors: one file reports all its errors and keeps the good parts", "[frontend][errors]") {
    std::string src = "import triton\n"
                      "\n"
                      "def broken_one(x)\n"          // missing colon
                      "    y = x +\n"                // inside the dropped body: still reported
                      "    return y\n"
                      "\n"
                      "def good(a):\n"
                      "    return a * 2\n"
                      "\n"
                      "x = [1, 2\n"                  // never closed: recovers at the next def
                      "def also_good(b):\n"
                      "    if b\n"                   // missing colon inside a good function
                      "        return 1\n"
                      "    return 2 +* 3\n"          // bad expression
                      "\n"
                      "class C:\n"
                      "    def m(self):\n"
                      "        return self.x ===  1\n"
                      "    def n(self):\n"
                      "        return 0\n";
    util::SourceManager sm;
    ParseResult r = parseText(sm, src);
    CHECK(r.diagnostics.format(&sm, false) ==
          "t.py:3:18: error: expected ':'\n"
          "t.py:4:12: error: expected an expression, found end of line\n"
          "t.py:10:5: error: '[' was never closed\n"
          "t.py:12:9: error: expected ':'\n"
          "t.py:14:15: error: expected an expression, found '*'\n"
          "t.py:18:25: error: expected an expression, found '='\n");
    std::vector<std::string> names;
    for (const auto& s : r.module->body) {
        if (const auto* f = s->as<FunctionDef>()) names.push_back(f->name);
        if (const auto* c = s->as<ClassDef>()) {
            names.push_back(c->name);
            for (const auto& m : c->body) names.push_back(m->cast<FunctionDef>().name);
        }
    }
    CHECK(names == std::vector<std::string>{"good", "also_good", "C", "m", "n"});
}

TEST_CASE("parser errors: reports stop after 50", "[frontend][errors]") {
    std::string src;
    for (int i = 0; i < 200; ++i) src += "x = = " + std::to_string(i) + "\n";
    util::SourceManager sm;
    ParseResult r = parseText(sm, src);
    REQUIRE(r.diagnostics.size() == 51);
    CHECK(r.diagnostics.items()[49].span.line == 50);
    CHECK(r.diagnostics.items()[50].severity == util::Severity::Note);
    CHECK(r.diagnostics.items()[50].message == "too many syntax errors; stopped after 50");
}

TEST_CASE("parser errors: parseExpression takes exactly one expression", "[frontend][errors]") {
    CHECK(exprDump("a b") == "ERROR e.py:1:3: error: expected end of expression, found name 'b'\n");
    CHECK(exprDump("") == "ERROR e.py:1:1: error: expected an expression, found end of file\n");
    CHECK(exprDump("(a +\n b)") == "(BinOp + a b)");
}
