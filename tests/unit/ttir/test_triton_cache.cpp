// Finding TTIR in a Triton cache folder: the newest .ttir per kernel, its .json beside it.
#include "tlift/frontend/ttir/triton_cache.h"
#include "tlift/util/strings.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <random>

using namespace tlift::frontend::ttir;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::random_device rd;
        path = fs::temp_directory_path() / ("tlift_cache_" + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

void touch(const fs::path& p, std::chrono::seconds age) {
    fs::create_directories(p.parent_path());
    REQUIRE(tlift::util::writeFile(p.string(), "module {\n}\n"));
    fs::last_write_time(p, fs::file_time_type::clock::now() - age);
}

} // namespace

TEST_CASE("the cache scan keeps the newest .ttir per kernel with its metadata", "[ttir][cache]") {
    TempDir dir;
    using std::chrono::seconds;
    touch(dir.path / "AAAA" / "add_kernel.ttir", seconds(300));
    touch(dir.path / "AAAA" / "add_kernel.json", seconds(300));
    touch(dir.path / "AAAA" / "add_kernel.ttgir", seconds(300));
    touch(dir.path / "BBBB" / "add_kernel.ttir", seconds(10));
    touch(dir.path / "BBBB" / "add_kernel.json", seconds(10));
    touch(dir.path / "CCCC" / "softmax_kernel.ttir", seconds(60));
    touch(dir.path / "DDDD" / "__grp__add_kernel.json", seconds(5));

    tlift::util::Diagnostics warnings;
    auto r = findTtirInCache(dir.path.string(), &warnings);
    REQUIRE(r.ok());
    REQUIRE(r->size() == 2);
    const TritonCacheEntry& add = (*r)[0];
    CHECK(add.kernel == "add_kernel");
    CHECK(add.ttirPath == (dir.path / "BBBB" / "add_kernel.ttir").string());
    CHECK(add.metadataPath == (dir.path / "BBBB" / "add_kernel.json").string());
    CHECK(add.versions == 2);
    const TritonCacheEntry& softmax = (*r)[1];
    CHECK(softmax.kernel == "softmax_kernel");
    CHECK(softmax.metadataPath.empty());
    CHECK(softmax.versions == 1);
    CHECK(warnings.empty());
}

TEST_CASE("a missing cache folder is an error", "[ttir][cache]") {
    TempDir dir;
    auto r = findTtirInCache((dir.path / "nope").string());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().category == "io");
    CHECK_FALSE(findTtirInCache("").ok());
}

TEST_CASE("the default cache folder follows TRITON_CACHE_DIR", "[ttir][cache]") {
    const char* old = std::getenv("TRITON_CACHE_DIR");
    std::string saved = old ? old : "";
    setenv("TRITON_CACHE_DIR", "/tmp/some_cache", 1);
    CHECK(defaultTritonCacheDir() == "/tmp/some_cache");
    unsetenv("TRITON_CACHE_DIR");
    if (const char* home = std::getenv("HOME"); home && *home)
        CHECK(defaultTritonCacheDir() == (fs::path(home) / ".triton" / "cache").string());
    if (old) setenv("TRITON_CACHE_DIR", saved.c_str(), 1);
}
