#include "tlift/frontend/ttir/ttir_reader.h"

#include "tlift/util/strings.h"
#include "ttir_converter.h"
#include "ttir_dialects.h"
#include "ttir_parser.h"

#include <chrono>

namespace tlift::frontend::ttir {

bool ttirSupportAvailable() {
    return true;
}

util::Result<TtirModule> readTtir(util::SourceManager& sm, util::FileId file) {
    using R = util::Result<TtirModule>;
    const util::SourceFile* source = sm.file(file);
    if (!source) return R::failure("io", "no such source file");
    if (util::trim(source->text).empty())
        return R::failure("syntax", "empty TTIR file '" + source->path + "'",
                          util::SourceSpan{file, 1, 1, 1, 1});

    std::unique_ptr<mlir::MLIRContext> ctx = makeTtirContext();
    TtirParser parser(*ctx, sm, file);
    if (std::optional<util::Diagnostic> error = parser.run()) return R(std::move(*error));

    TtirModule module;
    module.file = file;
    module.path = source->path;
    module.warnings = parser.warnings();
    auto t0 = std::chrono::steady_clock::now();
    if (std::optional<util::Diagnostic> error = TtirConverter(parser, module).run())
        return R(std::move(*error));
    module.stats.parseMs = parser.parseMs();
    module.stats.verifyMs = parser.verifyMs();
    module.stats.convertMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (module.functions.empty())
        return R::failure("ttir", "no function in TTIR file '" + source->path + "'",
                          util::SourceSpan{file, 1, 1, 1, 1});
    return module;
}

util::Result<TtirModule> readTtirFile(util::SourceManager& sm, const std::string& path) {
    std::string error;
    util::FileId file = sm.loadFile(path, &error);
    if (file == util::kNoFile) return util::Result<TtirModule>::failure("io", error);
    return readTtir(sm, file);
}

} // namespace tlift::frontend::ttir
