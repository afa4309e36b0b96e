// Builds about 1e6 hash-consed IR nodes and prints nodes/s and bytes/node, then measures the
// hit path (rebuilding existing nodes), the text printer and the parser.
#include "tlift/ir/context.h"
#include "tlift/ir/parser.h"
#include "tlift/ir/printer.h"

#include <chrono>
#include <cstdio>

using namespace tlift::ir;
using Clock = std::chrono::steady_clock;

static double seconds(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

// Index-expression shapes like those symbolic execution builds: reads with affine indices.
static Expr build(Context& c, int n) {
    Expr x = c.tensor("x", DType::F32, {c.sym("M", DType::I32), c.sym("N", DType::I32)});
    Expr stride = c.sym("stride", DType::I32);
    Expr acc = c.floatConst(0.0);
    for (int i = 0; i < n; ++i) {
        Expr row = c.add(c.mul(c.var("pid"), stride), c.intConst(i));
        Expr col = c.add(c.var("l0"), c.intConst(i % 97));
        Expr v = c.exp(c.sub(c.read(x, {row, col}), c.floatConst(static_cast<double>(i))));
        acc = c.add(acc, v);
    }
    return acc;
}

int main() {
    const int n = 1'000'000 / 10; // ~10 nodes per iteration
    Context c;
    auto t0 = Clock::now();
    Expr e = build(c, n);
    auto t1 = Clock::now();
    std::size_t nodes = c.nodeCount();
    Expr again = build(c, n); // every node exists: the hit path
    auto t2 = Clock::now();
    std::string text = toText(c.add(c.floatConst(1.0), c.exp(c.sym("y", DType::F32))));
    // Printer and parser on a mid-size formula.
    Context small;
    Expr f = build(small, 2000);
    auto t3 = Clock::now();
    std::string printed = toTextWithDecls(f);
    auto t4 = Clock::now();
    auto parsed = parseExpr(small, printed);
    auto t5 = Clock::now();

    std::printf("%-34s %14s\n", "measure", "value");
    std::printf("%-34s %14zu\n", "nodes built (distinct)", nodes);
    std::printf("%-34s %14.0f\n", "new nodes/s", static_cast<double>(nodes) / seconds(t0, t1));
    std::printf("%-34s %14.0f\n", "hash-cons hits/s", static_cast<double>(nodes) / seconds(t1, t2));
    std::printf("%-34s %14.1f\n", "bytes/node (arena + table)", static_cast<double>(c.bytesUsed()) / static_cast<double>(nodes));
    std::printf("%-34s %14.1f\n", "print MB/s", static_cast<double>(printed.size()) / 1e6 / seconds(t3, t4));
    std::printf("%-34s %14.1f\n", "parse MB/s", static_cast<double>(printed.size()) / 1e6 / seconds(t4, t5));
    std::printf("%-34s %14s\n", "round trip", parsed && *parsed == f ? "ok" : "MISMATCH");
    return (again == e && parsed && *parsed == f) ? 0 : 1;
}
