#pragma once
// Shared set-up of the verify tests: a context with sizes M, N, K, a matrix x: f32[M, N],
// vectors, index variables, and helpers to parse and check equivalences.

#include "tlift/ir/parser.h"
#include "tlift/verify/checker.h"

#include <catch2/catch.hpp>

#include <string>

namespace tlift::verify::testing {

struct Fixture {
    ir::Context c;
    ir::Scope s;
    ir::Expr M, N, K, i, j;

    Fixture() {
        M = c.sym("M", ir::DType::I32);
        N = c.sym("N", ir::DType::I32);
        K = c.sym("K", ir::DType::I32);
        for (ir::Expr e : {M, N, K}) s.declare(e);
        s.declare(c.tensor("x", ir::DType::F32, {M, N}));
        s.declare(c.tensor("y", ir::DType::F32, {M, N}));
        s.declare(c.tensor("w", ir::DType::F32, {N}));
        s.declare(c.tensor("v", ir::DType::F32, {N}));
        s.declare(c.tensor("a", ir::DType::F32, {M, K}));
        s.declare(c.tensor("b", ir::DType::F32, {K, N}));
        s.declare(c.sym("p", ir::DType::F32));
        s.declare(c.sym("q", ir::DType::F32));
        s.declare(c.sym("eps", ir::DType::F32));
        s.declare(c.sym("n", ir::DType::I32));
        s.declare(c.sym("m", ir::DType::I32));
        i = c.var("i");
        j = c.var("j");
        s.declare(i);
        s.declare(j);
        s.declare(c.var("k"));
    }

    ir::Expr parse(const std::string& text) {
        auto r = ir::parseExpr(c, text, s);
        INFO(text);
        if (!r) FAIL(r.error().message);
        return *r;
    }

    // The usual ranges: 0 <= i < M, 0 <= j < N, M >= 1, N >= 1, K >= 1.
    std::vector<Range> ranges() {
        return {Range::between(i, c.intConst(0), M), Range::between(j, c.intConst(0), N),
                Range::atLeast(M, c.intConst(1)), Range::atLeast(N, c.intConst(1)), Range::atLeast(K, c.intConst(1))};
    }

    EquivalenceQuery query(const std::string& lhs, const std::string& rhs, const std::vector<std::string>& assume = {}) {
        EquivalenceQuery q;
        q.lhs = parse(lhs);
        q.rhs = parse(rhs);
        for (const std::string& a : assume) q.assumptions.push_back(parse(a));
        q.ranges = ranges();
        q.name = "test";
        return q;
    }

    Verdict check(const std::string& lhs, const std::string& rhs, const std::vector<std::string>& assume = {},
                  CheckOptions options = {}) {
        Checker checker(options);
        Verdict v = checker.check(c, query(lhs, rhs, assume));
        UNSCOPED_INFO(lhs << "  ==  " << rhs << "\n" << describe(v));
        for (const QueryRecord& r : v.queries)
            UNSCOPED_INFO("  query " << r.label << ": " << solverResultName(r.result) << " " << r.millis << " ms " << r.detail);
        return v;
    }
};

} // namespace tlift::verify::testing
