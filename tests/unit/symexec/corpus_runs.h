#pragma once
// Test support: the corpus's ground-truth runs (tests/data/runs, made on a GPU by
// tools/device/run_corpus.py) as symbolic-execution options and runner inputs.
#include "tlift/frontend/python/module.h"
#include "tlift/frontend/python/parser.h"
#include "tlift/symexec/python_exec.h"
#include "tlift/symexec/runner.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace tlift::testing {

struct LoadedKernel {
    util::SourceManager sm;
    frontend::py::ParseResult parsed;
    frontend::py::ModuleInfo info;
    util::Diagnostics diags;
};

std::unique_ptr<LoadedKernel> loadKernelFile(const std::string& path);

struct CorpusCase {
    std::string name;      // kernel name of the corpus
    std::string file;      // source, relative to the repository
    std::string kernel;
    symexec::ExecOptions options;
    symexec::RunInput input;
    // Output buffers by parameter name: the GPU's values, and whether the element was defined.
    std::map<std::string, std::vector<double>> expected;
    std::string sizeText;
};

// Every case of every run file under tests/data/runs.
std::vector<CorpusCase> loadCorpusRuns(const std::string& dataDir);

// Reads a float written by the device script (shortest decimal of the float32, or "nan"/"inf").
double readFloat(const nlohmann::json& v);

} // namespace tlift::testing
