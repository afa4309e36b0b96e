#include "tlift/frontend/ttir/triton_cache.h"

#include <cstdlib>
#include <map>
#include <system_error>

namespace tlift::frontend::ttir {

namespace fs = std::filesystem;

std::string defaultTritonCacheDir() {
    if (const char* dir = std::getenv("TRITON_CACHE_DIR"); dir && *dir) return dir;
    if (const char* home = std::getenv("HOME"); home && *home)
        return (fs::path(home) / ".triton" / "cache").string();
    return {};
}

namespace {

bool newerThan(const TritonCacheEntry& a, const TritonCacheEntry& b) {
    if (a.modified != b.modified) return a.modified > b.modified;
    return a.ttirPath > b.ttirPath;
}

// Adds the .ttir files of one hash folder to `byKernel`, keeping the newest per kernel.
void scanHashDir(const fs::path& dir, std::map<std::string, TritonCacheEntry>& byKernel,
                 util::Diagnostics* warnings) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
        if (warnings)
            warnings->warning("io", "cannot read '" + dir.string() + "': " + ec.message());
        return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const fs::path& p = it->path();
        if (p.extension() != ".ttir" || !it->is_regular_file(ec)) continue;
        TritonCacheEntry e;
        e.kernel = p.stem().string();
        e.ttirPath = p.string();
        e.modified = fs::last_write_time(p, ec);
        fs::path meta = p;
        meta.replace_extension(".json");
        if (fs::is_regular_file(meta, ec)) e.metadataPath = meta.string();
        auto [slot, inserted] = byKernel.emplace(e.kernel, e);
        if (inserted) continue;
        int versions = slot->second.versions + 1;
        if (newerThan(e, slot->second)) slot->second = e;
        slot->second.versions = versions;
    }
}

} // namespace

util::Result<std::vector<TritonCacheEntry>> findTtirInCache(const std::string& cacheDir,
                                                            util::Diagnostics* warnings) {
    std::error_code ec;
    if (cacheDir.empty() || !fs::is_directory(cacheDir, ec))
        return util::Result<std::vector<TritonCacheEntry>>::failure(
            "io", "Triton cache folder '" + cacheDir + "' does not exist");
    std::map<std::string, TritonCacheEntry> byKernel;
    fs::directory_iterator it(cacheDir, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec))
        if (it->is_directory(ec)) scanHashDir(it->path(), byKernel, warnings);
    if (ec && warnings)
        warnings->warning("io", "stopped reading '" + cacheDir + "': " + ec.message());
    std::vector<TritonCacheEntry> out;
    for (auto& [name, entry] : byKernel)
        out.push_back(std::move(entry));
    return out;
}

} // namespace tlift::frontend::ttir
