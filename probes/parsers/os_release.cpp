#include "probes/parsers/os_release.hpp"

#include "util/text.hpp"

namespace hallmark::probes::parsers {

namespace {

std::string unquote(std::string_view value) {
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

}  // namespace

std::map<std::string, std::string> parse_os_release(std::string_view text) {
  std::map<std::string, std::string> values;
  for (std::string_view line : util::split(text, '\n')) {
    const std::size_t equals = line.find('=');
    if (equals == 0 || equals == std::string_view::npos) continue;
    const std::string_view key = line.substr(0, equals);
    const auto [value, inserted] = values.try_emplace(std::string(key));
    if (inserted) value->second = unquote(line.substr(equals + 1));
  }
  return values;
}

std::optional<std::string> os_release_value(std::string_view text, std::string_view key) {
  std::map<std::string, std::string> values = parse_os_release(text);
  const auto found = values.find(std::string(key));
  if (found == values.end()) return std::nullopt;
  return std::move(found->second);
}

}  // namespace hallmark::probes::parsers
