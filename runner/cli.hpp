#pragma once

namespace hallmark::runner {

// The whole command line interface: parses argv, runs the subcommand, returns the exit code.
// Unexpected exceptions are caught here and reported as "hallmark: error: ...".
int cli_main(int argc, char** argv);

}  // namespace hallmark::runner
