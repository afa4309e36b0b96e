#pragma once
// Reads Triton's TTIR (the `.ttir` text Triton 3.6 writes to its cache or `kernel.asm["ttir"]`)
// into the neutral TtirModule. Parsing is done by MLIR 19 with tritonlift's own `tt` dialect;
// nothing of MLIR leaks out of this call. Errors are data: a syntax error, an op the dialect does
// not know ("unsupported TTIR op 'tt.foo' at k.ttir:3:5") or a verifier complaint comes back as
// a Diagnostic with the .ttir file:line:col.

#include "tlift/frontend/ttir/ttir_module.h"
#include "tlift/util/result.h"
#include "tlift/util/source.h"

#include <string>

namespace tlift::frontend::ttir {

// False when tritonlift was built without MLIR (TLIFT_BUILD_TTIR=OFF); readTtir then fails with
// "built without TTIR support".
bool ttirSupportAvailable();

// Reads the TTIR text of `file` (registered with `sm`).
util::Result<TtirModule> readTtir(util::SourceManager& sm, util::FileId file);

// Loads `path` into `sm`, then reads it.
util::Result<TtirModule> readTtirFile(util::SourceManager& sm, const std::string& path);

} // namespace tlift::frontend::ttir
