#include "probes/parsers/account_databases.hpp"

#include <charconv>

#include "util/text.hpp"

namespace hallmark::probes::parsers {

namespace {

std::optional<unsigned> number(std::string_view text) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

template <class OnFields>
void for_each_record(std::string_view text, std::size_t field_count, OnFields on_fields) {
  for (std::string_view line : util::split(text, '\n')) {
    if (line.empty() || line.front() == '#' || line.front() == '+' || line.front() == '-') continue;
    const auto fields = util::split(line, ':');
    if (fields.size() == field_count) on_fields(fields);
  }
}

}  // namespace

std::vector<PasswdEntry> parse_passwd(std::string_view text) {
  std::vector<PasswdEntry> entries;
  for_each_record(text, 7, [&](const std::vector<std::string_view>& f) {
    const auto uid = number(f[2]);
    const auto gid = number(f[3]);
    if (uid && gid) entries.push_back({std::string(f[0]), *uid, *gid, std::string(f[5]), std::string(f[6])});
  });
  return entries;
}

std::vector<GroupEntry> parse_group(std::string_view text) {
  std::vector<GroupEntry> entries;
  for_each_record(text, 4, [&](const std::vector<std::string_view>& f) {
    const auto gid = number(f[2]);
    if (!gid) return;
    GroupEntry entry{std::string(f[0]), *gid, {}};
    if (!f[3].empty()) {
      for (std::string_view member : util::split(f[3], ',')) entry.members.emplace_back(member);
    }
    entries.push_back(std::move(entry));
  });
  return entries;
}

}  // namespace hallmark::probes::parsers
