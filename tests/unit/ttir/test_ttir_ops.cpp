// Every op of the dialect subset reads in the syntax Triton prints (op_zoo.ttir), with its
// operand groups, enum keywords and types; plus calls, private functions and branches.
#include "ttir_test_support.h"

#include <catch2/catch.hpp>

using namespace tlift::frontend::ttir;
using namespace tlift::frontend::ttir::testing;

TEST_CASE("every op of the subset reads", "[ttir][ops]") {
    auto l = readFixture("op_zoo.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    for (const char* name : {"tt.get_num_programs",
                             "tt.get_program_id",
                             "tt.make_range",
                             "tt.trans",
                             "tt.reshape",
                             "tt.cat",
                             "tt.join",
                             "tt.split",
                             "tt.gather",
                             "tt.splat",
                             "tt.unsplat",
                             "tt.bitcast",
                             "tt.int_to_ptr",
                             "tt.ptr_to_int",
                             "tt.fp_to_fp",
                             "tt.clampf",
                             "tt.precise_sqrt",
                             "tt.precise_divf",
                             "tt.mulhiui",
                             "tt.histogram",
                             "tt.extern_elementwise",
                             "tt.elementwise_inline_asm",
                             "tt.map_elementwise",
                             "tt.map_elementwise.return",
                             "tt.assert",
                             "tt.print",
                             "tt.make_tensor_ptr",
                             "tt.load",
                             "tt.advance",
                             "tt.store",
                             "tt.make_tensor_descriptor",
                             "tt.descriptor_load",
                             "tt.descriptor_store",
                             "tt.descriptor_reduce",
                             "tt.descriptor_gather",
                             "tt.descriptor_scatter",
                             "tt.dot_scaled",
                             "tt.addptr",
                             "tt.atomic_rmw",
                             "tt.atomic_cas",
                             "ub.poison",
                             "tt.call",
                             "arith.cmpi",
                             "llvm.intr.assume",
                             "gpu.barrier",
                             "cf.cond_br",
                             "cf.br",
                             "tt.return"})
        CHECK(findOp(m, name) != nullptr);
}

TEST_CASE("shape ops keep their attributes", "[ttir][ops]") {
    auto l = readFixture("op_zoo.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    const TtirAttr* order = findOp(m, "tt.trans")->attr("order");
    REQUIRE(order != nullptr);
    REQUIRE(order->kind == TtirAttr::Kind::Array);
    REQUIRE(order->elems.size() == 2);
    CHECK(order->elems[0].i == 1);
    CHECK(order->elems[1].i == 0);
    CHECK(findOp(m, "tt.reshape")->attr("allow_reorder") == nullptr);
    const TtirAttr* reorder = findOp(m, "tt.reshape", 1)->attr("allow_reorder");
    REQUIRE(reorder != nullptr);
    CHECK(reorder->kind == TtirAttr::Kind::Unit);
    const TtirOp* split = findOp(m, "tt.split");
    REQUIRE(split->results.size() == 2);
    CHECK(m.value(split->results[1]).ssaName == "outRHS");
    CHECK(findOp(m, "tt.join")->operandRoles == std::vector<std::string>{"lhs", "rhs"});
    CHECK(m.typeOf(findOp(m, "tt.unsplat")->results[0]).kind == TtirTypeKind::Float);
    const TtirAttr* matrix = defOf(m, "cst_3")->attr("value");
    CHECK_FALSE(matrix->splat);
    REQUIRE(matrix->elems.size() == 4);
    CHECK(matrix->elems[2].f == 3.0);
    CHECK(matrix->denseAt(3)->f == 4.0);
    CHECK(defOf(m, "cst_2")->attr("value")->elems.at(0).kind == TtirAttr::Kind::Bool);
    CHECK(defOf(m, "cst_1")->attr("value")->elems.at(3).i == 3);
}

TEST_CASE("casts, math and calls to external functions keep their attributes", "[ttir][ops]") {
    auto l = readFixture("op_zoo.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    const TtirOp* f8 = defOf(m, "f8");
    CHECK(f8->attr("rounding")->text == "rtne");
    CHECK(m.typeOf(f8->results[0]).dtype == "f8e4m3");
    CHECK(m.typeOf(defOf(m, "bf")->results[0]).dtype == "bf16");
    CHECK(m.typeOf(defOf(m, "a8")->results[0]).dtype == "f8e5m2");
    const TtirOp* clamp = findOp(m, "tt.clampf");
    CHECK(clamp->operandRoles == std::vector<std::string>{"x", "min", "max"});
    CHECK(clamp->attr("propagateNan")->text == "all");
    const TtirOp* ext = findOp(m, "tt.extern_elementwise");
    CHECK(ext->attr("symbol")->text == "__nv_powf");
    CHECK(ext->attr("pure")->b);
    CHECK(ext->operandGroup("srcs").size() == 2);
    CHECK(findOp(m, "tt.elementwise_inline_asm")->attr("asm_string")->text == "mov.b32 $0, $1;");
    CHECK(findOp(m, "tt.histogram", 1)->operand("mask") == findValue(m, "cst_2"));
    CHECK_FALSE(findOp(m, "tt.histogram")->operand("mask").has_value());
    CHECK(findOp(m, "tt.print")->attr("prefix")->text == " hi: ");
    CHECK(findOp(m, "tt.assert")->attr("message")->text == "index out of bounds");
    CHECK(findOp(m, "tt.dot_scaled")->attr("a_elem_type")->text == "e5m2");
}

TEST_CASE("pointers: address spaces, block pointers, descriptors and atomics", "[ttir][ops]") {
    auto l = readFixture("op_zoo.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    const TtirFunction* k = m.kernel();
    REQUIRE(k != nullptr);
    const TtirType& smem = m.typeOf(k->args[4].value);
    CHECK(smem.kind == TtirTypeKind::Pointer);
    CHECK(smem.addressSpace == 3);
    CHECK(smem.text == "!tt.ptr<f32, 3>");

    const TtirOp* mtp = findOp(m, "tt.make_tensor_ptr");
    CHECK(mtp->operand("base") == findValue(m, "q"));
    CHECK(mtp->operandGroup("shape").size() == 2);
    CHECK(mtp->operandGroup("strides") ==
          std::vector<ValueId>{findValue(m, "c16_i64"), findValue(m, "c1_i64")});
    CHECK(mtp->operandGroup("offsets") ==
          std::vector<ValueId>{findValue(m, "c0_i32"), findValue(m, "c8_i32")});
    const TtirType& blockPtr = m.typeOf(mtp->results[0]);
    CHECK(blockPtr.kind == TtirTypeKind::Pointer);
    CHECK(m.type(blockPtr.pointee).shape == std::vector<std::int64_t>{8, 8});
    CHECK(blockPtr.dtype == "f16");
    const TtirOp* blockLoad = defOf(m, "bl");
    CHECK(blockLoad->attr("padding")->text == "zero");
    CHECK(blockLoad->attr("boundaryCheck")->elems.size() == 2);
    CHECK(findOp(m, "tt.advance")->operandGroup("offsets").size() == 2);

    const TtirType& desc = m.typeOf(findValue(m, "desc"));
    CHECK(desc.kind == TtirTypeKind::TensorDesc);
    CHECK(desc.shape == std::vector<std::int64_t>{8, 8});
    CHECK(desc.dtype == "f16");
    const TtirOp* dload = findOp(m, "tt.descriptor_load");
    CHECK(dload->attr("cache")->text == "ca");
    CHECK(dload->operandGroup("indices").size() == 2);
    CHECK(findOp(m, "tt.descriptor_store")->operand("src") == findValue(m, "dl"));
    CHECK(findOp(m, "tt.descriptor_reduce")->attr("kind")->text == "add");
    CHECK(findOp(m, "tt.descriptor_scatter")->operand("y_offset") == findValue(m, "c8_i32"));

    const TtirOp* rmw = findOp(m, "tt.atomic_rmw");
    CHECK(rmw->attr("atomic_rmw_op")->text == "fadd");
    CHECK(rmw->attr("sem")->text == "acq_rel");
    CHECK(rmw->attr("scope")->text == "gpu");
    CHECK(rmw->operandRoles == std::vector<std::string>{"ptr", "val", "mask"});
    const TtirOp* cas = findOp(m, "tt.atomic_cas");
    CHECK(cas->operandRoles == std::vector<std::string>{"ptr", "cmp", "val"});
    CHECK(cas->attr("sem")->text == "relaxed");
    CHECK(cas->attr("scope")->text == "cta");
    CHECK(findOp(m, "tt.get_num_programs")->attr("axis")->text == "z");
}

TEST_CASE("private device functions, calls and branches between blocks", "[ttir][ops]") {
    auto l = readFixture("op_zoo.ttir");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    REQUIRE(m.functions.size() == 2);
    const TtirFunction* square = m.function("square");
    REQUIRE(square != nullptr);
    CHECK(square->visibility == "private");
    REQUIRE(square->resultTypes.size() == 1);
    CHECK(m.type(square->resultTypes[0]).dtype == "f32");
    CHECK(findAttr(square->attrs, "noinline")->b);
    CHECK(m.kernel()->name == "zoo_kernel");
    const TtirOp* call = findOp(m, "tt.call");
    CHECK(call->attr("callee")->kind == TtirAttr::Kind::Symbol);
    CHECK(call->attr("callee")->text == "square");
    CHECK(call->operand("args") == findValue(m, "cas"));
    CHECK(findOp(m, "tt.return")->operand("srcs").has_value());

    const TtirRegion& body = m.kernel()->body;
    REQUIRE(body.blocks.size() == 3);
    CHECK(body.blocks[1].label == "bb1");
    REQUIRE(body.blocks[1].args.size() == 1);
    CHECK(m.value(body.blocks[1].args[0]).ssaName == "val");
    CHECK(m.value(body.blocks[1].args[0]).kind == TtirValueKind::BlockArgument);
    const TtirOp* cond = findOp(m, "cf.cond_br");
    CHECK(cond->successors == std::vector<std::uint32_t>{1, 2});
    CHECK(cond->operand("trueDestOperands") == findValue(m, "sqr"));
    CHECK(findOp(m, "cf.br")->successors == std::vector<std::uint32_t>{2});
    CHECK(findOp(m, "llvm.intr.assume")->operand("cond") == findValue(m, "ok"));
}

TEST_CASE("func.func kernels and declarations read too", "[ttir][ops]") {
    auto l = readText("module {\n"
                      "  func.func private @ext(f32) -> f32\n"
                      "  func.func @k(%x: f32) -> f32 {\n"
                      "    %0 = func.call @ext(%x) : (f32) -> f32\n"
                      "    return %0 : f32\n"
                      "  }\n"
                      "}\n");
    REQUIRE(l->ok());
    const TtirModule& m = l->module();
    REQUIRE(m.functions.size() == 2);
    CHECK(m.functions[0].isDeclaration());
    REQUIRE(m.functions[0].args.size() == 1);
    CHECK(m.typeOf(m.functions[0].args[0].value).dtype == "f32");
    CHECK(m.kernel() == &m.functions[1]);
    CHECK(findOp(m, "func.return")->operand("operands") == findValue(m, "0"));
}
