#pragma once
// Support of the TTIR driver's tests: the corpus's TTIR files with their launch records
// (tests/data/ttir/<category>/<name>.{ttir,launch.json}), which GPU run cases match their
// specialization, fresh random inputs of a record's launch, and buffer comparison.

#include "../symexec/corpus_runs.h"

#include "tlift/symexec/runner.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace tlift::testing {

struct TtirLaunch {
    std::string name;     // corpus name ("add")
    std::string category; // "elementwise"
    std::string ttirPath; // absolute
    std::string file;     // the kernel's Python source, relative to the repository
    std::string kernel;
    nlohmann::json record; // the .launch.json
    std::map<std::string, frontend::py::Value> constexprs;
    std::set<std::string> equalToOne; // arguments Triton specialized away (they were 1)
};

std::vector<TtirLaunch> loadTtirLaunches(const std::string& dataDir);

// A GPU run case matches a TTIR when it was launched with the same constexprs and with every
// argument the TTIR specialized away equal to 1.
bool caseMatches(const TtirLaunch& l, const CorpusCase& c);

// Random inputs for the launch of the record (its grid, sizes and scalars): floats in [-2, 2)
// rounded to the buffer's type, integers in [0, smallest size) (index buffers stay in bounds),
// booleans 0/1. `python` gets the execution options of the Python driver for the same launch.
struct FreshRun {
    symexec::ExecOptions python;
    symexec::RunInput input;
};
FreshRun freshInputs(const TtirLaunch& l, unsigned seed);

// Element-wise comparison with the corpus test's tolerance (2e-3 relative, NaN equals NaN).
struct Mismatch {
    std::size_t count = 0;
    std::string first; // "out_ptr[17]: want 1.5, got 2"
};
Mismatch compareBuffers(const std::map<std::string, std::vector<double>>& want,
                        const std::map<std::string, std::vector<double>>& got);

} // namespace tlift::testing
