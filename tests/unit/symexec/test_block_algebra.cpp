#include "tlift/ir/printer.h"
#include "tlift/symexec/block_algebra.h"

#include <catch2/catch.hpp>

using namespace tlift;
using namespace tlift::symexec;

namespace {
struct Fx {
    Spec spec;
    std::unique_ptr<BlockAlgebra> alg;
    Fx() {
        spec.ctx = std::make_shared<ir::Context>();
        spec.pids = {spec.ctx->var("pid0")};
        spec.grid = {spec.ctx->sym("grid0", ir::DType::I32)};
        BufferInfo b{"x_ptr", ir::DType::F32, spec.ctx->tensor("x_ptr", ir::DType::F32, {spec.ctx->sym("x_ptr.numel", ir::DType::I64)}), 0};
        spec.buffers.push_back(b);
        alg = std::make_unique<BlockAlgebra>(spec);
    }
    Block ptr() { return Block{{}, ir::DType::F32, spec.ctx->intConst(0), 0}; }
    std::string text(const util::Result<Block>& b) {
        REQUIRE(b);
        return ir::toText(b->value);
    }
};
} // namespace

TEST_CASE("arange, broadcasting and [:, None] move lanes", "[symexec]") {
    Fx f;
    auto r = f.alg->arange(0, 16);
    REQUIRE(r);
    CHECK(r->shape == Shape{16});
    CHECK(f.text(r) == "l0");
    auto col = f.alg->expandDims(*r, 1); // r[:, None]
    REQUIRE(col);
    CHECK(col->shape == Shape{16, 1});
    auto row = f.alg->expandDims(*r, 0); // r[None, :]
    REQUIRE(row);
    CHECK(row->shape == Shape{1, 16});
    CHECK(f.text(row) == "l1");
    auto sum = f.alg->binary(BinKind::Add, f.alg->binary(BinKind::Mul, *col, f.alg->weakInt(16)).value(), *row);
    REQUIRE(sum);
    CHECK(sum->shape == Shape{16, 16});
    CHECK(f.text(sum) == "l0 * 16 + l1");
    // A [16] block broadcast against [4, 16] keeps its lanes on the last axis.
    auto two = f.alg->broadcastTo(*r, {4, 16});
    CHECK(f.text(two) == "l1");
    CHECK_FALSE(f.alg->broadcastTo(*r, {16, 4}));
    CHECK_FALSE(f.alg->arange(0, 12)); // not a power of 2
}

TEST_CASE("type promotion follows Triton, with weak Python scalars", "[symexec]") {
    Fx f;
    Block i32{{}, ir::DType::I32, f.spec.ctx->sym("n", ir::DType::I32)};
    Block f16{{}, ir::DType::F16, f.spec.ctx->sym("h", ir::DType::F16)};
    Block f32{{}, ir::DType::F32, f.spec.ctx->sym("x", ir::DType::F32)};
    CHECK(f.alg->binary(BinKind::Mul, f16, f.alg->weakFloat(0.5))->dtype == ir::DType::F16);
    CHECK(f.alg->binary(BinKind::Mul, i32, f.alg->weakFloat(0.5))->dtype == ir::DType::F32);
    CHECK(f.alg->binary(BinKind::Add, f16, f32)->dtype == ir::DType::F32);
    CHECK(f.alg->binary(BinKind::TrueDiv, i32, i32)->dtype == ir::DType::F32);
    CHECK(f.text(f.alg->binary(BinKind::FloorDiv, i32, f.alg->weakInt(4))) == "tdiv(n, 4)");
    CHECK(f.text(f.alg->binary(BinKind::Mod, i32, f.alg->weakInt(4))) == "trem(n, 4)");
    CHECK(f.alg->binary(BinKind::Lt, i32, f.alg->weakInt(4))->dtype == ir::DType::Bool);
    CHECK_FALSE(f.alg->binary(BinKind::BitAnd, f32, f32));
    CHECK_FALSE(f.alg->math(ir::Op::Exp, i32));
}

TEST_CASE("loads and stores record masks, others and undefined lanes", "[symexec]") {
    Fx f;
    auto offs = f.alg->arange(0, 8);
    REQUIRE(offs);
    auto p = f.alg->binary(BinKind::Add, f.ptr(), *offs);
    REQUIRE(p);
    CHECK(p->isPointer());
    Block n{{}, ir::DType::I32, f.spec.ctx->sym("n", ir::DType::I32)};
    auto mask = f.alg->binary(BinKind::Lt, *offs, n);
    REQUIRE(mask);
    auto ld = f.alg->load(*p, *mask, f.alg->weakFloat(0.0), {});
    CHECK(f.text(ld) == "where(l0 < n, x_ptr[l0], 0.0)");
    auto ldUndef = f.alg->load(*p, *mask, std::nullopt, {});
    CHECK(f.text(ldUndef) == "where(l0 < n, x_ptr[l0], undef(1, f32))");
    REQUIRE(f.spec.loads.size() == 2);
    CHECK(f.spec.loads[1].hasOther == false);
    auto st = f.alg->store(*p, *ld, *mask, {});
    REQUIRE(st);
    REQUIRE(f.spec.stores.size() == 1);
    CHECK(ir::toText(f.spec.stores[0].mask) == "l0 < n");
    CHECK_FALSE(f.alg->load(*offs, std::nullopt, std::nullopt, {})); // not a pointer
    auto badMask = f.alg->load(*p, *offs, std::nullopt, {});
    REQUIRE_FALSE(badMask);
    CHECK(badMask.error().message == "tl.load mask must be boolean, got i32");
}

TEST_CASE("reductions, scans and dot bind a variable over the reduced axis", "[symexec]") {
    Fx f;
    auto r = f.alg->arange(0, 16);
    auto x = f.alg->cast(*r, ir::DType::F32);
    auto s = f.alg->reduce(ir::ReduceKind::Sum, *x, 0, false);
    REQUIRE(s);
    CHECK(s->isScalar());
    CHECK(f.text(s) == "sum[k in 0..16](cast(k, f32))");
    auto c = f.alg->scan(ir::ReduceKind::Sum, *x, 0, false);
    CHECK(f.text(c) == "sum[k1 in 0..l0 + 1](cast(k1, f32))");
    auto m = f.alg->reduce(ir::ReduceKind::Max, *x, std::nullopt, true);
    REQUIRE(m);
    CHECK(m->shape == Shape{1});
    auto col = f.alg->expandDims(*x, 1);
    auto a = f.alg->broadcastTo(*col, {16, 16});
    auto d = f.alg->dot(*a, *a, std::nullopt, ir::DType::F32);
    REQUIRE(d);
    CHECK(d->shape == Shape{16, 16});
    CHECK(f.text(d) == "sum[k3 in 0..16](cast(l0, f32) * cast(k3, f32))");
    CHECK_FALSE(f.alg->reduce(ir::ReduceKind::Sum, *x, 1, false));
}
