#include "tlift/synth/harness.h"

#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"
#include "tlift/util/strings.h"

#include <cmath>
#include <random>
#include <set>

namespace tlift::synth {

using ir::Expr;

namespace {

std::vector<std::int64_t> blockSizes(const symexec::Spec& spec) {
    std::set<std::int64_t> b;
    for (auto& [n, v] : spec.constexprs)
        if (v >= 8 && v == std::floor(v) && v <= 65536) b.insert(static_cast<std::int64_t>(v));
    for (const symexec::StoreSpec& s : spec.stores)
        for (std::int64_t d : s.shape)
            if (d >= 8) b.insert(d);
    if (b.empty()) b.insert(16);
    return {b.begin(), b.end()};
}

// Values for case k of a size symbol, cycling through the edge cases.
std::int64_t sizeFor(int k, std::size_t symIndex, std::int64_t block) {
    std::int64_t small = std::min<std::int64_t>(block, 64);
    switch ((k + static_cast<int>(symIndex)) % 6) {
    case 0: return 3 + static_cast<std::int64_t>(symIndex);        // small, not a multiple
    case 1: return small + 5;                                      // past one block
    case 2: return 1;
    case 3: return small;                                          // exactly a block (capped)
    case 4: return 2 * small + 3;                                  // several blocks, ragged
    default: return small - 1;
    }
}

Expr evalInt(const ir::Env& env, Expr e, std::int64_t& out) {
    ir::Evaluator ev(env);
    auto r = ev.scalar(e);
    if (!r || r->undef) return e;
    out = static_cast<std::int64_t>(r->v);
    return Expr();
}

} // namespace

util::Result<Harness> buildHarness(const symexec::Spec& spec, const symexec::LaunchContext& lc, const HarnessOptions& opts) {
    using R = util::Result<Harness>;
    Harness h;
    std::mt19937_64 rng(opts.seed);
    std::vector<Expr> sizes = symexec::sizeSymbols(lc);
    std::vector<std::int64_t> blocks = blockSizes(spec);
    std::set<std::string> sizeNames;
    for (const Expr& s : sizes) sizeNames.insert(std::string(s.name()));
    // Stride symbols: scalar parameters used as tensor strides.
    std::set<std::string> strideNames;
    for (const symexec::TensorBinding& t : lc.tensors)
        for (const Expr& s : t.strides)
            for (const Expr& leaf : ir::leavesOf(s, ir::Op::Sym)) strideNames.insert(std::string(leaf.name()));
    int attempts = 0;
    for (int k = 0; static_cast<int>(h.cases.size()) < opts.cases && attempts < opts.cases * 3; ++k, ++attempts) {
        if (opts.cancel.cancelled()) return R::failure("cancelled", "cancelled");
        TestCase tc;
        bool padded = k % 2 == 1;
        std::int64_t block = blocks[static_cast<std::size_t>(k) % blocks.size()];
        std::vector<std::string> label;
        for (std::size_t si = 0; si < sizes.size(); ++si) {
            std::string n(sizes[si].name());
            if (strideNames.count(n) && !sizeNames.count(n)) continue;
            std::int64_t v = sizeFor(k, si, block);
            tc.sizes[n] = v;
            tc.env.setSym(n, static_cast<double>(v));
            label.push_back(n + "=" + std::to_string(v));
            // A size that is also a scalar parameter of the kernel (n_cols) is passed as such.
            for (const symexec::ScalarInfo& s : spec.scalars)
                if (s.name == n) tc.input.scalars[n] = static_cast<double>(v);
        }
        // Scalar parameters that are neither sizes nor strides: typical values.
        for (const symexec::ScalarInfo& s : spec.scalars) {
            if (tc.sizes.count(s.name) || strideNames.count(s.name)) continue;
            if (lc.scalarValues.count(s.name)) continue;
            double v;
            if (ir::isFloat(s.symbol.dtype())) v = std::uniform_real_distribution<double>(0.25, 1.5)(rng);
            else v = static_cast<double>(sizeFor(k, sizes.size() + tc.sizes.size(), block));
            v = ir::roundToDType(v, s.symbol.dtype());
            tc.input.scalars[s.name] = v;
            tc.env.setSym(s.name, v);
            if (!ir::isFloat(s.symbol.dtype())) tc.sizes[s.name] = static_cast<std::int64_t>(v);
        }
        // Tensors: shapes, strides (contiguous, or with padded rows), storage, data.
        bool ok = true;
        std::string why;
        for (const symexec::TensorBinding& t : lc.tensors) {
            std::vector<std::int64_t> shape;
            for (const Expr& d : t.shape) {
                std::int64_t v = 0;
                if (Expr bad = evalInt(tc.env, d, v)) {
                    ok = false;
                    why = "the size " + ir::toText(bad) + " of " + t.name + " is unknown";
                    break;
                }
                shape.push_back(std::max<std::int64_t>(v, 0));
            }
            if (!ok) break;
            std::vector<std::int64_t> strides(shape.size(), 1);
            // Row-major strides, with padded rows in every other case.
            std::int64_t acc = 1;
            for (std::size_t d = shape.size(); d-- > 0;) {
                strides[d] = acc;
                std::int64_t extent = shape[d] + ((padded && d + 1 == shape.size() && shape.size() > 1) ? 3 : 0);
                acc *= std::max<std::int64_t>(extent, 1);
            }
            // Symbolic strides take these values; constant strides are what they are.
            for (std::size_t d = 0; d < shape.size(); ++d) {
                Expr s = t.strides[d];
                if (s.op() == ir::Op::Sym) {
                    const double* known = tc.env.sym(s.name());
                    if (known) strides[d] = static_cast<std::int64_t>(*known);
                    else {
                        tc.env.setSym(s.name(), static_cast<double>(strides[d]));
                        tc.input.scalars[std::string(s.name())] = static_cast<double>(strides[d]);
                    }
                } else {
                    std::int64_t v = 0;
                    if (evalInt(tc.env, s, v)) {
                        ok = false;
                        why = "the stride " + ir::toText(s) + " of " + t.name + " is unknown";
                        break;
                    }
                    strides[d] = v;
                }
            }
            if (!ok) break;
            std::int64_t numel = 1;
            for (std::size_t d = 0; d < shape.size(); ++d) numel += (shape[d] > 0 ? shape[d] - 1 : 0) * strides[d];
            bool empty = false;
            for (std::int64_t d : shape) empty = empty || d == 0;
            if (empty) numel = 1;
            if (numel > opts.maxElements * 4) {
                ok = false;
                why = t.name + " would have " + std::to_string(numel) + " elements";
                break;
            }
            std::vector<double> data(static_cast<std::size_t>(numel));
            bool isOutput = false;
            for (const symexec::StoreSpec& st : spec.stores)
                isOutput = isOutput || spec.buffers[static_cast<std::size_t>(st.buffer)].name == t.param;
            if (ir::isInteger(t.dtype)) {
                std::int64_t hi = 2;
                for (auto& [n, v] : tc.sizes) hi = std::max<std::int64_t>(2, std::min(hi == 2 ? v : hi, v));
                std::uniform_int_distribution<std::int64_t> d(0, std::max<std::int64_t>(hi - 1, 0));
                for (double& x : data) x = static_cast<double>(d(rng));
            } else {
                std::normal_distribution<double> d(0.0, 1.0);
                for (double& x : data) x = ir::roundToDType(d(rng), t.dtype);
            }
            bool atomic = false;
            for (const symexec::StoreSpec& st : spec.stores)
                atomic = atomic || (st.kind != symexec::StoreKind::Store && spec.buffers[static_cast<std::size_t>(st.buffer)].name == t.param);
            if (isOutput) std::fill(data.begin(), data.end(), atomic ? 0.0 : std::nan(""));
            tc.input.buffers[t.param] = data;
            if (atomic) {
                // What the output held before the kernel (for the summary of an accumulation).
                ir::TensorValue before;
                before.dtype = t.dtype;
                before.shape = shape;
                before.strides = strides;
                before.storage = std::make_shared<std::vector<double>>(data);
                tc.env.setTensor(t.name + "_before", before);
            }
            ir::TensorValue tv;
            tv.dtype = t.dtype;
            tv.shape = shape;
            tv.strides = strides;
            tv.storage = std::make_shared<std::vector<double>>(data);
            tc.tensors[t.name] = tv;
        }
        // Scalar parameters that stand for sizes and strides of the launch (in_row_stride =
        // x_stride0): their values follow from the sizes and the tensors' strides.
        for (const symexec::ScalarInfo& s : spec.scalars) {
            auto it = lc.scalarValues.find(s.name);
            if (!ok || it == lc.scalarValues.end() || tc.input.scalars.count(s.name)) continue;
            std::int64_t v = 0;
            if (evalInt(tc.env, it->second, v)) {
                ok = false;
                why = "the value " + ir::toText(it->second) + " of " + s.name + " is unknown";
                break;
            }
            tc.input.scalars[s.name] = static_cast<double>(v);
            tc.env.setSym(s.name, static_cast<double>(v));
        }
        // Inputs outside the launch context's assumptions (n_cols <= 1024 for BLOCK = 1024, the
        // wrapper's asserts) are not inputs the summary speaks about.
        bool outside = false;
        for (const Expr& a : lc.assumptions) {
            std::int64_t holds = 1;
            if (ok && !evalInt(tc.env, a, holds) && holds == 0) {
                outside = true;
                if (std::find(h.rejected.begin(), h.rejected.end(), "outside " + ir::toText(a)) == h.rejected.end())
                    h.rejected.push_back(util::join(label, ", ") + ": outside the assumption " + ir::toText(a));
                break;
            }
        }
        if (outside) continue;
        for (const symexec::BufferInfo& b : spec.buffers)
            if (!tc.input.buffers.count(b.name)) {
                ok = false;
                why = "no tensor is known for " + b.name;
            }
        for (std::size_t a = 0; ok && a < spec.pids.size(); ++a) {
            Expr g = a < lc.grid.size() ? lc.grid[a] : Expr();
            if (!g) {
                ok = false;
                why = "the grid is unknown";
                break;
            }
            std::int64_t v = 0;
            if (evalInt(tc.env, g, v)) {
                ok = false;
                why = "the grid " + ir::toText(g) + " is unknown";
                break;
            }
            tc.input.grid[a] = std::max<std::int64_t>(v, 0);
        }
        tc.label = util::join(label, ", ") + (padded ? " (padded rows)" : "");
        if (!ok) return R::failure("harness", "cannot build test inputs: " + why);
        symexec::RunOptions ro;
        ro.cancel = opts.cancel;
        auto run = symexec::runSpec(spec, tc.input, ro);
        auto reject = [&](std::string why) {
            if (std::find(h.rejected.begin(), h.rejected.end(), why) == h.rejected.end()) h.rejected.push_back(why);
        };
        if (!run) {
            reject(tc.label + ": " + run.error().message);
            continue;
        }
        if (run->outOfBounds > 0 || run->undefinedStores > 0) {
            std::string what = run->problems.empty() ? "memory error" : run->problems.front().what + " at " + run->problems.front().where;
            reject(tc.label + ": " + what);
            continue;
        }
        tc.run = std::move(*run);
        // Logical views of every tensor over the run's final buffers.
        for (const symexec::TensorBinding& t : lc.tensors) {
            ir::TensorValue tv = tc.tensors[t.name];
            tv.storage = std::make_shared<std::vector<double>>(tc.run.buffers.at(t.param));
            tc.tensors[t.name] = tv;
            tc.env.setTensor(t.name, tv);
        }
        h.cases.push_back(std::move(tc));
    }
    return h;
}

namespace {

// The spacing of the values of type t near v (0 for integers and f64).
double ulpOf(double v, ir::DType t) {
    int bits = 0;
    switch (t) {
    case ir::DType::F32: bits = 23; break;
    case ir::DType::F16: bits = 10; break;
    case ir::DType::BF16: bits = 7; break;
    case ir::DType::F8E4M3: bits = 3; break;
    case ir::DType::F8E5M2: bits = 2; break;
    default: return 0.0;
    }
    if (!std::isfinite(v) || v == 0.0) return std::ldexp(1.0, -126);
    int e;
    std::frexp(v, &e);
    return std::ldexp(1.0, e - 1 - bits);
}

template <class F>
void forEachCoordinate(const std::vector<std::int64_t>& shape, std::size_t cap, F&& f) {
    std::int64_t n = 1;
    for (std::int64_t d : shape) n *= d;
    if (n <= 0) return;
    std::int64_t step = std::max<std::int64_t>(1, n / static_cast<std::int64_t>(cap));
    for (std::int64_t lin = 0; lin < n; lin += step) {
        std::vector<std::int64_t> idx(shape.size());
        std::int64_t r = lin;
        for (std::size_t d = shape.size(); d-- > 0;) {
            idx[d] = r % shape[d];
            r /= shape[d];
        }
        if (!f(idx)) return;
    }
}

} // namespace

CheckResult checkCandidate(const Harness& h, const symexec::TensorBinding& out, const std::vector<Expr>& coords, Expr cand,
                           ir::EvalMode mode, double relTol, std::size_t maxPerCase) {
    CheckResult res;
    res.ok = true;
    for (std::size_t ci = 0; ci < h.cases.size() && res.ok; ++ci) {
        const TestCase& tc = h.cases[ci];
        auto it = tc.tensors.find(out.name);
        if (it == tc.tensors.end()) continue;
        const ir::TensorValue& o = it->second;
        ir::Env env = tc.env;
        ir::Evaluator ev(env, mode);
        forEachCoordinate(o.shape, maxPerCase, [&](const std::vector<std::int64_t>& idx) {
            for (std::size_t d = 0; d < coords.size() && d < idx.size(); ++d) env.setVar(coords[d], idx[d]);
            double want = o.at(idx);
            auto got = ev.scalar(cand);
            auto where = [&] {
                std::string s = out.name + "[";
                for (std::size_t d = 0; d < idx.size(); ++d) s += (d ? ", " : "") + std::to_string(idx[d]);
                return s + "] with " + tc.label;
            };
            if (!got) {
                res.ok = false;
                res.failedCase = static_cast<int>(ci);
                res.detail = "cannot evaluate the candidate at " + where() + ": " + got.error().message;
                return false;
            }
            if (std::isnan(want)) {
                res.ok = false;
                res.failedCase = static_cast<int>(ci);
                res.detail = "the kernel does not write " + where();
                return false;
            }
            if (got->undef) {
                res.ok = false;
                res.failedCase = static_cast<int>(ci);
                res.detail = "the candidate is undefined at " + where();
                return false;
            }
            // The kernel stored its value rounded to the output's type: so is the candidate's.
            double g = ir::roundToDType(got->v, out.dtype);
            double err = std::fabs(g - want);
            bool same = (std::isinf(want) && g == want) || (std::isnan(g) && std::isnan(want)) ||
                        err <= relTol * std::max(1.0, std::fabs(want)) + 2 * ulpOf(want, out.dtype);
            if (!same) {
                res.ok = false;
                res.failedCase = static_cast<int>(ci);
                res.detail = where() + ": kernel " + util::formatDouble(want) + ", candidate " + util::formatDouble(g);
                return false;
            }
            if (std::isfinite(err)) {
                res.maxAbsError = std::max(res.maxAbsError, err);
                res.maxRelError = std::max(res.maxRelError, err / std::max(1e-30, std::fabs(want)));
            }
            if (res.sample.size() < 8) res.sample.push_back(g);
            ++res.compared;
            return true;
        });
        env.clearVar(Expr());
    }
    return res;
}

CheckResult checkTensorCandidate(const Harness& h, const symexec::TensorBinding& out, Expr cand, double relTol) {
    CheckResult res;
    res.ok = true;
    for (std::size_t ci = 0; ci < h.cases.size() && res.ok; ++ci) {
        const TestCase& tc = h.cases[ci];
        auto it = tc.tensors.find(out.name);
        if (it == tc.tensors.end()) continue;
        const ir::TensorValue& o = it->second;
        ir::Evaluator ev(tc.env);
        auto got = ev.tensor(cand);
        if (!got) {
            res.ok = false;
            res.failedCase = static_cast<int>(ci);
            res.detail = "cannot evaluate the candidate with " + tc.label + ": " + got.error().message;
            break;
        }
        if (got->shape != o.shape) {
            res.ok = false;
            res.failedCase = static_cast<int>(ci);
            res.detail = "the candidate has another shape than " + out.name + " with " + tc.label;
            break;
        }
        forEachCoordinate(o.shape, 1u << 20, [&](const std::vector<std::int64_t>& idx) {
            double want = o.at(idx), g = ir::roundToDType(got->at(idx), out.dtype);
            double err = std::fabs(g - want);
            bool same = (std::isinf(want) && g == want) || (std::isnan(g) && std::isnan(want)) ||
                        err <= relTol * std::max(1.0, std::fabs(want)) + 2 * ulpOf(want, out.dtype);
            if (!same) {
                res.ok = false;
                res.failedCase = static_cast<int>(ci);
                std::string where = out.name + "[";
                for (std::size_t d = 0; d < idx.size(); ++d) where += (d ? ", " : "") + std::to_string(idx[d]);
                res.detail = where + "] with " + tc.label + ": kernel " + util::formatDouble(want) + ", candidate " + util::formatDouble(g);
                return false;
            }
            ++res.compared;
            return true;
        });
    }
    return res;
}

std::vector<double> candidateValues(const Harness& h, const std::vector<Expr>& coords, Expr cand, std::size_t maxPerCase) {
    std::vector<double> out;
    for (const TestCase& tc : h.cases) {
        ir::Env env = tc.env;
        ir::Evaluator ev(env);
        // The coordinates range over the first tensor with the right rank (a small sample).
        std::vector<std::int64_t> shape;
        for (auto& [n, t] : tc.tensors)
            if (t.rank() == coords.size()) {
                shape = t.shape;
                break;
            }
        if (shape.size() != coords.size()) continue;
        forEachCoordinate(shape, maxPerCase, [&](const std::vector<std::int64_t>& idx) {
            for (std::size_t d = 0; d < coords.size(); ++d) env.setVar(coords[d], idx[d]);
            auto v = ev.scalar(cand);
            out.push_back(v && !v->undef ? v->v : std::nan(""));
            return true;
        });
    }
    return out;
}

} // namespace tlift::synth
