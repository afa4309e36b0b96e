#include "ttir_interp.h"

#include "tlift/util/strings.h"

#include <filesystem>
#include <functional>
#include <unordered_map>

namespace tlift::symexec::ttirexec {

using ir::DType;
using ir::Expr;
namespace fs = std::filesystem;

std::optional<DType> dtypeOf(const tt::TtirType& t) {
    static const std::pair<const char*, DType> names[] = {
        {"i1", DType::Bool},  {"i8", DType::I8},     {"i16", DType::I16},          {"i32", DType::I32},
        {"i64", DType::I64},  {"index", DType::I64}, {"f16", DType::F16},          {"bf16", DType::BF16},
        {"f32", DType::F32},  {"f64", DType::F64},   {"f8e4m3", DType::F8E4M3},    {"f8e5m2", DType::F8E5M2}};
    for (auto& [name, d] : names)
        if (t.dtype == name) return d;
    return std::nullopt;
}

Shape shapeOf(const tt::TtirType& t) { return t.isTensorLike() ? t.shape : Shape{}; }

// ---------------------------------------------------------------------------------------------
// Source map

SourceMap::SourceMap(util::SourceManager& sm, const tt::TtirModule& m, std::vector<std::string> roots)
    : m_sm(sm), m_module(m), m_roots(std::move(roots)) {}

util::FileId SourceMap::pyFile(const std::string& name) {
    if (auto it = m_files.find(name); it != m_files.end()) return it->second;
    std::vector<fs::path> candidates;
    fs::path p(name);
    if (p.is_absolute()) candidates.push_back(p);
    for (const std::string& r : m_roots)
        if (!p.is_absolute()) candidates.push_back(fs::path(r) / p);
    // Triton writes the path the kernel was compiled from; the file may have moved since.
    for (const std::string& r : m_roots) candidates.push_back(fs::path(r) / p.filename());
    util::FileId id = util::kNoFile;
    for (const fs::path& c : candidates) {
        std::error_code ec;
        if (!fs::is_regular_file(c, ec)) continue;
        std::string path = c.lexically_normal().string();
        // A file the SourceManager holds already (an earlier trace, the explorer's editor) is reused.
        for (util::FileId f = 1; m_sm.file(f) && id == util::kNoFile; ++f)
            if (m_sm.path(f) == path) id = f;
        if (id == util::kNoFile) id = m_sm.loadFile(path);
        if (id != util::kNoFile) break;
    }
    m_files[name] = id;
    return id;
}

util::SourceSpan SourceMap::pySpan(const tt::TtirLoc& loc) {
    if (!loc.known()) return {};
    util::FileId f = pyFile(loc.file);
    if (f == util::kNoFile) return {};
    const util::SourceFile* file = m_sm.file(f);
    if (!file || static_cast<std::size_t>(loc.line) > file->lineStarts.size()) return {};
    auto line = static_cast<std::uint32_t>(loc.line);
    std::string_view text = m_sm.lineText(f, line);
    std::size_t end = text.find_last_not_of(" \t\r");
    auto endCol = static_cast<std::uint32_t>(end == std::string_view::npos ? 1 : end + 2);
    auto col = static_cast<std::uint32_t>(std::max(1, loc.col));
    if (col > endCol) col = endCol;
    return util::SourceSpan{f, line, col, line, std::max(col, endCol)};
}

util::SourceSpan SourceMap::opSpan(const tt::TtirOp& op) {
    util::SourceSpan s = pySpan(op.loc);
    if (s.valid()) return s;
    const tt::TtirOp* o = &op;
    while (!o->span.valid() && o->parent != tt::kNoId) o = &m_module.op(o->parent);
    return o->span;
}

util::SourceSpan SourceMap::functionSpan(const tt::TtirFunction& fn) {
    util::SourceSpan s = pySpan(fn.loc);
    return s.valid() ? s : fn.span;
}

util::SourceSpan SourceMap::ttirSpan(const tt::TtirOp& op) const {
    const tt::TtirOp* o = &op;
    while (!o->span.valid() && o->parent != tt::kNoId) o = &m_module.op(o->parent);
    return o->span;
}

std::string SourceMap::where(const tt::TtirOp& op) const {
    if (op.loc.known())
        return op.loc.file + ":" + std::to_string(op.loc.line) + ":" + std::to_string(op.loc.col);
    util::SourceSpan s = ttirSpan(op);
    if (!s.valid()) return m_module.path;
    return m_module.path + ":" + std::to_string(s.line) + ":" + std::to_string(s.col);
}

std::string SourceMap::ttirText(const tt::TtirOp& op) const {
    util::SourceSpan s = ttirSpan(op);
    if (!s.valid()) return op.name;
    std::string line = util::trim(m_sm.lineText(s.file, s.line));
    if (std::size_t l = line.rfind(" loc("); l != std::string::npos && line.back() == ')') line = util::trim(line.substr(0, l));
    if (!line.empty() && line.back() == '{') line = util::trim(line.substr(0, line.size() - 1));
    if (line.size() > 160) line = line.substr(0, 157) + "...";
    return line;
}

std::string SourceMap::ttirLine(const tt::TtirOp& op) const {
    util::SourceSpan s = ttirSpan(op);
    std::string name = fs::path(m_module.path).filename().string();
    return s.valid() ? name + ":" + std::to_string(s.line) : name;
}

// ---------------------------------------------------------------------------------------------
// Interpreter state

namespace {

std::vector<std::string> sourceRoots(const tt::TtirModule& m, const TtirExecOptions& o) {
    if (!o.sourceRoot.empty()) return {o.sourceRoot};
    std::vector<std::string> roots{"."};
    fs::path dir = fs::path(m.path).parent_path();
    if (!dir.empty()) roots.push_back(dir.string());
    return roots;
}

} // namespace

TtirInterp::TtirInterp(const tt::TtirModule& m, util::SourceManager& sm, Spec& spec, const TtirExecOptions& o)
    : m_module(m), m_spec(spec), m_opts(o), m_sources(sm, m, sourceRoots(m, o)), m_alg(spec) {
    m_values.resize(m.values.size());
}

const TVal& TtirInterp::value(tt::ValueId v) const { return m_values.at(v); }

std::optional<std::vector<Block>> TtirInterp::operands(const tt::TtirOp& op) {
    std::vector<Block> out;
    out.reserve(op.operands.size());
    for (tt::ValueId v : op.operands) {
        const TVal& x = value(v);
        if (!x) return std::nullopt;
        out.push_back(*x);
    }
    return out;
}

std::optional<Block> TtirInterp::operand(const tt::TtirOp& op, std::string_view role) {
    auto v = op.operand(role);
    if (!v) return std::nullopt;
    return value(*v);
}

void TtirInterp::failResults(const tt::TtirOp& op) {
    for (tt::ValueId v : op.results) m_values.at(v).reset();
}

void TtirInterp::setResult(const tt::TtirOp& op, std::size_t i, Block b) {
    tt::ValueId v = op.results.at(i);
    const tt::TtirType& t = m_module.typeOf(v);
    bool ptr = t.kind == tt::TtirTypeKind::Pointer || t.kind == tt::TtirTypeKind::TensorOfPointers;
    auto dt = dtypeOf(t);
    if (!dt) {
        unsupported(op, "values of type " + t.text);
        return;
    }
    auto internal = [&](const std::string& what) {
        error(op, "internal", "the TTIR driver computed " + what + " for a value of type " + t.text);
        m_values.at(v).reset();
    };
    if (ptr != b.isPointer()) return internal(b.isPointer() ? "a pointer" : "a value");
    if (ptr) {
        b.dtype = *dt; // the pointer's view of its buffer (tt.bitcast may change it)
    } else {
        if (b.weak) b = m_alg.materialize(b, *dt);
        if (b.dtype != *dt) {
            auto c = m_alg.cast(b, *dt);
            if (!c) return internal("a value of type " + std::string(ir::dtypeName(b.dtype)));
            b = *c;
        }
    }
    Shape want = shapeOf(t);
    if (b.shape != want) return internal("shape " + shapeText(b.shape));
    m_values.at(v) = std::move(b);
}

void TtirInterp::setResult(const tt::TtirOp& op, std::size_t i, util::Result<Block> r) {
    if (!r) {
        report(op, r.error());
        m_values.at(op.results.at(i)).reset();
        return;
    }
    setResult(op, i, std::move(*r));
}

// ---------------------------------------------------------------------------------------------
// Diagnostics

void TtirInterp::report(const tt::TtirOp& op, util::Diagnostic d) {
    if (!d.span.valid()) d.span = m_sources.opSpan(op);
    d.message += " (TTIR op '" + op.name + "' at " + m_sources.where(op) + ")";
    m_spec.diagnostics.add(std::move(d));
}

void TtirInterp::error(const tt::TtirOp& op, const std::string& category, const std::string& msg) {
    m_spec.diagnostics.error(category, msg + " (TTIR op '" + op.name + "' at " + m_sources.where(op) + ")",
                             m_sources.opSpan(op));
}

void TtirInterp::unsupported(const tt::TtirOp& op, const std::string& why) {
    std::string msg = "unsupported TTIR op '" + op.name + "' at " + m_sources.where(op);
    if (!why.empty()) msg += ": " + why;
    m_spec.diagnostics.error("unsupported", msg, m_sources.opSpan(op));
    failResults(op);
}

// ---------------------------------------------------------------------------------------------
// Walking

namespace {

using Handler = void (TtirInterp::*)(const tt::TtirOp&);

const std::unordered_map<std::string_view, Handler>& handlers() {
    static const std::unordered_map<std::string_view, Handler> table = [] {
        std::unordered_map<std::string_view, Handler> t;
        for (const char* n : {"arith.addi", "arith.addf", "arith.subi", "arith.subf", "arith.muli", "arith.mulf",
                              "arith.divf", "arith.remf", "arith.divsi", "arith.divui", "arith.remsi", "arith.remui",
                              "arith.floordivsi", "arith.ceildivsi", "arith.maxsi", "arith.minsi", "arith.maxui",
                              "arith.minui", "arith.maximumf", "arith.maxnumf", "arith.minimumf", "arith.minnumf",
                              "arith.andi", "arith.ori", "arith.xori", "arith.shli", "arith.shrsi", "arith.shrui",
                              "math.powf", "tt.precise_divf"})
            t[n] = &TtirInterp::opArithBinary;
        for (const char* n : {"arith.extsi", "arith.extui", "arith.trunci", "arith.sitofp", "arith.uitofp",
                              "arith.fptosi", "arith.fptoui", "arith.extf", "arith.truncf", "arith.index_cast",
                              "arith.index_castui", "tt.fp_to_fp"})
            t[n] = &TtirInterp::opCast;
        for (const char* n : {"math.exp", "math.exp2", "math.log", "math.log2", "math.log1p", "math.expm1",
                              "math.sqrt", "math.rsqrt", "math.erf", "math.tanh", "math.absf", "math.absi",
                              "math.floor", "math.ceil", "math.sin", "math.cos", "arith.negf", "tt.precise_sqrt"})
            t[n] = &TtirInterp::opMath;
        for (const char* n : {"tt.assert", "tt.print", "gpu.barrier", "llvm.intr.assume", "cf.assert"})
            t[n] = &TtirInterp::opIgnore;
        t["arith.constant"] = &TtirInterp::opConstant;
        t["ub.poison"] = &TtirInterp::opPoison;
        t["arith.cmpi"] = &TtirInterp::opCmpI;
        t["arith.cmpf"] = &TtirInterp::opCmpF;
        t["arith.select"] = &TtirInterp::opSelect;
        t["arith.bitcast"] = &TtirInterp::opBitcast;
        t["tt.bitcast"] = &TtirInterp::opBitcast;
        t["math.fma"] = &TtirInterp::opFma;
        t["tt.get_program_id"] = &TtirInterp::opProgramId;
        t["tt.get_num_programs"] = &TtirInterp::opProgramId;
        t["tt.make_range"] = &TtirInterp::opMakeRange;
        t["tt.splat"] = &TtirInterp::opSplat;
        t["tt.broadcast"] = &TtirInterp::opSplat;
        t["tt.expand_dims"] = &TtirInterp::opExpandDims;
        t["tt.reshape"] = &TtirInterp::opReshape;
        t["tt.unsplat"] = &TtirInterp::opReshape;
        t["tt.trans"] = &TtirInterp::opTrans;
        t["tt.cat"] = &TtirInterp::opCat;
        t["tt.join"] = &TtirInterp::opJoin;
        t["tt.split"] = &TtirInterp::opSplit;
        t["tt.gather"] = &TtirInterp::opGather;
        t["tt.addptr"] = &TtirInterp::opAddPtr;
        t["tt.load"] = &TtirInterp::opLoad;
        t["tt.store"] = &TtirInterp::opStore;
        t["tt.atomic_rmw"] = &TtirInterp::opAtomicRmw;
        t["tt.dot"] = &TtirInterp::opDot;
        t["tt.clampf"] = &TtirInterp::opClampF;
        t["tt.extern_elementwise"] = &TtirInterp::opExtern;
        t["tt.map_elementwise"] = &TtirInterp::opMapElementwise;
        t["tt.reduce"] = &TtirInterp::opReduce;
        t["tt.scan"] = &TtirInterp::opReduce;
        t["tt.call"] = &TtirInterp::opCall;
        t["func.call"] = &TtirInterp::opCall;
        t["scf.for"] = &TtirInterp::opFor;
        t["scf.if"] = &TtirInterp::opIf;
        t["scf.while"] = &TtirInterp::opWhile;
        return t;
    }();
    return table;
}

bool isTerminator(std::string_view name) {
    return name == "tt.return" || name == "func.return" || name == "scf.yield" || name == "scf.condition" ||
           name == "cf.br" || name == "cf.cond_br" || name == "tt.reduce.return" || name == "tt.scan.return" ||
           name == "tt.map_elementwise.return";
}

// The (variable, line) an op's first result is named after, for grouping the ops of one statement.
std::pair<std::string, int> nameKey(const tt::TtirOp& op) {
    if (op.results.empty() || op.loc.varName.empty()) return {"", -1};
    return {op.loc.varName, op.loc.line};
}

} // namespace

const tt::TtirOp* TtirInterp::execBlock(const tt::TtirBlock& b) {
    std::size_t n = b.ops.size();
    const tt::TtirOp* term = nullptr;
    if (n > 0 && isTerminator(m_module.op(b.ops[n - 1]).name)) {
        term = &m_module.op(b.ops[n - 1]);
        --n;
    }
    for (std::size_t i = 0; i < n; ++i) {
        const tt::TtirOp& op = m_module.op(b.ops[i]);
        // The ops of one assignment (x = tl.load(p + o) is splat, addptr, load) share the name and
        // line of their statement; the trace shows the last one, the value the variable gets.
        auto key = nameKey(op);
        bool last = i + 1 >= n || key.first.empty() || nameKey(m_module.op(b.ops[i + 1])) != key;
        execOp(op, last);
    }
    return term;
}

void TtirInterp::execOp(const tt::TtirOp& op, bool lastOfGroup) {
    const auto& table = handlers();
    auto it = table.find(op.name);
    if (it == table.end()) {
        unsupported(op);
        return;
    }
    try {
        (this->*(it->second))(op);
    } catch (const ir::IrError& e) {
        error(op, "internal", std::string("internal error while tracing: ") + e.what());
        failResults(op);
        return;
    }
    if (m_quiet > 0 || op.results.empty()) return;
    bool always = op.name == "tt.load" || op.name == "tt.reduce" || op.name == "tt.scan" || op.name == "tt.dot";
    // Constants are literals Triton hoisted to the top of the function, not statements.
    bool structured = op.name == "scf.for" || op.name == "scf.while" || op.name == "scf.if" ||
                      op.name == "tt.atomic_rmw" || op.name == "arith.constant";
    if (structured || (!always && (!lastOfGroup || op.loc.varName.empty()))) return;
    recordOp(op);
}

void TtirInterp::recordOp(const tt::TtirOp& op) {
    StepKind kind = op.name == "tt.load" ? StepKind::Load
                    : (op.name == "tt.reduce" || op.name == "tt.scan" || op.name == "tt.dot") ? StepKind::Reduce
                                                                                                : StepKind::Assign;
    std::string what = m_sources.ttirText(op) + "  [" + m_sources.ttirLine(op) + "]";
    util::SourceSpan span = m_sources.opSpan(op);
    for (std::size_t i = 0; i < op.results.size(); ++i) {
        const TVal& v = value(op.results[i]);
        if (!v) continue;
        std::string target = op.loc.varName;
        if (op.results.size() > 1 && !target.empty()) target += "#" + std::to_string(i);
        recordStep(kind, target, *v, span, what);
    }
}

void TtirInterp::recordStep(StepKind kind, const std::string& target, const Block& b, util::SourceSpan span,
                            const std::string& what) {
    if (m_quiet > 0) return;
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

std::string TtirInterp::valueName(tt::ValueId v, const std::string& fallback) const {
    const tt::TtirValue& val = m_module.value(v);
    if (!val.loc.varName.empty()) return val.loc.varName;
    if (!val.ssaName.empty() && !std::isdigit(static_cast<unsigned char>(val.ssaName[0]))) {
        std::string s = val.ssaName;
        for (char& c : s)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
        return s;
    }
    return fallback;
}

Expr TtirInterp::asUnsigned(const Block& b) {
    switch (b.dtype) {
    case DType::Bool: return ctx().cast(b.value, DType::U8);
    case DType::I8: return ctx().cast(b.value, DType::U8);
    case DType::I16: return ctx().cast(b.value, DType::U16);
    case DType::I32: return ctx().cast(b.value, DType::U32);
    case DType::I64: return ctx().cast(b.value, DType::U64);
    default: return b.value;
    }
}

Expr TtirInterp::asSigned(const Block& b, DType to) {
    if (b.dtype == DType::Bool) {
        Expr minusOne = ir::isFloat(to) ? ctx().floatConst(-1.0, to) : ctx().intConst(-1, to);
        return ctx().select(b.value, minusOne, ctx().zero(to));
    }
    return b.dtype == to ? b.value : ctx().cast(b.value, to);
}

Expr TtirInterp::carriedApply(const std::string& fn, const Block& like) {
    std::vector<Expr> args(m_spec.pids.begin(), m_spec.pids.end());
    for (std::size_t d = 0; d < like.rank(); ++d) args.push_back(m_spec.lane(static_cast<int>(d)));
    DType t = like.isPointer() ? like.value.dtype() : like.dtype;
    return ctx().apply(fn, t, args);
}

void TtirInterp::opIgnore(const tt::TtirOp& op) { failResults(op); }

// ---------------------------------------------------------------------------------------------
// Kernel entry

void TtirInterp::runKernel(const tt::TtirFunction& fn) {
    for (std::size_t i = 0; i < fn.args.size(); ++i) {
        const tt::TtirArg& a = fn.args[i];
        const tt::TtirType& t = m_module.typeOf(a.value);
        auto dt = dtypeOf(t);
        util::SourceSpan span = m_sources.functionSpan(fn);
        if (t.kind == tt::TtirTypeKind::Pointer && t.pointee != tt::kNoId && m_module.type(t.pointee).isScalar() &&
            dt && t.addressSpace <= 1) {
            BufferInfo b;
            b.name = a.name;
            b.dtype = *dt;
            b.flat = ctx().tensor(a.name, *dt, {ctx().sym(a.name + ".numel", DType::I64)});
            b.paramIndex = static_cast<int>(i);
            m_spec.buffers.push_back(b);
            m_values.at(a.value) = Block{{}, *dt, ctx().intConst(0), static_cast<int>(m_spec.buffers.size() - 1)};
        } else if (t.isScalar() && t.kind != tt::TtirTypeKind::Pointer && dt) {
            ScalarInfo s{a.name, ctx().sym(a.name, *dt), static_cast<int>(i)};
            m_spec.scalars.push_back(s);
            m_values.at(a.value) = Block{{}, *dt, s.symbol};
        } else {
            m_spec.diagnostics.error("unsupported", "unsupported kernel argument '" + a.name + "' of type " + t.text +
                                                        " (block pointers, tensor descriptors and shared memory are not modelled)",
                                     span);
        }
    }
    m_callStack.push_back(&fn);
    execFunctionBody(fn, nullptr);
    m_callStack.pop_back();
}

std::vector<Returned> TtirInterp::execFunctionBody(const tt::TtirFunction& fn, const tt::TtirOp* site) {
    std::vector<Returned> out;
    const auto& blocks = fn.body.blocks;
    if (blocks.empty()) return out;
    std::set<std::size_t> visited;
    int pushed = 0;
    auto bindArgs = [&](std::size_t target, const std::vector<tt::ValueId>& vals) {
        const tt::TtirBlock& b = blocks.at(target);
        for (std::size_t i = 0; i < b.args.size() && i < vals.size(); ++i) m_values.at(b.args[i]) = value(vals[i]);
    };
    auto returnOf = [&](const tt::TtirOp* term) {
        Returned r{m_alg.pathCondition(), {}};
        if (term)
            for (tt::ValueId v : term->operands) r.values.push_back(value(v));
        out.push_back(std::move(r));
    };
    auto isReturn = [](const tt::TtirOp* t) { return t && (t->name == "tt.return" || t->name == "func.return"); };
    auto endsInReturn = [&](std::size_t b) {
        return !blocks[b].ops.empty() && isReturn(&m_module.op(blocks[b].ops.back()));
    };
    std::size_t cur = 0;
    while (true) {
        visited.insert(cur);
        const tt::TtirOp* term = execBlock(blocks[cur]);
        if (!term || isReturn(term)) {
            returnOf(term);
            break;
        }
        if (term->name == "cf.br") {
            std::size_t next = term->successors.at(0);
            if (visited.count(next)) {
                unsupported(*term, "a branch back to an earlier block (a loop in unstructured control flow)");
                break;
            }
            bindArgs(next, term->operands);
            cur = next;
            continue;
        }
        if (term->name != "cf.cond_br") {
            unsupported(*term, "as the terminator of a function block");
            break;
        }
        auto c = operand(*term, "condition");
        std::size_t t = term->successors.at(0), f = term->successors.at(1);
        if (!c) break; // reported where the condition was computed
        if (visited.count(t) || visited.count(f)) {
            unsupported(*term, "a branch back to an earlier block (a loop in unstructured control flow)");
            break;
        }
        Expr cond = tidy(c->value);
        auto trueArgs = term->operandGroup("trueDestOperands");
        auto falseArgs = term->operandGroup("falseDestOperands");
        if (cond.op() == ir::Op::Const) {
            bool taken = cond.boolValue();
            bindArgs(taken ? t : f, taken ? trueArgs : falseArgs);
            cur = taken ? t : f;
            continue;
        }
        // An early return: the returning block runs under its condition, the rest of the function
        // under the negation (what the Python driver does for `if c: return`).
        bool tReturns = endsInReturn(t), fReturns = endsInReturn(f);
        if (!tReturns && !fReturns) {
            unsupported(*term, "a conditional branch whose targets both go on (only early returns are modelled)");
            break;
        }
        std::size_t ret = tReturns ? t : f, rest = tReturns ? f : t;
        Expr retCond = tReturns ? cond : tidy(ctx().lnot(cond));
        bindArgs(ret, tReturns ? trueArgs : falseArgs);
        m_alg.pushPath(retCond);
        visited.insert(ret);
        returnOf(execBlock(blocks[ret]));
        m_alg.popPath();
        m_alg.pushPath(tidy(ctx().lnot(retCond)));
        ++pushed;
        bindArgs(rest, tReturns ? falseArgs : trueArgs);
        cur = rest;
    }
    for (int k = 0; k < pushed; ++k) m_alg.popPath();
    (void)site;
    return out;
}

void TtirInterp::opCall(const tt::TtirOp& op) {
    const tt::TtirAttr* callee = op.attr("callee");
    const tt::TtirFunction* fn = callee ? m_module.function(callee->text) : nullptr;
    if (!fn) return unsupported(op, "no function '" + (callee ? callee->text : std::string("?")) + "' in the module");
    if (fn->isDeclaration()) return unsupported(op, "'" + fn->name + "' is a declaration without a body");
    for (const tt::TtirFunction* f : m_callStack)
        if (f == fn) return unsupported(op, "recursive call of '" + fn->name + "'");
    if (m_callStack.size() > 48) return unsupported(op, "calls nest too deeply");
    auto in = operands(op);
    if (!in) return failResults(op);
    if (in->size() != fn->args.size()) return error(op, "call", "'" + fn->name + "' takes " + std::to_string(fn->args.size()) + " arguments");
    for (std::size_t i = 0; i < in->size(); ++i) m_values.at(fn->args[i].value) = (*in)[i];
    m_callStack.push_back(fn);
    std::vector<Returned> rets = execFunctionBody(*fn, &op);
    m_callStack.pop_back();
    if (rets.empty()) return failResults(op);
    // The last return is taken where no earlier (conditional) one was.
    std::vector<TVal> result = rets.back().values;
    for (std::size_t k = rets.size() - 1; k-- > 0;) {
        for (std::size_t i = 0; i < result.size() && i < rets[k].values.size(); ++i) {
            const TVal& v = rets[k].values[i];
            if (!v || !result[i]) {
                result[i].reset();
                continue;
            }
            auto w = m_alg.where(Block{{}, DType::Bool, rets[k].cond}, *v, *result[i]);
            if (!w) {
                report(op, w.error());
                result[i].reset();
            } else {
                result[i] = *w;
            }
        }
    }
    for (std::size_t i = 0; i < op.results.size(); ++i) {
        if (i < result.size() && result[i]) setResult(op, i, *result[i]);
        else m_values.at(op.results[i]).reset();
    }
}

} // namespace tlift::symexec::ttirexec
