#include "python_printer.h"

#include "tlift/ir/named_ops.h"
#include "tlift/util/strings.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace tlift::report::detail {

namespace {

// Python precedence, loosest first (the levels the printer needs).
enum Prec { POr = 1, PAnd, PCmp, PBitOr, PBitXor, PBitAnd, PShift, PAdd, PMul, PUnary, PPow, PAtom };

bool hasVar(ir::Expr e) {
    if (e.op() == ir::Op::Var) return true;
    for (ir::Expr c : e.children())
        if (hasVar(c)) return true;
    return false;
}

const std::set<std::string>& keywords() {
    static const std::set<std::string> k = {"False", "None", "True", "and", "as", "assert", "async", "await", "break",
                                            "class", "continue", "def", "del", "elif", "else", "except", "finally",
                                            "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
                                            "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
                                            "np", "torch", "F", "math"};
    return k;
}

} // namespace

std::string pyIdentifier(const std::string& name) {
    std::string out;
    for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
    if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "_" + out;
    if (keywords().count(out)) out += "_";
    return out;
}

std::string pyDType(PyLib lib, ir::DType t) {
    using ir::DType;
    if (lib == PyLib::NumPy) {
        switch (t) {
        case DType::F64: return "np.float64";
        case DType::F16: return "np.float16";
        case DType::Bool: return "np.bool_";
        case DType::I8: return "np.int8";
        case DType::I16: return "np.int16";
        case DType::I32: return "np.int32";
        case DType::I64: return "np.int64";
        case DType::U8: return "np.uint8";
        case DType::U16: return "np.uint16";
        case DType::U32: return "np.uint32";
        case DType::U64: return "np.uint64";
        default: return "np.float32"; // f32, and bf16 / fp8 that NumPy lacks
        }
    }
    switch (t) {
    case DType::F64: return "torch.float64";
    case DType::F16: return "torch.float16";
    case DType::BF16: return "torch.bfloat16";
    case DType::Bool: return "torch.bool";
    case DType::I8: return "torch.int8";
    case DType::I16: return "torch.int16";
    case DType::I32: return "torch.int32";
    case DType::I64: return "torch.int64";
    case DType::U8: return "torch.uint8";
    default: return ir::isFloat(t) ? "torch.float32" : "torch.int64";
    }
}

int reductionDepth(ir::Expr e) {
    int d = 0;
    for (ir::Expr c : e.children()) d = std::max(d, reductionDepth(c));
    return e.op() == ir::Op::Reduce ? d + 1 : d;
}

PythonPrinter::PythonPrinter(PyLib lib, PyScope scope, std::set<std::string>& usedNames)
    : m_lib(lib), m_scope(std::move(scope)), m_used(usedNames) {}

util::Result<std::string> PythonPrinter::print(ir::Expr e) {
    m_error.clear();
    std::string s = expr(e, 0);
    if (!m_error.empty()) return util::Diagnostic::error("export", m_error);
    return s;
}

std::string PythonPrinter::fresh(const std::string& base) {
    std::string b = pyIdentifier(base), name = b;
    for (int n = 1; m_used.count(name); ++n) name = b + "_" + std::to_string(n);
    m_used.insert(name);
    return name;
}

std::string PythonPrinter::call(const std::string& fn, const std::vector<std::string>& args) {
    return fn + "(" + util::join(args, ", ") + ")";
}

std::string PythonPrinter::helper(const std::string& name) {
    m_helpers.insert(name);
    return name;
}

std::string PythonPrinter::fail(const std::string& why) {
    if (m_error.empty()) m_error = why;
    return "None";
}

std::string PythonPrinter::constant(ir::Expr e) {
    switch (e.constKind()) {
    case ir::ConstKind::Bool: return e.boolValue() ? "True" : "False";
    case ir::ConstKind::Int: return std::to_string(e.intValue());
    case ir::ConstKind::Rational: {
        ir::Rational q = e.rationalValue();
        return fmt::format("({} / {})", q.num, q.den);
    }
    case ir::ConstKind::Float: {
        double v = e.floatValue();
        if (std::isnan(v)) return "float('nan')";
        if (std::isinf(v)) return v > 0 ? "float('inf')" : "float('-inf')";
        std::string s = fmt::format("{}", v);
        if (s.find_first_of(".eE") == std::string::npos) s += ".0";
        return s;
    }
    }
    return "None";
}

std::string PythonPrinter::leaf(ir::Expr e) {
    std::string name(e.name());
    switch (e.op()) {
    case ir::Op::Sym: {
        auto it = m_scope.syms.find(name);
        return it != m_scope.syms.end() ? it->second : fail("symbol " + name + " has no value");
    }
    case ir::Op::Tensor: {
        auto it = m_scope.tensors.find(name);
        return it != m_scope.tensors.end() ? it->second : fail("tensor " + name + " is not an argument");
    }
    case ir::Op::Var: {
        for (auto b = m_bound.rbegin(); b != m_bound.rend(); ++b)
            if (b->var == e.node()) return b->name;
        for (std::size_t d = 0; d < m_scope.coords.size(); ++d)
            if (m_scope.coords[d] == e) return m_scope.coordNames[d];
        return fail("free index variable " + name);
    }
    default: return fail("unexpected leaf");
    }
}

// A tensor read with clipped indices: where() evaluates both branches, so a masked-off read
// must stay in bounds (its value is never used).
std::string PythonPrinter::read(ir::Expr e) {
    std::vector<std::string> args{expr(e[0], PAtom)};
    for (std::size_t i = 1; i < e.arity(); ++i) args.push_back(expr(e[i], 0));
    return call(helper("_at"), args);
}

std::string PythonPrinter::unaryMath(ir::Op op, const std::string& a) {
    using ir::Op;
    if (m_lib == PyLib::NumPy) {
        switch (op) {
        case Op::Exp: return "np.exp(" + a + ")";
        case Op::Exp2: return "np.exp2(" + a + ")";
        case Op::Log: return "np.log(" + a + ")";
        case Op::Log2: return "np.log2(" + a + ")";
        case Op::Log1p: return "np.log1p(" + a + ")";
        case Op::Expm1: return "np.expm1(" + a + ")";
        case Op::Sqrt: return "np.sqrt(" + a + ")";
        case Op::Rsqrt: return "(1.0 / np.sqrt(" + a + "))";
        case Op::Erf: return helper("_erf") + "(" + a + ")";
        case Op::Tanh: return "np.tanh(" + a + ")";
        case Op::Sigmoid: return "(1.0 / (1.0 + np.exp(-(" + a + "))))";
        case Op::Abs: return "np.abs(" + a + ")";
        case Op::Sin: return "np.sin(" + a + ")";
        case Op::Cos: return "np.cos(" + a + ")";
        case Op::Floor: return "np.floor(" + a + ")";
        case Op::Ceil: return "np.ceil(" + a + ")";
        default: break;
        }
    } else {
        const char* fn = nullptr;
        switch (op) {
        case Op::Exp: fn = "exp"; break;
        case Op::Exp2: fn = "exp2"; break;
        case Op::Log: fn = "log"; break;
        case Op::Log2: fn = "log2"; break;
        case Op::Log1p: fn = "log1p"; break;
        case Op::Expm1: fn = "expm1"; break;
        case Op::Sqrt: fn = "sqrt"; break;
        case Op::Rsqrt: fn = "rsqrt"; break;
        case Op::Erf: fn = "erf"; break;
        case Op::Tanh: fn = "tanh"; break;
        case Op::Sigmoid: fn = "sigmoid"; break;
        case Op::Abs: fn = "abs"; break;
        case Op::Sin: fn = "sin"; break;
        case Op::Cos: fn = "cos"; break;
        case Op::Floor: fn = "floor"; break;
        case Op::Ceil: fn = "ceil"; break;
        default: break;
        }
        if (fn) return std::string("torch.") + fn + "(" + helper("_t") + "(" + a + "))";
    }
    return fail(std::string("no Python form of ") + std::string(ir::opName(op)));
}

std::string PythonPrinter::cast(ir::Expr e) {
    ir::DType to = e.dtype(), from = e[0].dtype();
    std::string a = expr(e[0], 0);
    // Between float types the real value does not change: the reference computes in the
    // precision of its inputs.
    if (ir::isFloat(to) && ir::isFloat(from)) return a;
    if (m_lib == PyLib::NumPy) return "np.asarray(" + a + ").astype(" + pyDType(m_lib, to) + ")";
    return helper("_t") + "(" + a + ").to(" + pyDType(m_lib, to) + ")";
}

std::string PythonPrinter::binary(ir::Expr e, int prec) {
    using ir::Op;
    Op op = e.op();
    auto infix = [&](const char* sym, int p, bool rightAssoc = false) {
        std::string s = expr(e[0], rightAssoc || p == PCmp ? p + 1 : p) + " " + sym + " " + expr(e[1], rightAssoc ? p : p + 1);
        return p < prec ? "(" + s + ")" : s;
    };
    auto fn2 = [&](const std::string& f) { return call(f, {expr(e[0], 0), expr(e[1], 0)}); };
    bool np = m_lib == PyLib::NumPy;
    switch (op) {
    case Op::Add: return infix("+", PAdd);
    case Op::Sub: return infix("-", PAdd);
    case Op::Mul: return infix("*", PMul);
    case Op::Div: return infix("/", PMul);
    case Op::FloorDiv: return infix("//", PMul);
    case Op::Mod: return infix("%", PMul);
    case Op::Pow: return infix("**", PPow, true);
    case Op::TDiv: return fn2(helper("_tdiv"));
    case Op::TRem: return fn2(np ? "np.fmod" : helper("_fmod"));
    case Op::Min: return fn2(np ? "np.minimum" : helper("_minimum"));
    case Op::Max: return fn2(np ? "np.maximum" : helper("_maximum"));
    case Op::Lt: return infix("<", PCmp);
    case Op::Le: return infix("<=", PCmp);
    case Op::Gt: return infix(">", PCmp);
    case Op::Ge: return infix(">=", PCmp);
    case Op::Eq: return infix("==", PCmp);
    case Op::Ne: return infix("!=", PCmp);
    case Op::And: case Op::BitAnd: return infix("&", PBitAnd);
    case Op::Or: case Op::BitOr: return infix("|", PBitOr);
    case Op::Xor: case Op::BitXor: return infix("^", PBitXor);
    case Op::Shl: return infix("<<", PShift);
    case Op::Shr: return infix(">>", PShift);
    default: return fail(std::string("no Python form of ") + std::string(ir::opName(op)));
    }
}

std::string PythonPrinter::expr(ir::Expr e, int prec) {
    using ir::Op;
    Op op = e.op();
    bool np = m_lib == PyLib::NumPy;
    switch (op) {
    case Op::Const: {
        std::string c = constant(e);
        return c[0] == '-' && prec > PAdd ? "(" + c + ")" : c;
    }
    case Op::Sym: case Op::Var: case Op::Tensor: return leaf(e);
    case Op::Undef: return fail("an undefined value (a masked-off load without `other`)");
    case Op::Read: return read(e);
    case Op::Neg: {
        std::string s = "-" + expr(e[0], PUnary);
        return prec > PUnary ? "(" + s + ")" : s;
    }
    case Op::Not: return np ? "np.logical_not(" + expr(e[0], 0) + ")" : "torch.logical_not(" + helper("_t") + "(" + expr(e[0], 0) + "))";
    case Op::BitNot: return "~" + expr(e[0], PUnary);
    case Op::Select:
        return call(np ? "np.where" : helper("_where"), {expr(e[0], 0), expr(e[1], 0), expr(e[2], 0)});
    case Op::Cast: return cast(e);
    case Op::Reduce: return reduction(e);
    case Op::Named: return named(e);
    case Op::Apply: return fail("an uninterpreted function (" + std::string(e.name()) + ") has no Python form");
    default: break;
    }
    if (ir::isUnaryMath(op)) return unaryMath(op, expr(e[0], 0));
    return binary(e, prec);
}

std::string PythonPrinter::boundKey(ir::Expr e) const {
    std::string key = fmt::format("{}@{}", static_cast<const void*>(e.node()), m_bound.size());
    for (const Binding& b : m_bound) key += ":" + b.name;
    return key;
}

// A reduction becomes a statement: the bound variable is an index array along its own axis
// (after the output's coordinates and the enclosing reductions' axes), the body is evaluated on
// it with broadcasting, and the library's reduction runs over that axis, keeping it.
std::string PythonPrinter::reduction(ir::Expr e) {
    std::string key = boundKey(e);
    if (auto it = m_memo.find(key); it != m_memo.end()) return it->second;
    bool np = m_lib == PyLib::NumPy;
    int axis = static_cast<int>(m_scope.coords.size() + m_bound.size());
    if (axis >= m_scope.axes) return fail("reductions nest deeper than the axes laid out");
    std::string shape;
    for (int a = 0; a < m_scope.axes; ++a) shape += std::string(a ? ", " : "") + (a == axis ? "-1" : "1");
    if (m_scope.axes == 1) shape += ",";
    std::string lo = expr(e.lo(), 0), hi = expr(e.hi(), 0);
    std::string k = fresh(std::string(e.var().name()));
    bool varying = hasVar(e.lo()) || hasVar(e.hi());
    std::string arange = np ? "np.arange" : "torch.arange";
    std::string dev = np || m_scope.device.empty() ? "" : ", device=" + m_scope.device;
    std::vector<std::string> mask;
    if (varying) {
        // Bounds that depend on outer indices: one range that covers them all, masked.
        std::string mn = np ? "int(np.min(" + lo + "))" : "int(" + helper("_t") + "(" + lo + ").min())";
        std::string mx = np ? "int(np.max(" + hi + "))" : "int(" + helper("_t") + "(" + hi + ").max())";
        m_statements.push_back(fmt::format("{} = {}({}, {}{}).reshape({})", k, arange, mn, mx, dev, shape));
        mask.push_back("(" + k + " >= " + lo + ")");
        mask.push_back("(" + k + " < " + hi + ")");
    } else {
        m_statements.push_back(fmt::format("{} = {}({}, {}{}).reshape({})", k, arange, lo, hi, dev, shape));
    }
    m_bound.push_back({e.var().node(), k});
    if (!(e.guard().isConst() && e.guard().boolValue())) mask.push_back("(" + expr(e.guard(), 0) + ")");
    std::string body = expr(e.body(), 0);
    m_bound.pop_back();

    ir::ReduceKind kind = e.reduceKind();
    const char* identity = "0";
    switch (kind) {
    case ir::ReduceKind::Sum: identity = "0"; break;
    case ir::ReduceKind::Prod: identity = "1"; break;
    case ir::ReduceKind::Max: case ir::ReduceKind::ArgMax: identity = "float('-inf')"; break;
    case ir::ReduceKind::Min: case ir::ReduceKind::ArgMin: identity = "float('inf')"; break;
    }
    std::string values = mask.empty() ? call(helper("_along"), {body, k})
                                      : call(np ? "np.where" : helper("_where"), {util::join(mask, " & "), body, identity}) ;
    if (!mask.empty()) values = call(helper("_along"), {values, k});
    std::string ax = std::to_string(axis), r;
    if (np) {
        switch (kind) {
        case ir::ReduceKind::Sum: r = fmt::format("np.sum({}, axis={}, keepdims=True)", values, ax); break;
        case ir::ReduceKind::Prod: r = fmt::format("np.prod({}, axis={}, keepdims=True)", values, ax); break;
        case ir::ReduceKind::Max: r = fmt::format("np.max({}, axis={}, keepdims=True, initial=float('-inf'))", values, ax); break;
        case ir::ReduceKind::Min: r = fmt::format("np.min({}, axis={}, keepdims=True, initial=float('inf'))", values, ax); break;
        case ir::ReduceKind::ArgMax: r = fmt::format("np.argmax({}, axis={}, keepdims=True) + np.min({})", values, ax, k); break;
        case ir::ReduceKind::ArgMin: r = fmt::format("np.argmin({}, axis={}, keepdims=True) + np.min({})", values, ax, k); break;
        }
    } else {
        switch (kind) {
        case ir::ReduceKind::Sum: r = fmt::format("torch.sum({}, dim={}, keepdim=True)", values, ax); break;
        case ir::ReduceKind::Prod: r = fmt::format("torch.prod({}, dim={}, keepdim=True)", values, ax); break;
        case ir::ReduceKind::Max: r = fmt::format("torch.amax({}, dim={}, keepdim=True)", values, ax); break;
        case ir::ReduceKind::Min: r = fmt::format("torch.amin({}, dim={}, keepdim=True)", values, ax); break;
        case ir::ReduceKind::ArgMax: r = fmt::format("torch.argmax({}, dim={}, keepdim=True) + {}.min()", values, ax, k); break;
        case ir::ReduceKind::ArgMin: r = fmt::format("torch.argmin({}, dim={}, keepdim=True) + {}.min()", values, ax, k); break;
        }
    }
    std::string name = fresh(std::string(ir::reduceKindName(kind)) + "_" + k);
    m_statements.push_back(name + " = " + r);
    m_memo[key] = name;
    return name;
}

// Tensor-level operators: PyTorch has them all; NumPy only through the index-level summary.
std::string PythonPrinter::named(ir::Expr e) {
    const ir::NamedOpInfo& info = e.namedInfo();
    if (m_lib == PyLib::NumPy) return fail("the tensor-level operator " + info.name + " (NumPy references use the index-level summary)");
    std::vector<std::string> a;
    for (std::size_t i = 0; i < e.arity(); ++i) a.push_back(expr(e[i], 0));
    auto p = [&](const char* name) -> std::string {
        for (std::size_t i = 0; i < info.params.size() && i < a.size(); ++i)
            if (info.params[i].name == name) return a[i];
        return "None";
    };
    const std::string& n = info.name;
    auto dimOnly = [&](const std::string& fn) { return fmt::format("{}({}, dim={})", fn, a[0], p("dim")); };
    auto dimKeep = [&](const std::string& fn) { return fmt::format("{}({}, dim={}, keepdim={})", fn, a[0], p("dim"), p("keepdim")); };
    if (n == "relu") return "torch.relu(" + a[0] + ")";
    if (n == "leaky_relu") return fmt::format("F.leaky_relu({}, {})", a[0], p("slope"));
    if (n == "gelu") return "F.gelu(" + a[0] + ")";
    if (n == "gelu_tanh") return "F.gelu(" + a[0] + ", approximate='tanh')";
    if (n == "silu") return "F.silu(" + a[0] + ")";
    if (n == "softplus") return fmt::format("F.softplus({}, beta={}, threshold={})", a[0], p("beta"), p("threshold"));
    if (n == "clamp") return fmt::format("torch.clamp({}, {}, {})", a[0], a[1], a[2]);
    if (n == "silu_and_mul") return fmt::format("F.silu({}) * {}", a[0], a[1]);
    if (n == "gelu_and_mul") return fmt::format("F.gelu({}) * {}", a[0], a[1]);
    if (n == "gelu_tanh_and_mul") return fmt::format("F.gelu({}, approximate='tanh') * {}", a[0], a[1]);
    if (n == "sum" || n == "mean" || n == "amax" || n == "amin" || n == "prod" || n == "logsumexp" || n == "argmax" ||
        n == "argmin")
        return dimKeep("torch." + n);
    if (n == "var" || n == "std")
        return fmt::format("torch.{}({}, dim={}, correction={}, keepdim={})", n, a[0], p("dim"), p("correction"), p("keepdim"));
    if (n == "vector_norm")
        return fmt::format("torch.linalg.vector_norm({}, ord={}, dim={}, keepdim={})", a[0], p("ord"), p("dim"), p("keepdim"));
    if (n == "softmax" || n == "log_softmax" || n == "cumsum" || n == "cumprod") return dimOnly("torch." + n);
    if (n == "normalize") return fmt::format("F.normalize({}, p={}, dim={}, eps={})", a[0], p("p"), p("dim"), p("eps"));
    if (n == "layer_norm")
        return fmt::format("F.layer_norm({0}, ({0}.shape[-1],), {1}, {2}, eps={3})", a[0], a[1], a[2], p("eps"));
    if (n == "rms_norm") return fmt::format("{}({}, {}, {})", helper("_rms_norm"), a[0], a[1], p("eps"));
    if (n == "cosine_similarity") return fmt::format("F.cosine_similarity({}, {}, dim={}, eps={})", a[0], a[1], p("dim"), p("eps"));
    if (n == "cross_entropy") return fmt::format("F.cross_entropy({}, {}.long(), reduction='none')", a[0], a[1]);
    if (n == "matmul" || n == "bmm" || n == "mv" || n == "outer") return fmt::format("torch.{}({}, {})", n, a[0], a[1]);
    if (n == "linear") return fmt::format("F.linear({}, {}, {})", a[0], a[1], a.size() > 2 ? a[2] : "None");
    if (n == "transpose") return fmt::format("torch.transpose({}, {}, {})", a[0], p("dim0"), p("dim1"));
    if (n == "embedding") return fmt::format("F.embedding({}.long(), {})", a[1], a[0]);
    return fail("no PyTorch form of " + n);
}

std::string helperSource(PyLib lib, const std::set<std::string>& names) {
    std::set<std::string> need = names;
    if (lib == PyLib::Torch && (need.count("_where") || need.count("_minimum") || need.count("_maximum") ||
                                need.count("_fmod") || need.count("_tdiv") || need.count("_at") || need.count("_along")))
        need.insert("_t");
    std::string out;
    auto add = [&](const char* name, const char* numpy, const char* torch) {
        if (!need.count(name)) return;
        out += lib == PyLib::NumPy ? numpy : torch;
        out += "\n";
    };
    add("_t", "", R"(def _t(v):
    """A tensor of v (Python numbers become 0-d tensors, which combine with tensors on any device)."""
    return v if torch.is_tensor(v) else torch.tensor(v)
)");
    add("_at", R"(def _at(t, *idx):
    """t[idx] with every index clipped into range: where() evaluates both branches, and the
    value of a masked-off read is never used."""
    return t[tuple(np.clip(np.asarray(i), 0, n - 1) for i, n in zip(idx, t.shape))]
)",
        R"(def _at(t, *idx):
    """t[idx] with every index clipped into range: where() evaluates both branches, and the
    value of a masked-off read is never used."""
    return t[tuple(torch.clamp(_t(i).to(t.device), 0, n - 1) for i, n in zip(idx, t.shape))]
)");
    add("_along", R"(def _along(v, k):
    """v broadcast to include the axis of the reduction variable k (a body may not use k)."""
    return np.broadcast_to(v, np.broadcast_shapes(np.shape(v), np.shape(k)))
)",
        R"(def _along(v, k):
    """v broadcast to include the axis of the reduction variable k (a body may not use k)."""
    v = _t(v).to(k.device)
    return v.expand(torch.broadcast_shapes(v.shape, k.shape))
)");
    add("_erf", R"(def _erf(x):
    return np.vectorize(math.erf, otypes=[np.float64])(x)
)", "");
    add("_tdiv", R"(def _tdiv(a, b):
    """Division truncated towards zero (C, and Triton's integer // and %)."""
    q = np.abs(a) // np.abs(b)
    return np.where((np.asarray(a) < 0) != (np.asarray(b) < 0), -q, q)
)",
        R"(def _tdiv(a, b):
    """Division truncated towards zero (C, and Triton's integer // and %)."""
    return torch.div(_t(a), _t(b), rounding_mode='trunc')
)");
    add("_fmod", "", "def _fmod(a, b):\n    return torch.fmod(_t(a), _t(b))\n");
    add("_minimum", "", "def _minimum(a, b):\n    a, b = _t(a), _t(b)\n    return torch.minimum(a, b.to(a.device))\n");
    add("_maximum", "", "def _maximum(a, b):\n    a, b = _t(a), _t(b)\n    return torch.maximum(a, b.to(a.device))\n");
    add("_where", "", R"(def _where(c, a, b):
    c = _t(c)
    return torch.where(c, _t(a).to(c.device), _t(b).to(c.device))
)");
    add("_rms_norm", "", R"(def _rms_norm(x, weight, eps):
    return x * torch.rsqrt(torch.mean(x * x, dim=-1, keepdim=True) + eps) * weight
)");
    return out;
}

} // namespace tlift::report::detail
