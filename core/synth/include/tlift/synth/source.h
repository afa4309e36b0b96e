#pragma once
// Opening a kernel file: the parsed module, its kernels, and the diagnostics of the parse. An
// OpenedSource is shared (read-only) by every job that works on the file.

#include "tlift/frontend/python/module.h"
#include "tlift/frontend/ttir/ttir_module.h"
#include "tlift/frontend/python/parser.h"
#include "tlift/util/result.h"

#include <memory>
#include <string>
#include <vector>

namespace tlift::synth {

struct KernelEntry {
    std::string name;
    util::SourceSpan span;
    bool autotuned = false;
    bool hasHeuristics = false;
    std::size_t configs = 0; // autotune configs
};

struct OpenedSource {
    std::string path;
    std::shared_ptr<util::SourceManager> sm;
    util::FileId file = util::kNoFile;
    std::unique_ptr<frontend::py::Module> module;
    frontend::py::ModuleInfo info;
    std::vector<KernelEntry> kernels; // JIT functions that are launched or that store (entry points)
    std::vector<KernelEntry> helpers; // the other JIT functions
    util::Diagnostics diagnostics;
    // A .ttir file (module and info above are empty): the module read by the TTIR reader, the
    // folder its locations' file names are relative to, and the kernel's Python file when it is
    // found there (its wrapper gives the launch context).
    std::shared_ptr<const frontend::ttir::TtirModule> ttir;
    std::string sourceRoot;
    std::shared_ptr<const OpenedSource> python;
};

// Reads and parses a file (.py, or .ttir through the TTIR reader). Syntax errors are diagnostics of the result; only an unreadable file
// is an error.
util::Result<std::shared_ptr<const OpenedSource>> openSource(const std::string& path);
util::Result<std::shared_ptr<const OpenedSource>> openSourceText(const std::string& path, std::string text);

// The kernel a job works on: `name`, or the only / first entry point.
util::Result<const KernelEntry*> pickKernel(const OpenedSource& src, const std::string& name);

} // namespace tlift::synth
