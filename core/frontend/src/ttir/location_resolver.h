#pragma once
// Turns MLIR locations (the loc(...) of Triton's TTIR) into kernel source locations. The rules
// (docs/ttir.md): FileLineColLoc is a frame; NameLoc names the outermost frame of what it wraps
// (the Python variable); CallSiteLoc(callee at caller) is the caller's frames then the callee's;
// FusedLoc takes its first part that knows a file; loc(unknown) is no frame. The frame shown is
// the outermost one in the kernel's own file.

#include "tlift/frontend/ttir/ttir_module.h"

#include <llvm/ADT/DenseMap.h>
#include <mlir/IR/Location.h>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tlift::frontend::ttir {

class LocationResolver {
public:
    // `ttirPath`: the .ttir file itself. MLIR gives ops that the text leaves implicit (the
    // scf.yield of a loop without results) the .ttir position of their parent: such positions
    // are not kernel source and resolve to nothing.
    explicit LocationResolver(std::string ttirPath = {}) : m_ttirPath(std::move(ttirPath)) {}

    // Every frame of `loc`, outermost (the kernel's line) first.
    std::vector<TtirFrame> frames(mlir::Location loc);
    // The resolved location, preferring frames in `kernelFile` (the file of the function).
    TtirLoc resolve(mlir::Location loc, std::string_view kernelFile);
    // The file of the outermost known frame ("" when none): a function's own file.
    std::string fileOf(mlir::Location loc);

private:
    std::vector<TtirFrame> compute(mlir::Location loc, int depth);

    std::string m_ttirPath;
    // Locations are uniqued by MLIR: the same loc(#locN) is resolved once.
    llvm::DenseMap<const void*, std::vector<TtirFrame>> m_cache;
};

} // namespace tlift::frontend::ttir
