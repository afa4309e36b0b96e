// The reader on a straight-line kernel: functions, arguments, values, types, operands by role,
// attributes (enums, dense constants) and .ttir positions.
#include "ttir_test_support.h"

#include <catch2/catch.hpp>
#include <set>

using namespace tlift::frontend::ttir;
using namespace tlift::frontend::ttir::testing;

TEST_CASE("reads the kernel function, its arguments and their attributes", "[ttir]") {
    auto l = readFixture("clamp_scale.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    REQUIRE(m.functions.size() == 1);
    const TtirFunction* k = m.kernel();
    REQUIRE(k != nullptr);
    CHECK(k->name == "clamp_scale_kernel");
    CHECK(k->visibility == "public");
    CHECK(k->resultTypes.empty());
    REQUIRE(k->args.size() == 4);
    CHECK(k->args[0].name == "x_ptr");
    CHECK(k->args[3].name == "scale");
    const TtirAttr* div = k->args[0].attr("tt.divisibility");
    REQUIRE(div != nullptr);
    CHECK(div->kind == TtirAttr::Kind::Int);
    CHECK(div->i == 16);
    CHECK(div->bitwidth == 32);
    CHECK(k->args[2].attr("tt.divisibility") == nullptr);
    const TtirAttr* noinline = findAttr(k->attrs, "noinline");
    REQUIRE(noinline != nullptr);
    CHECK(noinline->kind == TtirAttr::Kind::Bool);
    CHECK_FALSE(noinline->b);

    const TtirType& x = m.typeOf(k->args[0].value);
    CHECK(x.kind == TtirTypeKind::Pointer);
    CHECK(x.dtype == "f16");
    CHECK(x.addressSpace == 1);
    CHECK(x.text == "!tt.ptr<f16>");
    CHECK(m.type(x.pointee).kind == TtirTypeKind::Float);
    CHECK(m.typeOf(k->args[2].value).kind == TtirTypeKind::Int);
    CHECK(m.typeOf(k->args[2].value).dtype == "i32");
    CHECK(m.value(k->args[1].value).kind == TtirValueKind::FunctionArgument);
    CHECK(m.value(k->args[1].value).index == 1);
}

TEST_CASE("every value has a dense id, a type and its printed SSA name", "[ttir]") {
    auto l = readFixture("clamp_scale.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    for (std::size_t i = 0; i < m.values.size(); ++i) {
        CHECK(m.values[i].id == i);
        CHECK(m.values[i].type < m.types.size());
        CHECK_FALSE(m.values[i].ssaName.empty());
    }
    for (std::size_t i = 0; i < m.ops.size(); ++i) {
        CHECK(m.ops[i].id == i);
        for (ValueId v : m.ops[i].operands)
            CHECK(v < m.values.size());
    }
    // Names as printed, suffixes included: the parser alone would have lost them.
    std::set<std::string> names;
    for (const TtirValue& v : m.values)
        names.insert(v.ssaName);
    for (const char* n :
         {"cst", "cst_0", "c128_i32", "pid", "offs_3", "m_5", "x_7", "y_11", "0", "1"})
        CHECK(names.count(n) == 1);
    const TtirOp* load = defOf(m, "x_7");
    REQUIRE(load != nullptr);
    CHECK(load->name == "tt.load");
    CHECK(m.value(load->results[0]).kind == TtirValueKind::OpResult);
    CHECK(m.value(load->results[0]).owner == load->id);
}

TEST_CASE("ops keep their operands by role and their enum attributes as keywords", "[ttir]") {
    auto l = readFixture("clamp_scale.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    const TtirOp* load = findOp(m, "tt.load");
    REQUIRE(load != nullptr);
    REQUIRE(load->operands.size() == 3);
    CHECK(load->operandRoles == std::vector<std::string>{"ptr", "mask", "other"});
    CHECK(load->operand("ptr") == findValue(m, "x_6"));
    CHECK(load->operand("mask") == findValue(m, "m_5"));
    CHECK(load->operand("other") == findValue(m, "cst_1"));
    REQUIRE(load->attr("cache") != nullptr);
    CHECK(load->attr("cache")->kind == TtirAttr::Kind::Enum);
    CHECK(load->attr("cache")->text == "cg");
    CHECK(load->attr("evict")->text == "evict_last");
    CHECK_FALSE(load->attr("isVolatile")->b);
    const TtirType& loaded = m.typeOf(load->results[0]);
    CHECK(loaded.kind == TtirTypeKind::Tensor);
    CHECK(loaded.dtype == "f16");
    CHECK(loaded.shape == std::vector<std::int64_t>{128});
    CHECK(m.typeOf(*load->operand("ptr")).kind == TtirTypeKind::TensorOfPointers);
    CHECK(m.typeOf(*load->operand("ptr")).dtype == "f16");

    const TtirOp* store = findOp(m, "tt.store");
    REQUIRE(store != nullptr);
    CHECK(store->operandRoles == std::vector<std::string>{"ptr", "value", "mask"});
    CHECK(store->operand("value") == findValue(m, "y_11"));
    CHECK(store->attr("cache")->text == "none");
    CHECK(store->results.empty());

    CHECK(findOp(m, "tt.get_program_id")->attr("axis")->text == "y");
    CHECK(findOp(m, "arith.cmpi")->attr("predicate")->text == "slt");
    const TtirOp* range = findOp(m, "tt.make_range");
    CHECK(range->attr("start")->i == 0);
    CHECK(range->attr("end")->i == 128);
    const TtirOp* addptr = defOf(m, "x_6");
    CHECK(addptr->operandRoles == std::vector<std::string>{"ptr", "offset"});
    // Ops without named operand groups keep the printed order and empty roles.
    const TtirOp* mul = defOf(m, "y_9");
    CHECK(mul->name == "arith.mulf");
    CHECK(mul->operands == std::vector<ValueId>{findValue(m, "x_8"), findValue(m, "y")});
    CHECK(mul->operandRoles == std::vector<std::string>{"", ""});
}

TEST_CASE("dense constants read as splat values with their element type", "[ttir]") {
    auto l = readFixture("clamp_scale.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    const TtirAttr* six = defOf(m, "cst")->attr("value");
    REQUIRE(six != nullptr);
    CHECK(six->kind == TtirAttr::Kind::Dense);
    CHECK(six->splat);
    REQUIRE(six->elems.size() == 1);
    CHECK(six->elems[0].kind == TtirAttr::Kind::Float);
    CHECK(six->elems[0].f == 6.0);
    CHECK(six->denseAt(127)->f == 6.0);
    CHECK(m.type(six->type).shape == std::vector<std::int64_t>{128});
    CHECK(m.type(six->type).dtype == "f32");
    const TtirAttr* one = defOf(m, "cst_1")->attr("value");
    CHECK(one->elems[0].f == 1.0);
    CHECK(one->elems[0].bitwidth == 16);
    const TtirAttr* c128 = defOf(m, "c128_i32")->attr("value");
    CHECK(c128->kind == TtirAttr::Kind::Int);
    CHECK(c128->i == 128);
    CHECK(m.type(c128->type).dtype == "i32");
}

TEST_CASE("ops know where they are written in the .ttir file", "[ttir]") {
    auto l = readFixture("clamp_scale.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    const TtirOp* load = findOp(m, "tt.load");
    CHECK(load->span.file == l->file);
    CHECK(load->span.line == 23);
    CHECK(load->span.col == 5);
    CHECK(l->sm.slice(load->span) == "%x_7 = tt.load");
    const TtirOp* ret = findOp(m, "tt.return");
    CHECK(ret->span.line == 32);
    CHECK(l->sm.slice(ret->span) == "tt.return");
    CHECK(m.kernel()->span.line == 9);
    CHECK(m.path == l->sm.path(l->file));
    // Each block lists its ops in order; the function body is one block here.
    REQUIRE(m.kernel()->body.blocks.size() == 1);
    const TtirBlock& b = m.kernel()->body.blocks[0];
    CHECK(b.ops.size() == m.ops.size());
    CHECK(m.op(b.ops.back()).name == "tt.return");
    CHECK(m.op(b.ops.front()).name == "arith.constant");
    for (OpId id : b.ops)
        CHECK(m.op(id).parent == kNoId);
}
