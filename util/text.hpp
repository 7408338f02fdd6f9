#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hallmark::util {

// Splits `text` at every `separator`: "a:b:" gives {"a", "b", ""}. The fact parsers read
// line- and colon-separated databases with it.
std::vector<std::string_view> split(std::string_view text, char separator);

// `text` without the run of `characters` at its end: a tool's message without its final newline.
std::string without_trailing(std::string_view text, std::string_view characters);

}  // namespace hallmark::util
