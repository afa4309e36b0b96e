#pragma once
// Finds the TTIR that Triton left in its cache: `<cache>/<hash>/<kernel>.ttir`, one folder per
// compiled specialization, with `<kernel>.json` (the compile metadata) beside it.

#include "tlift/util/diagnostic.h"
#include "tlift/util/result.h"

#include <filesystem>
#include <string>
#include <vector>

namespace tlift::frontend::ttir {

struct TritonCacheEntry {
    std::string kernel; // the file stem, i.e. the kernel's name
    std::string ttirPath;
    std::string metadataPath; // "<kernel>.json" beside the .ttir; empty when absent
    std::filesystem::file_time_type modified{};
    int versions = 1; // how many cached .ttir files exist for this kernel
};

// $TRITON_CACHE_DIR when set, else $HOME/.triton/cache; empty when neither can be known.
std::string defaultTritonCacheDir();

// Every kernel with a .ttir under `cacheDir`, the newest per kernel name (ties: the greater
// path, so the answer does not depend on directory order), sorted by kernel name. Unreadable
// folders are skipped with a warning in `warnings` (when given); a cache folder that does not
// exist is an error.
util::Result<std::vector<TritonCacheEntry>> findTtirInCache(const std::string& cacheDir,
                                                            util::Diagnostics* warnings = nullptr);

} // namespace tlift::frontend::ttir
