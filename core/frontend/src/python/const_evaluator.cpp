#include "tlift/frontend/python/const_evaluator.h"

#include <cmath>
#include <numbers>

namespace tlift::frontend::py {

namespace {

// Evaluation steps one evaluator may take, and the largest sequence it builds: enough for any
// autotune config list, small enough that a hostile file cannot stall the analysis.
constexpr std::size_t kMaxSteps = 1'000'000;
constexpr std::size_t kMaxElements = 100'000;

std::optional<Value> constantValue(const Constant& c) {
    switch (c.valueKind) {
    case ConstantKind::None: return Value();
    case ConstantKind::Bool: return Value::boolean(c.boolValue);
    case ConstantKind::Int:
        if (c.bigInt) return std::nullopt;
        return Value::integer(c.intValue);
    case ConstantKind::Float: return Value::real(c.floatValue);
    case ConstantKind::String: return Value::string(c.stringValue);
    default: return std::nullopt;
    }
}

std::optional<Value> subscriptValue(const Value& base, const Value& index) {
    if (base.isDict()) {
        for (std::size_t i = 0; i < base.elements().size(); ++i)
            if (base.elements()[i] == index) return base.dictValues()[i];
        return std::nullopt;
    }
    if (!(index.isInt() || index.isBool())) return std::nullopt;
    std::int64_t i = index.asInt();
    if (base.isString()) {
        auto n = static_cast<std::int64_t>(base.asString().size());
        if (i < 0) i += n;
        if (i < 0 || i >= n) return std::nullopt;
        return Value::string(std::string(1, base.asString()[static_cast<std::size_t>(i)]));
    }
    if (!base.isSequence()) return std::nullopt;
    auto n = static_cast<std::int64_t>(base.elements().size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) return std::nullopt;
    return base.elements()[static_cast<std::size_t>(i)];
}

std::optional<Value> minMax(const std::vector<Value>& args, bool wantMax) {
    const std::vector<Value>* items = &args;
    if (args.size() == 1) {
        if (!args[0].isSequence()) return std::nullopt;
        items = &args[0].elements();
    }
    if (items->empty()) return std::nullopt;
    Value best = items->front();
    for (std::size_t i = 1; i < items->size(); ++i) {
        std::optional<bool> less = applyCompare(CmpOpKind::Lt, (*items)[i], best);
        if (!less) return std::nullopt;
        std::optional<bool> greater = applyCompare(CmpOpKind::Gt, (*items)[i], best);
        if (wantMax ? *greater : *less) best = (*items)[i];
    }
    return best;
}

// The functions of Python's math module that kernel files use for sizes and constants.
std::optional<Value> evalMath(std::string_view f, const std::vector<Value>& args) {
    if (args.size() != 1 || !args[0].isNumber()) return std::nullopt;
    double x = args[0].asFloat();
    auto integral = [](double d) -> std::optional<Value> {
        if (!(d >= -9.2e18 && d <= 9.2e18)) return std::nullopt;
        return Value::integer(static_cast<std::int64_t>(d));
    };
    if (f == "ceil") return integral(std::ceil(x));
    if (f == "floor") return integral(std::floor(x));
    if (f == "sqrt" && x >= 0) return Value::real(std::sqrt(x));
    if (f == "exp") return Value::real(std::exp(x));
    if (f == "log" && x > 0) return Value::real(std::log(x));
    if (f == "log2" && x > 0) return Value::real(std::log2(x));
    if (f == "log10" && x > 0) return Value::real(std::log10(x));
    return std::nullopt;
}

std::optional<Value> range(const std::vector<Value>& args) {
    for (const Value& a : args)
        if (!(a.isInt() || a.isBool())) return std::nullopt;
    std::int64_t start = 0, stop = 0, step = 1;
    if (args.size() == 1) stop = args[0].asInt();
    else if (args.size() == 2 || args.size() == 3) {
        start = args[0].asInt();
        stop = args[1].asInt();
        if (args.size() == 3) step = args[2].asInt();
    } else return std::nullopt;
    if (step == 0) return std::nullopt;
    std::vector<Value> out;
    for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
        if (out.size() >= kMaxElements) return std::nullopt;
        out.push_back(Value::integer(i));
        if ((step > 0 && i > INT64_MAX - step) || (step < 0 && i < INT64_MIN - step)) break;
    }
    return Value::list(std::move(out));
}

} // namespace

ConstEvaluator::ConstEvaluator(const ImportTable& imports, Globals globals)
    : m_imports(imports), m_globals(std::move(globals)) {}

bool ConstEvaluator::spend(std::size_t n) const {
    m_steps += n;
    return m_steps <= kMaxSteps;
}

std::optional<Value> ConstEvaluator::eval(const Expr& e, const Env& env) const {
    if (!spend()) return std::nullopt;
    switch (e.kind) {
    case ExprKind::Constant: return constantValue(e.cast<Constant>());
    case ExprKind::Name: {
        const std::string& id = e.cast<Name>().id;
        if (auto it = env.find(id); it != env.end()) return it->second;
        if (m_globals)
            if (const Value* v = m_globals(id)) return *v;
        return std::nullopt;
    }
    case ExprKind::Tuple: return evalSequence(e.cast<Tuple>().elts, env, true);
    case ExprKind::List: return evalSequence(e.cast<List>().elts, env, false);
    case ExprKind::Dict: {
        const auto& d = e.cast<Dict>();
        std::vector<Value> keys, values;
        for (std::size_t i = 0; i < d.values.size(); ++i) {
            std::optional<Value> v = eval(*d.values[i], env);
            if (!v) return std::nullopt;
            if (!d.keys[i]) { // {**other}
                if (!v->isDict()) return std::nullopt;
                keys.insert(keys.end(), v->elements().begin(), v->elements().end());
                values.insert(values.end(), v->dictValues().begin(), v->dictValues().end());
                continue;
            }
            std::optional<Value> k = eval(*d.keys[i], env);
            if (!k) return std::nullopt;
            keys.push_back(std::move(*k));
            values.push_back(std::move(*v));
        }
        return Value::dict(std::move(keys), std::move(values));
    }
    case ExprKind::UnaryOp: {
        const auto& u = e.cast<UnaryOp>();
        std::optional<Value> a = eval(*u.operand, env);
        return a ? applyUnary(u.op, *a) : std::nullopt;
    }
    case ExprKind::BinOp: {
        const auto& b = e.cast<BinOp>();
        std::optional<Value> l = eval(*b.left, env);
        if (!l) return std::nullopt;
        std::optional<Value> r = eval(*b.right, env);
        return r ? applyBinary(b.op, *l, *r) : std::nullopt;
    }
    case ExprKind::BoolOp: {
        const auto& b = e.cast<BoolOp>();
        std::optional<Value> v;
        for (const auto& operand : b.values) {
            v = eval(*operand, env);
            if (!v) return std::nullopt;
            if (v->truthy() == (b.op == BoolOpKind::Or)) return v;
        }
        return v;
    }
    case ExprKind::Compare: {
        const auto& c = e.cast<Compare>();
        std::optional<Value> left = eval(*c.left, env);
        if (!left) return std::nullopt;
        for (std::size_t i = 0; i < c.ops.size(); ++i) {
            std::optional<Value> right = eval(*c.comparators[i], env);
            if (!right) return std::nullopt;
            std::optional<bool> r = applyCompare(c.ops[i], *left, *right);
            if (!r) return std::nullopt;
            if (!*r) return Value::boolean(false);
            left = std::move(right);
        }
        return Value::boolean(true);
    }
    case ExprKind::IfExp: {
        const auto& i = e.cast<IfExp>();
        std::optional<Value> t = eval(*i.test, env);
        if (!t) return std::nullopt;
        return eval(t->truthy() ? *i.body : *i.orelse, env);
    }
    case ExprKind::Subscript: {
        const auto& s = e.cast<Subscript>();
        if (s.tupleIndex || s.indices.size() != 1 || s.indices[0]->is<Slice>()) return std::nullopt;
        std::optional<Value> base = eval(*s.value, env);
        if (!base) return std::nullopt;
        std::optional<Value> index = eval(*s.indices[0], env);
        return index ? subscriptValue(*base, *index) : std::nullopt;
    }
    case ExprKind::Call: return evalCall(e.cast<Call>(), env);
    case ExprKind::Attribute: {
        std::optional<std::string> q = m_imports.qualifiedName(e);
        if (q == "math.pi") return Value::real(std::numbers::pi);
        if (q == "math.e") return Value::real(std::numbers::e);
        if (q == "math.inf") return Value::real(HUGE_VAL);
        return std::nullopt;
    }
    case ExprKind::ListComp: {
        const auto& c = e.cast<ListComp>();
        return evalComprehension(*c.elt, c.generators, env);
    }
    case ExprKind::GeneratorExp: {
        const auto& c = e.cast<GeneratorExp>();
        return evalComprehension(*c.elt, c.generators, env);
    }
    default: return std::nullopt;
    }
}

std::optional<Value> ConstEvaluator::evalSequence(const ExprList& elts, const Env& env, bool tuple) const {
    std::vector<Value> out;
    for (const auto& elt : elts) {
        if (const auto* s = elt->as<Starred>()) {
            std::optional<Value> v = eval(*s->value, env);
            if (!v || !v->isSequence()) return std::nullopt;
            out.insert(out.end(), v->elements().begin(), v->elements().end());
            continue;
        }
        std::optional<Value> v = eval(*elt, env);
        if (!v) return std::nullopt;
        out.push_back(std::move(*v));
    }
    if (!spend(out.size())) return std::nullopt;
    return tuple ? Value::tuple(std::move(out)) : Value::list(std::move(out));
}

std::optional<Value> ConstEvaluator::evalCall(const Call& c, const Env& env) const {
    if (!c.keywords.empty()) return std::nullopt;
    std::optional<Value> argList = evalSequence(c.args, env, false);
    if (!argList) return std::nullopt;
    const std::vector<Value>& args = argList->elements();
    if (std::optional<std::string> q = m_imports.qualifiedName(*c.func)) {
        if (*q == "triton.language.constexpr" && args.size() == 1) return args[0];
        if (*q == "triton.cdiv" && args.size() == 2) {
            std::optional<Value> sum = applyBinary(BinOpKind::Add, args[0], args[1]);
            std::optional<Value> num = sum ? applyBinary(BinOpKind::Sub, *sum, Value::integer(1)) : std::nullopt;
            return num ? applyBinary(BinOpKind::FloorDiv, *num, args[1]) : std::nullopt;
        }
        if (q->starts_with("math.")) return evalMath(q->substr(5), args);
        if (*q == "triton.next_power_of_2" && args.size() == 1 && args[0].isInt() && args[0].asInt() >= 1 &&
            args[0].asInt() <= (std::int64_t(1) << 62)) {
            std::int64_t p = 1;
            while (p < args[0].asInt()) p <<= 1;
            return Value::integer(p);
        }
        return std::nullopt;
    }
    // A builtin, unless the module rebinds the name.
    const auto* name = c.func->as<Name>();
    if (!name || env.count(name->id) || (m_globals && m_globals(name->id))) return std::nullopt;
    return evalBuiltin(name->id, args);
}

std::optional<Value> ConstEvaluator::evalBuiltin(std::string_view name, const std::vector<Value>& args) const {
    if (name == "range") return range(args);
    if (name == "min" || name == "max") return minMax(args, name == "max");
    if (args.size() != 1) return std::nullopt;
    const Value& a = args[0];
    if (name == "len") {
        if (a.isString()) return Value::integer(static_cast<std::int64_t>(a.asString().size()));
        if (a.isSequence() || a.isDict()) return Value::integer(static_cast<std::int64_t>(a.elements().size()));
        return std::nullopt;
    }
    if (name == "abs" && a.isNumber()) {
        if (a.isFloat()) return Value::real(std::fabs(a.asFloat()));
        return applyUnary(a.asInt() < 0 ? UnaryOpKind::USub : UnaryOpKind::UAdd, a);
    }
    if (name == "int" && a.isNumber()) {
        if (!a.isFloat()) return Value::integer(a.asInt());
        double t = std::trunc(a.asFloat());
        if (!(t >= -9.2e18 && t <= 9.2e18)) return std::nullopt;
        return Value::integer(static_cast<std::int64_t>(t));
    }
    if (name == "float" && a.isNumber()) return Value::real(a.asFloat());
    if (name == "bool") return Value::boolean(a.truthy());
    if (name == "list" && a.isSequence()) return Value::list(a.elements());
    if (name == "tuple" && a.isSequence()) return Value::tuple(a.elements());
    if (name == "sum" && a.isSequence()) {
        Value total = Value::integer(0);
        for (const Value& v : a.elements()) {
            std::optional<Value> t = applyBinary(BinOpKind::Add, total, v);
            if (!t) return std::nullopt;
            total = std::move(*t);
        }
        return total;
    }
    return std::nullopt;
}

std::optional<Value> ConstEvaluator::evalComprehension(const Expr& elt, const std::vector<Comprehension>& gens,
                                                       const Env& env) const {
    std::vector<Value> out;
    bool failed = false;
    bool ok = forEachIteration(gens, env, [&](const Env& inner) {
        std::optional<Value> v = eval(elt, inner);
        if (!v || out.size() >= kMaxElements) {
            failed = true;
            return false;
        }
        out.push_back(std::move(*v));
        return true;
    });
    if (!ok || failed) return std::nullopt;
    return Value::list(std::move(out));
}

namespace {

enum class Flow { Continue, Stop, Fail };

Flow iterate(const ConstEvaluator& ev, const std::vector<Comprehension>& gens, std::size_t i,
             const ConstEvaluator::Env& env, const std::function<bool(const ConstEvaluator::Env&)>& fn) {
    if (i == gens.size()) return fn(env) ? Flow::Continue : Flow::Stop;
    const Comprehension& g = gens[i];
    if (g.isAsync) return Flow::Fail;
    std::optional<Value> iter = ev.eval(*g.iter, env);
    if (!iter) return Flow::Fail;
    std::vector<Value> items;
    if (iter->isSequence() || iter->isDict()) items = iter->elements();
    else if (iter->isString())
        for (char ch : iter->asString()) items.push_back(Value::string(std::string(1, ch)));
    else return Flow::Fail;
    for (const Value& item : items) {
        ConstEvaluator::Env inner = env;
        if (!ConstEvaluator::bindTarget(*g.target, item, inner)) return Flow::Fail;
        bool keep = true;
        for (const auto& cond : g.ifs) {
            std::optional<Value> c = ev.eval(*cond, inner);
            if (!c) return Flow::Fail;
            if (!c->truthy()) {
                keep = false;
                break;
            }
        }
        if (!keep) continue;
        Flow f = iterate(ev, gens, i + 1, inner, fn);
        if (f != Flow::Continue) return f;
    }
    return Flow::Continue;
}

} // namespace

bool ConstEvaluator::forEachIteration(const std::vector<Comprehension>& gens, const Env& env,
                                      const std::function<bool(const Env&)>& fn) const {
    return iterate(*this, gens, 0, env, fn) != Flow::Fail && m_steps <= kMaxSteps;
}

bool ConstEvaluator::bindTarget(const Expr& target, const Value& v, Env& env) {
    if (const auto* n = target.as<Name>()) {
        env[n->id] = v;
        return true;
    }
    const ExprList* elts = nullptr;
    if (const auto* t = target.as<Tuple>()) elts = &t->elts;
    else if (const auto* l = target.as<List>()) elts = &l->elts;
    if (!elts || !v.isSequence() || v.elements().size() != elts->size()) return false;
    for (std::size_t i = 0; i < elts->size(); ++i)
        if (!bindTarget(*(*elts)[i], v.elements()[i], env)) return false;
    return true;
}

} // namespace tlift::frontend::py
