#include "probes/os_probe.hpp"

#include <array>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "probes/parsers/os_release.hpp"
#include "probes/version_match.hpp"

namespace hallmark::probes {

namespace {


bool contains_word(std::string_view words, std::string_view word) {
  std::size_t start = 0;
  while (start < words.size()) {
    const auto end = std::min(words.find(' ', start), words.size());
    if (words.substr(start, end - start) == word) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

void plan(const contracts::OsSpec&, FactRequest& request) {
  for (std::string_view path : parsers::k_os_release_paths) request.files[std::string(path)] = true;
}

Outcome evaluate(const contracts::OsSpec& spec, const Facts& facts) {
  std::vector<std::string> parts;
  if (spec.id) parts.push_back(fmt::format("ID={}", *spec.id));
  if (spec.version_id) parts.push_back(fmt::format("VERSION_ID {}", spec.version_id->text));
  for (const std::string& like : spec.id_like) parts.push_back(fmt::format("ID_LIKE has {}", like));
  const std::string expected = fmt::format("os-release {}", fmt::join(parts, ", "));

  const FileInfo* release = nullptr;
  for (std::string_view path : parsers::k_os_release_paths) {
    const auto found = facts.files.find(std::string(path));
    if (found == facts.files.end()) return Outcome::error(expected, "os-release was not gathered");
    if (!found->second) return Outcome::error(expected, found->second.error());
    if (found->second->exists && (!found->second->content || found->second->content_truncated)) {
      return Outcome::error(expected, fmt::format("{} exists but could not be read whole", path), ErrorKind::deterministic);
    }
    if (found->second->exists) {
      release = &*found->second;
      break;
    }
  }
  if (!release) return Outcome::fail(expected, "the image has no /etc/os-release nor /usr/lib/os-release");
  const std::string id = parsers::os_release_value(*release->content, "ID").value_or("");
  const std::string version = parsers::os_release_value(*release->content, "VERSION_ID").value_or("");
  const std::string like = parsers::os_release_value(*release->content, "ID_LIKE").value_or("");
  const std::string actual = fmt::format("os-release ID={}, VERSION_ID={}, ID_LIKE={}", id, version, like);
  bool holds = !spec.id || *spec.id == id;
  holds = holds && (!spec.version_id || (!version.empty() && satisfies(*spec.version_id, version, VersionScheme::dpkg)));
  for (const std::string& wanted : spec.id_like) holds = holds && contains_word(like, wanted);
  return holds ? Outcome::pass(expected, actual) : Outcome::fail(expected, actual);
}

}  // namespace hallmark::probes
