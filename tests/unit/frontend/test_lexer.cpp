#include "frontend_test_util.h"

#include <catch2/catch.hpp>

using namespace tlift;
using namespace tlift::frontend::py;
using namespace tlift::frontend::py::test;

namespace {

std::string lexErrors(const std::string& text) {
    util::SourceManager sm;
    util::Diagnostics diags;
    lex(sm, text, diags);
    return diags.format(&sm, false);
}

Token singleToken(util::SourceManager& sm, const std::string& text, util::Diagnostics& diags) {
    std::vector<Token> toks = lex(sm, text, diags);
    REQUIRE(toks.size() >= 1);
    return toks[0];
}

} // namespace

TEST_CASE("lexer: names, keywords, soft keywords", "[frontend][lexer]") {
    CHECK(kindsOf("x = tl.load(p)\n") == "NAME = NAME . NAME ( NAME ) NEWLINE EOF");
    CHECK(kindsOf("if not a and b or c is None: pass\n") ==
          "if not NAME and NAME or NAME is None : pass NEWLINE EOF");
    // match / case / type / _ stay names.
    CHECK(kindsOf("match = case + type + _\n") == "NAME = NAME + NAME + NAME NEWLINE EOF");
    CHECK(kindsOf("lambda x: await y\n") == "lambda NAME : await NAME NEWLINE EOF");
}

TEST_CASE("lexer: every operator and delimiter of Python 3.11", "[frontend][lexer]") {
    std::string ops = "+ - * ** / // % @ << >> & | ^ ~ < > <= >= == != -> := = . ... , : ; "
                      "+= -= *= **= /= //= %= @= <<= >>= &= |= ^=";
    std::string expected = ops;
    CHECK(kindsOf(ops + "\n") == expected + " NEWLINE EOF");
    CHECK(kindsOf("(a[b]{c})\n") == "( NAME [ NAME ] { NAME } ) NEWLINE EOF");
    // Longest match: `**=` is one token, `->` is not `-` `>`, `...` is not three dots.
    CHECK(kindsOf("x**=-y->...\n") == "NAME **= - NAME -> ... NEWLINE EOF");
    CHECK(kindsOf("a.b..c\n") == "NAME . NAME . . NAME NEWLINE EOF");
}

TEST_CASE("lexer: indentation makes INDENT and DEDENT", "[frontend][lexer]") {
    std::string src = "def f(x):\n"
                      "    if x:\n"
                      "        return 1\n"
                      "\n"
                      "        # a comment at another depth\n"
                      "    return 2\n"
                      "y = 3\n";
    CHECK(kindsOf(src) == "def NAME ( NAME ) : NEWLINE INDENT if NAME : NEWLINE INDENT return NUMBER NEWLINE "
                          "DEDENT return NUMBER NEWLINE DEDENT NAME = NUMBER NEWLINE EOF");
    // Several levels close at once, and at end of file.
    CHECK(kindsOf("if a:\n  if b:\n    c\nd\n") ==
          "if NAME : NEWLINE INDENT if NAME : NEWLINE INDENT NAME NEWLINE DEDENT DEDENT NAME NEWLINE EOF");
    CHECK(kindsOf("if a:\n    b") == "if NAME : NEWLINE INDENT NAME NEWLINE DEDENT EOF");
    // Tabs count to the next multiple of 8.
    CHECK(kindsOf("if a:\n\tb\n\tc\n") == "if NAME : NEWLINE INDENT NAME NEWLINE NAME NEWLINE DEDENT EOF");
    CHECK(lexErrors("if a:\n\tb\n\tc\n").empty());
}

TEST_CASE("lexer: blank lines, comments and line joining make no NEWLINE", "[frontend][lexer]") {
    CHECK(kindsOf("\n\n# only a comment\n   \nx\n") == "NAME NEWLINE EOF");
    CHECK(kindsOf("f(a,\n  b,\n\n      c)\n") == "NAME ( NAME , NAME , NAME ) NEWLINE EOF");
    CHECK(kindsOf("x = 1 + \\\n    2\n") == "NAME = NUMBER + NUMBER NEWLINE EOF");
    CHECK(kindsOf("x = [1,  # comment inside brackets\n 2]\n") == "NAME = [ NUMBER , NUMBER ] NEWLINE EOF");
    // Windows line endings.
    CHECK(kindsOf("if a:\r\n    b\r\n") == "if NAME : NEWLINE INDENT NAME NEWLINE DEDENT EOF");
}

TEST_CASE("lexer: token spans are 1-based lines and byte columns", "[frontend][lexer]") {
    util::SourceManager sm;
    util::Diagnostics diags;
    std::vector<Token> toks = lex(sm, "a = 1\n    \nbb  = \"x\"\n", diags);
    REQUIRE(toks.size() >= 7);
    CHECK(toks[0].span == util::SourceSpan{1, 1, 1, 1, 2});
    CHECK(toks[2].span == util::SourceSpan{1, 1, 5, 1, 6});
    CHECK(toks[4].text == "bb");
    CHECK(toks[4].span == util::SourceSpan{1, 3, 1, 3, 3});
    CHECK(toks[6].span == util::SourceSpan{1, 3, 7, 3, 10});
    CHECK(diags.empty());
}

TEST_CASE("lexer: numbers", "[frontend][lexer]") {
    struct Case {
        const char* text;
        NumberValue::Kind kind;
        std::int64_t i;
        double f;
    };
    const Case cases[] = {
        {"0", NumberValue::Kind::Int, 0, 0},
        {"42", NumberValue::Kind::Int, 42, 0},
        {"1_000_000", NumberValue::Kind::Int, 1000000, 0},
        {"0xFF", NumberValue::Kind::Int, 255, 0},
        {"0X_ff", NumberValue::Kind::Int, 255, 0},
        {"0o17", NumberValue::Kind::Int, 15, 0},
        {"0b1010", NumberValue::Kind::Int, 10, 0},
        {"000", NumberValue::Kind::Int, 0, 0},
        {"1e-5", NumberValue::Kind::Float, 0, 1e-5},
        {".5", NumberValue::Kind::Float, 0, 0.5},
        {"1.", NumberValue::Kind::Float, 0, 1.0},
        {"1.5E+3", NumberValue::Kind::Float, 0, 1500.0},
        {"1_0.2_5", NumberValue::Kind::Float, 0, 10.25},
        {"1.4426950408889634", NumberValue::Kind::Float, 0, 1.4426950408889634},
        {"3j", NumberValue::Kind::Imaginary, 0, 3.0},
        {"2.5J", NumberValue::Kind::Imaginary, 0, 2.5},
        {"1e400", NumberValue::Kind::Float, 0, std::numeric_limits<double>::infinity()},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        util::SourceManager sm;
        util::Diagnostics diags;
        Token t = singleToken(sm, c.text, diags);
        CHECK(diags.empty());
        CHECK(t.kind == TokenKind::Number);
        CHECK(t.text == c.text);
        NumberValue v = decodeNumber(t.text);
        CHECK(v.kind == c.kind);
        CHECK(v.intValue == c.i);
        CHECK(v.floatValue == c.f);
        CHECK_FALSE(v.overflow);
    }
    NumberValue big = decodeNumber("9223372036854775808");
    CHECK(big.overflow);
    CHECK(decodeNumber("9223372036854775807").intValue == INT64_MAX);
    CHECK_FALSE(decodeNumber("9223372036854775807").overflow);
    CHECK(decodeNumber("0xFFFFFFFFFFFFFFFFFF").overflow);
    // A keyword right after a number is allowed, as in Python.
    CHECK(kindsOf("1if x else 2\n") == "NUMBER if NAME else NUMBER NEWLINE EOF");
}

TEST_CASE("lexer: malformed numbers are reported where they start", "[frontend][lexer]") {
    CHECK(lexErrors("x = 0123\n") == "t.py:1:5: error: leading zeros in decimal integer literals are not "
                                      "permitted; use an 0o prefix for octal integers\n");
    CHECK(lexErrors("x = 1__0\n") == "t.py:1:5: error: invalid decimal literal\n");
    CHECK(lexErrors("x = 1_\n") == "t.py:1:5: error: invalid decimal literal\n");
    CHECK(lexErrors("x = 0x\n") == "t.py:1:5: error: invalid hexadecimal literal\n");
    CHECK(lexErrors("x = 0b102\n") == "t.py:1:5: error: invalid digit '2' in binary literal\n");
    CHECK(lexErrors("x = 0o8\n") == "t.py:1:5: error: invalid digit '8' in octal literal\n");
    CHECK(lexErrors("x = 1e\n") == "t.py:1:5: error: invalid decimal literal\n");
    CHECK(lexErrors("x = 12abc\n") == "t.py:1:5: error: invalid decimal literal\n");
    CHECK(lexErrors("x = 1.real\n") == "t.py:1:5: error: invalid decimal literal\n");
}

TEST_CASE("lexer: string prefixes and quotes", "[frontend][lexer]") {
    struct Case {
        const char* text;
        std::uint8_t flags;
        const char* value;
    };
    const Case cases[] = {
        {"'a'", 0, "a"},
        {"\"a\"", 0, "a"},
        {"u'a'", 0, "a"},
        {"U\"a\"", 0, "a"},
        {"r'\\n'", kStrRaw, "\\n"},
        {"R'\\d+'", kStrRaw, "\\d+"},
        {"b'ab'", kStrBytes, "ab"},
        {"rb'\\x'", kStrBytes | kStrRaw, "\\x"},
        {"Br'\\x'", kStrBytes | kStrRaw, "\\x"},
        {"bR'\\x'", kStrBytes | kStrRaw, "\\x"},
        {"f'{x}'", kStrFormat, "{x}"},
        {"fr'{x}\\n'", kStrFormat | kStrRaw, "{x}\\n"},
        {"RF'{x}'", kStrFormat | kStrRaw, "{x}"},
        {"F\"{a!r:>10}\\n\"", kStrFormat, "{a!r:>10}\\n"},
        {"'''a\nb'''", kStrTriple, "a\nb"},
        {"\"\"\"x\"y\"\"\"", kStrTriple, "x\"y"},
        {"'it\\'s'", 0, "it's"},
        {"''", 0, ""},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        util::SourceManager sm;
        util::Diagnostics diags;
        Token t = singleToken(sm, c.text, diags);
        CHECK(diags.empty());
        CHECK(t.kind == TokenKind::String);
        CHECK(t.text == c.text);
        CHECK(int(t.stringFlags) == int(c.flags));
        CHECK(t.value == c.value);
    }
    // Not prefixes: a name followed by a string.
    CHECK(kindsOf("ub'x'\n") == "NAME STRING NEWLINE EOF");
    CHECK(kindsOf("bf'x'\n") == "NAME STRING NEWLINE EOF");
    CHECK(kindsOf("x'y'\n") == "NAME STRING NEWLINE EOF");
}

TEST_CASE("lexer: escapes are decoded in plain strings only", "[frontend][lexer]") {
    CHECK(decodeEscapes("a\\nb\\tc", false) == "a\nb\tc");
    CHECK(decodeEscapes("\\x41\\101\\0", false) == std::string("AA\0", 3));
    CHECK(decodeEscapes("\\u00e9\\U0001F600", false) == "\xC3\xA9\xF0\x9F\x98\x80");
    CHECK(decodeEscapes("\\\\ \\' \\\" \\a\\b\\f\\v\\r", false) == "\\ ' \" \a\b\f\v\r");
    CHECK(decodeEscapes("line\\\nnext", false) == "linenext");
    CHECK(decodeEscapes("\\d \\N{BULLET}", false) == "\\d \\N{BULLET}"); // kept as written
    CHECK(decodeEscapes("\\xff\\u00e9", true) == "\xff\\u00e9");
    std::size_t bad = 0;
    decodeEscapes("ok \\x4", false, &bad);
    CHECK(bad == 3);
    util::SourceManager sm;
    util::Diagnostics diags;
    CHECK(singleToken(sm, "'tab\\there'", diags).value == "tab\there");
    CHECK(singleToken(sm, "r'tab\\there'", diags).value == "tab\\there");
    CHECK(singleToken(sm, "f'{x}\\n'", diags).value == "{x}\\n");
    CHECK(diags.empty());
}

TEST_CASE("lexer: unterminated strings are reported at their start", "[frontend][lexer]") {
    CHECK(lexErrors("x = 'abc\ny = 1\n") == "t.py:1:5: error: unterminated string literal (detected at line 1)\n");
    CHECK(lexErrors("x = 1\ns = \"\"\"doc\nmore\n") ==
          "t.py:2:5: error: unterminated triple-quoted string literal (detected at line 4)\n");
    CHECK(lexErrors("s = b'caf\xc3\xa9'\n") == "t.py:1:5: error: bytes can only contain ASCII literal characters\n");
    CHECK(lexErrors("s = '\\x4'\n") == "t.py:1:6: error: malformed escape sequence in string literal\n");
    // The lexer goes on after the bad line.
    util::SourceManager sm;
    util::Diagnostics diags;
    std::vector<Token> toks = lex(sm, "x = 'abc\ny = 1\n", diags);
    std::string kinds;
    for (const Token& t : toks) kinds += std::string(tokenKindName(t.kind)) + " ";
    CHECK(kinds == "NAME = ERROR NEWLINE NAME = NUMBER NEWLINE end of file ");
}

TEST_CASE("lexer: identifiers may be UTF-8, bad characters are reported", "[frontend][lexer]") {
    util::SourceManager sm;
    util::Diagnostics diags;
    std::vector<Token> toks = lex(sm, "\xCE\xB1\xCE\xB2 = n\xC3\xBA\xC3\xB1\n", diags);
    CHECK(diags.empty());
    CHECK(toks[0].kind == TokenKind::Name);
    CHECK(toks[0].text == "\xCE\xB1\xCE\xB2");
    CHECK(toks[2].text == "n\xC3\xBA\xC3\xB1");
    CHECK(lexErrors("x = a $ b\n") == "t.py:1:7: error: invalid character '$' (U+0024)\n");
    CHECK(lexErrors("x = a ? b\n") == "t.py:1:7: error: invalid character '?' (U+003F)\n");
    CHECK(lexErrors("x = a ! b\n") == "t.py:1:7: error: invalid character '!' (U+0021)\n");
    CHECK(lexErrors("x = 1 \xE2\x82\xAC\n") == "t.py:1:7: error: invalid character '\xE2\x82\xAC' (U+20AC)\n");
    CHECK(lexErrors("x = 1\xE2\x82\xAC\n") == "t.py:1:5: error: invalid decimal literal\n");
    CHECK(lexErrors("x =\xC2\xA0""1\n") == "t.py:1:4: error: invalid non-printable character U+00A0\n");
    CHECK(lexErrors("x = \x01\n") == "t.py:1:5: error: invalid non-printable character U+0001\n");
    CHECK(lexErrors(std::string("x = \0\n", 6)) == "t.py:1:5: error: source code cannot contain null bytes\n");
    CHECK(lexErrors("x = \xff\n") == "t.py:1:5: error: invalid UTF-8 byte 0xFF\n");
    // A byte-order mark at the start is skipped.
    CHECK(kindsOf("\xEF\xBB\xBFx\n") == "NAME NEWLINE EOF");
}

TEST_CASE("lexer: bracket and indentation errors", "[frontend][lexer]") {
    CHECK(lexErrors("x = (1, 2]\n") == "t.py:1:10: error: closing parenthesis ']' does not match opening parenthesis '('\n");
    CHECK(lexErrors("x = (1,\n 2]\n") ==
          "t.py:2:3: error: closing parenthesis ']' does not match opening parenthesis '(' on line 1\n");
    CHECK(lexErrors("x = 1)\n") == "t.py:1:6: error: unmatched ')'\n");
    CHECK(lexErrors("x = f(1,\n") == "t.py:1:6: error: '(' was never closed\n");
    // A `def` inside brackets starts a new statement: the bracket was never closed.
    CHECK(lexErrors("x = [1,\ndef f():\n    pass\n") == "t.py:1:5: error: '[' was never closed\n");
    CHECK(kindsOf("x = [1,\ndef f(): pass\n") == "NAME = [ NUMBER , NEWLINE def NAME ( ) : pass NEWLINE EOF");
    CHECK(lexErrors("if a:\n        b\n    c\n") == "t.py:3:1: error: unindent does not match any outer indentation level\n");
    CHECK(lexErrors("if a:\n        b\n\tc\n") == "t.py:3:1: error: inconsistent use of tabs and spaces in indentation\n");
    CHECK(lexErrors("x = 1 \\ y\n") == "t.py:1:7: error: unexpected character after line continuation character\n");
}
