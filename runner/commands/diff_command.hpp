#pragma once

#include <ostream>
#include <string>

namespace hallmark::runner::commands {

// How `hallmark diff` writes the differences.
enum class DiffFormat { text, markdown };

// `hallmark diff A B`: prints every difference from snapshot A to snapshot B, as the text diff
// or as Markdown release notes. Returns 0 when there is none, 1 when there are differences, 2
// when a snapshot cannot be read.
int diff_snapshot_files(const std::string& a, const std::string& b, DiffFormat format, std::ostream& out,
                        std::ostream& err);

}  // namespace hallmark::runner::commands
