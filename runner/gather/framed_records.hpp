#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace hallmark::runner::gather {

// One field of the framed stream a gathering script prints: "@hallmark FIELD LENGTH\n",
// LENGTH bytes of value, "\n". Length-prefixed, so values may hold any byte.
struct Record {
  std::string field;
  std::string value;
};

// Splits a script's output into records. Fails when the stream is malformed or stops
// before the closing "end" record, which is what a target dying mid-way looks like.
std::expected<std::vector<Record>, std::string> parse_records(std::string_view output);

}  // namespace hallmark::runner::gather
