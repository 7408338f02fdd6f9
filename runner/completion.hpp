#pragma once

#include <string>

namespace CLI {
class App;
}

namespace hallmark::runner {

// A bash completion script for the command tree under `app` (subcommands, options, flags), for
// `source <(hallmark completion bash)`. At each word it offers the subcommands and options of the
// deepest subcommand named so far; after an option that takes a value, and where a command takes
// positional arguments, it offers file names.
std::string bash_completion(const CLI::App& app);

}  // namespace hallmark::runner
