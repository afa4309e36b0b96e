// The TTIR reader of a build without MLIR (TLIFT_BUILD_TTIR=OFF): the same API, which says so.
#include "tlift/frontend/ttir/ttir_reader.h"

namespace tlift::frontend::ttir {

bool ttirSupportAvailable() {
    return false;
}

util::Result<TtirModule> readTtir(util::SourceManager& sm, util::FileId file) {
    return util::Result<TtirModule>::failure(
        "unsupported", "built without TTIR support",
        util::SourceSpan{file, sm.file(file) ? 1u : 0u, 1, 1, 1});
}

util::Result<TtirModule> readTtirFile(util::SourceManager& sm, const std::string& path) {
    return util::Result<TtirModule>::failure(
        "unsupported", "built without TTIR support (cannot read '" + path + "')");
}

} // namespace tlift::frontend::ttir
