#include "tlift/symexec/block.h"

#include "tlift/symexec/spec.h"

namespace tlift::symexec {

std::int64_t Block::numel() const {
    std::int64_t n = 1;
    for (std::int64_t d : shape) n *= d;
    return n;
}

std::string shapeText(const Shape& s) {
    std::string out = "[";
    for (std::size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
    return out + "]";
}

bool broadcastShape(const Shape& a, const Shape& b, Shape& out) {
    std::size_t r = std::max(a.size(), b.size());
    out.assign(r, 1);
    for (std::size_t k = 0; k < r; ++k) {
        std::int64_t x = k + a.size() >= r ? a[k + a.size() - r] : 1;
        std::int64_t y = k + b.size() >= r ? b[k + b.size() - r] : 1;
        if (x != y && x != 1 && y != 1) return false;
        out[k] = x == 1 ? y : x;
    }
    return true;
}

const char* storeKindName(StoreKind k) {
    switch (k) {
    case StoreKind::Store: return "store";
    case StoreKind::AtomicAdd: return "atomic_add";
    case StoreKind::AtomicMax: return "atomic_max";
    case StoreKind::AtomicMin: return "atomic_min";
    case StoreKind::AtomicXchg: return "atomic_xchg";
    case StoreKind::AtomicOther: return "atomic";
    }
    return "store";
}

const char* stepKindName(StepKind k) {
    switch (k) {
    case StepKind::Assign: return "assign";
    case StepKind::Load: return "load";
    case StepKind::Store: return "store";
    case StepKind::Reduce: return "reduce";
    case StepKind::Loop: return "loop";
    case StepKind::Branch: return "branch";
    case StepKind::Call: return "call";
    case StepKind::Note: return "note";
    }
    return "note";
}

const LoopSpec* Spec::loop(int id) const {
    for (const LoopSpec& l : loops)
        if (l.id == id) return &l;
    return nullptr;
}

const FoldSpec* Spec::fold(std::string_view applyName) const {
    for (const FoldSpec& f : folds)
        for (const std::string& n : f.resultFns)
            if (n == applyName) return &f;
    return nullptr;
}

int Spec::bufferIndex(std::string_view name) const {
    for (std::size_t i = 0; i < buffers.size(); ++i)
        if (buffers[i].name == name) return static_cast<int>(i);
    return -1;
}

ir::Expr Spec::lane(int axis) const { return ctx->var("l" + std::to_string(axis)); }

} // namespace tlift::symexec
