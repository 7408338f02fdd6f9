#include "probes/file_probe.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "util/sha256.hpp"

namespace hallmark::probes {

void plan(const contracts::FileSpec& spec, FactRequest& request) {
  bool& content = request.files[spec.path];
  content = content || spec.needs_content();
}

namespace {

std::string describe_expected(const contracts::FileSpec& spec) {
  if (spec.absent) return fmt::format("{} absent", spec.path);
  std::vector<std::string> parts;
  parts.push_back(spec.type ? std::string(to_string(*spec.type)) : "exists");
  if (spec.mode) parts.push_back(fmt::format("mode {:04o}", *spec.mode));
  if (spec.owner) parts.push_back(fmt::format("owner {}", *spec.owner));
  if (spec.group) parts.push_back(fmt::format("group {}", *spec.group));
  if (spec.target) parts.push_back(fmt::format("-> {}", *spec.target));
  if (spec.min_size) parts.push_back(fmt::format("at least {} bytes", *spec.min_size));
  if (spec.max_size) parts.push_back(fmt::format("at most {} bytes", *spec.max_size));
  for (const std::string& text : spec.contains) parts.push_back(fmt::format("contains \"{}\"", text));
  for (const auto& pattern : spec.matches) parts.push_back(fmt::format("matches /{}/", pattern.text()));
  if (spec.sha256) parts.push_back(fmt::format("sha256 {}", *spec.sha256));
  return fmt::format("{}: {}", spec.path, fmt::join(parts, ", "));
}

// An owner in the contract may be a name or a numeric id.
bool same_owner(const std::string& wanted, const std::string& name, unsigned id) {
  return wanted == name || wanted == std::to_string(id);
}

void check_content(const contracts::FileSpec& spec, const FileInfo& file, std::vector<std::string>& problems) {
  for (const std::string& text : spec.contains) {
    if (file.content->find(text) == std::string::npos) problems.push_back(fmt::format("does not contain \"{}\"", text));
  }
  for (const contracts::Pattern& pattern : spec.matches) {
    if (!pattern.found_in(*file.content)) problems.push_back(fmt::format("does not match /{}/", pattern.text()));
  }
  if (spec.sha256) {
    const std::string digest = util::sha256_hex(*file.content);
    if (digest != *spec.sha256) problems.push_back(fmt::format("has sha256 {}", digest));
  }
}

}  // namespace

Outcome evaluate(const contracts::FileSpec& spec, const Facts& facts) {
  const std::string expected = describe_expected(spec);
  const auto found = facts.files.find(spec.path);
  if (found == facts.files.end()) return Outcome::error(expected, "file facts were not gathered");
  if (!found->second) return Outcome::error(expected, found->second.error());
  const FileInfo& file = *found->second;

  if (spec.absent) {
    return file.exists ? Outcome::fail(expected, fmt::format("{} exists ({})", spec.path, to_string(file.type)))
                       : Outcome::pass(expected, fmt::format("{} does not exist", spec.path));
  }
  if (!file.exists) return Outcome::fail(expected, fmt::format("{} does not exist", spec.path));

  std::vector<std::string> problems;
  if (spec.type && *spec.type != file.type) {
    problems.push_back(fmt::format("is a {}", to_string(file.type)));
  }
  if (spec.mode && *spec.mode != file.mode) problems.push_back(fmt::format("mode {:04o}", file.mode));
  if (spec.owner && !same_owner(*spec.owner, file.user, file.uid)) {
    problems.push_back(fmt::format("owner {} ({})", file.user, file.uid));
  }
  if (spec.group && !same_owner(*spec.group, file.group, file.gid)) {
    problems.push_back(fmt::format("group {} ({})", file.group, file.gid));
  }
  if (spec.target && file.link_target != *spec.target) {
    problems.push_back(file.type == contracts::FileType::symlink ? fmt::format("points to {}", file.link_target)
                                                                : "is not a symlink");
  }
  if (spec.min_size && file.size < *spec.min_size) problems.push_back(fmt::format("is {} bytes", file.size));
  if (spec.max_size && file.size > *spec.max_size) problems.push_back(fmt::format("is {} bytes", file.size));
  if (spec.needs_content() && !file.content) {
    // Not a verdict on the image: hallmark could not read what it must judge (permissions, sudo).
    return Outcome::error(expected, fmt::format("{}: content unreadable (not a regular file hallmark may read)", spec.path),
                          ErrorKind::deterministic);
  }
  if (spec.needs_content() && file.content_truncated) {
    // A verdict on a prefix would be a guess: "contains" could be further on, a digest differs.
    return Outcome::error(expected, fmt::format("{} is larger than hallmark reads (64 MiB); its content is not judged", spec.path),
                          ErrorKind::deterministic);
  }
  if (spec.needs_content()) check_content(spec, file, problems);
  const std::string summary = fmt::format("{} {}, mode {:04o}, owner {}:{}", spec.path,
                                          to_string(file.type), file.mode, file.user, file.group);
  if (problems.empty()) return Outcome::pass(expected, summary);
  return Outcome::fail(expected, fmt::format("{}: {}", spec.path, fmt::join(problems, "; ")));
}

}  // namespace hallmark::probes
