#pragma once
// `tritonlift report` and `tritonlift export`: a lift written as a report (HTML, Markdown,
// LaTeX, JSON) or as reference code (NumPy, PyTorch, pytest). main() registers them before it
// parses and runs them after.

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>

namespace tlift::cli {

class ReportCommands {
public:
    explicit ReportCommands(CLI::App& app);
    ~ReportCommands();
    // The exit status when one of these subcommands was given; nullopt otherwise.
    std::optional<int> run(int argc, char** argv) const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace tlift::cli
