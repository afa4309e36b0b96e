// Ops with regions: scf.for with iter_args and yields, generic-form tt.reduce / tt.scan with
// their combine regions, scf.if, scf.while, and multi-result ops.
#include "ttir_test_support.h"

#include <catch2/catch.hpp>

using namespace tlift::frontend::ttir;
using namespace tlift::frontend::ttir::testing;

TEST_CASE("scf.for keeps its bounds, iter_args, body arguments and yields", "[ttir]") {
    auto l = readFixture("loops.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    const TtirOp* loop = findOp(m, "scf.for");
    REQUIRE(loop != nullptr);
    CHECK(loop->operand("lowerBound") == findValue(m, "c0_i32"));
    CHECK(loop->operand("upperBound") == findValue(m, "n"));
    CHECK(loop->operand("step") == findValue(m, "c64_i32"));
    CHECK(loop->operandGroup("initArgs") ==
          std::vector<ValueId>{findValue(m, "cst"), findValue(m, "cst_0")});
    // Two results, printed as %mx:2 and used as %mx#0, %mx#1.
    REQUIRE(loop->results.size() == 2);
    CHECK(m.value(loop->results[0]).ssaName == "mx#0");
    CHECK(m.value(loop->results[1]).ssaName == "mx#1");
    CHECK(m.value(loop->results[1]).index == 1);
    // Body: one block with the induction variable and the two carried values.
    REQUIRE(loop->regions.size() == 1);
    REQUIRE(loop->regions[0].blocks.size() == 1);
    const TtirBlock& body = loop->regions[0].blocks[0];
    REQUIRE(body.args.size() == 3);
    CHECK(m.value(body.args[0]).ssaName == "off");
    CHECK(m.value(body.args[1]).ssaName == "mx_2");
    CHECK(m.value(body.args[2]).ssaName == "s");
    CHECK(m.value(body.args[0]).kind == TtirValueKind::BlockArgument);
    CHECK(m.value(body.args[0]).owner == loop->id);
    CHECK(m.typeOf(body.args[0]).dtype == "i32");
    CHECK(m.typeOf(body.args[1]).shape == std::vector<std::int64_t>{64});
    const TtirOp& yield = m.op(body.ops.back());
    CHECK(yield.name == "scf.yield");
    CHECK(yield.operandGroup("results") ==
          std::vector<ValueId>{findValue(m, "mx_6"), findValue(m, "s_7")});
    for (OpId id : body.ops)
        CHECK(m.op(id).parent == loop->id);
    // The body's ops read values defined outside the loop (%cols) and its own arguments.
    const TtirOp* idx = defOf(m, "idx_3");
    CHECK(idx->operands == std::vector<ValueId>{findValue(m, "idx"), findValue(m, "cols")});
}

TEST_CASE("generic tt.reduce reads with its operands, axis and combine region", "[ttir]") {
    auto l = readFixture("loops.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    const TtirOp* argmax = findOp(m, "tt.reduce");
    REQUIRE(argmax != nullptr);
    CHECK(argmax->operandGroup("srcs") ==
          std::vector<ValueId>{findValue(m, "mx#0"), findValue(m, "cols")});
    CHECK(argmax->attr("axis")->i == 0);
    REQUIRE(argmax->results.size() == 2);
    CHECK(m.typeOf(argmax->results[0]).kind == TtirTypeKind::Float);
    CHECK(m.typeOf(argmax->results[1]).dtype == "i32");
    REQUIRE(argmax->regions.size() == 1);
    const TtirBlock& combine = argmax->regions[0].blocks.at(0);
    CHECK(combine.label == "bb0");
    REQUIRE(combine.args.size() == 4);
    CHECK(m.value(combine.args[2]).ssaName == "best_10");
    std::vector<std::string> names;
    for (OpId id : combine.ops)
        names.push_back(m.op(id).name);
    CHECK(names == std::vector<std::string>{"arith.cmpf", "arith.select", "arith.select",
                                            "tt.reduce.return"});
    const TtirOp& ret = m.op(combine.ops.back());
    CHECK(ret.operandGroup("result") ==
          std::vector<ValueId>{findValue(m, "value"), findValue(m, "index")});
    CHECK(defOf(m, "gt")->attr("predicate")->text == "ogt");

    const TtirOp* rows = findOp(m, "tt.reduce", 1);
    REQUIRE(rows != nullptr);
    CHECK(rows->attr("axis")->i == 1);
    CHECK(m.typeOf(rows->results[0]).shape == std::vector<std::int64_t>{64});
}

TEST_CASE("generic tt.scan reads with its reverse flag", "[ttir]") {
    auto l = readFixture("loops.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    const TtirOp* scan = findOp(m, "tt.scan");
    REQUIRE(scan != nullptr);
    CHECK(scan->operand("srcs") == findValue(m, "mx#1"));
    CHECK(scan->attr("axis")->i == 0);
    REQUIRE(scan->attr("reverse") != nullptr);
    CHECK(scan->attr("reverse")->kind == TtirAttr::Kind::Bool);
    CHECK(scan->attr("reverse")->b);
    const TtirBlock& combine = scan->regions.at(0).blocks.at(0);
    CHECK(m.op(combine.ops.back()).name == "tt.scan.return");
}

TEST_CASE("scf.if has a then and an else region that yield its results", "[ttir]") {
    auto l = readFixture("loops.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    const TtirOp* branch = findOp(m, "scf.if");
    REQUIRE(branch != nullptr);
    CHECK(branch->operand("condition") == findValue(m, "0"));
    REQUIRE(branch->regions.size() == 2);
    const TtirBlock& thenBlock = branch->regions[0].blocks.at(0);
    const TtirBlock& elseBlock = branch->regions[1].blocks.at(0);
    CHECK(m.op(thenBlock.ops.back()).operand("results") == findValue(m, "neg"));
    CHECK(m.op(elseBlock.ops.back()).operand("results") == findValue(m, "c"));
    CHECK(m.value(branch->results.at(0)).ssaName == "o");
}

TEST_CASE("scf.while has a before region ending in scf.condition and an after region", "[ttir]") {
    auto l = readFixture("loops.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    const TtirOp* loop = findOp(m, "scf.while");
    REQUIRE(loop != nullptr);
    CHECK(loop->operand("inits") == findValue(m, "n"));
    REQUIRE(loop->regions.size() == 2);
    const TtirBlock& before = loop->regions[0].blocks.at(0);
    const TtirOp& cond = m.op(before.ops.back());
    CHECK(cond.name == "scf.condition");
    CHECK(cond.operand("condition") == m.op(before.ops.front()).results[0]);
    CHECK(cond.operandGroup("args") == before.args);
    const TtirBlock& after = loop->regions[1].blocks.at(0);
    CHECK(m.op(after.ops.back()).name == "scf.yield");
    CHECK(m.value(after.args.at(0)).loc.varName == "i");
}

TEST_CASE("tt.dot keeps its operands and input precision", "[ttir]") {
    auto l = readFixture("loops.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    const TtirOp* dot = findOp(m, "tt.dot");
    REQUIRE(dot != nullptr);
    CHECK(dot->operand("a") == findValue(m, "lhs"));
    CHECK(dot->operand("b") == findValue(m, "rhs"));
    CHECK(dot->operand("c") == findValue(m, "cst_1"));
    CHECK(dot->attr("inputPrecision")->text == "tf32");
    CHECK(m.typeOf(dot->results[0]).shape == std::vector<std::int64_t>{64, 64});
    CHECK(defOf(m, "lhs")->attr("axis")->i == 1);
}
