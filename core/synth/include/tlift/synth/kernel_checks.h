#pragma once
// Kernel-level verification: the claims about a whole kernel that the lift rests on, each turned
// into verification conditions for the verifier (verify::Checker) and answered with a Verdict.
//
//   checkClosedForm     a loop's closed form, by induction over the iterations: initiation,
//                       preservation (all carried variables of the loop at once), exit;
//   checkMemorySafety   every load and store, under its mask, stays inside its tensor;
//   checkNoUndefined    a store never writes an undefined value (a masked-off load without
//                       `other`);
//   checkSummary        the lift's main query: the re-indexed store value equals the summary
//                       over the output's domain (bounded fallback, optional cross-check).
//
// Every VC quantifies over the program ids (0 <= pid_d < grid_d), the lanes of the block
// (0 <= l_d < shape_d), the iterations of the enclosing loops (counter = lo + step * t with
// 0 <= t < iterations) and all sizes, scalars and tensor contents. The sizes of the launch
// context are taken >= 1 (tensors are not empty). What each verdict rests on is listed in its
// `assumptions`; refutations that would depend on values the VC leaves uninterpreted (loop
// results without a closed form, results of user folds) are reported as Unknown, never as
// Refuted. See docs/verify.md, "Kernel-level checks". Uses only verify's public API (no Z3).

#include "tlift/symexec/launch.h"
#include "tlift/symexec/spec.h"
#include "tlift/synth/closed_form.h"
#include "tlift/verify/checker.h"

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace tlift::synth {

// Runs one checker call (check or prove) under a wall-clock watchdog. The solver does not always
// honour its own per-query timeout (some queries over quantified reductions run on for minutes),
// so the call is cancelled through the checker's cancel token once `limit` has passed (0: the
// checker's totalTimeout plus one second) and answered as a Timeout. A cancellation of the
// caller's own token is passed on and still answered as Cancelled. Every kernel-level check below
// runs its queries through it.
verify::Verdict runGuarded(verify::Checker& checker, const std::function<verify::Verdict()>& call,
                           std::chrono::milliseconds limit = std::chrono::milliseconds(0));

// Proves the closed form of one carried variable by induction (t = the iteration index, u the
// loop counter = lo + step * t, T = max(0, cdiv(hi - lo, step)) computed from the loop itself):
//   initiation    atIteration[t := 0] == init
//   preservation  0 <= t < T  =>  update[w.prev := atIteration_w[t] for every carried w of the
//                 loop, u := lo + step * t] == atIteration[t := t + 1]
//   exit          final == atIteration[t := T]
// The closed forms of the loop's other carried variables come from `all` (the form checked here
// replaces its own entry there); results of inner loops in the update are replaced by their
// final closed forms from `all`. Each VC is one Checker query; the verdict is the weakest of the
// three, with the VC named in its reason and query labels ("preservation: symbolic").
verify::Verdict checkClosedForm(ir::Context& ctx, verify::Checker& checker, const symexec::Spec& spec,
                                const symexec::LaunchContext& launch, const ClosedForm& form, const LoopSolution& all,
                                const std::vector<ir::Expr>& assumptions = {});

// One access of a kernel: a load site or a store, and the verdict of its bounds check.
struct AccessVerdict {
    bool isStore = false;
    int site = -1;            // LoadSite::id or StoreSpec::id
    std::string buffer;       // the pointer parameter (x_ptr)
    std::string tensor;       // the tensor it points to (x), empty when the launch has none
    util::SourceSpan span;
    std::string claim;        // "0 <= pid0 < M && 0 <= l0 + start < N" in words
    verify::Verdict verdict;
    std::string counterexample; // in words: sizes, program ids, lanes, iteration, offset, coordinates
};

// Bounds of every load site and store: under the access's mask (path condition included), for
// every program id in the grid, lane in the block and iteration of the enclosing loops, the
// offset's coordinates in the tensor's layout stay within its shape; when the offset does not
// delinearize with the tensor's strides, the flat offset stays within the tensor's storage,
// [0, 1 + sum_d (shape_d - 1) * stride_d) (strides assumed non-negative). Carried pointers
// (`ptr += BLOCK * stride`) are replaced by their closed forms from `loops` when given.
std::vector<AccessVerdict> checkMemorySafety(ir::Context& ctx, verify::Checker& checker, const symexec::Spec& spec,
                                             const symexec::LaunchContext& launch,
                                             const std::vector<ir::Expr>& assumptions = {},
                                             const LoopSolution* loops = nullptr);

// No undefined value is stored: for every program id, lane and iteration where the store's mask
// holds, the stored value does not depend on an undefined value (IR `Undef`: a masked-off load
// without `other`). The value's definedness is a formula D (D(undef) = false, D(where(c, a, b)) =
// D(c) && (c ? D(a) : D(b)), a reduction is defined when every element it includes is, a loop
// result when its variable's init and update are defined whenever the previous values are (an
// inductive invariant, all carried variables of the loop together), a fold result when its inputs
// are defined on every lane), and the VC is `mask => D(value)`.
verify::Verdict checkNoUndefined(ir::Context& ctx, verify::Checker& checker, const symexec::Spec& spec,
                                 const symexec::StoreSpec& store, const symexec::LaunchContext& launch,
                                 const std::vector<ir::Expr>& assumptions = {});

struct SummaryCheckOptions {
    bool bounded = true;     // bounded fallback (every size up to boundK): ProvedUpTo
    bool crossCheck = false; // also run bounded mode after a symbolic proof
    int boundK = 4;
    std::string name = "summary"; // names the queries and SMT-LIB files
};

// The lift's main query: raw == summary for every coordinate of the output's domain (each entry
// of `domain` is `0 <= coord && coord < size`, as symexec::Reindexed gives it; other shapes are
// taken as assumptions), under the assumptions (launch facts, coverage obligations). When one
// side reads a buffer through its flat pointer and the other through its tensor, the tensor
// reads are rewritten as flat reads first (`layouts`: the launch's tensors), so that a
// counterexample is one memory, never two unrelated views of it.
verify::Verdict checkSummary(ir::Context& ctx, verify::Checker& checker, ir::Expr raw, ir::Expr summary,
                             const std::vector<ir::Expr>& coords, const std::vector<ir::Expr>& domain,
                             const std::vector<ir::Expr>& assumptions = {}, const SummaryCheckOptions& options = {},
                             const symexec::Spec* spec = nullptr, const symexec::LaunchContext* layouts = nullptr);

// The weakest of several verdicts (Refuted < Cancelled < Timeout < Unknown < ProvedUpTo < Proved),
// with the queries, assumptions and reasons of all; `labels` name them in the reason.
verify::Verdict weakestVerdict(const std::vector<verify::Verdict>& verdicts, const std::vector<std::string>& labels);

} // namespace tlift::synth
