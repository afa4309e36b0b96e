// Shape classes and tensors of the wrapper state: ranks, dims, strides, contiguity, names, and
// the final step (flat views of tensors whose rank is never stated, names of provisional symbols).
#include "wrapper_state.h"

namespace tlift::frontend::py::detail {

namespace {

std::optional<int> normalize(int index, int rank) {
    int real = index < 0 ? index + rank : index;
    if (real < 0 || real >= rank) return std::nullopt;
    return real;
}

std::string indexText(int index) { return index < 0 ? "m" + std::to_string(-index) : std::to_string(index); }

} // namespace

void WrapperState::note(const util::SourceSpan& span, const std::string& text) {
    notes.push_back(span.valid() ? "line " + std::to_string(span.line) + ": " + text : text);
}

int WrapperState::newShape(int owner) {
    ShapeClass c;
    c.parent = static_cast<int>(shapes.size());
    c.owner = owner;
    shapes.push_back(std::move(c));
    return shapes.back().parent;
}

int WrapperState::findShape(int s) const {
    for (std::size_t i = 0; i < shapes.size() && shapes[static_cast<std::size_t>(s)].parent != s; ++i)
        s = shapes[static_cast<std::size_t>(s)].parent;
    return s;
}

SymbolId WrapperState::numelSymbol(int shape) {
    int c = findShape(shape);
    if (shapes[static_cast<std::size_t>(c)].numel == kNone)
        shapes[static_cast<std::size_t>(c)].numel = newSymbol(SymbolKind::Numel, shapes[static_cast<std::size_t>(c)].owner, 0);
    return shapes[static_cast<std::size_t>(c)].numel;
}

TermId WrapperState::numel(int shape) {
    int c = findShape(shape);
    if (!shapes[static_cast<std::size_t>(c)].rank) return symTerm(numelSymbol(c));
    for (int i = 0; i < *shapes[static_cast<std::size_t>(c)].rank; ++i) dim(c, i); // every dim has a term
    return numelOf(c);
}

void WrapperState::setRank(int shape, int rank, const util::SourceSpan& span) {
    int c = findShape(shape);
    ShapeClass& cls = shapes[static_cast<std::size_t>(c)];
    if (cls.rank) {
        if (*cls.rank != rank)
            note(span, "conflicting ranks " + std::to_string(*cls.rank) + " and " + std::to_string(rank) + " (the first is kept)");
        return;
    }
    if (rank < 0 || rank > 64) return;
    cls.rank = rank;
    cls.dims.assign(static_cast<std::size_t>(rank), kNone);
    resolvePending(c);
}

void WrapperState::resolvePending(int shape) {
    int c = findShape(shape);
    if (!shapes[static_cast<std::size_t>(c)].rank) return;
    int rank = *shapes[static_cast<std::size_t>(c)].rank;
    std::map<int, TermId> pending;
    pending.swap(shapes[static_cast<std::size_t>(c)].pending);
    for (auto& [index, term] : pending) {
        auto real = normalize(index, rank);
        if (!real) continue;
        TermId& slot = shapes[static_cast<std::size_t>(c)].dims[static_cast<std::size_t>(*real)];
        if (slot == kNone) slot = term;
        else unify(slot, term, {});
    }
    // The count symbol used while the rank was unknown is the product of the dims.
    if (SymbolId n = shapes[static_cast<std::size_t>(c)].numel; n != kNone) {
        TermId product = numel(c);
        SymbolId r = find(n);
        if (symbols[r].definition == kNone && !mentions(product, r)) symbols[r].definition = product;
        else if (symbols[r].definition != kNone) unify(symbols[r].definition, product, {});
    }
    for (std::size_t t = 0; t < tensors.size(); ++t) {
        if (findShape(tensors[t].shape) != c) continue;
        TensorRec& rec = tensors[t];
        if (rec.strides.size() != static_cast<std::size_t>(rank)) rec.strides.assign(static_cast<std::size_t>(rank), kNone);
        std::map<int, TermId> ps;
        ps.swap(rec.pendingStrides);
        for (auto& [index, term] : ps) {
            auto real = normalize(index, rank);
            if (!real) continue;
            TermId& slot = tensors[t].strides[static_cast<std::size_t>(*real)];
            if (slot == kNone) slot = term;
            else unify(slot, term, {});
        }
        if (tensors[t].lastStrideOne && rank > 0) setStride(static_cast<int>(t), rank - 1, constant(Value::integer(1)), {});
        if (tensors[t].contiguous) makeContiguous(static_cast<int>(t));
    }
}

void WrapperState::mergeShapes(int a, int b, const util::SourceSpan& span) {
    int A = findShape(a), B = findShape(b);
    if (A == B) return;
    ShapeClass other = shapes[static_cast<std::size_t>(B)];
    shapes[static_cast<std::size_t>(B)].parent = A;
    shapes[static_cast<std::size_t>(A)].noFlat = shapes[static_cast<std::size_t>(A)].noFlat || other.noFlat;
    shapes[static_cast<std::size_t>(B)].pending.clear();
    if (other.rank) {
        setRank(A, *other.rank, span);
        if (*shapes[static_cast<std::size_t>(A)].rank == *other.rank)
            for (std::size_t i = 0; i < other.dims.size(); ++i) {
                if (other.dims[i] == kNone) continue;
                TermId& slot = shapes[static_cast<std::size_t>(A)].dims[i];
                if (slot == kNone) slot = other.dims[i];
                else unify(slot, other.dims[i], span);
            }
    }
    for (auto& [index, term] : other.pending) {
        auto& pend = shapes[static_cast<std::size_t>(A)].pending;
        if (auto it = pend.find(index); it != pend.end()) unify(it->second, term, span);
        else pend[index] = term;
    }
    if (other.numel != kNone) {
        SymbolId mine = shapes[static_cast<std::size_t>(A)].numel;
        if (mine != kNone) unionSymbols(mine, other.numel, span);
        else shapes[static_cast<std::size_t>(A)].numel = other.numel;
    }
    resolvePending(A);
}

TermId WrapperState::dim(int shape, int index) {
    int c = findShape(shape);
    ShapeClass& cls = shapes[static_cast<std::size_t>(c)];
    if (cls.rank) {
        auto real = normalize(index, *cls.rank);
        if (!real) return unknown("dimension " + std::to_string(index) + " of a rank-" + std::to_string(*cls.rank) + " tensor");
        if (cls.dims[static_cast<std::size_t>(*real)] == kNone) {
            SymbolId s = newSymbol(SymbolKind::Dim, cls.owner, *real);
            shapes[static_cast<std::size_t>(c)].dims[static_cast<std::size_t>(*real)] = symTerm(s);
        }
        return shapes[static_cast<std::size_t>(c)].dims[static_cast<std::size_t>(*real)];
    }
    if (auto it = cls.pending.find(index); it != cls.pending.end()) return it->second;
    SymbolId s = newSymbol(SymbolKind::Dim, cls.owner, index);
    TermId t = symTerm(s);
    shapes[static_cast<std::size_t>(c)].pending[index] = t;
    return t;
}

void WrapperState::setDims(int shape, const std::vector<TermId>& dims, const util::SourceSpan& span) {
    setRank(shape, static_cast<int>(dims.size()), span);
    int c = findShape(shape);
    if (*shapes[static_cast<std::size_t>(c)].rank != static_cast<int>(dims.size())) return;
    for (std::size_t i = 0; i < dims.size(); ++i) {
        TermId& slot = shapes[static_cast<std::size_t>(c)].dims[i];
        if (slot == kNone) slot = dims[i];
        else unify(slot, dims[i], span);
    }
}

int WrapperState::newTensor(std::string origin, const util::SourceSpan& span, int shape) {
    int t = static_cast<int>(tensors.size());
    TensorRec rec;
    rec.origin = std::move(origin);
    rec.span = span;
    tensors.push_back(std::move(rec));
    tensors.back().shape = shape >= 0 ? shape : newShape(t);
    if (auto r = rankOf(tensors.back().shape)) tensors.back().strides.assign(static_cast<std::size_t>(*r), kNone);
    return t;
}

std::vector<TermId> WrapperState::contiguousStrides(const std::vector<TermId>& dims) {
    std::vector<TermId> out(dims.size(), kNone);
    for (std::size_t i = 0; i < dims.size(); ++i) {
        TermId p = kNone;
        for (std::size_t j = i + 1; j < dims.size(); ++j) p = p == kNone ? dims[j] : binary(BinOpKind::Mult, p, dims[j]);
        out[i] = p == kNone ? constant(Value::integer(1)) : p;
    }
    return out;
}

TermId WrapperState::stride(int t, int index) {
    std::optional<int> rank = rankOf(tensor(t).shape);
    if (!rank) {
        if (index == -1 && tensor(t).lastStrideOne) return strideOf(t, index, constant(Value::integer(1)));
        auto& ps = tensor(t).pendingStrides;
        if (auto it = ps.find(index); it != ps.end()) return strideOf(t, index, it->second);
        TermId s = symTerm(newSymbol(SymbolKind::Stride, t, index));
        tensor(t).pendingStrides[index] = s;
        return strideOf(t, index, s);
    }
    auto real = normalize(index, *rank);
    if (!real) return unknown("stride " + std::to_string(index) + " of a rank-" + std::to_string(*rank) + " tensor");
    if (tensor(t).strides.size() != static_cast<std::size_t>(*rank)) tensor(t).strides.assign(static_cast<std::size_t>(*rank), kNone);
    if (tensor(t).strides[static_cast<std::size_t>(*real)] == kNone) {
        TermId s;
        if (tensor(t).contiguous) {
            std::vector<TermId> dims;
            for (int i = 0; i < *rank; ++i) dims.push_back(dim(tensor(t).shape, i));
            s = contiguousStrides(dims)[static_cast<std::size_t>(*real)];
        } else {
            s = symTerm(newSymbol(SymbolKind::Stride, t, *real));
        }
        tensor(t).strides[static_cast<std::size_t>(*real)] = s;
    }
    return strideOf(t, *real, tensor(t).strides[static_cast<std::size_t>(*real)]);
}

void WrapperState::setStride(int t, int index, TermId value, const util::SourceSpan& span) {
    if (index == -1 && !rankOf(tensor(t).shape)) {
        if (auto c = constValue(value); c && c->isInt() && c->asInt() == 1) {
            tensor(t).lastStrideOne = true;
            if (auto it = tensor(t).pendingStrides.find(-1); it != tensor(t).pendingStrides.end()) unify(it->second, value, span);
            return;
        }
    }
    TermId s = stride(t, index);
    unify(terms[s].op == TermOp::StrideOf ? terms[s].args[0] : s, value, span);
}

void WrapperState::makeContiguous(int t) {
    tensor(t).contiguous = true;
    std::optional<int> rank = rankOf(tensor(t).shape);
    if (!rank) return;
    std::vector<TermId> dims;
    for (int i = 0; i < *rank; ++i) dims.push_back(dim(tensor(t).shape, i));
    std::vector<TermId> cs = contiguousStrides(dims);
    if (tensor(t).strides.size() != cs.size()) tensor(t).strides.assign(cs.size(), kNone);
    for (std::size_t i = 0; i < cs.size(); ++i) {
        TermId& slot = tensor(t).strides[i];
        if (slot == kNone) slot = cs[i];
        else if (slot != cs[i]) unify(slot, cs[i], {});
    }
}

bool WrapperState::lastStrideIsOne(int t) {
    if (tensor(t).lastStrideOne || tensor(t).contiguous) return true;
    auto rank = rankOf(tensor(t).shape);
    if (!rank || *rank == 0 || tensor(t).strides.size() != static_cast<std::size_t>(*rank)) return false;
    TermId s = tensor(t).strides.back();
    if (s == kNone) return false;
    auto v = constValue(strip(s));
    return v && v->isInt() && v->asInt() == 1;
}

std::string WrapperState::freshName(const std::string& base) {
    std::string name = base;
    for (int k = 2; taken.count(name) || reserved.count(name); ++k) name = base + "_" + std::to_string(k);
    taken.insert(name);
    return name;
}

void WrapperState::nameTensor(int t, const std::string& name) {
    if (tensor(t).named || name.empty() || name == "_") return;
    bool displaced = false;
    for (TensorRec& other : tensors)
        if (other.named && other.name == name) {
            displaced = true;
            // The variable is bound again (`x = x.contiguous()`): the earlier tensor steps aside.
            for (int k = 0;; ++k) {
                std::string alt = name + "_v" + std::to_string(k);
                if (!taken.count(alt) && !reserved.count(alt)) {
                    other.name = alt;
                    taken.insert(alt);
                    break;
                }
            }
        }
    if (!displaced && taken.count(name)) {
        // A size already carries the name; the tensor gets a fresh one.
        tensor(t).name = freshName(name);
        tensor(t).named = true;
        return;
    }
    tensor(t).name = name;
    tensor(t).named = true;
    taken.insert(name);
}

void WrapperState::finalize() {
    if (finalized) return;
    // Tensors whose rank nothing states, and of which no dim or stride is asked: the kernel
    // addresses them with flat offsets, so they are one-dimensional arrays of numel elements.
    for (std::size_t c = 0; c < shapes.size(); ++c) {
        if (findShape(static_cast<int>(c)) != static_cast<int>(c) || shapes[c].rank || shapes[c].noFlat || !shapes[c].pending.empty())
            continue;
        bool strideAsked = false, used = false;
        for (const TensorRec& t : tensors)
            if (findShape(t.shape) == static_cast<int>(c)) {
                used = true;
                strideAsked = strideAsked || !t.pendingStrides.empty();
            }
        if (!used || strideAsked) continue;
        TermId n = symTerm(numelSymbol(static_cast<int>(c)));
        shapes[c].rank = 1;
        shapes[c].dims = {n};
        shapes[c].flat = true;
        for (TensorRec& t : tensors)
            if (findShape(t.shape) == static_cast<int>(c)) {
                t.flat = true;
                t.assumedContiguous = !t.contiguous;
                t.strides = {constant(Value::integer(1))};
            }
    }
    for (std::size_t t = 0; t < tensors.size(); ++t) {
        if (!tensors[t].named) {
            tensors[t].name = freshName("t" + std::to_string(t));
            tensors[t].named = true;
        }
        // Every dim and stride of a tensor of known rank gets a term.
        if (auto rank = rankOf(tensors[t].shape))
            for (int i = 0; i < *rank; ++i) {
                dim(tensors[t].shape, i);
                stride(static_cast<int>(t), i);
            }
    }
    for (SymbolId s = 0; s < symbols.size(); ++s) {
        if (find(s) != s || symbols[s].named || !symbols[s].name.empty()) continue;
        const Symbol& sym = symbols[s];
        std::string owner = sym.tensor >= 0 ? tensors[static_cast<std::size_t>(sym.tensor)].name : "size";
        int index = sym.dim;
        if (sym.tensor >= 0)
            if (auto rank = rankOf(tensors[static_cast<std::size_t>(sym.tensor)].shape); rank && index < 0) index += *rank;
        switch (sym.kind) {
        case SymbolKind::Numel: symbols[s].name = freshName(owner + "_numel"); break;
        case SymbolKind::Stride: symbols[s].name = freshName(owner + "_stride" + indexText(index)); break;
        default: symbols[s].name = freshName(owner + "_d" + indexText(index)); break;
        }
    }
    finalized = true;
}

} // namespace tlift::frontend::py::detail
