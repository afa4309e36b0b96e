// Launch facts: reads the wrapper up to each launch, binds the launch's arguments to the
// kernel's parameters, evaluates the grid, and writes the facts out in the IR text form.
#include "tlift/frontend/python/launch_facts.h"

#include "tlift/frontend/python/ast_unparse.h"
#include "tlift/util/strings.h"
#include "wrapper_interpreter.h"

#include <algorithm>
#include <set>

namespace tlift::frontend::py {

using namespace detail;

namespace {

struct Passed {
    const JitParam* param = nullptr;
    const Expr* expr = nullptr;
    AbsVal value;
    int tensor = -1;        // the tensor the argument is (or stands for, in a Choice)
    std::string alternative; // a Choice's other branch
};

class LaunchAnalysis {
public:
    LaunchAnalysis(const Module& m, const ModuleInfo& info, const LaunchSite& site, std::size_t index)
        : m_module(m), m_info(info), m_site(site), m_kernel(info.functions[site.functionIndex]),
          m_snap(std::make_shared<LaunchSnapshot>()), m_st(m_snap->state),
          m_in(m_snap->state, m, info, m_snap->env) {
        m_snap->module = &m;
        m_snap->info = &info;
        m_facts.launchIndex = index;
    }

    LaunchFacts run() {
        m_facts.wrapper = m_site.enclosingName;
        m_facts.kernel = m_kernel.name;
        m_facts.span = m_site.span;
        const Body& body = m_site.enclosing ? m_site.enclosing->body : m_module.body;
        for (const std::string& n : namesBoundIn(body)) m_st.reserved.insert(n);
        if (m_site.enclosing)
            for (const Param& p : m_site.enclosing->params.params) m_st.reserved.insert(p.name);
        if (m_site.enclosing) m_in.bindParameters(*m_site.enclosing);
        std::vector<const Stmt*> chain = statementChain(body, *m_site.call);
        if (chain.empty() || !m_in.runTo(body, chain, 0))
            m_facts.missing.push_back("the launch is not reached from the start of " +
                                      (m_facts.wrapper.empty() ? std::string("the module") : m_facts.wrapper));
        bindArguments();
        std::vector<TermId> grid = evaluateGrid();
        m_st.finalize();
        nameDerivedSizes(grid);
        writeTensors();
        writeArguments();
        writeGrid(grid);
        writeAssumptions();
        checkParameters();
        writeNames();
        m_facts.notes.insert(m_facts.notes.begin(), m_st.notes.begin(), m_st.notes.end());
        m_facts.snapshot = m_snap;
        return std::move(m_facts);
    }

private:
    void bindArguments() {
        std::set<std::string> derefs;
        for (const std::string& p : dereferencedParams(m_info, m_kernel)) derefs.insert(p);
        auto add = [&](const JitParam* p, const Expr* e) {
            Passed a;
            a.param = p;
            a.expr = e;
            a.value = m_in.eval(*e);
            if (a.value.is(AbsVal::Kind::Choice)) {
                const AbsVal& pick = a.value.items[static_cast<std::size_t>(a.value.index)];
                const AbsVal& other = a.value.items[static_cast<std::size_t>(1 - a.value.index)];
                a.alternative = "when `" + unparseShort(*e, 60) + "` takes its other branch, " +
                                (other.is(AbsVal::Kind::Tensor) ? "another tensor" : "another value") + " is passed";
                a.value = pick;
            }
            bool pointer = derefs.count(p->name) > 0;
            if (!p->isConstexpr && (a.value.is(AbsVal::Kind::Tensor) || (pointer && a.value.is(AbsVal::Kind::Param))))
                a.tensor = m_in.asTensor(a.value);
            m_passed.push_back(std::move(a));
        };
        for (std::size_t i = 0; i < m_site.args.size(); ++i) {
            if (m_site.args[i]->is<Starred>()) {
                m_facts.missing.push_back("the launch passes *" + unparseShort(*m_site.args[i]->cast<Starred>().value, 40) +
                                          ": which parameters it fills is not known");
                break;
            }
            if (i >= m_kernel.params.size()) {
                m_facts.missing.push_back("the launch passes more positional arguments than the kernel has parameters");
                break;
            }
            add(&m_kernel.params[i], m_site.args[i]);
        }
        for (const LaunchKeyword& k : m_site.keywords) {
            if (k.name.empty()) {
                m_doubleStar = true;
                m_facts.missing.push_back("the launch passes **" + unparseShort(*k.value, 40) + ": which parameters it fills is not known");
                continue;
            }
            if (!k.isKernelParam) continue;
            if (const JitParam* p = m_kernel.param(k.name)) add(p, k.value);
        }
        // Values passed to constexpr parameters are written with the parameter's name in the grid
        // and the assumptions (`(n + BLOCK_SIZE - 1) // BLOCK_SIZE`), unless they are sizes.
        for (const Passed& a : m_passed)
            if (a.param->isConstexpr && a.value.is(AbsVal::Kind::Term) && m_st.symbolOf(a.value.term) == kNone)
                m_constexprNames.emplace(a.value.term, a.param->name);
    }

    std::vector<TermId> evaluateGrid() {
        std::vector<TermId> axes;
        const Expr* g = m_site.grid;
        if (!g) return axes;
        AbsVal v;
        if (const auto* sub = g->as<Subscript>(); sub && g == m_site.call->func.get()) {
            std::vector<AbsVal> items;
            for (const auto& e : sub->indices) items.push_back(m_in.eval(*e));
            v = AbsVal::tuple(std::move(items));
        } else {
            v = m_in.eval(*g);
        }
        if (v.is(AbsVal::Kind::Function)) {
            AbsVal meta;
            meta.kind = AbsVal::Kind::Meta;
            v = m_in.callFunction(v, {meta});
        }
        if (v.is(AbsVal::Kind::Term)) v = AbsVal::tuple({v});
        if (!v.is(AbsVal::Kind::Tuple)) {
            m_gridWhy = v.is(AbsVal::Kind::Unknown) ? v.text : "a grid that is not a tuple";
            return axes;
        }
        for (const AbsVal& a : v.items) {
            TermId t = m_in.asTerm(a);
            axes.push_back(t != kNone ? t : m_st.unknown("a grid axis that is not a number"));
        }
        return axes;
    }

    std::optional<std::string> render(TermId t, bool withConstexprs) {
        RenderOptions o;
        o.used = &m_used;
        o.derived = &m_derived;
        if (withConstexprs) o.constexprNames = &m_constexprNames;
        return renderTerm(m_st, t, o);
    }

    // Sizes with no IR form but fully given by other sizes (triton.next_power_of_2, math.ceil,
    // ...): dims of tensors, integer arguments and grid axes become named sizes defined by them.
    void nameDerivedSizes(const std::vector<TermId>& grid) {
        for (std::size_t c = 0; c < m_st.shapes.size(); ++c) {
            if (m_st.findShape(static_cast<int>(c)) != static_cast<int>(c) || !m_st.shapes[c].rank) continue;
            int owner = m_st.shapes[c].owner;
            std::string base = owner >= 0 ? m_st.tensor(owner).name : "size";
            for (int k = 0; k < *m_st.shapes[c].rank; ++k)
                derive(m_st.dim(static_cast<int>(c), k), base + "_d" + std::to_string(k), false);
        }
        for (const Passed& p : m_passed)
            if (!p.param->isConstexpr && p.tensor < 0 && p.value.is(AbsVal::Kind::Term)) derive(p.value.term, p.param->name, false);
        for (std::size_t i = 0; i < grid.size(); ++i) derive(grid[i], "grid" + std::to_string(i), true);
    }

    void derive(TermId t, const std::string& fallback, bool withConstexprs) {
        if (m_derived.count(t) || termType(m_st, t) != TermType::Int || unknownReason(m_st, t)) return;
        RenderOptions o;
        o.derived = &m_derived;
        if (withConstexprs) o.constexprNames = &m_constexprNames;
        if (renderTerm(m_st, t, o)) return;
        auto named = m_st.termNames.find(t);
        std::string base = named != m_st.termNames.end() ? named->second : fallback;
        SymbolId s = m_st.newSymbol(SymbolKind::Dim, -1, 0);
        m_st.symbols[s].name = m_st.taken.count(base) ? m_st.freshName(base) : base;
        m_st.taken.insert(m_st.symbols[s].name);
        m_st.symbols[s].named = true;
        m_st.symbols[s].definition = t;
        m_st.symbols[s].derived = true;
        m_derived[t] = s;
        m_facts.derivedSizes.push_back({m_st.symbols[s].name, describeTerm(m_st, t)});
        m_facts.notes.push_back(m_st.symbols[s].name + " = " + describeTerm(m_st, t) +
                                ": a size the wrapper computes, which the IR text has no form for");
    }

    std::string dtypeOf(int t) {
        int cur = t;
        for (int i = 0; i < 64; ++i) {
            const TensorRec& r = m_st.tensor(cur);
            if (r.dtype) return *r.dtype;
            if (r.dtypeLike < 0 || r.dtypeLike == cur) break;
            cur = r.dtypeLike;
        }
        return cur == t ? std::string() : "like:" + m_st.tensor(cur).name;
    }

    void writeTensors() {
        for (std::size_t i = 0; i < m_st.tensors.size(); ++i) {
            const TensorRec& r = m_st.tensors[i];
            TensorFact f;
            f.name = r.name;
            f.origin = r.origin;
            f.span = r.span;
            f.parameter = r.parameter;
            f.optional = r.optional;
            f.flat = r.flat;
            f.assumedContiguous = r.assumedContiguous;
            f.contiguous = r.contiguous;
            f.rank = m_st.rankOf(r.shape);
            std::string d = dtypeOf(static_cast<int>(i));
            if (!d.empty()) f.dtype = d;
            if (f.rank) {
                std::string why;
                for (int k = 0; k < *f.rank; ++k) {
                    TermId d = m_st.dim(r.shape, k);
                    auto text = render(d, false);
                    f.dims.push_back(text ? *text : "");
                    if (!text && why.empty()) {
                        auto root = unknownReason(m_st, d);
                        why = root ? *root : "`" + describeTerm(m_st, d) + "` has no IR form";
                    }
                    TermId s = m_st.stride(static_cast<int>(i), k);
                    auto st = render(s, false);
                    f.strides.push_back(st ? *st : "");
                }
                m_dimTexts.push_back(f.dims);
                m_dimWhy.push_back(why);
            } else {
                m_dimTexts.emplace_back();
                m_dimWhy.emplace_back();
            }
            if (r.flat)
                m_facts.notes.push_back(r.name + ": the wrapper states no rank and asks for no dim or stride; the kernel sees a flat array of " +
                                        f.dims[0] + " elements" + (r.assumedContiguous ? " (contiguous, as the kernel's flat offsets assume)" : ""));
            m_facts.tensors.push_back(std::move(f));
        }
    }

    // The tensor to name a size after: a tensor the kernel gets, of the class the symbol was made
    // for, else any the kernel gets that has the size, else any that has it.
    bool findSize(const std::string& text, SymbolId sym, ArgFact& a) {
        std::vector<int> order;
        auto push = [&](int t) {
            if (t >= 0 && std::find(order.begin(), order.end(), t) == order.end()) order.push_back(t);
        };
        int owner = sym != kNone ? m_st.symbols[sym].tensor : -1;
        for (const Passed& p : m_passed)
            if (p.tensor == owner) push(owner);
        if (owner >= 0)
            for (const Passed& p : m_passed)
                if (p.tensor >= 0 && m_st.findShape(m_st.tensor(p.tensor).shape) == m_st.findShape(m_st.tensor(owner).shape)) push(p.tensor);
        push(owner);
        for (const Passed& p : m_passed) push(p.tensor);
        for (std::size_t t = 0; t < m_st.tensors.size(); ++t) push(static_cast<int>(t));
        for (int t : order) {
            const auto& dims = m_dimTexts[static_cast<std::size_t>(t)];
            for (std::size_t d = 0; d < dims.size(); ++d)
                if (dims[d] == text) {
                    a.kind = ArgFact::Kind::Size;
                    a.tensor = m_st.tensor(t).name;
                    a.dim = static_cast<int>(d);
                    return true;
                }
        }
        for (int t : order) {
            const auto& dims = m_dimTexts[static_cast<std::size_t>(t)];
            if (dims.size() < 2 || !m_st.rankOf(m_st.tensor(t).shape)) continue;
            auto n = render(m_st.numel(m_st.tensor(t).shape), false);
            if (n && *n == text) {
                a.kind = ArgFact::Kind::Numel;
                a.tensor = m_st.tensor(t).name;
                return true;
            }
        }
        return false;
    }

    void classifyTerm(TermId term, ArgFact& a) {
        a.text = describeTerm(m_st, term);
        auto c = m_st.constValue(term);
        if (c && c->isNone()) {
            a.kind = ArgFact::Kind::None;
            return;
        }
        const Term raw = m_st.term(term); // a copy: naming sizes below may add terms
        SymbolId sym = m_st.symbolOf(term);
        if (raw.op == TermOp::StrideOf || (sym != kNone && m_st.symbols[sym].kind == SymbolKind::Stride)) {
            int t = raw.op == TermOp::StrideOf ? raw.tensor : m_st.symbols[sym].tensor;
            int d = raw.op == TermOp::StrideOf ? raw.dim : m_st.symbols[sym].dim;
            if (auto r = m_st.rankOf(m_st.tensor(t).shape); r && d < 0) d += *r;
            a.kind = ArgFact::Kind::Stride;
            a.tensor = m_st.tensor(t).name;
            a.dim = d;
            a.expr = render(term, false).value_or("");
            return;
        }
        TermType type = termType(m_st, term);
        if (type == TermType::Float) {
            a.kind = ArgFact::Kind::FloatScalar;
            if (c) a.value = c;
            a.expr = render(term, false).value_or("");
            return;
        }
        if (type == TermType::Int || type == TermType::Bool) {
            a.expr = render(term, false).value_or("");
            // x.numel(): the product of known dims, or the count of a tensor of unknown rank.
            int cls = -1;
            if (raw.op == TermOp::Numel) cls = raw.shape;
            else if (sym != kNone && m_st.symbols[sym].kind == SymbolKind::Numel && m_st.symbols[sym].tensor >= 0)
                cls = m_st.tensor(m_st.symbols[sym].tensor).shape;
            if (cls >= 0) {
                int pick = sym != kNone && raw.op != TermOp::Numel ? m_st.symbols[sym].tensor : -1;
                for (const Passed& p : m_passed)
                    if (p.tensor >= 0 && m_st.findShape(m_st.tensor(p.tensor).shape) == m_st.findShape(cls)) {
                        pick = p.tensor;
                        break;
                    }
                if (pick >= 0) {
                    a.kind = ArgFact::Kind::Numel;
                    a.tensor = m_st.tensor(pick).name;
                    return;
                }
            }
            if (a.kind == ArgFact::Kind::Unknown && !a.expr.empty() && findSize(a.expr, sym, a)) return;
            a.kind = ArgFact::Kind::IntScalar;
            if (c) a.value = c;
            return;
        }
        a.kind = ArgFact::Kind::Unknown;
        if (auto root = unknownReason(m_st, term)) a.why = *root;
        else if (sym != kNone && m_st.symbols[sym].kind == SymbolKind::OtherParam)
            a.why = "the wrapper parameter `" + m_st.symbols[sym].name + "` has no type (no annotation, default or use that gives one)";
        else if (type == TermType::String) a.why = "a string passed to a parameter that is not constexpr";
        else if (auto p = untypedParam(term)) a.why = "`" + a.text + "`: the wrapper parameter `" + *p + "` has no type (no annotation, default or use that gives one)";
        else a.why = "`" + a.text + "`: a value of unknown type";
    }

    // The untyped wrapper parameter a term depends on, if any.
    std::optional<std::string> untypedParam(TermId t, int depth = 0) const {
        if (t == kNone || depth > 200) return std::nullopt;
        const Term& term = m_st.term(t);
        if (term.op == TermOp::Sym) {
            const Symbol& s = m_st.symbols[m_st.find(term.sym)];
            if (s.definition != kNone) return untypedParam(s.definition, depth + 1);
            if (s.kind == SymbolKind::OtherParam) return s.name;
            return std::nullopt;
        }
        for (TermId a : term.args)
            if (auto p = untypedParam(a, depth + 1)) return p;
        return std::nullopt;
    }

    void writeArguments() {
        for (Passed& p : m_passed) {
            ArgFact a;
            a.param = p.param->name;
            a.source = p.expr;
            a.span = p.expr->span;
            a.why = p.alternative;
            AbsVal v = p.value;
            // A parameter typed by a use after the argument was read (`triton.cdiv(n, ...)` in
            // the grid) is read again.
            if (v.is(AbsVal::Kind::Param)) {
                if (auto it = m_st.paramSymbols.find(v.text); it != m_st.paramSymbols.end()) v = AbsVal::ofTerm(m_st.symTerm(it->second));
            }
            if (p.param->isConstexpr) {
                a.kind = ArgFact::Kind::Constexpr;
                if (v.is(AbsVal::Kind::Term)) {
                    a.value = m_st.constValue(v.term);
                    a.text = describeTerm(m_st, v.term);
                    TermType type = termType(m_st, v.term);
                    if (type == TermType::Int || type == TermType::Bool || type == TermType::Float) a.expr = render(v.term, false).value_or("");
                } else if (v.is(AbsVal::Kind::Dtype)) {
                    a.text = v.index >= 0 ? m_st.tensor(v.index).name + ".dtype" : v.text;
                } else {
                    a.text = v.is(AbsVal::Kind::Unknown) ? v.text : "not a number";
                }
            } else if (p.tensor >= 0) {
                a.kind = ArgFact::Kind::Tensor;
                a.tensor = m_st.tensor(p.tensor).name;
                a.text = a.tensor;
            } else if (v.is(AbsVal::Kind::Term)) {
                classifyTerm(v.term, a);
            } else if (v.is(AbsVal::Kind::Param)) {
                a.kind = ArgFact::Kind::Unknown;
                a.why = "the wrapper parameter `" + v.text + "` has no type (no annotation, default or use that gives one)";
            } else {
                a.kind = ArgFact::Kind::Unknown;
                a.why = v.is(AbsVal::Kind::Unknown) ? v.text : "a value that is neither a tensor nor a number";
            }
            m_facts.notes.push_back(a.param + " <- " + unparseShort(*p.expr, 60) + ": " + describeArg(a));
            m_facts.args.push_back(std::move(a));
        }
    }

    static std::string kindName(ArgFact::Kind k) {
        switch (k) {
        case ArgFact::Kind::Tensor: return "tensor";
        case ArgFact::Kind::Size: return "size";
        case ArgFact::Kind::Stride: return "stride";
        case ArgFact::Kind::Numel: return "numel";
        case ArgFact::Kind::FloatScalar: return "float";
        case ArgFact::Kind::IntScalar: return "int";
        case ArgFact::Kind::Constexpr: return "constexpr";
        case ArgFact::Kind::None: return "None";
        case ArgFact::Kind::Unknown: return "unknown";
        }
        return "?";
    }

public:
    static std::string describeArg(const ArgFact& a) {
        std::string s = kindName(a.kind);
        switch (a.kind) {
        case ArgFact::Kind::Tensor: s += " " + a.tensor; break;
        case ArgFact::Kind::Size:
        case ArgFact::Kind::Stride: s += " " + a.tensor + "[" + std::to_string(a.dim) + "] = " + a.expr; break;
        case ArgFact::Kind::Numel: s += " " + a.tensor + " = " + a.expr; break;
        case ArgFact::Kind::Unknown: s += " (" + a.why + ")"; break;
        default:
            if (!a.expr.empty()) s += " " + a.expr;
            else if (a.value) s += " " + a.value->repr();
            else if (!a.text.empty()) s += " " + a.text;
            if (!a.expr.empty() && !a.value && !a.text.empty() && a.text != a.expr) s += " (" + a.text + ")";
            break;
        }
        return s;
    }

private:
    void writeGrid(const std::vector<TermId>& axes) {
        if (axes.empty()) {
            m_facts.missing.push_back("the grid is not known" + (m_gridWhy.empty() ? std::string() : ": " + m_gridWhy));
            return;
        }
        for (std::size_t i = 0; i < axes.size(); ++i) {
            auto t = render(axes[i], true);
            m_facts.grid.push_back(t ? *t : "");
            if (!t) {
                auto root = unknownReason(m_st, axes[i]);
                m_facts.missing.push_back("grid axis " + std::to_string(i) + ": " +
                                          (root ? *root : "`" + describeTerm(m_st, axes[i]) + "` has no IR form"));
            }
        }
        m_facts.notes.push_back("grid = (" + util::join(m_facts.grid, ", ") + ")");
    }

    void writeAssumptions() {
        for (const Assumption& a : m_st.assumptions) {
            if (auto c = m_st.constValue(a.term); c && c->truthy()) continue;
            auto t = render(a.term, true);
            if (t) {
                if (std::find(m_facts.assumptions.begin(), m_facts.assumptions.end(), *t) == m_facts.assumptions.end())
                    m_facts.assumptions.push_back(*t);
            } else {
                m_facts.notes.push_back("line " + std::to_string(a.span.line) + ": `" + describeTerm(m_st, a.term) +
                                        "` holds at the launch, but has no IR form");
            }
        }
    }

    void checkParameters() {
        std::set<std::string> derefs;
        for (const std::string& p : dereferencedParams(m_info, m_kernel)) derefs.insert(p);
        for (const JitParam& p : m_kernel.params) {
            const ArgFact* a = m_facts.arg(p.name);
            if (!a) {
                if (p.defaultValue || setByTuning(p.name) || m_doubleStar) continue;
                m_facts.missing.push_back(p.name + " is not passed");
                continue;
            }
            if (a->kind == ArgFact::Kind::Unknown) m_facts.missing.push_back(p.name + ": " + a->why);
            else if (derefs.count(p.name) && a->kind != ArgFact::Kind::Tensor && a->kind != ArgFact::Kind::None)
                m_facts.missing.push_back(p.name + " is dereferenced by the kernel, but the launch passes " + describeArg(*a));
            if (a->kind == ArgFact::Kind::Tensor) {
                const TensorFact* t = m_facts.tensor(a->tensor);
                if (!t || !t->rank) {
                    const ShapeClass& c = m_st.shapes[static_cast<std::size_t>(m_st.findShape(m_st.tensor(tensorIndex(a->tensor)).shape))];
                    m_facts.missing.push_back(p.name + ": the rank of `" + a->tensor + "` is not known" + (c.why.empty() ? "" : ": " + c.why));
                }
                else if (std::find(t->dims.begin(), t->dims.end(), "") != t->dims.end())
                    m_facts.missing.push_back(p.name + ": a size of `" + a->tensor + "`: " + m_dimWhy[static_cast<std::size_t>(t - m_facts.tensors.data())]);
            }
        }
    }

    int tensorIndex(const std::string& name) const {
        for (std::size_t i = 0; i < m_st.tensors.size(); ++i)
            if (m_st.tensors[i].name == name) return static_cast<int>(i);
        return 0;
    }

    bool setByTuning(const std::string& name) const {
        // Another autotuner as a decorator (`@libtuner(configs=...)`): its configs set constexprs.
        for (const Expr* d : m_kernel.otherDecorators)
            if (const auto* c = d->as<Call>(); c && c->keyword("configs")) return true;
        if (m_kernel.autotune) {
            if (!m_kernel.autotune->configsEvaluated) return true; // configs computed at run time
            for (const AutotuneConfig& c : m_kernel.autotune->configs)
                if (c.kwarg(name)) return true;
        }
        for (const HeuristicsInfo& h : m_kernel.heuristics) {
            if (!h.evaluated) return true;
            for (const HeuristicEntry& e : h.values)
                if (e.name == name) return true;
        }
        return false;
    }

    void writeNames() {
        std::vector<SymbolId> used(m_used.begin(), m_used.end());
        std::sort(used.begin(), used.end(), [&](SymbolId a, SymbolId b) { return m_st.symbols[a].order < m_st.symbols[b].order; });
        for (SymbolId s : used) {
            const Symbol& sym = m_st.symbols[s];
            switch (sym.kind) {
            case SymbolKind::Stride: m_facts.strideNames.push_back(sym.name); break;
            case SymbolKind::FloatParam:
            case SymbolKind::OtherParam: m_facts.scalarNames.push_back(sym.name); break;
            default: m_facts.sizeNames.push_back(sym.name); break;
            }
        }
    }

    const Module& m_module;
    const ModuleInfo& m_info;
    const LaunchSite& m_site;
    const FunctionInfo& m_kernel;
    std::shared_ptr<LaunchSnapshot> m_snap;
    WrapperState& m_st;
    WrapperInterpreter m_in;
    LaunchFacts m_facts;
    std::vector<Passed> m_passed;
    std::map<TermId, std::string> m_constexprNames;
    std::map<TermId, SymbolId> m_derived;
    std::set<SymbolId> m_used;
    std::vector<std::vector<std::string>> m_dimTexts;
    std::vector<std::string> m_dimWhy;
    std::string m_gridWhy;
    bool m_doubleStar = false;
};

} // namespace

const TensorFact* LaunchFacts::tensor(std::string_view name) const {
    for (const TensorFact& t : tensors)
        if (t.name == name) return &t;
    return nullptr;
}

const ArgFact* LaunchFacts::arg(std::string_view param) const {
    for (const ArgFact& a : args)
        if (a.param == param) return &a;
    return nullptr;
}

std::vector<LaunchFacts> analyzeLaunches(const Module& m, const ModuleInfo& info, util::Diagnostics& diags) {
    std::vector<LaunchFacts> out;
    for (std::size_t i = 0; i < info.launches.size(); ++i) {
        LaunchFacts f = LaunchAnalysis(m, info, info.launches[i], i).run();
        if (!f.complete())
            diags.warning("launch",
                          "the launch of " + f.kernel + (f.wrapper.empty() ? "" : " in " + f.wrapper) +
                              " does not say everything about its arguments: " + util::join(f.missing, "; "),
                          f.span);
        out.push_back(std::move(f));
    }
    return out;
}

std::optional<Value> evaluateWithSizes(const LaunchFacts& facts, const Expr& wrapperExpr,
                                       const std::map<std::string, std::int64_t>& sizes) {
    if (!facts.snapshot) return std::nullopt;
    LaunchSnapshot scratch = *facts.snapshot;
    WrapperInterpreter in(scratch.state, *scratch.module, *scratch.info, scratch.env);
    AbsVal v = in.eval(wrapperExpr);
    if (v.is(AbsVal::Kind::Function)) {
        AbsVal meta;
        meta.kind = AbsVal::Kind::Meta;
        v = in.callFunction(v, {meta});
    }
    auto value = [&](const AbsVal& x) -> std::optional<Value> {
        TermId t = in.asTerm(x);
        if (t == kNone) return std::nullopt;
        return scratch.state.evaluate(t, sizes);
    };
    if (v.is(AbsVal::Kind::Tuple)) {
        std::vector<Value> items;
        for (const AbsVal& x : v.items) {
            auto e = value(x);
            if (!e) return std::nullopt;
            items.push_back(*e);
        }
        return Value::tuple(std::move(items));
    }
    return value(v);
}

std::optional<std::int64_t> evaluateSize(const LaunchFacts& facts, std::string_view name,
                                         const std::map<std::string, std::int64_t>& sizes) {
    if (!facts.snapshot) return std::nullopt;
    if (auto it = sizes.find(std::string(name)); it != sizes.end()) return it->second;
    const WrapperState& st = facts.snapshot->state;
    for (SymbolId s = 0; s < st.symbols.size(); ++s) {
        if (st.find(s) != s || st.symbols[s].name != name) continue;
        if (st.symbols[s].definition == kNone) return std::nullopt; // a base size, not given
        auto v = st.evaluate(st.symbols[s].definition, sizes);
        if (v && (v->isInt() || v->isBool())) return v->asInt();
        return std::nullopt;
    }
    return std::nullopt;
}

std::string describeLaunchFacts(const LaunchFacts& f) {
    std::string s = "launch " + f.kernel + (f.wrapper.empty() ? "" : " in " + f.wrapper) + " at line " + std::to_string(f.span.line) + "\n";
    for (const TensorFact& t : f.tensors) {
        s += "  tensor " + t.name + ": " + t.origin;
        if (t.rank) s += ", [" + util::join(t.dims, ", ") + "] strides [" + util::join(t.strides, ", ") + "]";
        else s += ", rank unknown";
        s += ", dtype " + t.dtype.value_or("?");
        if (t.contiguous) s += ", contiguous";
        if (t.flat) s += ", flat";
        if (t.optional) s += ", optional";
        s += "\n";
    }
    for (const ArgFact& a : f.args) s += "  arg " + a.param + ": " + LaunchAnalysis::describeArg(a) + "\n";
    s += "  grid (" + util::join(f.grid, ", ") + ")\n";
    for (const std::string& a : f.assumptions) s += "  assume " + a + "\n";
    for (const DerivedSize& d : f.derivedSizes) s += "  size " + d.name + " = " + d.python + "\n";
    s += "  sizes [" + util::join(f.sizeNames, ", ") + "] strides [" + util::join(f.strideNames, ", ") + "]";
    if (!f.scalarNames.empty()) s += " scalars [" + util::join(f.scalarNames, ", ") + "]";
    s += "\n";
    for (const std::string& m : f.missing) s += "  missing: " + m + "\n";
    return s;
}

} // namespace tlift::frontend::py
