#pragma once

#include <string_view>
#include <vector>

namespace hallmark::util {

// Splits `text` at every `separator`: "a:b:" gives {"a", "b", ""}. The fact parsers read
// line- and colon-separated databases with it.
std::vector<std::string_view> split(std::string_view text, char separator);

}  // namespace hallmark::util
