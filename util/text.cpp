#include "util/text.hpp"

namespace hallmark::util {

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> fields;
  while (true) {
    const auto at = text.find(separator);
    fields.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return fields;
    text = text.substr(at + 1);
  }
}

std::string without_trailing(std::string_view text, std::string_view characters) {
  const auto last = text.find_last_not_of(characters);
  return std::string(text.substr(0, last == std::string_view::npos ? 0 : last + 1));
}

}  // namespace hallmark::util
