#include "tlift/synth/lifter.h"

#include "tlift/ir/poly.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/simplify.h"
#include "tlift/ir/subst.h"
#include "tlift/symexec/launch_infer.h"
#include "tlift/symexec/launch_prepare.h"
#include "tlift/symexec/python_exec.h"
#include "tlift/symexec/ttir_exec.h"
#include "tlift/egraph/rule_set.h"
#include "tlift/synth/closed_form.h"
#include "tlift/synth/expect.h"
#include "tlift/synth/facts.h"
#include "tlift/synth/harness.h"
#include "tlift/synth/kernel_checks.h"
#include "tlift/util/strings.h"

#include <chrono>
#include <filesystem>
#include <set>

namespace tlift::synth {

using ir::Expr;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

} // namespace

const char* statusName(LiftStatus s) {
    switch (s) {
    case LiftStatus::Proved: return "proved";
    case LiftStatus::ProvedUpTo: return "proved_up_to";
    case LiftStatus::Tested: return "tested";
    case LiftStatus::Refuted: return "refuted";
    case LiftStatus::Unknown: return "unknown";
    case LiftStatus::Timeout: return "timeout";
    case LiftStatus::Cancelled: return "cancelled";
    case LiftStatus::Failed: return "failed";
    }
    return "failed";
}

LiftStatus LiftResult::overall() const {
    if (outputs.empty()) return LiftStatus::Failed;
    static const LiftStatus order[] = {LiftStatus::Failed, LiftStatus::Refuted, LiftStatus::Cancelled, LiftStatus::Timeout,
                                   LiftStatus::Unknown, LiftStatus::Tested, LiftStatus::ProvedUpTo, LiftStatus::Proved};
    for (LiftStatus s : order)
        for (const OutputSummary& o : outputs)
            if (o.status == s) return s;
    return LiftStatus::Failed;
}

std::string defaultLaunchFile(const std::string& sourcePath) {
    namespace fs = std::filesystem;
    fs::path p(sourcePath);
    fs::path side = p;
    side.replace_extension(".launch.json");
    return fs::exists(side) ? side.string() : std::string();
}

namespace {

// The last steps of a trace, from either driver: inference of what the launch context does not
// say, the spec kept, the observers told.
util::Result<std::shared_ptr<const TraceResult>> finishTrace(std::shared_ptr<TraceResult> tr, ir::Context& ctx, symexec::Spec spec,
                                                             const LiftOptions& options, const JobContext& jc) {
    tr->config = options.config;
    symexec::inferFromSpec(ctx, spec, tr->launch);
    tr->diagnostics.append(spec.diagnostics);
    tr->spec = std::make_shared<const symexec::Spec>(std::move(spec));
    if (jc.progress) jc.progress("trace", 1.0);
    std::shared_ptr<const TraceResult> out = tr;
    if (jc.traced) jc.traced(out);
    return out;
}

// A kernel's TTIR: the TTIR driver gives the spec; the launch context comes from the Python
// wrapper when the kernel's Python file is known, with the constexprs the TTIR was compiled with
// (a launch record next to it), then the sidecar and the spec itself.
util::Result<std::shared_ptr<const TraceResult>> traceTtir(const std::shared_ptr<const OpenedSource>& source,
                                                           const LiftOptions& options, const JobContext& jc,
                                                           std::shared_ptr<TraceResult> tr, std::shared_ptr<ir::Context> ctx,
                                                           symexec::LaunchRequest req, const std::string& sidecar) {
    using R = util::Result<std::shared_ptr<const TraceResult>>;
    std::optional<symexec::LaunchContext> side;
    if (!sidecar.empty()) {
        std::string text;
        if (!util::readFile(sidecar, text)) return R::failure("launch", "cannot read launch file '" + sidecar + "'");
        if (text.find("\"tritonlift-corpus-launch/") != std::string::npos) {
            // A record of how the TTIR was compiled: only its constexpr values apply.
            auto rec = symexec::parseLaunchJson(*ctx, text, sidecar);
            if (rec) {
                symexec::LaunchContext only;
                only.constexprs = rec->constexprs;
                req.sidecar = std::move(only);
            }
        } else {
            auto lc = symexec::parseLaunchJson(*ctx, text, sidecar);
            if (!lc) return std::move(lc).takeError();
            side = std::move(*lc);
        }
    }
    if (jc.progress) jc.progress("trace", 0.1);
    symexec::TtirExecOptions o;
    o.kernel = tr->kernel;
    o.ctx = ctx;
    o.sourceRoot = source->sourceRoot;
    auto label = [&](const std::map<std::string, frontend::py::Value>& cs) {
        for (auto& [k, v] : cs)
            if (v.isNumber() && !o.constexprs.count(k)) o.constexprs[k] = v.isFloat() ? v.asFloat() : static_cast<double>(v.asInt());
    };
    label(req.constexprs);
    if (req.sidecar) label(req.sidecar->constexprs);
    auto spec = symexec::executeTtir(*source->ttir, *source->sm, o);
    if (!spec) return std::move(spec).takeError();
    if (source->python) {
        auto prepared = symexec::prepareLaunch(*ctx, *source->python->module, source->python->info, req);
        if (prepared) {
            tr->launch = std::move(prepared->launch);
            tr->configCount = prepared->configCount;
        } else {
            tr->diagnostics.warning("launch", "the wrapper in " + source->python->path + " gives no launch context: " + prepared.error().message);
        }
    }
    tr->launch.kernel = tr->kernel;
    // Triton specializes integer arguments equal to 1: the TTIR has no such parameter and reads
    // the constant. What the wrapper passes there (x.stride(1), correction) is 1 for this TTIR.
    if (source->python) {
        const frontend::py::FunctionInfo* fi = source->python->info.jitFunction(tr->kernel);
        const frontend::ttir::TtirFunction* tf = source->ttir->function(tr->kernel);
        if (!tf) tf = source->ttir->kernel();
        if (fi && tf) {
            ir::ExprMap one;
            for (const frontend::py::JitParam& p : fi->params) {
                if (p.isConstexpr || tr->launch.constexprs.count(p.name)) continue;
                bool inTtir = false;
                for (const frontend::ttir::TtirArg& a : tf->args) inTtir = inTtir || a.name == p.name;
                bool pointer = tr->launch.tensorForParam(p.name) != nullptr;
                if (inTtir || pointer) continue;
                auto it = tr->launch.scalarValues.find(p.name);
                if (it != tr->launch.scalarValues.end() && it->second.op() == ir::Op::Sym) {
                    one.emplace(it->second, ctx->intConst(1));
                    tr->launch.note(ir::toText(it->second) + " = 1 (" + p.name + ")", "specialized by Triton: the TTIR was compiled with " + p.name + " = 1");
                }
                tr->launch.scalarValues[p.name] = ctx->intConst(1);
                one.emplace(ctx->sym(p.name, ir::DType::I32), ctx->intConst(1));
            }
            if (!one.empty()) {
                for (symexec::TensorBinding& t : tr->launch.tensors) {
                    for (Expr& e : t.shape) e = ir::simplify(*ctx, ir::substitute(*ctx, e, one));
                    for (Expr& e : t.strides) e = ir::simplify(*ctx, ir::substitute(*ctx, e, one));
                    t.node = ctx->tensor(t.name, t.dtype, t.shape);
                }
                for (auto& [k, v] : tr->launch.scalarValues) v = ir::simplify(*ctx, ir::substitute(*ctx, v, one));
                for (Expr& g : tr->launch.grid)
                    if (g) g = ir::simplify(*ctx, ir::substitute(*ctx, g, one));
                for (Expr& a : tr->launch.assumptions) a = ir::simplify(*ctx, ir::substitute(*ctx, a, one));
            }
        }
    }
    // The TTIR's pointer types are exact: they give the tensors' element types.
    for (symexec::TensorBinding& t : tr->launch.tensors)
        for (const symexec::BufferInfo& b : spec->buffers)
            if (b.name == t.param && b.dtype != t.dtype) {
                tr->launch.note(t.name + " has dtype " + std::string(ir::dtypeName(b.dtype)), "the TTIR's pointer type of " + t.param);
                t.dtype = b.dtype;
                t.node = ctx->tensor(t.name, t.dtype, t.shape);
            }
    if (side) {
        side->constexprs.clear();
        symexec::mergeLaunch(tr->launch, *side);
    }
    return finishTrace(std::move(tr), *ctx, std::move(*spec), options, jc);
}

} // namespace

util::Result<std::shared_ptr<const TraceResult>> runTrace(std::shared_ptr<const OpenedSource> source, const LiftOptions& options,
                                                          const JobContext& jc) {
    auto kernel = pickKernel(*source, options.kernel);
    if (!kernel) return std::move(kernel).takeError();
    auto tr = std::make_shared<TraceResult>();
    tr->source = source;
    tr->kernel = (*kernel)->name;
    tr->diagnostics.append(source->diagnostics);
    auto ctx = std::make_shared<ir::Context>();
    symexec::LaunchRequest req;
    req.kernel = tr->kernel;
    req.constexprs = options.constexprs;
    req.config = options.config;
    std::string sidecar = options.launchFile.empty() ? defaultLaunchFile(source->path) : options.launchFile;
    if (source->ttir) return traceTtir(source, options, jc, tr, ctx, req, sidecar);
    if (!sidecar.empty()) {
        auto lc = symexec::readLaunchFile(*ctx, sidecar);
        if (!lc) return std::move(lc).takeError();
        if (lc->kernel.empty() || lc->kernel == tr->kernel) req.sidecar = std::move(*lc);
    }
    if (jc.progress) jc.progress("trace", 0.1);
    auto prepared = symexec::prepareLaunch(*ctx, *source->module, source->info, req);
    if (!prepared) return std::move(prepared).takeError();
    prepared->exec.ctx = ctx;
    auto spec = symexec::executeKernel(*source->module, source->info, *source->sm, tr->kernel, prepared->exec);
    if (!spec) return std::move(spec).takeError();
    tr->launch = std::move(prepared->launch);
    tr->guesses = std::move(prepared->guesses);
    tr->configCount = prepared->configCount;
    return finishTrace(std::move(tr), *ctx, std::move(*spec), options, jc);
}

namespace {

// "for all i < M: cond(i)" as a condition on sizes, when cond is monotone in i.
std::optional<Expr> sizeCondition(ir::Context& ctx, Expr cond, const std::vector<Expr>& coords, const std::vector<Expr>& shape) {
    Expr c = cond;
    for (std::size_t d = 0; d < coords.size(); ++d) {
        if (!ir::occursFree(c, coords[d])) continue;
        if (!ir::isComparison(c.op()) || c.op() == ir::Op::Eq || c.op() == ir::Op::Ne) return std::nullopt;
        Expr lhs = c.op() == ir::Op::Lt || c.op() == ir::Op::Le ? c[0] : c[1];
        Expr rhs = c.op() == ir::Op::Lt || c.op() == ir::Op::Le ? c[1] : c[0];
        if (ir::occursFree(rhs, coords[d])) return std::nullopt;
        // lhs non-decreasing in the coordinate: a polynomial with a non-negative coefficient, or
        // a floor division of one by a positive constant.
        std::function<bool(Expr)> nondecreasing = [&](Expr e) -> bool {
            if (!ir::occursFree(e, coords[d])) return true;
            if (e.op() == ir::Op::FloorDiv || e.op() == ir::Op::TDiv)
                return e[1].isConst() && e[1].intValue() > 0 && nondecreasing(e[0]);
            auto p = ir::toPoly(e);
            if (!p) return false;
            auto s = p->splitBy(coords[d]);
            if (!s || !s->first.isConstant() || s->first.constantTerm().num < 0) return false;
            for (auto& [m, k] : s->second.terms())
                for (const Expr& a : m.atoms)
                    if (ir::occursFree(a, coords[d])) return false;
            return true;
        };
        if (!nondecreasing(lhs)) return std::nullopt;
        c = ir::simplify(ctx, ir::substitute(ctx, c, coords[d], ctx.sub(shape[d], ctx.intConst(1))));
    }
    return c;
}

std::string joinTexts(const std::vector<Expr>& es) {
    std::vector<std::string> s;
    for (const Expr& e : es) s.push_back(ir::toText(e));
    return util::join(s, ", ");
}

} // namespace

namespace {

// The rules of the top-down normalizer (normalize.h), each an equality under the real-number
// semantics whose side conditions the fact oracle proves with Z3.
bool soundRule(const std::string& rule) {
    static const char* rules[] = {"simplify", "select-by-facts", "masked-identity", "guard-to-bounds", "bounds-by-facts",
                                  "tile-collapse", "exchange reductions", "extended-reals", "rewrite inside", "guard-by-facts",
                                  "shift-range", "concat-ranges"};
    for (const char* r : rules)
        if (rule == r) return true;
    return false;
}

// The loops whose results the expressions read (closed under the loops' own inits and updates),
// and the loops the stores sit in.
std::set<int> loopsRead(const symexec::Spec& spec, std::vector<Expr> work, const std::vector<const symexec::StoreSpec*>& group) {
    std::set<int> out;
    std::set<std::string> seen;
    auto addLoop = [&](int id) {
        const symexec::LoopSpec* L = spec.loop(id);
        if (!L || !out.insert(id).second) return;
        for (const symexec::CarriedVar& c : L->carried) {
            work.push_back(c.init);
            work.push_back(c.update);
        }
    };
    for (const symexec::StoreSpec* st : group)
        for (int id : st->loops) addLoop(id);
    while (!work.empty()) {
        Expr e = work.back();
        work.pop_back();
        if (!e) continue;
        for (const Expr& a : ir::leavesOf(e, ir::Op::Apply)) {
            std::string n(a.name());
            if (!seen.insert(n).second) continue;
            for (const symexec::LoopSpec& L : spec.loops)
                for (const symexec::CarriedVar& c : L.carried)
                    if (n == c.prevFn || n == c.finalFn) addLoop(L.id);
        }
    }
    return out;
}

void verifyOutput(ir::Context& ctx, OutputSummary& o, const symexec::Reindexed& re, const symexec::TensorBinding& out,
                  const symexec::LaunchContext& lc, const std::vector<Expr>& facts, const LiftOptions& options,
                  const JobContext& jc, bool loopsInvolved, LiftResult& res, const symexec::Spec& spec,
                  const LoopSolution& loops, const std::vector<const symexec::StoreSpec*>& group) {
    verify::CheckOptions co;
    co.queryTimeout = options.queryTimeout;
    // The direct check is a cross-check: it gets a short budget (the derivation is the proof).
    co.totalTimeout = std::chrono::milliseconds(std::min<long long>(options.queryTimeout.count(), 1500));
    co.queryTimeout = std::chrono::milliseconds(std::min<long long>(options.queryTimeout.count(), 1000));
    co.boundK = options.boundK;
    co.seed = static_cast<unsigned>(options.seed);
    co.smtDir = options.emitSmtDir;
    co.cancel = jc.cancel;
    verify::Checker checker(co);
    std::vector<verify::Range> ranges;
    for (std::size_t d = 0; d < re.coords.size(); ++d) ranges.push_back(verify::Range::between(re.coords[d], ctx.intConst(0), out.shape[d]));
    for (const Expr& s : symexec::sizeSymbols(lc)) ranges.push_back(verify::Range::atLeast(s, ctx.intConst(1)));
    std::vector<Expr> assumptions = lc.assumptions;
    for (const Expr& f : facts) assumptions.push_back(f);
    std::vector<std::string> basis, open;
    // 1. Every element is written: the coverage obligations, for all sizes.
    int provedObligations = 0, assumedObligations = 0;
    for (const symexec::Obligation& ob : re.obligations) {
        verify::Verdict ov = checker.prove(ctx, ob.cond, assumptions, ranges, o.output + ": " + ob.what);
        o.checks.emplace_back(ob.what, ov);
        if (ov.status == verify::Status::Proved) ++provedObligations;
        else ++assumedObligations;
    }
    basis.push_back(std::to_string(provedObligations) + " coverage condition(s) proved");
    // 2. The derivation from the store's value to the summary: sound rewrites only.
    bool derivationSound = true;
    for (const DerivationStep& d : o.derivation)
        if (!soundRule(d.rule)) derivationSound = false;
    if (derivationSound) basis.push_back("derivation of " + std::to_string(o.derivation.size()) + " sound rewrites (side conditions proved by Z3)");
    else open.push_back("the derivation uses a rule that is not known sound");
    // 3. Loops: every closed form of the loops the output reads, proved by induction
    // (kernel_checks.h: initiation, preservation, exit).
    std::string inductionMode;
    int inductionBound = -1;
    if (loopsInvolved) {
        std::vector<Expr> roots;
        for (const symexec::StoreSpec* st : group) roots.push_back(st->value);
        std::set<int> ids = loopsRead(spec, roots, group);
        verify::CheckOptions io = co;
        io.queryTimeout = options.queryTimeout;
        io.totalTimeout = std::chrono::milliseconds(std::min<long long>(3 * options.queryTimeout.count(), 8000));
        verify::Checker ichecker(io);
        std::vector<verify::Verdict> ind;
        std::vector<std::string> labels, loopNames;
        for (int id : ids) loopNames.push_back(spec.loop(id) ? spec.loop(id)->label() : "L" + std::to_string(id));
        for (const ClosedForm& f : loops.forms) {
            if (!ids.count(f.loop) || jc.cancel.cancelled()) continue;
            verify::Verdict iv = checkClosedForm(ctx, ichecker, spec, lc, f, loops, lc.assumptions);
            std::string label = "induction: " + f.var + "@" + (spec.loop(f.loop) ? spec.loop(f.loop)->label() : "?") + " (" + f.pattern + ")";
            o.checks.emplace_back(label, iv);
            ind.push_back(iv);
            labels.push_back(label);
        }
        if (ind.empty()) {
            open.push_back("the output reads loop results, but no closed form of them was found to prove");
        } else {
            verify::Verdict w = weakestVerdict(ind, labels);
            if (w.status == verify::Status::Refuted) {
                o.status = LiftStatus::Refuted;
                o.mode = "refuted by induction";
                o.verdict = w;
                o.statusDetail = "a closed form of a loop is wrong: " + w.reason +
                                 (w.counterexample ? "; " + verify::describe(*w.counterexample) : std::string());
                return;
            }
            if (w.status == verify::Status::Proved) {
                basis.push_back(std::to_string(ind.size()) + " closed form(s) proved by induction over loop(s) " + util::join(loopNames, ", "));
                inductionMode = "induction over loop " + util::join(loopNames, ", ") + " + symbolic";
            } else if (w.status == verify::Status::ProvedUpTo) {
                basis.push_back("closed forms proved up to " + std::to_string(w.bound) + " (symbolic induction step did not answer)");
                inductionBound = w.bound;
            } else {
                open.push_back("induction over loop(s) " + util::join(loopNames, ", ") + " is " +
                               std::string(verify::statusName(w.status)) + ": " + w.reason);
            }
        }
    }
    // 4. An independent check: the summary against the store's value, directly.
    verify::EquivalenceQuery q;
    q.lhs = re.value;
    q.rhs = o.summary;
    q.assumptions = assumptions;
    q.ranges = ranges;
    q.name = o.output;
    verify::Verdict v = checker.check(ctx, q);
    o.checks.emplace_back("direct check: the summary equals the stored value", v);
    o.verdict = v;
    for (const std::string& a : v.assumptions) {
        bool have = false;
        for (const Assumption& x : o.assumptions) have = have || x.text == a;
        if (!have) o.assumptions.push_back({a, "the verifier's reading of the formulas", "verifier", false});
    }
    if (v.status == verify::Status::Refuted) {
        // A confirmed counterexample outranks everything else.
        o.status = LiftStatus::Refuted;
        o.mode = "refuted by the verifier";
        o.statusDetail = v.counterexample ? verify::describe(*v.counterexample) : v.reason;
        return;
    }
    if (v.status == verify::Status::Proved) basis.push_back("direct equivalence proved by Z3");
    else if (v.status == verify::Status::ProvedUpTo) basis.push_back("direct equivalence proved up to " + std::to_string(v.bound));
    else basis.push_back(std::string("direct equivalence ") + std::string(verify::statusName(v.status)));
    if (open.empty() && inductionBound >= 0 && (derivationSound || v.status == verify::Status::Proved || v.status == verify::Status::ProvedUpTo)) {
        o.status = LiftStatus::ProvedUpTo;
        int k = v.status == verify::Status::ProvedUpTo ? std::min(v.bound, inductionBound) : inductionBound;
        o.verdict.bound = k;
        o.mode = "proved for sizes up to " + std::to_string(k) + " (induction bounded)";
    } else if (open.empty() && (derivationSound || v.status == verify::Status::Proved)) {
        o.status = LiftStatus::Proved;
        std::vector<std::string> conds;
        for (const Assumption& a : o.assumptions)
            if (!a.proved && a.source == "needed for the kernel to write every element") conds.push_back(a.text);
        o.mode = (inductionMode.empty() ? std::string("proved for all sizes") : inductionMode + ", for all sizes") +
                 (conds.empty() ? std::string() : " with " + util::join(conds, " and "));
        (void)assumedObligations;
    } else if (open.empty() && v.status == verify::Status::ProvedUpTo) {
        o.status = LiftStatus::ProvedUpTo;
        o.mode = "proved for sizes up to " + std::to_string(v.bound);
    } else {
        o.status = LiftStatus::Tested;
    }
    o.statusDetail = util::join(basis, "; ") + (open.empty() ? "" : "; not proved: " + util::join(open, "; "));
    (void)res;
}

// Memory safety of every load and store and no undefined value stored (kernel_checks.h). A
// store's verdicts go to its output's checks, the loads' to the kernel's; a refuted or open check
// is named in the notes and, for a store, in its output's detail (the output's status is about
// its values and stays as it is).
void kernelSafetyChecks(ir::Context& ctx, const symexec::Spec& spec, const symexec::LaunchContext& lc, const LoopSolution& loops,
                        const LiftOptions& options, const JobContext& jc, LiftResult& res) {
    verify::CheckOptions co;
    co.queryTimeout = std::chrono::milliseconds(std::min<long long>(options.queryTimeout.count(), 2000));
    co.totalTimeout = std::chrono::milliseconds(std::min<long long>(2 * options.queryTimeout.count(), 4000));
    co.boundK = options.boundK;
    co.seed = static_cast<unsigned>(options.seed);
    co.smtDir = options.emitSmtDir;
    co.cancel = jc.cancel;
    verify::Checker checker(co);
    auto outputOf = [&](const std::string& param) -> OutputSummary* {
        for (OutputSummary& o : res.outputs)
            if (o.param == param) return &o;
        return nullptr;
    };
    auto record = [&](OutputSummary* o, const std::string& label, const verify::Verdict& v, const std::string& words) {
        if (o) o->checks.emplace_back(label, v);
        else res.checks.emplace_back(label, v);
        if (v.status == verify::Status::Proved) return;
        std::string what = label + ": " + std::string(verify::statusName(v.status)) + (words.empty() ? "" : " (" + words + ")");
        res.notes.push_back(what);
        if (o && v.status == verify::Status::Refuted) o->statusDetail += (o->statusDetail.empty() ? "" : "; ") + what;
    };
    for (const AccessVerdict& a : checkMemorySafety(ctx, checker, spec, lc, lc.assumptions, &loops)) {
        if (jc.cancel.cancelled()) return;
        std::string label = std::string("memory safety: ") + (a.isStore ? "store " : "load ") + std::to_string(a.site) + " of " + a.buffer +
                            (a.span.valid() ? " (line " + std::to_string(a.span.line) + ")" : "");
        record(a.isStore ? outputOf(a.buffer) : nullptr, label, a.verdict, a.verdict.status == verify::Status::Refuted ? a.counterexample : a.verdict.reason);
    }
    for (const symexec::StoreSpec& st : spec.stores) {
        if (jc.cancel.cancelled() || st.buffer < 0) return;
        const std::string& param = spec.buffers[static_cast<std::size_t>(st.buffer)].name;
        verify::Verdict v = checkNoUndefined(ctx, checker, spec, st, lc, lc.assumptions);
        record(outputOf(param), "defined values: store " + std::to_string(st.id) + " of " + param, v, v.reason);
    }
    // A formula read out of bounds, or over values that may be undefined, is no proof of what
    // the kernel computes: such outputs are at most tested.
    std::vector<std::string> kernelOpen;
    for (const auto& [label, v] : res.checks)
        if (v.status == verify::Status::Refuted) kernelOpen.push_back(label + " refuted");
    for (OutputSummary& o : res.outputs) {
        if (o.status != LiftStatus::Proved && o.status != LiftStatus::ProvedUpTo) continue;
        std::vector<std::string> why = kernelOpen;
        for (const auto& [label, v] : o.checks) {
            bool safety = label.rfind("memory safety: ", 0) == 0 && v.status == verify::Status::Refuted;
            bool defined = label.rfind("defined values: ", 0) == 0 && v.status != verify::Status::Proved &&
                           v.status != verify::Status::ProvedUpTo;
            if (safety || defined) why.push_back(label + " " + std::string(verify::statusName(v.status)));
        }
        if (why.empty()) continue;
        o.status = LiftStatus::Tested;
        o.statusDetail += (o.statusDetail.empty() ? "" : "; ") + std::string("not proved: ") + util::join(why, "; ");
        o.mode = "tests; the formula was proved, but " + util::join(why, ", ");
        if (res.expectation && res.expectation->output == o.output &&
            (res.expectation->status == LiftStatus::Proved || res.expectation->status == LiftStatus::ProvedUpTo)) {
            res.expectation->status = LiftStatus::Tested;
            res.expectation->detail += "; not proved: " + util::join(why, "; ");
        }
    }
}

void simplifyOutput(ir::Context& ctx, OutputSummary& o, const symexec::Reindexed& re, const symexec::TensorBinding& out,
                    const Harness* harness, const JobContext& jc, SearchTree& tree, int parent) {
    egraph::RunnerLimits limits;
    Expr lhs = ctx.read(re.outTensor, re.coords);
    auto sr = std::make_shared<egraph::SimplifyResult>(
        egraph::simplifySummary(ctx, lhs, o.summary, egraph::RuleSet::builtin(), limits, jc.cancel));
    if (!sr->rhs || sr->rhs == o.summary) {
        o.egraph = sr;
        return;
    }
    // The e-graph's rules are checked sound in the test suite; the result is checked again here
    // on the test inputs before it is shown.
    CheckResult chk;
    if (harness) chk = sr->tensorLevel ? checkTensorCandidate(*harness, out, sr->rhs, 1e-6)
                                       : checkCandidate(*harness, out, re.coords, sr->rhs, ir::EvalMode::Real, 1e-6);
    SearchNode n;
    n.parents = {parent};
    n.phase = Phase::Simplify;
    n.rule = "e-graph (" + std::to_string(sr->rulesUsed.size()) + " rules, " + util::stopReasonName(sr->stop) + ")";
    n.output = o.output;
    n.term = sr->rhs;
    n.text = sr->summaryText();
    n.size = ir::treeSize(sr->rhs);
    if (harness && !chk.ok) {
        n.fate = Fate::Rejected;
        n.reason = "the simplified form disagrees with the kernel: " + chk.detail;
        tree.add(n);
        o.egraph = sr;
        return;
    }
    n.fate = Fate::Tested;
    tree.add(n);
    o.egraph = sr;
    o.simplified = sr->rhs;
    o.rulesUsed = sr->rulesUsed;
    o.simplifiedLhs = sr->tensorLevel ? o.output : o.lhs;
    o.simplifiedLhsLatex = sr->tensorLevel ? ir::latexName(o.output) : o.lhsLatex;
    if (o.simplifiedLhsLatex.empty()) {
        std::vector<std::string> lc2;
        for (const std::string& c : o.coords) lc2.push_back(ir::latexName(c));
        o.simplifiedLhsLatex = ir::latexName(o.output) + "_{" + util::join(lc2, ", ") + "}";
    }
}

} // namespace

// Re-indexes the stores of one buffer over its coordinates. Several stores merge into one
// formula: each covers the elements where its own obligations hold, a later store wins over an
// earlier one, and together they must cover the whole output.
util::Result<symexec::Reindexed> reindexGroup(ir::Context& ctx, const symexec::Spec& spec,
                                              const std::vector<const symexec::StoreSpec*>& group,
                                              const symexec::LaunchContext& lc, const std::vector<Expr>& values) {
    if (group.size() == 1) return symexec::reindexStore(ctx, spec, *group.front(), lc, values.front());
    std::vector<symexec::Reindexed> parts;
    for (std::size_t k = 0; k < group.size(); ++k) {
        if (group[k]->kind != symexec::StoreKind::Store)
            return util::Result<symexec::Reindexed>::failure("unsupported", "a buffer that is both stored and updated atomically");
        auto r = symexec::reindexStore(ctx, spec, *group[k], lc, values[k]);
        if (!r) return r;
        parts.push_back(std::move(*r));
    }
    symexec::Reindexed merged = parts.front();
    std::vector<Expr> covers;
    for (const symexec::Reindexed& p : parts) {
        Expr c = ctx.trueConst();
        for (const symexec::Obligation& ob : p.obligations) c = ctx.land(c, ob.cond);
        covers.push_back(ir::simplify(ctx, c));
    }
    Expr v = parts.front().value, any = covers.front();
    for (std::size_t k = 1; k < parts.size(); ++k) {
        Expr a = parts[k].value, b = v;
        if (a.dtype() != b.dtype()) a = ctx.cast(a, b.dtype());
        v = ctx.select(covers[k], a, b);
        any = ctx.lor(any, covers[k]);
        for (const std::string& n : parts[k].notes) merged.notes.push_back(n);
    }
    merged.value = ir::simplify(ctx, v);
    merged.obligations = {{"one of the " + std::to_string(parts.size()) + " stores writes every element", ir::simplify(ctx, any)}};
    merged.notes.push_back(std::to_string(parts.size()) + " stores into " + merged.output + " merged (a later store wins)");
    return merged;
}

namespace {

// A summary in a form that does not depend on the names of bound variables.
std::string canonicalText(ir::Context& ctx, Expr e) { return e ? ir::toText(ir::canonicalizeBinders(ctx, e)) : ""; }

// The other autotune configs, lifted (tested, not proved) and compared with this one: a summary
// that depends on the config is almost always a bug (lanes past the end leaking into a reduction,
// a block size left in the formula).
void compareConfigs(const TraceResult& trace, const LiftOptions& options, const JobContext& jc, LiftResult& res) {
    std::vector<std::string> differ;
    std::size_t same = 1;
    for (std::size_t k = 0; k < trace.configCount && !jc.cancel.cancelled(); ++k) {
        if (k == trace.config) continue;
        LiftOptions o = options;
        o.config = k;
        o.allConfigs = false;
        o.verify = false;
        o.simplify = false;
        o.expect.clear();
        auto tr = runTrace(trace.source, o, jc);
        if (!tr) {
            res.notes.push_back("autotune config " + std::to_string(k + 1) + " could not be traced: " + tr.error().message);
            continue;
        }
        LiftResult other = runLift(*tr, o, jc);
        bool all = true;
        for (const OutputSummary& a : res.outputs) {
            if (!a.summary) continue;
            const OutputSummary* b = nullptr;
            for (const OutputSummary& x : other.outputs)
                if (x.output == a.output) b = &x;
            if (!b || !b->summary) {
                res.notes.push_back("autotune config " + std::to_string(k + 1) + " gives no summary of " + a.output +
                                    (b ? ": " + b->statusDetail : std::string()));
                all = false;
                continue;
            }
            std::string ta = canonicalText(*trace.spec->ctx, a.summary), tb = canonicalText(*(*tr)->spec->ctx, b->summary);
            if (ta != tb) {
                all = false;
                differ.push_back(a.output + " under config " + std::to_string(k + 1) + ": " + b->summaryText);
            }
        }
        same += all ? 1 : 0;
    }
    if (differ.empty()) {
        res.notes.push_back("the same summary under all " + std::to_string(same) + " of " + std::to_string(trace.configCount) +
                            " autotune configs (tested)");
        return;
    }
    for (const std::string& d : differ)
        res.diagnostics.warning("configs", "the summary depends on the autotune config (almost always a bug: lanes past the end "
                                           "leaking into a reduction, a block size in the formula): " + d);
}

} // namespace

LiftResult runLift(std::shared_ptr<const TraceResult> trace, const LiftOptions& options, const JobContext& jc) {
    auto t0 = Clock::now();
    LiftResult res;
    res.trace = trace;
    res.seed = options.seed;
    res.diagnostics.append(trace->diagnostics);
    SearchTree tree;
    if (jc.searchEvent) tree.setListener(jc.searchEvent);
    const symexec::Spec& spec = *trace->spec;
    ir::Context& ctx = *spec.ctx;
    const symexec::LaunchContext& lc = trace->launch;
    auto finish = [&] {
        if (!options.expect.empty() && !res.expectation) {
            // The expectation names no output that has a summary.
            ExpectationResult e;
            e.text = options.expect;
            auto name = expectationOutput(options.expect);
            std::vector<std::string> names;
            for (const OutputSummary& o : res.outputs) names.push_back(o.output);
            e.output = name ? *name : "";
            e.status = LiftStatus::Failed;
            if (!name) e.detail = name.error().message;
            else {
                bool named = std::find(names.begin(), names.end(), *name) != names.end();
                e.detail = named ? "the output " + *name + " has no summary to compare with"
                                 : "the kernel writes no output named '" + *name + "'" +
                                       (names.empty() ? std::string() : " (outputs: " + util::join(names, ", ") + ")");
            }
            res.expectation = e;
        }
        res.search = tree.snapshot();
        res.counters = tree.counters();
        res.timings.total = msSince(t0);
        return std::move(res);
    };
    if (trace->diagnostics.hasErrors()) {
        res.stop = util::StopReason::Failed;
        for (const symexec::StoreSpec& st : spec.stores) {
            OutputSummary o;
            o.output = spec.buffers[static_cast<std::size_t>(st.buffer)].name;
            o.status = LiftStatus::Failed;
            o.statusDetail = "the kernel could not be traced completely (see the diagnostics)";
            o.span = st.span;
            res.outputs.push_back(o);
        }
        return finish();
    }
    if (spec.stores.empty()) {
        // Nothing to summarize: said as an error, so that a batch does not read it as success.
        res.stop = util::StopReason::Failed;
        util::SourceSpan where;
        if (trace->source && trace->source->module)
            if (const frontend::py::FunctionInfo* fi = trace->source->info.jitFunction(trace->kernel)) where = fi->span;
        res.diagnostics.error("lift",
                              "the kernel '" + trace->kernel +
                                  "' stores nothing: no tl.store or atomic is reached. A @triton.jit function that returns a "
                                  "value is a helper, or a scalar function that a decorator (FlagGems' @pointwise_dynamic) "
                                  "wraps into a kernel at run time: lift the kernel that calls it",
                              where);
        return finish();
    }
    auto gatePass = [&]() { return !jc.gate || jc.gate->pass(jc.cancel); };
    HarnessOptions ho;
    ho.seed = options.seed;
    ho.cases = options.testCases;
    ho.cancel = jc.cancel;
    verify::CheckOptions factOpts;
    factOpts.queryTimeout = options.factTimeout;
    factOpts.totalTimeout = factOpts.queryTimeout * 2;
    factOpts.bounded = false;
    factOpts.seed = static_cast<unsigned>(options.seed);
    factOpts.cancel = jc.cancel;
    auto factChecker = std::make_shared<verify::Checker>(factOpts);

    // Test inputs, shared by every output.
    auto tTest = Clock::now();
    std::optional<Harness> harness;
    {
        auto h = buildHarness(spec, lc, ho);
        if (h) {
            harness = std::move(*h);
            for (const std::string& r : harness->rejected) res.notes.push_back("test input rejected: " + r);
            tree.counters().testInputs = harness->cases.size();
        } else {
            res.notes.push_back("no test inputs: " + h.error().message);
        }
    }
    res.timings.test += msSince(tTest);

    int specNode = -1;
    {
        SearchNode n;
        n.phase = Phase::Spec;
        n.rule = "symbolic execution";
        n.text = spec.kernel + ": " + std::to_string(spec.stores.size()) + " store(s), " + std::to_string(spec.loops.size()) + " loop(s)";
        n.fate = Fate::Expanded;
        n.span = spec.kernelSpan;
        specNode = tree.add(n);
    }
    // Loops: closed forms of their carried variables.
    auto tLoops = Clock::now();
    LoopSolution loops = solveLoops(ctx, spec, &tree, specNode);
    for (const std::string& u : loops.unsolved) res.notes.push_back("no closed form: " + u);
    res.timings.synth += msSince(tLoops);
    // One output per stored buffer; several stores into one buffer are merged.
    std::vector<std::vector<const symexec::StoreSpec*>> groups;
    for (const symexec::StoreSpec& st : spec.stores) {
        bool placed = false;
        for (auto& g : groups)
            if (g.front()->buffer == st.buffer) {
                g.push_back(&st);
                placed = true;
            }
        if (!placed) groups.push_back({&st});
    }
    for (const auto& group : groups) {
        const symexec::StoreSpec& st = *group.front();
        if (jc.cancel.cancelled()) {
            res.stop = util::StopReason::Cancelled;
            break;
        }
        auto tSynth = Clock::now();
        OutputSummary o;
        o.param = spec.buffers[static_cast<std::size_t>(st.buffer)].name;
        o.output = symexec::tensorNameOf(o.param);
        o.store = st.id;
        o.span = st.span;
        if (st.kind == symexec::StoreKind::AtomicXchg || st.kind == symexec::StoreKind::AtomicOther) {
            o.status = LiftStatus::Failed;
            o.statusDetail = std::string("lifting ") + symexec::storeKindName(st.kind) + " is not supported";
            res.outputs.push_back(o);
            continue;
        }
        Expr value;
        bool openLoops = false;
        std::vector<Expr> values;
        for (const symexec::StoreSpec* s2 : group) {
            Expr v = applyClosedForms(ctx, spec, loops, s2->value);
            ir::visitPostOrder(v, [&](Expr n) { openLoops = openLoops || (n.op() == ir::Op::Apply && n.name().find('@') != std::string_view::npos); });
            values.push_back(v);
        }
        value = values.front();
        if (openLoops) {
            o.status = LiftStatus::Failed;
            o.statusDetail = "a loop result has no closed form" + (loops.unsolved.empty() ? std::string() : " (" + loops.unsolved.front() + ")");
            res.outputs.push_back(o);
            continue;
        }
        auto re = reindexGroup(ctx, spec, group, lc, values);
        if (!re) {
            o.status = LiftStatus::Failed;
            o.statusDetail = re.error().message;
            SearchNode n;
            n.parents = {specNode};
            n.rule = "re-index over " + o.output;
            n.output = o.output;
            n.fate = Fate::Rejected;
            n.reason = re.error().message;
            n.span = st.span;
            tree.add(n);
            res.outputs.push_back(o);
            continue;
        }
        const symexec::TensorBinding* out = lc.tensorForParam(o.param);
        if (st.kind != symexec::StoreKind::Store) {
            // The element's value before the kernel, combined with the contributions: a tensor of
            // its own (the wrapper usually zero-fills it).
            Expr before = ctx.read(ctx.tensor(re->output + "_before", out->dtype, out->shape), re->coords);
            Expr v = re->value;
            if (v.dtype() != before.dtype()) v = ctx.cast(v, before.dtype());
            re->value = st.kind == symexec::StoreKind::AtomicAdd ? ctx.add(before, v)
                        : st.kind == symexec::StoreKind::AtomicMax ? ctx.max(before, v) : ctx.min(before, v);
        }
        o.output = re->output;
        for (const Expr& c : re->coords) o.coords.push_back(std::string(c.name()));
        for (const Expr& s : out->shape) o.shape.push_back(ir::toText(s));
        o.lhs = o.output + "[" + util::join(o.coords, ", ") + "]";
        o.raw = re->value;
        int reNode;
        {
            SearchNode n;
            n.parents = {specNode};
            n.phase = Phase::TopDown;
            n.rule = "re-index the store over " + o.lhs;
            n.output = o.output;
            n.term = re->value;
            n.text = ir::toText(re->value);
            n.size = ir::treeSize(re->value);
            n.fate = Fate::Expanded;
            n.span = st.span;
            reNode = tree.add(n);
            tree.counters().tried++;
        }
        if (!gatePass()) {
            res.stop = util::StopReason::Cancelled;
            break;
        }
        // Facts: the output's domain, the launch assumptions, and what coverage needs.
        FactOracle facts(ctx, factChecker);
        for (std::size_t d = 0; d < re->coords.size(); ++d) facts.addRange(re->coords[d], ctx.intConst(0), out->shape[d]);
        for (const Expr& a : lc.assumptions) facts.addFact(a);
        for (const symexec::Obligation& ob : re->obligations) {
            Assumption a;
            a.why = ob.what;
            auto sc = sizeCondition(ctx, ob.cond, re->coords, out->shape);
            Expr cond = sc ? *sc : ob.cond;
            a.text = ir::toText(cond);
            if (cond.isConst() && cond.boolValue()) continue;
            if (cond.isConst() && !cond.boolValue()) {
                a.source = "coverage fails";
                a.text = "never: " + ob.what + " (" + ir::toText(ob.cond) + ")";
                o.assumptions.push_back(a);
                continue;
            }
            bool discharged = facts.implies(ob.cond);
            a.proved = discharged;
            a.source = discharged ? "proved from the launch context" : "needed for the kernel to write every element";
            if (!discharged) facts.addFact(sc ? *sc : ob.cond);
            o.assumptions.push_back(a);
        }
        for (const symexec::LaunchNote& n : lc.notes) {
            Assumption a;
            a.text = n.fact;
            a.source = n.source;
            a.why = "launch context";
            o.assumptions.push_back(a);
        }
        // Top-down: rewrite the re-indexed value over whole dimensions.
        NormalizeOptions no;
        no.cancel = jc.cancel;
        no.deadline = jc.deadline;
        auto norm = normalizeSummary(ctx, re->value, facts, no);
        int parent = reNode;
        for (const RewriteStep& s : norm.steps) {
            DerivationStep d;
            d.rule = s.rule;
            d.from = ir::toText(s.from);
            d.to = ir::toText(s.to);
            d.fromLatex = ir::toLatex(s.from);
            d.toLatex = ir::toLatex(s.to);
            o.derivation.push_back(d);
            SearchNode n;
            n.parents = {parent};
            n.phase = Phase::TopDown;
            n.rule = s.rule;
            n.output = o.output;
            n.term = s.to;
            n.text = d.from + "  =>  " + d.to;
            n.size = ir::treeSize(s.to);
            n.fate = Fate::Expanded;
            parent = tree.add(n);
            tree.counters().tried++;
            if (!gatePass()) break;
        }
        o.summary = norm.result;
        res.timings.synth += msSince(tSynth);
        SearchNode cand;
        cand.parents = {parent};
        cand.phase = Phase::Test;
        cand.rule = "candidate";
        cand.output = o.output;
        cand.term = o.summary;
        cand.text = o.lhs + " = " + ir::toText(o.summary);
        cand.size = ir::treeSize(o.summary);
        int candNode = tree.add(cand);
        // Test the candidate against the kernel's own results.
        auto tCheck = Clock::now();
        if (!harness || harness->cases.empty()) {
            o.status = LiftStatus::Unknown;
            o.statusDetail = "no test input could be run";
            tree.setFate(candNode, Fate::Rejected, o.statusDetail);
        } else {
            auto chk = checkCandidate(*harness, *out, re->coords, o.summary, ir::EvalMode::Real, 1e-9);
            if (chk.ok) {
                o.status = LiftStatus::Tested;
                o.mode = "tests (" + std::to_string(harness->cases.size()) + " inputs, " + std::to_string(chk.compared) + " elements)";
                o.statusDetail = "agrees with the kernel on every test input";
                tree.setFate(candNode, Fate::Tested, o.mode);
                tree.counters().tested++;
                auto fl = checkCandidate(*harness, *out, re->coords, o.summary, ir::EvalMode::Float, 1.0);
                o.maxFloatError = fl.maxAbsError;
                o.floatCheck = "float32 evaluation of the summary vs the kernel: max abs error " + util::formatDouble(fl.maxAbsError) +
                               ", max rel error " + util::formatDouble(fl.maxRelError);
            } else {
                bool notWritten = chk.detail.rfind("the kernel does not write", 0) == 0;
                o.status = (chk.detail.rfind("cannot evaluate", 0) == 0 || notWritten) ? LiftStatus::Unknown : LiftStatus::Refuted;
                if (notWritten) chk.detail = "coverage: " + chk.detail + " (the launch context's grid or block sizes do not cover the output)";
                o.statusDetail = chk.detail;
                tree.setFate(candNode, o.status == LiftStatus::Refuted ? Fate::Refuted : Fate::Rejected, chk.detail,
                             chk.failedCase);
                if (o.status == LiftStatus::Refuted) tree.counters().refuted++;
            }
        }
        res.timings.test += msSince(tCheck);
        // Proofs: the coverage obligations and the summary itself, for all sizes.
        if (options.verify && o.status == LiftStatus::Tested && !jc.cancel.cancelled()) {
            auto tVerify = Clock::now();
            bool loopsInvolved = false;
            for (std::size_t gi = 0; gi < group.size(); ++gi)
                loopsInvolved = loopsInvolved || values[gi] != group[gi]->value || !group[gi]->loops.empty();
            verifyOutput(ctx, o, *re, *out, lc, facts.facts(), options, jc, loopsInvolved, res, spec, loops, group);
            res.timings.verify += msSince(tVerify);
            tree.setFate(candNode, o.status == LiftStatus::Proved ? Fate::Verified : Fate::Tested, o.mode);
            if (o.status == LiftStatus::Proved) tree.counters().verified++;
        }
        // The textbook form.
        if (options.simplify && (o.status == LiftStatus::Tested || o.status == LiftStatus::Proved ||
                                 o.status == LiftStatus::ProvedUpTo) && !jc.cancel.cancelled()) {
            auto tSimp = Clock::now();
            simplifyOutput(ctx, o, *re, *out, harness ? &*harness : nullptr, jc, tree, candNode);
            res.timings.simplify += msSince(tSimp);
        }
        // What the user says the kernel computes.
        if (!options.expect.empty() && !res.expectation && !jc.cancel.cancelled() &&
            (o.status == LiftStatus::Tested || o.status == LiftStatus::Proved || o.status == LiftStatus::ProvedUpTo)) {
            auto name = expectationOutput(options.expect);
            if (name && *name == o.output) {
                auto tExpect = Clock::now();
                res.expectation = checkExpectation(ctx, options.expect, o, *re, *out, lc, spec, harness ? &*harness : nullptr,
                                                   facts.facts(), options, jc.cancel);
                res.timings.verify += msSince(tExpect);
            }
        }
        o.rawText = ir::toText(o.raw);
        o.summaryText = ir::toText(o.summary);
        o.rawLatex = ir::toLatex(o.raw);
        o.summaryLatex = ir::toLatex(o.summary);
        std::vector<std::string> lc2;
        for (const std::string& c : o.coords) lc2.push_back(ir::latexName(c));
        o.lhsLatex = ir::latexName(o.output) + "_{" + util::join(lc2, ", ") + "}";
        if (!o.simplified) {
            o.simplified = o.summary;
            o.simplifiedLhs = o.lhs;
            o.simplifiedLhsLatex = o.lhsLatex;
        }
        o.simplifiedText = ir::toText(o.simplified);
        o.simplifiedLatex = ir::toLatex(o.simplified);
        res.outputs.push_back(std::move(o));
        (void)joinTexts;
    }
    if (options.verify && !jc.cancel.cancelled()) {
        auto tSafety = Clock::now();
        kernelSafetyChecks(ctx, spec, lc, loops, options, jc, res);
        res.timings.verify += msSince(tSafety);
    }
    if (options.allConfigs && trace->configCount > 1 && !jc.cancel.cancelled()) compareConfigs(*trace, options, jc, res);
    return finish();
}

LiftResult liftFile(const std::string& path, const LiftOptions& options, const JobContext& jc) {
    LiftResult res;
    auto src = openSource(path);
    if (!src) {
        res.diagnostics.add(src.error());
        res.stop = util::StopReason::Failed;
        return res;
    }
    auto tr = runTrace(*src, options, jc);
    if (!tr) {
        res.diagnostics.add(tr.error());
        res.stop = util::StopReason::Failed;
        return res;
    }
    return runLift(*tr, options, jc);
}

} // namespace tlift::synth
