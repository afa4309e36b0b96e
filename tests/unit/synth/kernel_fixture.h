#pragma once
// Shared set-up of the kernel-level check tests: a kernel (inline source or a corpus file)
// traced by the lead's pipeline (synth::runTrace: launch preparation, symbolic execution, launch
// inference), and a parser scope that knows the kernel's names (program ids, lanes, buffers,
// scalars, sizes, loop counters, loop results), so that closed forms and summaries can be
// written by hand in the IR text form.

#include "tlift/ir/parser.h"
#include "tlift/synth/closed_form.h"
#include "tlift/synth/lifter.h"

#include <map>
#include <memory>
#include <string>

namespace tlift::synth::testing {

struct TracedKernel {
    std::shared_ptr<const TraceResult> trace;

    const symexec::Spec& spec() const { return *trace->spec; }
    ir::Context& ctx() const { return *trace->spec->ctx; }
    const symexec::LaunchContext& launch() const { return trace->launch; }

    // pid0.., l0.., the iteration variable t, buffers (flat), logical tensors, scalars, sizes,
    // loop counters and the loop results as functions.
    ir::Scope scope() const;
    ir::Expr parse(const std::string& text) const;
    const symexec::LoopSpec& loop(int id) const;
    const symexec::CarriedVar& carried(int loop, const std::string& name) const;
    ir::Expr t() const { return ctx().var("t"); }
    // A closed form written by hand (atIteration over t; final = atIteration at the loop's count).
    ClosedForm form(int loop, const std::string& var, const std::string& atIteration, const std::string& final,
                    const std::string& pattern = "hand-made") const;
    // The sum over earlier iterations s < upTo of the update's increment `update - prev`
    // (written as the update with the variable's previous value replaced by `zero`).
    ir::Expr sumOfIncrements(int loop, const std::string& var, ir::Expr upTo) const;
};

// Traces a kernel given as source text (the imports are prepended).
TracedKernel traceText(const std::string& source, std::map<std::string, std::int64_t> constexprs = {},
                       const std::string& kernel = {});
// Traces a kernel of the corpus (path relative to tests/data/kernels).
TracedKernel traceCorpus(const std::string& relPath, const std::string& kernel = {});

} // namespace tlift::synth::testing
