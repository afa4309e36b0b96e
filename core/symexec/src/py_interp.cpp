#include "py_interp.h"

#include "tlift/frontend/python/ast_walk.h"
#include "tlift/frontend/python/import_table.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/simplify.h"
#include "tlift/util/strings.h"

#include <cmath>
#include <limits>

namespace tlift::symexec::pyexec {

using ir::DType;
using ir::Expr;

std::string PyVal::describe() const {
    switch (k) {
    case K::None: return "None";
    case K::Bool: return b ? "True" : "False";
    case K::Int: return std::to_string(i);
    case K::Float: return util::formatDouble(f);
    case K::Str: return "'" + s + "'";
    case K::Tuple: return "a tuple";
    case K::DType: return std::string(ir::dtypeName(dtype));
    case K::Block: return block.isPointer() ? "a pointer block" : "a block of " + std::string(ir::dtypeName(block.dtype));
    case K::Func: return "function " + s;
    case K::Builtin: return s;
    case K::Module: return "module " + s;
    case K::Slice: return "a slice";
    case K::Ellipsis: return "...";
    case K::Lambda: return "a lambda";
    case K::Dict: return "a dict";
    case K::Error: return "<error>";
    }
    return "?";
}

Interp::Interp(const py::Module& m, const py::ModuleInfo& info, const util::SourceManager& sm, Spec& spec,
               const ExecOptions& options)
    : m_module(m), m_info(info), m_sm(sm), m_spec(spec), m_opts(options), m_alg(spec) {
    for (const py::ModuleConstant& c : info.constants) m_globals[c.name] = fromConst(c.value);
    for (const py::FunctionInfo& f : info.functions) {
        if (!f.isJit()) continue;
        PyVal v;
        v.k = PyVal::K::Func;
        v.s = f.name;
        v.func = f.def;
        for (const std::string& n : f.jitNames) m_globals[n] = v;
        m_globals[f.name] = v;
    }
    for (const py::ImportBinding& b : info.imports.bindings())
        if (!m_globals.count(b.localName)) m_globals[b.localName] = PyVal::builtin(b.target);
}

PyVal Interp::err(util::SourceSpan span, const std::string& category, const std::string& msg) {
    m_spec.diagnostics.error(category, msg, span);
    return PyVal::error();
}

PyVal Interp::unsupported(util::SourceSpan span, const std::string& what) {
    return err(span, "unsupported", "unsupported: " + what);
}

std::string Interp::sourceText(const py::Expr& e) const {
    std::string s(m_sm.slice(e.span));
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    if (out.size() > 120) out = out.substr(0, 117) + "...";
    return out;
}

std::optional<std::string> Interp::qualified(const py::Expr& e) const { return m_info.qualifiedName(e); }

PyVal Interp::fromConst(const py::Value& v) {
    switch (v.kind()) {
    case py::Value::Kind::None: return PyVal::none();
    case py::Value::Kind::Bool: return PyVal::boolean(v.asBool());
    case py::Value::Kind::Int: return PyVal::integer(v.asInt());
    case py::Value::Kind::Float: return PyVal::real(v.asFloat());
    case py::Value::Kind::String: return PyVal::str(v.asString());
    case py::Value::Kind::Tuple:
    case py::Value::Kind::List: {
        std::vector<PyVal> e;
        for (const py::Value& x : v.elements()) e.push_back(fromConst(x));
        return PyVal::tuple(std::move(e));
    }
    case py::Value::Kind::Dict: {
        PyVal d;
        d.k = PyVal::K::Dict;
        for (const py::Value& x : v.elements()) d.elts.push_back(fromConst(x));
        for (const py::Value& x : v.dictValues()) d.elts.push_back(fromConst(x));
        return d;
    }
    }
    return PyVal::none();
}

PyVal Interp::check(util::Result<Block> r, util::SourceSpan span) {
    if (!r) {
        util::Diagnostic d = r.error();
        if (!d.span.valid()) d.span = span;
        m_spec.diagnostics.add(d);
        return PyVal::error();
    }
    return PyVal::blk(std::move(*r));
}

std::optional<Block> Interp::toBlock(const PyVal& v, util::SourceSpan span, const char* what) {
    switch (v.k) {
    case PyVal::K::Block: return v.block;
    case PyVal::K::Int: return m_alg.weakInt(v.i);
    case PyVal::K::Float: return m_alg.weakFloat(v.f);
    case PyVal::K::Bool: return m_alg.boolConst(v.b);
    case PyVal::K::Error: return std::nullopt;
    default: err(span, "type", std::string(what) + " must be a tensor or a number, got " + v.describe()); return std::nullopt;
    }
}

std::optional<std::int64_t> Interp::toConstInt(const PyVal& v, util::SourceSpan span, const char* what) {
    if (v.k == PyVal::K::Int) return v.i;
    if (v.k == PyVal::K::Bool) return v.b ? 1 : 0;
    if (v.k == PyVal::K::Block && v.block.value.op() == ir::Op::Const && v.block.value.constKind() == ir::ConstKind::Int)
        return v.block.value.intValue();
    if (v.k != PyVal::K::Error)
        err(span, "constexpr", std::string(what) + " must be a compile-time integer (tl.constexpr), got " + v.describe());
    return std::nullopt;
}

std::optional<DType> Interp::toDType(const PyVal& v, util::SourceSpan span) {
    if (v.k == PyVal::K::DType) return v.dtype;
    if (v.k == PyVal::K::Str) {
        if (auto t = ir::parseDType(v.s)) return *t;
    }
    if (v.k != PyVal::K::Error) err(span, "type", "expected a dtype (tl.float32, ...), got " + v.describe());
    return std::nullopt;
}

std::optional<Shape> Interp::toShape(const PyVal& v, util::SourceSpan span) {
    Shape s;
    if (v.k == PyVal::K::Tuple) {
        for (const PyVal& e : v.elts) {
            auto d = toConstInt(e, span, "a block dimension");
            if (!d) return std::nullopt;
            s.push_back(*d);
        }
        return s;
    }
    if (auto d = toConstInt(v, span, "a block shape")) return Shape{*d};
    return std::nullopt;
}

ir::Expr Interp::carriedApply(const std::string& fn, const Block& like) {
    std::vector<Expr> args(m_spec.pids.begin(), m_spec.pids.end());
    for (std::size_t d = 0; d < like.rank(); ++d) args.push_back(m_spec.lane(static_cast<int>(d)));
    DType t = like.isPointer() ? like.value.dtype() : like.dtype;
    return ctx().apply(fn, t, args);
}

// ---------------------------------------------------------------------------------------------
// Trace

void Interp::recordStep(StepKind kind, const std::string& target, const Block& b, util::SourceSpan span,
                        const std::string& what) {
    TraceStep st;
    st.id = static_cast<int>(m_spec.trace.size());
    st.kind = kind;
    st.span = span;
    st.target = target;
    st.description = what;
    st.shape = b.shape;
    st.value = b.value;
    st.isPointer = b.isPointer();
    if (b.isPointer()) st.pointerBuffer = m_spec.buffers[static_cast<std::size_t>(b.buffer)].name;
    st.loop = m_loopStack.empty() ? -1 : m_loopStack.back();
    m_spec.trace.push_back(std::move(st));
}

void Interp::recordAssign(const std::string& target, const PyVal& v, util::SourceSpan span, const std::string& what) {
    if (v.k != PyVal::K::Block) return;
    bool isLoad = what.find("load(") != std::string::npos;
    recordStep(isLoad ? StepKind::Load : StepKind::Assign, target, v.block, span, what);
}

// ---------------------------------------------------------------------------------------------
// Kernel entry

void Interp::runKernel(const py::FunctionInfo& kernel) {
    const py::FunctionDef& fn = *kernel.def;
    m_spec.kernel = kernel.name;
    m_spec.kernelSpan = fn.nameSpan;
    m_frames.emplace_back();
    frame().fn = &fn;
    auto guesses = guessParams(m_module, m_info, kernel);
    for (std::size_t pi = 0; pi < kernel.params.size(); ++pi) {
        const py::JitParam& p = kernel.params[pi];
        auto given = m_opts.constexprs.find(p.name);
        if (given != m_opts.constexprs.end()) {
            frame().locals[p.name] = fromConst(given->second);
            continue;
        }
        if (p.isConstexpr) {
            if (p.defaultConst) {
                frame().locals[p.name] = fromConst(*p.defaultConst);
            } else {
                err(p.span, "launch", "no value for constexpr parameter '" + p.name +
                                          "': give it in the launch context (or let the wrapper, autotune configs or heuristics set it)");
                frame().locals[p.name] = PyVal::error();
            }
            continue;
        }
        std::optional<DType> ptrType, scalarType;
        if (auto it = m_opts.pointers.find(p.name); it != m_opts.pointers.end()) ptrType = it->second;
        else if (auto it2 = m_opts.scalars.find(p.name); it2 != m_opts.scalars.end()) scalarType = it2->second;
        else {
            for (const ParamGuess& g : guesses)
                if (g.name == p.name) {
                    if (g.kind == ParamGuess::Pointer) ptrType = g.dtype;
                    else scalarType = g.dtype;
                }
        }
        if (ptrType) {
            BufferInfo b;
            b.name = p.name;
            b.dtype = *ptrType;
            b.flat = ctx().tensor(p.name, *ptrType, {ctx().sym(p.name + ".numel", DType::I64)});
            b.paramIndex = static_cast<int>(pi);
            m_spec.buffers.push_back(b);
            Block blk{{}, *ptrType, ctx().intConst(0), static_cast<int>(m_spec.buffers.size() - 1)};
            frame().locals[p.name] = PyVal::blk(blk);
        } else {
            DType t = scalarType.value_or(DType::I32);
            ScalarInfo s{p.name, ctx().sym(p.name, t), static_cast<int>(pi)};
            m_spec.scalars.push_back(s);
            frame().locals[p.name] = PyVal::blk(Block{{}, t, s.symbol});
        }
    }
    m_extraPaths.push_back(0);
    execBody(fn.body);
    for (int k = 0; k < m_extraPaths.back(); ++k) m_alg.popPath();
    m_extraPaths.pop_back();
}

// ---------------------------------------------------------------------------------------------
// Expressions

PyVal Interp::eval(const py::Expr& e) {
    using EK = py::ExprKind;
    switch (e.kind) {
    case EK::Constant: {
        const auto& c = e.cast<py::Constant>();
        switch (c.valueKind) {
        case py::ConstantKind::None: return PyVal::none();
        case py::ConstantKind::Bool: return PyVal::boolean(c.boolValue);
        case py::ConstantKind::Int:
            if (c.bigInt) return err(e.span, "unsupported", "integer literal too large: " + c.text);
            return PyVal::integer(c.intValue);
        case py::ConstantKind::Float: return PyVal::real(c.floatValue);
        case py::ConstantKind::String: return PyVal::str(c.stringValue);
        case py::ConstantKind::Ellipsis: {
            PyVal v;
            v.k = PyVal::K::Ellipsis;
            return v;
        }
        default: return unsupported(e.span, "constant of this kind in a kernel");
        }
    }
    case EK::Name: return evalName(e.cast<py::Name>());
    case EK::Attribute: return evalAttribute(e.cast<py::Attribute>());
    case EK::Subscript: return evalSubscript(e.cast<py::Subscript>());
    case EK::Call: return evalCall(e.cast<py::Call>());
    case EK::BinOp: return evalBinOp(e.cast<py::BinOp>());
    case EK::UnaryOp: return evalUnary(e.cast<py::UnaryOp>());
    case EK::BoolOp: return evalBoolOp(e.cast<py::BoolOp>());
    case EK::Compare: return evalCompare(e.cast<py::Compare>());
    case EK::IfExp: return evalIfExp(e.cast<py::IfExp>());
    case EK::Tuple:
    case EK::List: {
        const py::ExprList& elts = e.kind == EK::Tuple ? e.cast<py::Tuple>().elts : e.cast<py::List>().elts;
        std::vector<PyVal> out;
        for (const auto& x : elts) {
            if (x->is<py::Starred>()) {
                PyVal inner = eval(*x->cast<py::Starred>().value);
                if (inner.k == PyVal::K::Tuple) out.insert(out.end(), inner.elts.begin(), inner.elts.end());
                else return unsupported(x->span, "starred expression of " + inner.describe());
                continue;
            }
            out.push_back(eval(*x));
        }
        return PyVal::tuple(std::move(out));
    }
    case EK::Slice: {
        const auto& s = e.cast<py::Slice>();
        PyVal v;
        v.k = PyVal::K::Slice;
        v.elts.push_back(s.lower ? eval(*s.lower) : PyVal::none());
        v.elts.push_back(s.upper ? eval(*s.upper) : PyVal::none());
        v.elts.push_back(s.step ? eval(*s.step) : PyVal::none());
        return v;
    }
    case EK::Lambda: {
        PyVal v;
        v.k = PyVal::K::Lambda;
        v.lambda = &e.cast<py::Lambda>();
        return v;
    }
    case EK::JoinedStr: return PyVal::str("<f-string>");
    default: return unsupported(e.span, std::string(py::exprKindName(e.kind)) + " expression in a kernel");
    }
}

PyVal Interp::evalName(const py::Name& n) {
    for (auto it = m_frames.rbegin(); it != m_frames.rend(); ++it) {
        auto f = it->locals.find(n.id);
        if (f != it->locals.end()) return f->second;
        break; // Python functions do not see their caller's locals
    }
    if (m_loopLocalDead.count(n.id))
        return unsupported(n.span, "'" + n.id + "' is assigned inside a loop with symbolic bounds and used after it");
    auto g = m_globals.find(n.id);
    if (g != m_globals.end()) return g->second;
    static const char* builtins[] = {"range", "min", "max", "float", "int", "len", "abs", "print", "bool", "isinstance"};
    for (const char* b : builtins)
        if (n.id == b) return PyVal::builtin(std::string("builtins.") + b);
    return err(n.span, "name", "unknown name '" + n.id + "'");
}

namespace {

std::optional<DType> dtypeOfQualified(std::string_view q) {
    static const char* prefix = "triton.language.";
    if (q.rfind(prefix, 0) != 0) return std::nullopt;
    std::string_view n = q.substr(std::char_traits<char>::length(prefix));
    static const std::pair<const char*, DType> names[] = {
        {"float32", DType::F32}, {"float16", DType::F16}, {"bfloat16", DType::BF16}, {"float64", DType::F64},
        {"int1", DType::Bool},   {"int8", DType::I8},     {"int16", DType::I16},     {"int32", DType::I32},
        {"int64", DType::I64},   {"uint8", DType::U8},    {"uint16", DType::U16},    {"uint32", DType::U32},
        {"uint64", DType::U64},  {"float8e4nv", DType::F8E4M3}, {"float8e5", DType::F8E5M2},
        {"float8e4b15", DType::F8E4M3}, {"fp32", DType::F32}, {"fp16", DType::F16}, {"bf16", DType::BF16},
        {"fp64", DType::F64}};
    for (auto& [name, t] : names)
        if (n == name) return t;
    return std::nullopt;
}

} // namespace

PyVal Interp::evalAttribute(const py::Attribute& a) {
    PyVal base = eval(*a.value);
    switch (base.k) {
    case PyVal::K::Error: return base;
    case PyVal::K::Builtin:
    case PyVal::K::Module: {
        std::string q = py::ImportTable::canonicalize(base.s + "." + a.attr);
        if (auto t = dtypeOfQualified(q)) return PyVal::type(*t);
        if (q == "math.pi") return PyVal::real(M_PI);
        if (q == "math.e") return PyVal::real(M_E);
        if (q == "math.inf") return PyVal::real(std::numeric_limits<double>::infinity());
        return PyVal::builtin(q);
    }
    case PyVal::K::Block: {
        const Block& b = base.block;
        if (a.attr == "dtype" || a.attr == "type") { // x.type.scalar is the element type, as x.dtype
            PyVal t = PyVal::type(b.dtype);
            t.dtypeIsPointer = b.isPointer();
            return t;
        }
        if (a.attr == "shape") {
            std::vector<PyVal> dims;
            for (std::int64_t d : b.shape) dims.push_back(PyVal::integer(d));
            return PyVal::tuple(std::move(dims));
        }
        if (a.attr == "T") {
            if (b.rank() != 2) return err(a.span, "shape", ".T needs a 2-D block");
            return check(m_alg.permute(b, {1, 0}), a.span);
        }
        PyVal m = PyVal::builtin("method." + a.attr);
        m.self = std::make_shared<PyVal>(base);
        return m;
    }
    case PyVal::K::DType:
        if (a.attr == "element_ty" || a.attr == "scalar") return PyVal::type(base.dtype);
        if (a.attr == "primitive_bitwidth") return PyVal::integer(ir::bitWidth(base.dtype));
        if (a.attr == "is_floating" || a.attr == "is_fp32" || a.attr == "is_fp16" || a.attr == "is_bf16" ||
            a.attr == "is_int") {
            PyVal m = PyVal::builtin("dtype." + a.attr);
            m.self = std::make_shared<PyVal>(base);
            return m;
        }
        return unsupported(a.span, "dtype attribute '" + a.attr + "'");
    case PyVal::K::Int:
    case PyVal::K::Float:
        if (a.attr == "value") return base; // tl.constexpr(...).value
        [[fallthrough]];
    default: return unsupported(a.span, "attribute '" + a.attr + "' of " + base.describe());
    }
}

PyVal Interp::evalSubscript(const py::Subscript& s) {
    PyVal base = eval(*s.value);
    if (base.isError()) return base;
    if (base.k == PyVal::K::Tuple) {
        if (s.indices.size() != 1) return unsupported(s.span, "multi-dimensional index of a tuple");
        PyVal i = eval(*s.indices[0]);
        auto k = toConstInt(i, s.span, "a tuple index");
        if (!k) return PyVal::error();
        std::int64_t n = static_cast<std::int64_t>(base.elts.size());
        std::int64_t idx = *k < 0 ? *k + n : *k;
        if (idx < 0 || idx >= n) return err(s.span, "index", "tuple index " + std::to_string(*k) + " out of range");
        return base.elts[static_cast<std::size_t>(idx)];
    }
    if (base.k == PyVal::K::Dict) {
        PyVal key = eval(*s.indices[0]);
        std::size_t n = base.elts.size() / 2;
        for (std::size_t i = 0; i < n; ++i)
            if (base.elts[i].k == PyVal::K::Str && key.k == PyVal::K::Str && base.elts[i].s == key.s) return base.elts[n + i];
        return err(s.span, "name", "no key " + key.describe() + " in the argument dictionary");
    }
    if (base.k != PyVal::K::Block) return unsupported(s.span, "subscript of " + base.describe());
    // Block indexing: only `:`, None and `...` (Triton has no element indexing).
    Block b = base.block;
    std::size_t explicitDims = 0;
    for (const auto& ix : s.indices) {
        if (ix->is<py::Slice>()) ++explicitDims;
        else if (ix->is<py::Constant>() && ix->cast<py::Constant>().valueKind == py::ConstantKind::Ellipsis) continue;
        else if (!(ix->is<py::Constant>() && ix->cast<py::Constant>().valueKind == py::ConstantKind::None))
            return unsupported(ix->span, "indexing a block with '" + sourceText(*ix) + "' (only ':' and None are allowed)");
    }
    if (explicitDims > b.rank()) return err(s.span, "shape", "too many ':' for a block of shape " + shapeText(b.shape));
    int pos = 0;
    for (const auto& ix : s.indices) {
        if (ix->is<py::Slice>()) {
            const auto& sl = ix->cast<py::Slice>();
            if (sl.lower || sl.upper || sl.step) return unsupported(ix->span, "slicing a block with bounds");
            ++pos;
        } else if (ix->cast<py::Constant>().valueKind == py::ConstantKind::Ellipsis) {
            pos += static_cast<int>(b.rank() - explicitDims);
        } else {
            auto r = m_alg.expandDims(b, pos);
            if (!r) return check(std::move(r), s.span);
            b = *r;
            ++pos;
        }
    }
    return PyVal::blk(b);
}

PyVal Interp::evalCall(const py::Call& c) {
    PyVal f = eval(*c.func);
    if (f.isError()) return f;
    std::vector<PyVal> args;
    for (const auto& a : c.args) {
        if (a->is<py::Starred>()) {
            PyVal v = eval(*a->cast<py::Starred>().value);
            if (v.k == PyVal::K::Tuple) args.insert(args.end(), v.elts.begin(), v.elts.end());
            else return unsupported(a->span, "*args of " + v.describe());
            continue;
        }
        args.push_back(eval(*a));
    }
    std::vector<std::pair<std::string, PyVal>> kwargs;
    for (const py::Keyword& k : c.keywords) {
        if (k.isDoubleStar()) return unsupported(k.span, "**kwargs in a kernel call");
        kwargs.emplace_back(k.name, eval(*k.value));
    }
    return callValue(f, std::move(args), std::move(kwargs), c);
}

PyVal Interp::callValue(const PyVal& f, std::vector<PyVal> args, std::vector<std::pair<std::string, PyVal>> kwargs,
                        const py::Call& site) {
    switch (f.k) {
    case PyVal::K::Func: return callJit(*f.func, std::move(args), std::move(kwargs), site.span);
    case PyVal::K::Builtin:
    case PyVal::K::Module: return callBuiltin(f.s, f.self.get(), args, kwargs, site);
    case PyVal::K::Lambda: return callLambda(*f.lambda, std::move(args), site.span);
    case PyVal::K::DType:
        // tl.float32(x): a cast.
        if (args.size() == 1) {
            auto b = toBlock(args[0], site.span, "the value");
            if (!b) return PyVal::error();
            return check(m_alg.cast(*b, f.dtype), site.span);
        }
        break;
    case PyVal::K::Error: return f;
    default: break;
    }
    return err(site.span, "type", f.describe() + " is not callable");
}

PyVal Interp::callLambda(const py::Lambda& l, std::vector<PyVal> args, util::SourceSpan site) {
    CallFrame fr;
    std::size_t i = 0;
    for (const py::Param& p : l.params.params) {
        if (i < args.size()) fr.locals[p.name] = args[i++];
        else if (p.defaultValue) fr.locals[p.name] = eval(*p.defaultValue);
        else return err(site, "call", "lambda parameter '" + p.name + "' has no value");
    }
    m_frames.push_back(std::move(fr));
    PyVal v = eval(*l.body);
    m_frames.pop_back();
    return v;
}

namespace {

std::optional<BinKind> binKindOf(py::BinOpKind op) {
    switch (op) {
    case py::BinOpKind::Add: return BinKind::Add;
    case py::BinOpKind::Sub: return BinKind::Sub;
    case py::BinOpKind::Mult: return BinKind::Mul;
    case py::BinOpKind::Div: return BinKind::TrueDiv;
    case py::BinOpKind::FloorDiv: return BinKind::FloorDiv;
    case py::BinOpKind::Mod: return BinKind::Mod;
    case py::BinOpKind::Pow: return BinKind::Pow;
    case py::BinOpKind::LShift: return BinKind::Shl;
    case py::BinOpKind::RShift: return BinKind::Shr;
    case py::BinOpKind::BitOr: return BinKind::BitOr;
    case py::BinOpKind::BitXor: return BinKind::BitXor;
    case py::BinOpKind::BitAnd: return BinKind::BitAnd;
    default: return std::nullopt;
    }
}

std::optional<py::Value> toValue(const PyVal& v) {
    switch (v.k) {
    case PyVal::K::None: return py::Value();
    case PyVal::K::Bool: return py::Value::boolean(v.b);
    case PyVal::K::Int: return py::Value::integer(v.i);
    case PyVal::K::Float: return py::Value::real(v.f);
    case PyVal::K::Str: return py::Value::string(v.s);
    case PyVal::K::Tuple: {
        std::vector<py::Value> e;
        for (const PyVal& x : v.elts) {
            auto c = toValue(x);
            if (!c) return std::nullopt;
            e.push_back(*c);
        }
        return py::Value::tuple(std::move(e));
    }
    default: return std::nullopt;
    }
}

} // namespace

PyVal Interp::evalBinOp(const py::BinOp& b) {
    PyVal l = eval(*b.left), r = eval(*b.right);
    if (l.isError() || r.isError()) return PyVal::error();
    if (l.isConst() && r.isConst()) {
        auto lv = toValue(l), rv = toValue(r);
        if (lv && rv) {
            if (auto res = py::applyBinary(b.op, *lv, *rv)) return fromConst(*res);
        }
        return err(b.span, "type", std::string("cannot apply ") + py::binOpSymbol(b.op) + " to " + l.describe() + " and " + r.describe());
    }
    if (l.k == PyVal::K::Tuple && r.k == PyVal::K::Tuple && b.op == py::BinOpKind::Add) {
        PyVal t = l;
        t.elts.insert(t.elts.end(), r.elts.begin(), r.elts.end());
        return t;
    }
    if (b.op == py::BinOpKind::MatMult) return unsupported(b.span, "the @ operator (use tl.dot)");
    auto k = binKindOf(b.op);
    auto x = toBlock(l, b.left->span, "the left operand");
    auto y = toBlock(r, b.right->span, "the right operand");
    if (!k || !x || !y) return PyVal::error();
    return check(m_alg.binary(*k, *x, *y), b.span);
}

PyVal Interp::evalUnary(const py::UnaryOp& u) {
    PyVal v = eval(*u.operand);
    if (v.isError()) return v;
    if (v.isConst()) {
        auto cv = toValue(v);
        if (cv) {
            if (auto r = py::applyUnary(u.op, *cv)) return fromConst(*r);
        }
        return err(u.span, "type", std::string("cannot apply ") + py::unaryOpSymbol(u.op) + " to " + v.describe());
    }
    if (u.op == py::UnaryOpKind::UAdd) return v;
    auto b = toBlock(v, u.span, "the operand");
    if (!b) return PyVal::error();
    UnKind k = u.op == py::UnaryOpKind::USub ? UnKind::Neg : u.op == py::UnaryOpKind::Not ? UnKind::Not : UnKind::Invert;
    return check(m_alg.unary(k, *b), u.span);
}

PyVal Interp::evalCompare(const py::Compare& c) {
    PyVal left = eval(*c.left);
    PyVal result;
    bool first = true;
    for (std::size_t i = 0; i < c.ops.size(); ++i) {
        PyVal right = eval(*c.comparators[i]);
        if (left.isError() || right.isError()) return PyVal::error();
        py::CmpOpKind op = c.ops[i];
        PyVal one;
        if (op == py::CmpOpKind::Is || op == py::CmpOpKind::IsNot) {
            bool same = (left.k == PyVal::K::None) == (right.k == PyVal::K::None) &&
                        (left.k == PyVal::K::None || right.k == PyVal::K::None);
            if (left.k != PyVal::K::None && right.k != PyVal::K::None) {
                auto lv = toValue(left), rv = toValue(right);
                if (!(lv && rv)) return unsupported(c.span, "'is' between values other than None and constants");
                same = *lv == *rv;
            }
            one = PyVal::boolean(op == py::CmpOpKind::Is ? same : !same);
        } else if (left.isConst() && right.isConst()) {
            auto lv = toValue(left), rv = toValue(right);
            auto r = lv && rv ? py::applyCompare(op, *lv, *rv) : std::nullopt;
            if (!r) return err(c.span, "type", std::string("cannot compare ") + left.describe() + " and " + right.describe());
            one = PyVal::boolean(*r);
        } else {
            BinKind k;
            switch (op) {
            case py::CmpOpKind::Lt: k = BinKind::Lt; break;
            case py::CmpOpKind::LtE: k = BinKind::Le; break;
            case py::CmpOpKind::Gt: k = BinKind::Gt; break;
            case py::CmpOpKind::GtE: k = BinKind::Ge; break;
            case py::CmpOpKind::Eq: k = BinKind::Eq; break;
            case py::CmpOpKind::NotEq: k = BinKind::Ne; break;
            default: return unsupported(c.span, std::string("'") + py::cmpOpSymbol(op) + "' on blocks");
            }
            auto x = toBlock(left, c.span, "the left operand");
            auto y = toBlock(right, c.span, "the right operand");
            if (!x || !y) return PyVal::error();
            one = check(m_alg.binary(k, *x, *y), c.span);
        }
        if (first) result = one;
        else if (result.k == PyVal::K::Bool && one.k == PyVal::K::Bool) result = PyVal::boolean(result.b && one.b);
        else {
            auto x = toBlock(result, c.span, "comparison");
            auto y = toBlock(one, c.span, "comparison");
            if (!x || !y) return PyVal::error();
            result = check(m_alg.binary(BinKind::LogicalAnd, *x, *y), c.span);
        }
        first = false;
        left = right;
    }
    return result;
}

namespace {
bool truthy(const PyVal& v) {
    switch (v.k) {
    case PyVal::K::None: return false;
    case PyVal::K::Bool: return v.b;
    case PyVal::K::Int: return v.i != 0;
    case PyVal::K::Float: return v.f != 0;
    case PyVal::K::Str: return !v.s.empty();
    case PyVal::K::Tuple: return !v.elts.empty();
    default: return true;
    }
}
} // namespace

PyVal Interp::evalBoolOp(const py::BoolOp& b) {
    bool isAnd = b.op == py::BoolOpKind::And;
    PyVal acc = eval(*b.values[0]);
    for (std::size_t i = 1; i < b.values.size(); ++i) {
        if (acc.isError()) return acc;
        if (acc.isConst() || acc.k == PyVal::K::Tuple) {
            // Python short-circuit on compile-time values.
            if (isAnd ? !truthy(acc) : truthy(acc)) return acc;
            acc = eval(*b.values[i]);
            continue;
        }
        PyVal next = eval(*b.values[i]);
        if (next.isError()) return next;
        auto x = toBlock(acc, b.span, "operand");
        auto y = toBlock(next, b.span, "operand");
        if (!x || !y) return PyVal::error();
        acc = check(m_alg.binary(isAnd ? BinKind::LogicalAnd : BinKind::LogicalOr, *x, *y), b.span);
    }
    return acc;
}

PyVal Interp::evalIfExp(const py::IfExp& e) {
    PyVal t = eval(*e.test);
    if (t.isError()) return t;
    if (t.k != PyVal::K::Block) return truthy(t) ? eval(*e.body) : eval(*e.orelse);
    PyVal a = eval(*e.body), b = eval(*e.orelse);
    auto c = toBlock(t, e.span, "condition");
    auto x = toBlock(a, e.span, "value");
    auto y = toBlock(b, e.span, "value");
    if (!c || !x || !y) return PyVal::error();
    return check(m_alg.where(*c, *x, *y), e.span);
}

} // namespace tlift::symexec::pyexec
