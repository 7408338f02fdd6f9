#include "probes/account_probes.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "probes/parsers/account_databases.hpp"

namespace hallmark::probes {

namespace {

constexpr std::string_view k_passwd = "/etc/passwd";
constexpr std::string_view k_group = "/etc/group";

// The content of an account database, or why it is not available: a database missing,
// unreadable or cut at the gather cap is a broken source (every Linux image has both), never an
// empty one that would let "absent" pass.
std::expected<std::string_view, FactError> content_of(const Facts& facts, std::string_view path) {
  const auto found = facts.files.find(std::string(path));
  if (found == facts.files.end()) return std::unexpected(fmt::format("{} was not gathered", path));
  if (!found->second) return std::unexpected(found->second.error());
  if (!found->second->exists) return std::unexpected(deterministic_error(fmt::format("{} does not exist", path)));
  if (!found->second->content) return std::unexpected(deterministic_error(fmt::format("{} is unreadable", path)));
  if (found->second->content_truncated) {
    return std::unexpected(deterministic_error(fmt::format("{} is larger than hallmark reads", path)));
  }
  return std::string_view(*found->second->content);
}

bool is_member(const std::string& user, const parsers::GroupEntry& group, const std::vector<parsers::PasswdEntry>& users) {
  if (std::find(group.members.begin(), group.members.end(), user) != group.members.end()) return true;
  return std::any_of(users.begin(), users.end(),
                     [&](const parsers::PasswdEntry& entry) { return entry.name == user && entry.gid == group.gid; });
}

}  // namespace

void plan(const contracts::UserSpec& spec, FactRequest& request) {
  request.files[std::string(k_passwd)] = true;
  if (!spec.groups.empty()) request.files[std::string(k_group)] = true;
}

void plan(const contracts::GroupSpec&, FactRequest& request) {
  request.files[std::string(k_group)] = true;
  request.files[std::string(k_passwd)] = true;
}

Outcome evaluate(const contracts::UserSpec& spec, const Facts& facts) {
  std::vector<std::string> parts;
  if (spec.uid) parts.push_back(fmt::format("uid {}", *spec.uid));
  if (spec.gid) parts.push_back(fmt::format("gid {}", *spec.gid));
  if (spec.home) parts.push_back(fmt::format("home {}", *spec.home));
  if (spec.shell) parts.push_back(fmt::format("shell {}", *spec.shell));
  for (const std::string& group : spec.groups) parts.push_back(fmt::format("in group {}", group));
  const std::string expected = spec.absent ? fmt::format("no user {}", spec.name)
                                           : fmt::format("user {} {}", spec.name, fmt::join(parts, ", "));
  const auto passwd = content_of(facts, k_passwd);
  if (!passwd) return Outcome::error(expected, passwd.error());
  const auto users = parsers::parse_passwd(*passwd);
  const auto user = std::find_if(users.begin(), users.end(), [&](const parsers::PasswdEntry& e) { return e.name == spec.name; });
  if (user == users.end()) {
    const std::string actual = fmt::format("no user {} in /etc/passwd", spec.name);
    return spec.absent ? Outcome::pass(expected, actual) : Outcome::fail(expected, actual);
  }
  const std::string actual = fmt::format("user {} uid {}, gid {}, home {}, shell {}", user->name, user->uid, user->gid,
                                         user->home, user->shell);
  if (spec.absent) return Outcome::fail(expected, actual);
  bool holds = (!spec.uid || *spec.uid == user->uid) && (!spec.gid || *spec.gid == user->gid) &&
               (!spec.home || *spec.home == user->home) && (!spec.shell || *spec.shell == user->shell);
  std::vector<std::string> missing_groups;
  if (!spec.groups.empty()) {
    const auto group_text = content_of(facts, k_group);
    if (!group_text) return Outcome::error(expected, group_text.error());
    const auto groups = parsers::parse_group(*group_text);
    for (const std::string& wanted : spec.groups) {
      const auto group = std::find_if(groups.begin(), groups.end(), [&](const parsers::GroupEntry& g) { return g.name == wanted; });
      if (group == groups.end() || !is_member(spec.name, *group, users)) missing_groups.push_back(wanted);
    }
  }
  if (holds && missing_groups.empty()) return Outcome::pass(expected, actual);
  return Outcome::fail(expected, missing_groups.empty() ? actual
                                                        : fmt::format("{}; not in {}", actual, fmt::join(missing_groups, ", ")));
}

Outcome evaluate(const contracts::GroupSpec& spec, const Facts& facts) {
  std::vector<std::string> parts;
  if (spec.gid) parts.push_back(fmt::format("gid {}", *spec.gid));
  for (const std::string& member : spec.members) parts.push_back(fmt::format("member {}", member));
  const std::string expected = spec.absent ? fmt::format("no group {}", spec.name)
                                           : fmt::format("group {} {}", spec.name, fmt::join(parts, ", "));
  const auto group_text = content_of(facts, k_group);
  if (!group_text) return Outcome::error(expected, group_text.error());
  const auto passwd = content_of(facts, k_passwd);
  if (!passwd) return Outcome::error(expected, passwd.error());
  const auto groups = parsers::parse_group(*group_text);
  const auto users = parsers::parse_passwd(*passwd);
  const auto group = std::find_if(groups.begin(), groups.end(), [&](const parsers::GroupEntry& g) { return g.name == spec.name; });
  if (group == groups.end()) {
    const std::string actual = fmt::format("no group {} in /etc/group", spec.name);
    return spec.absent ? Outcome::pass(expected, actual) : Outcome::fail(expected, actual);
  }
  const std::string actual = fmt::format("group {} gid {}, members {}", group->name, group->gid,
                                         group->members.empty() ? "(none)" : fmt::format("{}", fmt::join(group->members, ",")));
  if (spec.absent) return Outcome::fail(expected, actual);
  bool holds = !spec.gid || *spec.gid == group->gid;
  for (const std::string& member : spec.members) holds = holds && is_member(member, *group, users);
  return holds ? Outcome::pass(expected, actual) : Outcome::fail(expected, actual);
}

}  // namespace hallmark::probes
