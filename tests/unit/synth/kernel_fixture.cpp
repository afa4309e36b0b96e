#include "kernel_fixture.h"

#include "tlift/ir/simplify.h"
#include "tlift/ir/subst.h"
#include "tlift/symexec/launch.h"

#include <catch2/catch.hpp>

namespace tlift::synth::testing {

namespace {

TracedKernel traceSource(std::shared_ptr<const OpenedSource> src, const LiftOptions& o) {
    auto tr = runTrace(src, o);
    if (!tr) FAIL("trace failed: " << tr.error().message);
    TracedKernel k;
    k.trace = *tr;
    INFO(k.trace->diagnostics.format(src->sm.get(), false));
    REQUIRE(k.trace->ok());
    return k;
}

} // namespace

TracedKernel traceText(const std::string& source, std::map<std::string, std::int64_t> constexprs, const std::string& kernel) {
    auto src = openSourceText("k.py", "import triton\nimport triton.language as tl\n" + source);
    REQUIRE(src);
    LiftOptions o;
    o.kernel = kernel;
    for (auto& [n, v] : constexprs) o.constexprs[n] = frontend::py::Value::integer(v);
    return traceSource(*src, o);
}

TracedKernel traceCorpus(const std::string& relPath, const std::string& kernel) {
    auto src = openSource(std::string(TLIFT_TEST_DATA) + "/kernels/" + relPath);
    REQUIRE(src);
    LiftOptions o;
    o.kernel = kernel;
    return traceSource(*src, o);
}

ir::Scope TracedKernel::scope() const {
    ir::Scope s;
    const symexec::Spec& sp = spec();
    for (const ir::Expr& p : sp.pids) s.declare(p);
    for (const ir::Expr& g : sp.grid) s.declare(g);
    for (int d = 0; d < 3; ++d) s.declare(sp.lane(d));
    s.declare(t());
    for (const symexec::BufferInfo& b : sp.buffers) s.declare(b.flat);
    for (const symexec::ScalarInfo& sc : sp.scalars) s.declare(sc.symbol);
    for (const ir::Expr& z : symexec::sizeSymbols(launch())) s.declare(z);
    for (const symexec::TensorBinding& tb : launch().tensors) s.declare(tb.node);
    for (const symexec::LoopSpec& L : sp.loops) {
        if (L.counter) s.declare(L.counter);
        for (const symexec::CarriedVar& c : L.carried) {
            ir::DType t = c.update ? c.update.dtype() : c.init.dtype();
            s.functions[c.prevFn] = t;
            s.functions[c.finalFn] = t;
        }
    }
    return s;
}

ir::Expr TracedKernel::parse(const std::string& text) const {
    auto r = ir::parseExpr(ctx(), text, scope());
    INFO(text);
    if (!r) FAIL(r.error().message);
    return *r;
}

const symexec::LoopSpec& TracedKernel::loop(int id) const {
    const symexec::LoopSpec* L = spec().loop(id);
    REQUIRE(L);
    return *L;
}

const symexec::CarriedVar& TracedKernel::carried(int id, const std::string& name) const {
    for (const symexec::CarriedVar& c : loop(id).carried)
        if (c.name == name) return c;
    FAIL("no carried variable " << name << " in loop L" << id);
    throw std::logic_error("unreachable");
}

ClosedForm TracedKernel::form(int id, const std::string& var, const std::string& atIteration, const std::string& final,
                              const std::string& pattern) const {
    const symexec::LoopSpec& L = loop(id);
    ClosedForm f;
    f.loop = id;
    f.var = var;
    f.pattern = pattern;
    f.iter = t();
    f.counter = L.counter;
    f.atIteration = parse(atIteration);
    f.final = parse(final);
    return f;
}

ir::Expr TracedKernel::sumOfIncrements(int id, const std::string& var, ir::Expr upTo) const {
    const symexec::LoopSpec& L = loop(id);
    const symexec::CarriedVar& c = carried(id, var);
    ir::Context& cx = ctx();
    ir::Expr g = ir::rewriteBottomUp(cx, c.update, [&](ir::Expr n) {
        return n.op() == ir::Op::Apply && n.name() == c.prevFn ? cx.zero(n.dtype()) : n;
    });
    ir::Expr s = cx.freshVar("s");
    ir::Expr u = cx.add(L.lo, cx.mul(L.step, s));
    g = ir::simplify(cx, ir::substitute(cx, g, L.counter, u));
    return cx.reduce(ir::ReduceKind::Sum, s, cx.intConst(0), upTo, g);
}

} // namespace tlift::synth::testing
