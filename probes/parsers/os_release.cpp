#include "probes/parsers/os_release.hpp"

#include "util/text.hpp"

namespace hallmark::probes::parsers {

std::optional<std::string> os_release_value(std::string_view text, std::string_view key) {
  for (std::string_view line : util::split(text, '\n')) {
    if (!line.starts_with(key) || line.size() <= key.size() || line[key.size()] != '=') continue;
    std::string_view value = line.substr(key.size() + 1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    std::string unescaped;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (value[i] == '\\' && i + 1 < value.size()) ++i;
      unescaped += value[i];
    }
    return unescaped;
  }
  return std::nullopt;
}

}  // namespace hallmark::probes::parsers
