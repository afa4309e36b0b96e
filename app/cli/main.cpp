// tritonlift: the command-line face of the engine. Every feature works here first.
#include "tlift_version.h"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"tritonlift: lift Triton kernels to verified, readable mathematics"};
    app.set_version_flag("--version", std::string("tritonlift ") + TLIFT_VERSION);
    app.require_subcommand(0, 1);
    CLI11_PARSE(app, argc, argv);
    if (app.get_subcommands().empty()) {
        std::cout << app.help();
    }
    return 0;
}
