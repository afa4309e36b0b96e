#include "frontend_test_util.h"
#include "tlift/frontend/python/const_evaluator.h"

#include <catch2/catch.hpp>

using namespace tlift;
using namespace tlift::frontend::py;
using namespace tlift::frontend::py::test;

namespace {

// Evaluates `expr` in a module whose imports are `prelude`; "-" when it has no value.
std::string evalText(const std::string& expr, const std::string& prelude = "import triton\nimport triton.language as tl\nimport math\n") {
    util::SourceManager sm;
    ParseResult r = parseText(sm, prelude + "__value__ = " + expr + "\n");
    REQUIRE(r.ok());
    ImportTable imports;
    for (const auto& s : r.module->body) {
        if (const auto* i = s->as<Import>()) imports.add(*i);
        if (const auto* i = s->as<ImportFrom>()) imports.add(*i);
    }
    Value big = Value::integer(1024);
    ConstEvaluator ev(imports, [&](std::string_view name) -> const Value* { return name == "BLOCK" ? &big : nullptr; });
    std::optional<Value> v = ev.eval(*r.module->body.back()->cast<Assign>().value);
    return v ? v->repr() : "-";
}

} // namespace

TEST_CASE("const evaluator: Python arithmetic on literals", "[frontend][eval]") {
    struct Case {
        const char* expr;
        const char* value;
    };
    const Case cases[] = {
        {"1 + 2 * 3", "7"},
        {"7 // 2", "3"},
        {"-7 // 2", "-4"},
        {"7 // -2", "-4"},
        {"-7 % 3", "2"},
        {"7 % -3", "-2"},
        {"7 / 2", "3.5"},
        {"4 / 2", "2.0"},
        {"-7.5 // 2", "-4.0"},
        {"-7.5 % 2", "0.5"},
        {"2 ** 10", "1024"},
        {"2 ** -1", "0.5"},
        {"2 ** 63", "-"},
        {"2 ** 62 * 2", "-"},
        {"(-2) ** 63", "-9223372036854775808"},
        {"-9223372036854775807 - 1", "-9223372036854775808"},
        {"-(-9223372036854775807 - 1)", "-"},
        {"9223372036854775808", "-"},
        {"1 << 62", "4611686018427387904"},
        {"1 << 63", "-"},
        {"-1 >> 70", "-1"},
        {"1 >> -1", "-"},
        {"0xF0 & 0x3C | 1 ^ 3", "50"},
        {"~5", "-6"},
        {"1 / 0", "-"},
        {"1 // 0", "-"},
        {"1.0 % 0", "-"},
        {"(-8) ** 0.5", "-"},
        {"True + True", "2"},
        {"True & False", "False"},
        {"1e-6 * 1e6", "1.0"},
        {"1.4426950408889634", "1.4426950408889634"},
        {"65536 // 4", "16384"},
        {"not 0", "True"},
        {"1 < 2 < 3", "True"},
        {"1 < 3 < 2", "False"},
        {"1 == 1.0", "True"},
        {"'a' < 'b'", "True"},
        {"'a' < 1", "-"},
        {"3 in (1, 2, 3)", "True"},
        {"'x' not in 'abc'", "True"},
        {"None is None", "True"},
        {"1 is 1", "-"},
        {"0 or 'default'", "'default'"},
        {"1 and 2 and 0", "0"},
        {"'big' if 2 > 1 else 'small'", "'big'"},
        {"'ab' * 3", "'ababab'"},
        {"[1] * 3 + [2]", "[1, 1, 1, 2]"},
        {"(1,) + (2, 3)", "(1, 2, 3)"},
        {"{'a': 1, **{'b': 2}}", "{'a': 1, 'b': 2}"},
        {"{'a': [1, 2]}['a'][-1]", "2"},
        {"(1, 2, 3)[5]", "-"},
        {"[i * i for i in range(4) if i != 2]", "[0, 1, 9]"},
        {"[(a, b) for a in 'xy' for b in (1, 2)]", "[('x', 1), ('x', 2), ('y', 1), ('y', 2)]"},
        {"[a + b for a, b in [(1, 2), (3, 4)]]", "[3, 7]"},
        {"list(range(10, 0, -3))", "[10, 7, 4, 1]"},
        {"range(0)", "[]"},
        {"range(1, 2, 0)", "-"},
        {"len('abc') + len([1, 2])", "5"},
        {"min(4, 2, 8)", "2"},
        {"max([4, 2, 8])", "8"},
        {"max([])", "-"},
        {"sum(x for x in range(5))", "10"},
        {"abs(-3) + abs(-2.5)", "5.5"},
        {"int(3.9) + int(-3.9)", "0"},
        {"float(2)", "2.0"},
        {"tl.constexpr(128)", "128"},
        {"triton.language.constexpr(2) * 4", "8"},
        {"triton.cdiv(1000, 128)", "8"},
        {"triton.next_power_of_2(1000)", "1024"},
        {"math.log2(1024) + 1", "11.0"},
        {"math.ceil(2.1)", "3"},
        {"math.pi > 3.14", "True"},
        {"BLOCK // 4", "256"},
        {"UNKNOWN + 1", "-"},
        {"f(1)", "-"},
        {"torch.float16", "-"},
        {"'a' 'b'", "'ab'"},
        {"b'bytes'", "-"},
        {"3j", "-"},
        {"x.shape[0]", "-"},
    };
    for (const Case& c : cases) {
        INFO(c.expr);
        CHECK(evalText(c.expr) == c.value);
    }
    // A module that shadows a builtin or triton gets no value for it.
    CHECK(evalText("range(3)", "from mylib import range\n") == "-");
    CHECK(evalText("len([1])", "import triton\n") == "1");
}

TEST_CASE("const evaluator: budgets stop runaway comprehensions", "[frontend][eval]") {
    CHECK(evalText("[i for i in range(1000000)]") == "-");
    CHECK(evalText("[(i, j) for i in range(5000) for j in range(5000)]") == "-");
    CHECK(evalText("'x' * (1 << 30)") == "-");
    CHECK(evalText("len([i for i in range(50000)])") == "50000");
}

TEST_CASE("values print like Python and compare like Python", "[frontend][eval]") {
    CHECK(Value().repr() == "None");
    CHECK(Value::real(1).repr() == "1.0");
    CHECK(Value::real(1e-5).repr() == "1e-05");
    CHECK(Value::string("it's").repr() == "\"it's\"");
    CHECK(Value::tuple({Value::integer(1)}).repr() == "(1,)");
    CHECK(Value::dict({Value::string("k")}, {Value::boolean(true)}).repr() == "{'k': True}");
    CHECK(Value::integer(1) == Value::real(1.0));
    CHECK(Value::boolean(true) == Value::integer(1));
    CHECK_FALSE(Value::string("1") == Value::integer(1));
    CHECK_FALSE(Value::list({}) == Value::tuple({}));
    Value ab = Value::dict({Value::string("a"), Value::string("b")}, {Value::integer(1), Value::integer(2)});
    Value ba = Value::dict({Value::string("b"), Value::string("a")}, {Value::integer(2), Value::integer(1)});
    CHECK(ab == ba);
    CHECK_FALSE(ab == Value::dict({Value::string("a")}, {Value::integer(1)}));
    Value d = Value::dict({Value::string("BLOCK")}, {Value::integer(64)});
    REQUIRE(d.get("BLOCK"));
    CHECK(d.get("BLOCK")->asInt() == 64);
    CHECK(d.get("OTHER") == nullptr);
}
