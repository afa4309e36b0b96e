#include "location_resolver.h"

#include <mlir/IR/BuiltinAttributes.h>

namespace tlift::frontend::ttir {

namespace {
// Nested locations deeper than this are not followed (a guard, real TTIR nests a few levels).
constexpr int kMaxDepth = 64;

bool isKnown(const TtirFrame& f) {
    return !f.file.empty() && f.line > 0;
}
} // namespace

std::vector<TtirFrame> LocationResolver::frames(mlir::Location loc) {
    const void* key = loc.getAsOpaquePointer();
    if (auto it = m_cache.find(key); it != m_cache.end()) return it->second;
    std::vector<TtirFrame> out = compute(loc, 0);
    m_cache.try_emplace(key, out);
    return out;
}

std::vector<TtirFrame> LocationResolver::compute(mlir::Location loc, int depth) {
    if (depth > kMaxDepth) return {};
    if (auto file = mlir::dyn_cast<mlir::FileLineColLoc>(loc)) {
        if (!m_ttirPath.empty() && file.getFilename() == m_ttirPath) return {};
        return {TtirFrame{file.getFilename().str(),
                          static_cast<int>(file.getLine()),
                          static_cast<int>(file.getColumn()),
                          {}}};
    }
    if (auto name = mlir::dyn_cast<mlir::NameLoc>(loc)) {
        std::vector<TtirFrame> out = compute(name.getChildLoc(), depth + 1);
        if (out.empty()) out.push_back(TtirFrame{});
        if (out.front().name.empty()) out.front().name = name.getName().str();
        return out;
    }
    if (auto call = mlir::dyn_cast<mlir::CallSiteLoc>(loc)) {
        std::vector<TtirFrame> out = compute(call.getCaller(), depth + 1);
        std::vector<TtirFrame> callee = compute(call.getCallee(), depth + 1);
        out.insert(out.end(), callee.begin(), callee.end());
        return out;
    }
    if (auto fused = mlir::dyn_cast<mlir::FusedLoc>(loc)) {
        std::vector<TtirFrame> fallback;
        for (mlir::Location part : fused.getLocations()) {
            std::vector<TtirFrame> f = compute(part, depth + 1);
            for (const TtirFrame& frame : f)
                if (isKnown(frame)) return f;
            if (fallback.empty()) fallback = std::move(f);
        }
        return fallback;
    }
    if (auto opaque = mlir::dyn_cast<mlir::OpaqueLoc>(loc))
        return compute(opaque.getFallbackLocation(), depth + 1);
    return {}; // UnknownLoc and anything else
}

TtirLoc LocationResolver::resolve(mlir::Location loc, std::string_view kernelFile) {
    std::vector<TtirFrame> all = frames(loc);
    TtirLoc out;
    std::size_t primary = all.size();
    for (std::size_t i = 0; i < all.size() && primary == all.size(); ++i)
        if (isKnown(all[i]) && all[i].file == kernelFile) primary = i;
    for (std::size_t i = 0; i < all.size() && primary == all.size(); ++i)
        if (isKnown(all[i])) primary = i;
    if (primary == all.size()) {
        // No position at all: keep a variable name if one was given.
        for (const TtirFrame& f : all)
            if (!f.name.empty()) return TtirLoc{{}, 0, 0, f.name, {}};
        return out;
    }
    const TtirFrame& p = all[primary];
    out.file = p.file;
    out.line = p.line;
    out.col = p.col;
    out.varName = p.name;
    for (std::size_t i = primary; i < all.size(); ++i)
        if (isKnown(all[i])) out.callStack.push_back(all[i]);
    if (out.callStack.size() < 2) out.callStack.clear();
    return out;
}

std::string LocationResolver::fileOf(mlir::Location loc) {
    for (const TtirFrame& f : frames(loc))
        if (isKnown(f)) return f.file;
    return {};
}

} // namespace tlift::frontend::ttir
