#pragma once
// Options of a job. Values, never globals: every job gets its own copy.

#include "tlift/frontend/python/value.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace tlift::synth {

struct LiftOptions {
    std::string kernel;     // empty: the first kernel of the file (trace, lift); batch: every kernel
    std::string launchFile; // a sidecar launch context (docs/lifting.md, "Launch file format"); empty: <file>.launch.json if present
    std::map<std::string, frontend::py::Value> constexprs; // -D NAME=VALUE on the command line
    std::size_t config = 0;  // the autotune config lifted
    bool allConfigs = true;  // also lift the other autotune configs (tested) and compare the summaries
    std::uint64_t seed = 1;
    std::chrono::milliseconds timeout{60000};      // the whole job
    std::chrono::milliseconds queryTimeout{5000};  // every solver query
    // Every side-condition query of the normalizer (the fact oracle). Its answers shape the
    // summary, so a slow machine may give a less normalized one: golden tests raise it.
    std::chrono::milliseconds factTimeout{2000};
    int boundK = 4;           // bounded verification: sizes up to K
    bool verify = true;       // prove (otherwise only test)
    bool simplify = true;     // e-graph simplification to textbook forms
    int testCases = 6;        // concrete test inputs
    std::string expect;       // --expect 'out = softmax(x, 1)'
    std::string emitSmtDir;   // write every verification condition as SMT-LIB 2
};

} // namespace tlift::synth
