#include "tlift/symexec/runner.h"

#include "tlift/ir/printer.h"

#include <cmath>
#include <unordered_map>

namespace tlift::symexec {

using ir::Expr;
using ir::Val;

namespace {

struct State {
    Shape shape;
    std::vector<Val> values; // row-major over shape
};

class Runner {
public:
    Runner(const Spec& spec, const RunInput& in, const RunOptions& opts) : m_spec(spec), m_in(in), m_opts(opts) {}

    util::Result<RunResult> run() {
        using R = util::Result<RunResult>;
        for (const BufferInfo& b : m_spec.buffers) {
            auto it = m_in.buffers.find(b.name);
            if (it == m_in.buffers.end()) return R::failure("run", "no data for buffer '" + b.name + "'");
            auto t = ir::TensorValue::fromData(b.dtype, {static_cast<std::int64_t>(it->second.size())}, it->second);
            m_env.setTensor(b.name, t);
            m_storage[b.name] = t.storage;
            m_result.writes[b.name].assign(it->second.size(), 0);
            m_env.setSym(b.name + ".numel", static_cast<double>(it->second.size()));
        }
        for (const ScalarInfo& s : m_spec.scalars) {
            auto it = m_in.scalars.find(s.name);
            if (it == m_in.scalars.end()) return R::failure("run", "no value for scalar '" + s.name + "'");
            m_env.setSym(s.name, it->second);
        }
        for (std::size_t a = 0; a < m_spec.grid.size(); ++a)
            m_env.setSym(m_spec.grid[a].name(), static_cast<double>(m_in.grid[a]));
        m_env.setApplyHook([this](Expr node, std::span<const Val> args) { return applyHook(node, args); });
        for (std::int64_t p2 = 0; p2 < (m_spec.pids.size() > 2 ? m_in.grid[2] : 1); ++p2)
            for (std::int64_t p1 = 0; p1 < (m_spec.pids.size() > 1 ? m_in.grid[1] : 1); ++p1)
                for (std::int64_t p0 = 0; p0 < m_in.grid[0]; ++p0) {
                    if (m_opts.cancel.cancelled()) return R::failure("cancelled", "run cancelled");
                    m_pid = {p0, p1, p2};
                    for (std::size_t a = 0; a < m_spec.pids.size(); ++a) m_env.setVar(m_spec.pids[a], m_pid[a]);
                    m_states.clear();
                    m_foldCache.clear();
                    auto r = runProgram();
                    if (!r) return std::move(r).takeError();
                }
        for (auto& [name, st] : m_storage) m_result.buffers[name] = *st;
        return std::move(m_result);
    }

private:
    util::Result<bool> runProgram() {
        // Top-level loops and stores, interleaved by source position (program order).
        return runScope(-1);
    }

    // Runs the loops whose parent is `parent` and the stores directly inside it.
    util::Result<bool> runScope(int parent) {
        struct Item {
            util::SourceSpan span;
            const LoopSpec* loop = nullptr;
            const StoreSpec* store = nullptr;
            const LoadSite* load = nullptr;
        };
        std::vector<Item> items;
        for (const LoopSpec& l : m_spec.loops)
            if (l.parent == parent) items.push_back({l.span, &l, nullptr, nullptr});
        for (const StoreSpec& s : m_spec.stores)
            if ((s.loops.empty() ? -1 : s.loops.back()) == parent) items.push_back({s.span, nullptr, &s, nullptr});
        if (m_opts.checkLoads)
            for (const LoadSite& l : m_spec.loads)
                if ((l.loops.empty() ? -1 : l.loops.back()) == parent) items.push_back({l.span, nullptr, nullptr, &l});
        std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
            return a.span.line != b.span.line ? a.span.line < b.span.line : a.span.col < b.span.col;
        });
        for (const Item& it : items) {
            util::Result<bool> r = true;
            if (it.loop) r = runLoop(*it.loop);
            else if (it.store) r = runStore(*it.store);
            else r = checkLoad(*it.load);
            if (!r) return r;
        }
        return true;
    }

    std::string where(const Shape& shape, std::int64_t linear) const {
        std::string s = "pid (" + std::to_string(m_pid[0]) + ", " + std::to_string(m_pid[1]) + ", " + std::to_string(m_pid[2]) + ")";
        if (!shape.empty()) {
            std::vector<std::int64_t> idx = unravel(shape, linear);
            s += ", lanes (";
            for (std::size_t d = 0; d < idx.size(); ++d) s += (d ? ", " : "") + std::to_string(idx[d]);
            s += ")";
        }
        for (auto& [name, v] : m_counterValues) s += ", " + name + " = " + std::to_string(v);
        return s;
    }

    static std::vector<std::int64_t> unravel(const Shape& shape, std::int64_t linear) {
        std::vector<std::int64_t> idx(shape.size());
        for (std::size_t d = shape.size(); d-- > 0;) {
            idx[d] = linear % shape[d];
            linear /= shape[d];
        }
        return idx;
    }

    void setLanes(const Shape& shape, std::int64_t linear) {
        std::vector<std::int64_t> idx = unravel(shape, linear);
        for (std::size_t d = 0; d < idx.size(); ++d) m_env.setVar(m_spec.lane(static_cast<int>(d)), idx[d]);
    }

    void problem(const std::string& what, const Shape& shape, std::int64_t linear, util::SourceSpan span) {
        if (m_result.problems.size() < m_opts.maxProblems) m_result.problems.push_back({what, where(shape, linear), span});
    }

    std::int64_t numel(const Shape& s) const {
        std::int64_t n = 1;
        for (std::int64_t d : s) n *= d;
        return n;
    }

    util::Result<Val> eval(ir::Evaluator& ev, Expr e) {
        auto r = ev.scalar(e);
        if (!r) return r;
        return *r;
    }

    util::Result<bool> runStore(const StoreSpec& st) {
        const std::string& name = m_spec.buffers[static_cast<std::size_t>(st.buffer)].name;
        auto& data = *m_storage[name];
        auto& writes = m_result.writes[name];
        std::int64_t n = numel(st.shape);
        // Evaluate every lane before writing: the lanes of one store happen at once.
        std::vector<std::pair<std::int64_t, Val>> pending;
        ir::Evaluator ev(m_env, m_opts.mode);
        for (std::int64_t lin = 0; lin < n; ++lin) {
            setLanes(st.shape, lin);
            auto m = eval(ev, st.mask);
            if (!m) return fail(m.error(), st.span, st.shape, lin);
            if (m->undef) {
                problem("store with an undefined mask", st.shape, lin, st.span);
                continue;
            }
            if (m->v == 0) continue;
            auto off = eval(ev, st.offset);
            if (!off) return fail(off.error(), st.span, st.shape, lin);
            auto pos = static_cast<std::int64_t>(off->v);
            if (off->undef || pos < 0 || pos >= static_cast<std::int64_t>(data.size())) {
                ++m_result.outOfBounds;
                problem("store out of bounds: " + name + "[" + std::to_string(pos) + "] of " + std::to_string(data.size()) +
                            " elements", st.shape, lin, st.span);
                continue;
            }
            auto v = eval(ev, st.value);
            if (!v) return fail(v.error(), st.span, st.shape, lin);
            if (v->undef) {
                ++m_result.undefinedStores;
                problem("store of an undefined value (a masked-off load without `other`) into " + name + "[" +
                            std::to_string(pos) + "]", st.shape, lin, st.span);
            }
            pending.emplace_back(pos, *v);
        }
        for (auto& [pos, v] : pending) {
            auto p = static_cast<std::size_t>(pos);
            double x = v.undef ? std::nan("") : ir::roundToDType(v.v, m_spec.buffers[static_cast<std::size_t>(st.buffer)].dtype);
            switch (st.kind) {
            case StoreKind::Store:
            case StoreKind::AtomicXchg:
                if (writes[p] > 0 && data[p] != x && !(std::isnan(data[p]) && std::isnan(x))) ++m_result.conflictingWrites;
                data[p] = x;
                break;
            case StoreKind::AtomicAdd: data[p] += x; break;
            case StoreKind::AtomicMax: data[p] = std::max(data[p], x); break;
            case StoreKind::AtomicMin: data[p] = std::min(data[p], x); break;
            case StoreKind::AtomicOther: return util::Result<bool>::failure("unsupported", "this atomic operation is not executable");
            }
            ++writes[p];
        }
        return true;
    }

    util::Result<bool> checkLoad(const LoadSite& ld) {
        const std::string& name = m_spec.buffers[static_cast<std::size_t>(ld.buffer)].name;
        auto size = static_cast<std::int64_t>(m_storage[name]->size());
        std::int64_t n = numel(ld.shape);
        ir::Evaluator ev(m_env, m_opts.mode);
        for (std::int64_t lin = 0; lin < n; ++lin) {
            setLanes(ld.shape, lin);
            auto m = eval(ev, ld.mask);
            if (!m) return fail(m.error(), ld.span, ld.shape, lin);
            if (m->undef || m->v == 0) continue;
            auto off = eval(ev, ld.offset);
            if (!off) return fail(off.error(), ld.span, ld.shape, lin);
            auto pos = static_cast<std::int64_t>(off->v);
            if (off->undef || pos < 0 || pos >= size) {
                ++m_result.outOfBounds;
                problem("load out of bounds: " + name + "[" + std::to_string(pos) + "] of " + std::to_string(size) + " elements",
                        ld.shape, lin, ld.span);
            }
        }
        return true;
    }

    util::Result<bool> fail(const util::Diagnostic& d, util::SourceSpan span, const Shape& shape, std::int64_t lin) {
        // A read out of bounds in a value is a memory-safety finding, not a failure of the run.
        if (d.message.rfind("read out of bounds", 0) == 0) {
            ++m_result.outOfBounds;
            problem(d.message, shape, lin, span);
            return true;
        }
        util::Diagnostic e = d;
        e.message += " (at " + where(shape, lin) + ")";
        if (!e.span.valid()) e.span = span;
        return util::Result<bool>(e);
    }

    util::Result<bool> runLoop(const LoopSpec& L) {
        // Initial state of every carried variable.
        {
            ir::Evaluator ev(m_env, m_opts.mode);
            for (const CarriedVar& c : L.carried) {
                State st{c.shape, {}};
                std::int64_t n = numel(c.shape);
                st.values.resize(static_cast<std::size_t>(n));
                for (std::int64_t lin = 0; lin < n; ++lin) {
                    setLanes(c.shape, lin);
                    auto v = eval(ev, c.init);
                    if (!v) return fail(v.error(), L.span, c.shape, lin);
                    st.values[static_cast<std::size_t>(lin)] = *v;
                }
                m_states[c.prevFn] = st;
            }
        }
        std::int64_t lo = 0, hi = 0, step = 1;
        if (L.guard) {
            // A loop after an early return runs only in the programs that did not return.
            ir::Evaluator ev(m_env, m_opts.mode);
            auto g = eval(ev, L.guard);
            if (!g) return fail(g.error(), L.span, {}, 0);
            if (g->undef || g->v == 0) {
                for (const CarriedVar& c : L.carried) m_states[c.finalFn] = m_states[c.prevFn];
                return true;
            }
        }
        if (!L.isWhile) {
            ir::Evaluator ev(m_env, m_opts.mode);
            auto a = eval(ev, L.lo), b = eval(ev, L.hi), s = eval(ev, L.step);
            if (!a || !b || !s) return util::Result<bool>::failure("run", "cannot evaluate the bounds of loop " + L.label());
            lo = static_cast<std::int64_t>(a->v);
            hi = static_cast<std::int64_t>(b->v);
            step = static_cast<std::int64_t>(s->v);
            if (step <= 0) return util::Result<bool>::failure("run", "loop " + L.label() + " has a non-positive step");
        }
        std::int64_t iterations = 0;
        for (std::int64_t t = lo;; t += step) {
            if (!L.isWhile && t >= hi) break;
            if (++iterations > m_opts.maxIterations)
                return util::Result<bool>::failure("run", "loop " + L.label() + " ran more than " + std::to_string(m_opts.maxIterations) + " iterations");
            if (m_opts.cancel.cancelled()) return util::Result<bool>::failure("cancelled", "run cancelled");
            if (!L.isWhile) {
                m_env.setVar(L.counter, t);
                m_counterValues[std::string(L.counter.name())] = t;
            }
            m_foldCache.clear();
            if (L.isWhile) {
                ir::Evaluator ev(m_env, m_opts.mode);
                auto c = eval(ev, L.whileCond ? L.whileCond : m_spec.ctx->falseConst());
                if (!c) return fail(c.error(), L.span, {}, 0);
                if (c->undef || c->v == 0) break;
            }
            auto body = runScope(L.id);
            if (!body) return body;
            // Every carried variable moves to its next value at once.
            std::vector<State> next;
            ir::Evaluator ev(m_env, m_opts.mode);
            for (const CarriedVar& c : L.carried) {
                State st{c.shape, {}};
                std::int64_t n = numel(c.shape);
                st.values.resize(static_cast<std::size_t>(n));
                for (std::int64_t lin = 0; lin < n; ++lin) {
                    setLanes(c.shape, lin);
                    auto v = c.update ? eval(ev, c.update) : util::Result<Val>(Val{std::nan(""), true});
                    if (!v) return fail(v.error(), L.span, c.shape, lin);
                    Val x = *v;
                    if (m_opts.mode == ir::EvalMode::Float && !x.undef && c.buffer < 0) x.v = ir::roundToDType(x.v, c.dtype);
                    st.values[static_cast<std::size_t>(lin)] = x;
                }
                next.push_back(std::move(st));
            }
            for (std::size_t i = 0; i < L.carried.size(); ++i) m_states[L.carried[i].prevFn] = std::move(next[i]);
        }
        if (!L.isWhile) m_counterValues.erase(std::string(L.counter.name()));
        for (const CarriedVar& c : L.carried) m_states[c.finalFn] = m_states[c.prevFn];
        m_foldCache.clear();
        return true;
    }

    util::Result<Val> applyHook(Expr node, std::span<const Val> args) {
        std::string name(node.name());
        std::size_t np = m_spec.pids.size();
        for (std::size_t a = 0; a < np && a < args.size(); ++a)
            if (static_cast<std::int64_t>(args[a].v) != m_pid[a])
                return util::Result<Val>::failure("eval", name + " is only known for the running program");
        std::vector<std::int64_t> lanes;
        for (std::size_t a = np; a < args.size(); ++a) {
            if (args[a].undef) return Val{std::nan(""), true};
            lanes.push_back(static_cast<std::int64_t>(args[a].v));
        }
        if (auto it = m_states.find(name); it != m_states.end()) return lookup(it->second, lanes, name);
        if (const FoldSpec* f = m_spec.fold(name)) {
            auto r = foldValues(*f);
            if (!r) return std::move(r).takeError();
            std::size_t comp = 0;
            while (f->resultFns[comp] != name) ++comp;
            return lookup((**r)[comp], lanes, name);
        }
        return util::Result<Val>::failure("eval", "no value for " + name + " here");
    }

    util::Result<Val> lookup(const State& st, const std::vector<std::int64_t>& lanes, const std::string& name) {
        if (lanes.size() != st.shape.size()) return util::Result<Val>::failure("eval", name + ": wrong number of lanes");
        std::int64_t lin = 0;
        for (std::size_t d = 0; d < lanes.size(); ++d) {
            if (lanes[d] < 0 || lanes[d] >= st.shape[d]) return util::Result<Val>::failure("eval", name + ": lane out of range");
            lin = lin * st.shape[d] + lanes[d];
        }
        return st.values[static_cast<std::size_t>(lin)];
    }

    // All components of a fold for the running program (and loop state), as states over the
    // result shape.
    util::Result<const std::vector<State>*> foldValues(const FoldSpec& f) {
        using R = util::Result<const std::vector<State>*>;
        if (auto it = m_foldCache.find(f.id); it != m_foldCache.end()) return &it->second;
        // The fold is computed in the middle of evaluating some lane: keep that lane's variables.
        struct LaneGuard {
            ir::Env& env;
            const Spec& spec;
            std::vector<std::pair<Expr, std::optional<std::int64_t>>> saved;
            LaneGuard(ir::Env& e, const Spec& s) : env(e), spec(s) {
                for (int d = 0; d < 4; ++d) {
                    Expr l = spec.lane(d);
                    const std::int64_t* v = env.var(l.node());
                    saved.emplace_back(l, v ? std::optional<std::int64_t>(*v) : std::nullopt);
                }
            }
            ~LaneGuard() {
                for (auto& [l, v] : saved) {
                    if (v) env.setVar(l, *v);
                    else env.clearVar(l);
                }
            }
        } guard(m_env, m_spec);
        std::size_t nc = f.inputs.size();
        std::int64_t n = numel(f.inputShape);
        // Inputs, evaluated per lane of the input block.
        std::vector<std::vector<Val>> in(nc, std::vector<Val>(static_cast<std::size_t>(n)));
        {
            ir::Evaluator ev(m_env, m_opts.mode);
            for (std::int64_t lin = 0; lin < n; ++lin) {
                setLanes(f.inputShape, lin);
                for (std::size_t c = 0; c < nc; ++c) {
                    auto v = eval(ev, f.inputs[c]);
                    if (!v) return R::failure("eval", v.error().message);
                    in[c][static_cast<std::size_t>(lin)] = *v;
                }
            }
        }
        Shape outShape = f.inputShape;
        if (!f.scan) {
            if (f.keepDims) outShape[static_cast<std::size_t>(f.axis)] = 1;
            else outShape.erase(outShape.begin() + f.axis);
        }
        std::vector<State> out(nc, State{outShape, std::vector<Val>(static_cast<std::size_t>(numel(outShape)))});
        ir::Env cenv;
        std::int64_t len = f.inputShape[static_cast<std::size_t>(f.axis)];
        // Iterate over the lines along the axis.
        Shape lineShape = f.inputShape;
        lineShape[static_cast<std::size_t>(f.axis)] = 1;
        std::int64_t lines = numel(lineShape);
        for (std::int64_t li = 0; li < lines; ++li) {
            std::vector<std::int64_t> base = unravel(lineShape, li);
            std::vector<Val> acc(nc);
            for (std::int64_t step = 0; step < len; ++step) {
                std::int64_t k = f.reverse ? len - 1 - step : step;
                std::vector<std::int64_t> idx = base;
                idx[static_cast<std::size_t>(f.axis)] = k;
                std::int64_t lin = 0;
                for (std::size_t d = 0; d < idx.size(); ++d) lin = lin * f.inputShape[d] + idx[d];
                if (step == 0) {
                    for (std::size_t c = 0; c < nc; ++c) acc[c] = in[c][static_cast<std::size_t>(lin)];
                } else {
                    bool undef = false;
                    for (std::size_t c = 0; c < nc; ++c) {
                        undef = undef || acc[c].undef || in[c][static_cast<std::size_t>(lin)].undef;
                        cenv.setSym(f.a[c].name(), acc[c].v);
                        cenv.setSym(f.b[c].name(), in[c][static_cast<std::size_t>(lin)].v);
                    }
                    ir::Evaluator cev(cenv, m_opts.mode);
                    std::vector<Val> next(nc);
                    for (std::size_t c = 0; c < nc; ++c) {
                        auto v = cev.scalar(f.combine[c]);
                        if (!v) return R::failure("eval", "combine function " + f.fnName + ": " + v.error().message);
                        next[c] = undef ? Val{std::nan(""), true} : *v;
                    }
                    acc = next;
                }
                if (f.scan)
                    for (std::size_t c = 0; c < nc; ++c) out[c].values[static_cast<std::size_t>(lin)] = acc[c];
            }
            if (!f.scan) {
                std::vector<std::int64_t> o = base;
                if (!f.keepDims) o.erase(o.begin() + f.axis);
                std::int64_t lin = 0;
                for (std::size_t d = 0; d < o.size(); ++d) lin = lin * outShape[d] + o[d];
                for (std::size_t c = 0; c < nc; ++c) out[c].values[static_cast<std::size_t>(lin)] = acc[c];
            }
        }
        return &m_foldCache.emplace(f.id, std::move(out)).first->second;
    }

    const Spec& m_spec;
    const RunInput& m_in;
    const RunOptions& m_opts;
    ir::Env m_env;
    RunResult m_result;
    std::map<std::string, std::shared_ptr<std::vector<double>>> m_storage;
    std::unordered_map<std::string, State> m_states;
    std::map<int, std::vector<State>> m_foldCache;
    std::map<std::string, std::int64_t> m_counterValues;
    std::array<std::int64_t, 3> m_pid{0, 0, 0};
};

} // namespace

util::Result<RunResult> runSpec(const Spec& spec, const RunInput& input, const RunOptions& options) {
    Runner r(spec, input, options);
    try {
        return r.run();
    } catch (const ir::IrError& e) {
        return util::Result<RunResult>::failure("internal", std::string("internal error while running: ") + e.what());
    }
}

} // namespace tlift::symexec
