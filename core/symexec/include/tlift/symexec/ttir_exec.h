#pragma once
// Symbolic execution of a kernel's TTIR (Triton's MLIR, read by the TTIR reader into the neutral
// TtirModule): walks the ops of the kernel function and drives the same block algebra as the
// Python driver, so the spec it yields (stores, loops as recurrences, folds, trace) goes through
// launch inference, re-indexing, synthesis and verification exactly like a Python spec.
//
// TTIR is specialized: constexprs are folded into constants, arguments equal to 1 are gone (their
// uses read the constant 1), and every value has an exact type, so no parameter is guessed.
// Unsupported ops give `unsupported TTIR op 'tt.foo' at k.py:12:5` (or `at k.ttir:40:7` when the
// op has no kernel location) and the rest of the kernel is still traced. docs/ttir.md lists the
// ops and their semantics.

#include "tlift/frontend/ttir/ttir_module.h"
#include "tlift/symexec/spec.h"
#include "tlift/util/result.h"

#include <map>
#include <memory>
#include <string>

namespace tlift::symexec {

struct TtirExecOptions {
    // The function to execute; empty: the module's kernel (its first public function with a body).
    std::string kernel;
    // Shared IR context (a fresh one when null).
    std::shared_ptr<ir::Context> ctx;
    // Folder that relative file names of the TTIR's locations are resolved against. The Python
    // files found there are loaded into the SourceManager, and trace steps, stores and loops point
    // into them; ops whose file is not found point into the .ttir text instead. Empty: the current
    // folder, then the folder of the .ttir file.
    std::string sourceRoot;
    // scf.for loops with constant bounds and at most this many iterations are unrolled, as the
    // Python driver unrolls small constexpr ranges; longer ones (and symbolic ones) become
    // recurrences. 0 unrolls nothing.
    int maxUnroll = 16;
    // The constexpr values the TTIR was compiled with, when known (the launch record or Triton's
    // cache metadata): Triton folded them, so they only label the spec (Spec::constexprs).
    std::map<std::string, double> constexprs;
};

util::Result<Spec> executeTtir(const frontend::ttir::TtirModule& m, util::SourceManager& sm, const TtirExecOptions& o);

// Reads a .ttir file (frontend::ttir::readTtirFile) and executes its kernel.
util::Result<Spec> executeTtirFile(const std::string& path, util::SourceManager& sm, const TtirExecOptions& o);

} // namespace tlift::symexec
