#pragma once

#include <string>
#include <vector>

namespace hallmark::runner::transports {

// Joins argv into one POSIX shell command line that the remote shell splits back into exactly
// these words: each is wrapped in single quotes, and a ' inside becomes '\''. Nothing is
// expanded, so contract values stay data. Cannot carry NUL bytes (callers reject them).
std::string shell_quote(const std::vector<std::string>& argv);

}  // namespace hallmark::runner::transports
