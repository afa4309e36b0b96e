#include "tlift/ir/context.h"

#include "tlift/ir/named_ops.h"
#include "typing.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <mutex>
#include <numeric>
#include <unordered_set>

namespace tlift::ir {

// ---- Rational ----
Rational Rational::make(std::int64_t num, std::int64_t den) {
    if (den == 0) throw IrError("rational with zero denominator");
    if (den < 0) {
        num = -num;
        den = -den;
    }
    std::int64_t g = std::gcd(num < 0 ? -num : num, den);
    if (g > 1) {
        num /= g;
        den /= g;
    }
    return Rational{num, den};
}

// ---- Expr out-of-line accessors ----
const NamedOpInfo& Expr::namedInfo() const { return namedOp(static_cast<int>(m_node->i)); }

double Expr::numericValue() const {
    switch (constKind()) {
    case ConstKind::Int:
    case ConstKind::Bool: return static_cast<double>(m_node->i);
    case ConstKind::Rational: return rationalValue().toDouble();
    case ConstKind::Float: return m_node->f;
    }
    return 0.0;
}

bool Expr::isIntConst(std::int64_t v) const {
    return op() == Op::Const && constKind() == ConstKind::Int && intValue() == v;
}

bool Expr::isZero() const {
    if (op() != Op::Const) return false;
    switch (constKind()) {
    case ConstKind::Int:
    case ConstKind::Rational: return m_node->i == 0;
    case ConstKind::Float: return m_node->f == 0.0;
    case ConstKind::Bool: return m_node->i == 0;
    }
    return false;
}

bool Expr::isOne() const {
    if (op() != Op::Const) return false;
    switch (constKind()) {
    case ConstKind::Int: return m_node->i == 1;
    case ConstKind::Rational: return m_node->i == 1 && m_node->j == 1;
    case ConstKind::Float: return m_node->f == 1.0;
    case ConstKind::Bool: return m_node->i == 1;
    }
    return false;
}

// ---- hashing ----
namespace {

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    v *= 0x9E3779B97F4A7C15ULL;
    v ^= v >> 29;
    h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
    return h;
}

std::uint64_t hashString(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

std::uint64_t doubleBits(double f) {
    if (std::isnan(f)) f = std::numeric_limits<double>::quiet_NaN();
    return std::bit_cast<std::uint64_t>(f);
}

std::uint64_t computeShash(const Node& n) {
    std::uint64_t h = mix(static_cast<std::uint64_t>(n.op) * 131 + static_cast<std::uint64_t>(n.dtype),
                          n.sub);
    h = mix(h, static_cast<std::uint64_t>(n.i));
    h = mix(h, static_cast<std::uint64_t>(n.j));
    h = mix(h, doubleBits(n.f));
    h = mix(h, hashString(std::string_view(n.nameData, n.nameLen)));
    for (std::uint32_t k = 0; k < n.nkids + n.ndims; ++k) h = mix(h, n.kids[k].structuralHash());
    return mix(h, n.nkids);
}

struct NodePtrHash {
    std::size_t operator()(const Node* n) const { return n->shash; }
};

struct NodePtrEq {
    bool operator()(const Node* a, const Node* b) const {
        if (a->shash != b->shash || a->op != b->op || a->dtype != b->dtype || a->sub != b->sub ||
            a->i != b->i || a->j != b->j || doubleBits(a->f) != doubleBits(b->f) ||
            a->nkids != b->nkids || a->ndims != b->ndims || a->nameLen != b->nameLen)
            return false;
        if (a->nameLen && std::memcmp(a->nameData, b->nameData, a->nameLen) != 0) return false;
        for (std::uint32_t k = 0; k < a->nkids + a->ndims; ++k)
            if (a->kids[k] != b->kids[k]) return false;
        return true;
    }
};

Node blankNode(Op op, DType t) {
    Node n{};
    n.op = op;
    n.dtype = t;
    return n;
}

} // namespace

// ---- arena + table ----
struct Context::Impl {
    std::mutex mutex;
    std::vector<std::unique_ptr<char[]>> blocks;
    std::size_t blockUsed = 0;
    std::size_t blockSize = 0;
    std::size_t bytes = 0;
    std::unordered_set<const Node*, NodePtrHash, NodePtrEq> table;
    std::unordered_set<std::string> varNames;
    std::uint32_t nextId = 1;

    void* allocate(std::size_t size, std::size_t align) {
        std::size_t start = (blockUsed + align - 1) & ~(align - 1);
        if (blocks.empty() || start + size > blockSize) {
            blockSize = std::max<std::size_t>(size + align, 1 << 16);
            blocks.push_back(std::make_unique<char[]>(blockSize));
            start = 0;
        }
        blockUsed = start + size;
        bytes += size;
        return blocks.back().get() + start;
    }
};

Context::Context() : m_impl(std::make_unique<Impl>()) {}
Context::~Context() = default;

Expr Context::intern(const Node& probe, std::span<const Expr> kidsAndDims, std::string_view name) {
    Node key = probe;
    key.kids = kidsAndDims.data();
    key.nameData = name.data();
    key.nameLen = static_cast<std::uint32_t>(name.size());
    key.varMask = 0;
    for (const Expr& k : kidsAndDims) key.varMask |= k.varMask();
    if (probe.op == Op::Var) key.varMask = 1ULL << (hashString(name) % 64);
    key.shash = computeShash(key);

    std::lock_guard lock(m_impl->mutex);
    auto it = m_impl->table.find(&key);
    if (it != m_impl->table.end()) return Expr(*it);

    auto* node = static_cast<Node*>(m_impl->allocate(sizeof(Node), alignof(Node)));
    *node = key;
    if (!kidsAndDims.empty()) {
        auto* kids = static_cast<Expr*>(m_impl->allocate(sizeof(Expr) * kidsAndDims.size(), alignof(Expr)));
        std::copy(kidsAndDims.begin(), kidsAndDims.end(), kids);
        node->kids = kids;
    } else {
        node->kids = nullptr;
    }
    if (!name.empty()) {
        auto* text = static_cast<char*>(m_impl->allocate(name.size(), 1));
        std::memcpy(text, name.data(), name.size());
        node->nameData = text;
    } else {
        node->nameData = nullptr;
    }
    node->id = m_impl->nextId++;
    m_impl->table.insert(node);
    if (probe.op == Op::Var || probe.op == Op::Sym) m_impl->varNames.emplace(name);
    return Expr(node);
}

// ---- leaves ----
Expr Context::intConst(std::int64_t v, DType t) {
    if (!isInteger(t) && t != DType::Bool)
        throw IrError("integer constant of non-integer type " + std::string(dtypeName(t)));
    Node n = blankNode(Op::Const, t);
    n.sub = static_cast<std::uint8_t>(t == DType::Bool ? ConstKind::Bool : ConstKind::Int);
    n.i = t == DType::Bool ? (v != 0) : v;
    n.j = 1;
    return intern(n, {}, {});
}

Expr Context::rationalConst(Rational r, DType t) {
    r = Rational::make(r.num, r.den);
    if (isInteger(t)) {
        if (r.den != 1) throw IrError("non-integral rational constant of integer type");
        return intConst(r.num, t);
    }
    if (!isFloat(t)) throw IrError("rational constant of type " + std::string(dtypeName(t)));
    Node n = blankNode(Op::Const, t);
    n.sub = static_cast<std::uint8_t>(ConstKind::Rational);
    n.i = r.num;
    n.j = r.den;
    return intern(n, {}, {});
}

Expr Context::floatConst(double v, DType t) {
    if (!isFloat(t)) throw IrError("float constant of non-float type " + std::string(dtypeName(t)));
    Node n = blankNode(Op::Const, t);
    n.sub = static_cast<std::uint8_t>(ConstKind::Float);
    n.f = std::isnan(v) ? std::numeric_limits<double>::quiet_NaN() : v;
    return intern(n, {}, {});
}

Expr Context::boolConst(bool v) { return intConst(v ? 1 : 0, DType::Bool); }

Expr Context::zero(DType t) {
    if (isFloat(t)) return floatConst(0.0, t);
    return intConst(0, t);
}

Expr Context::one(DType t) {
    if (isFloat(t)) return floatConst(1.0, t);
    return intConst(1, t);
}

Expr Context::sym(std::string_view name, DType t) {
    if (name.empty()) throw IrError("symbol without a name");
    return intern(blankNode(Op::Sym, t), {}, name);
}

Expr Context::var(std::string_view name, DType t) {
    if (name.empty()) throw IrError("variable without a name");
    if (!isInteger(t)) throw IrError("index variable '" + std::string(name) + "' must have an integer type");
    return intern(blankNode(Op::Var, t), {}, name);
}

Expr Context::freshVar(std::string_view base, DType t) {
    std::string name(base.empty() ? "v" : base);
    {
        std::lock_guard lock(m_impl->mutex);
        if (m_impl->varNames.count(name)) {
            for (int k = 1;; ++k) {
                std::string candidate = name + std::to_string(k);
                if (!m_impl->varNames.count(candidate)) {
                    name = candidate;
                    break;
                }
            }
        }
        m_impl->varNames.insert(name);
    }
    return var(name, t);
}

Expr Context::tensor(std::string_view name, DType t, std::vector<Expr> shape) {
    if (name.empty()) throw IrError("tensor without a name");
    for (const Expr& d : shape)
        if (!d || !isInteger(d.dtype()) || !d.isScalar())
            throw IrError("tensor '" + std::string(name) + "': dimensions must be integer scalars");
    Node n = blankNode(Op::Tensor, t);
    n.ndims = static_cast<std::uint32_t>(shape.size());
    return intern(n, shape, name);
}

Expr Context::undef(std::int64_t id, DType t) {
    Node n = blankNode(Op::Undef, t);
    n.i = id;
    return intern(n, {}, {});
}

// ---- checked construction ----
util::Result<Expr> Context::make(const NodeSpec& spec) {
    for (const Expr& k : spec.kids)
        if (!k) return util::Result<Expr>::failure("type", std::string(opName(spec.op)) + ": missing operand");
    auto typed = inferType(*this, spec);
    if (!typed) return std::move(typed).takeError();
    Node n = blankNode(spec.op, typed->dtype);
    n.sub = spec.sub;
    n.nkids = static_cast<std::uint32_t>(spec.kids.size());
    n.ndims = static_cast<std::uint32_t>(typed->shape.size());
    std::string_view name;
    if (spec.op == Op::Apply) name = spec.name;
    if (spec.op == Op::Named) n.i = typed->namedIndex;
    std::vector<Expr> all = spec.kids;
    all.insert(all.end(), typed->shape.begin(), typed->shape.end());
    return intern(n, all, name);
}

util::Result<Expr> Context::tryUnary(Op op, Expr a) { return make(NodeSpec{op, {a}}); }
util::Result<Expr> Context::tryBinary(Op op, Expr a, Expr b) { return make(NodeSpec{op, {a, b}}); }
util::Result<Expr> Context::trySelect(Expr c, Expr a, Expr b) {
    return make(NodeSpec{Op::Select, {c, a, b}});
}
util::Result<Expr> Context::tryRead(Expr t, std::vector<Expr> idx) {
    std::vector<Expr> kids{t};
    kids.insert(kids.end(), idx.begin(), idx.end());
    return make(NodeSpec{Op::Read, std::move(kids)});
}
util::Result<Expr> Context::tryReduce(ReduceKind k, Expr v, Expr lo, Expr hi, Expr guard, Expr body) {
    return make(NodeSpec{Op::Reduce, {v, lo, hi, guard, body}, DType::F32, static_cast<std::uint8_t>(k)});
}
util::Result<Expr> Context::tryNamed(std::string_view name, std::vector<Expr> args) {
    return make(NodeSpec{Op::Named, std::move(args), DType::F32, 0, std::string(name)});
}
util::Result<Expr> Context::tryCast(Expr e, DType to) { return make(NodeSpec{Op::Cast, {e}, to}); }

namespace {
Expr orThrow(util::Result<Expr> r) {
    if (!r) throw IrError(r.error().message);
    return *r;
}
} // namespace

Expr Context::unary(Op op, Expr a) { return orThrow(tryUnary(op, a)); }
Expr Context::binary(Op op, Expr a, Expr b) { return orThrow(tryBinary(op, a, b)); }
Expr Context::select(Expr c, Expr a, Expr b) { return orThrow(trySelect(c, a, b)); }
Expr Context::cast(Expr e, DType to) { return orThrow(tryCast(e, to)); }
Expr Context::read(Expr t, std::vector<Expr> idx) { return orThrow(tryRead(t, std::move(idx))); }
Expr Context::reduce(ReduceKind k, Expr v, Expr lo, Expr hi, Expr guard, Expr body) {
    return orThrow(tryReduce(k, v, lo, hi, guard, body));
}
Expr Context::reduce(ReduceKind k, Expr v, Expr lo, Expr hi, Expr body) {
    return reduce(k, v, lo, hi, trueConst(), body);
}
Expr Context::apply(std::string_view fn, DType result, std::vector<Expr> args) {
    return orThrow(make(NodeSpec{Op::Apply, std::move(args), result, 0, std::string(fn)}));
}
Expr Context::named(std::string_view name, std::vector<Expr> args) {
    return orThrow(tryNamed(name, std::move(args)));
}

util::Result<Expr> Context::withChildren(Expr e, std::vector<Expr> kids) {
    switch (e.op()) {
    case Op::Const:
    case Op::Sym:
    case Op::Var:
    case Op::Undef: return e;
    case Op::Tensor: return tensor(e.name(), e.dtype(), std::move(kids));
    case Op::Apply:
    case Op::Cast: return make(NodeSpec{e.op(), std::move(kids), e.dtype(), 0, std::string(e.name())});
    case Op::Named:
        return make(NodeSpec{Op::Named, std::move(kids), e.dtype(), 0, e.namedInfo().name});
    case Op::Reduce:
        return make(NodeSpec{Op::Reduce, std::move(kids), e.dtype(), static_cast<std::uint8_t>(e.reduceKind())});
    default: return make(NodeSpec{e.op(), std::move(kids)});
    }
}

std::size_t Context::nodeCount() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->table.size();
}

std::size_t Context::bytesUsed() const {
    std::lock_guard lock(m_impl->mutex);
    // Hash table: one pointer per element plus a node of the bucket list and the bucket array.
    std::size_t table = m_impl->table.size() * (sizeof(void*) * 2 + sizeof(std::size_t)) +
                        m_impl->table.bucket_count() * sizeof(void*);
    return m_impl->bytes + table;
}

} // namespace tlift::ir
