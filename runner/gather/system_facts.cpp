#include <fmt/format.h>

#include "probes/parsers/dpkg_status.hpp"
#include "probes/parsers/headed_files.hpp"
#include "probes/parsers/stat_line.hpp"
#include "probes/parsers/package_databases.hpp"
#include "probes/parsers/proc_net.hpp"
#include "probes/sysctl_probe.hpp"
#include "runner/gather/script_runner.hpp"
#include "runner/gather/embedded_scripts.hpp"
#include "runner/gather/gatherers.hpp"

// Gatherers of the facts about the system image: packages, files, kernel parameters, sockets.
namespace hallmark::runner::gather {

namespace {

constexpr std::string_view database_path(std::string_view scheme) {
  return scheme == "dpkg" ? "/var/lib/dpkg/status" : scheme == "apk" ? "/lib/apk/db/installed" : "rpm -qa";
}

// The installed packages, only from a database read whole and without error: the package
// tool exited 0, the file was readable and under the cap, and every line of it parsed.
probes::Fact<probes::PackageFacts> read_packages(const std::vector<Record>& records) {
  probes::PackageFacts packages;
  std::string scheme, db, status = "0", tool_stderr;
  for (const Record& record : records) {
    if (record.field == "scheme") scheme = record.value;
    else if (record.field == "db") db = record.value;
    else if (record.field == "status") status = record.value;
    else if (record.field == "stderr") tool_stderr = record.value;
    else if (record.field == "unreadable" && record.value == "db") {
      return std::unexpected(probes::deterministic_error(fmt::format("package database {} is unreadable", database_path(scheme))));
    } else if (record.field == "truncated" && record.value == "db") {
      return std::unexpected(
          probes::deterministic_error(fmt::format("package database {} is larger than hallmark reads (256 MiB)", database_path(scheme))));
    }
  }
  packages.scheme = probes::version_scheme_from_string(scheme);
  if (!packages.scheme) return packages;
  if (status != "0") {
    return std::unexpected(probes::deterministic_error(fmt::format("package database unreadable: {} exited {}: {}", database_path(scheme),
                                                                   status, tool_stderr.empty() ? "(no message)" : tool_stderr)));
  }
  auto parsed = scheme == "dpkg"  ? probes::parsers::parse_dpkg_status(db)
                : scheme == "apk" ? probes::parsers::parse_apk_installed(db)
                                  : probes::parsers::parse_rpm_query(db);
  if (!parsed) {
    return std::unexpected(probes::deterministic_error(fmt::format("package database {} is corrupt: {}", database_path(scheme), parsed.error())));
  }
  packages.installed = std::move(*parsed);
  return packages;
}

}  // namespace

void packages(transports::Transport& transport, std::optional<probes::VersionScheme> pinned, milliseconds timeout, probes::Facts& facts) {
  // The script detects the database unless the contract pins one.
  const std::vector<std::string> args{pinned ? std::string(probes::to_string(*pinned)) : "detect"};
  const auto records = run_script(transport, scripts::k_packages, args, timeout);
  if (!records) {
    facts.packages = std::unexpected(records.error());
    return;
  }
  facts.packages = read_packages(*records);
}

void files(transports::Transport& transport, const std::map<std::string, bool>& wanted, milliseconds timeout, probes::Facts& facts) {
  std::vector<std::string> args;
  for (const auto& [path, content] : wanted) {
    args.push_back(content ? "c" : "m");
    args.push_back(path);
    facts.files[path] = std::unexpected("the target did not report on this path");
  }
  const auto records = run_keyed_script(transport, scripts::k_files, args, timeout, facts.files);
  if (!records) return;
  probes::FileInfo* current = nullptr;
  std::string current_path;
  for (const Record& record : *records) {
    if (record.field == "path") {
      current_path = record.value;
      auto& fact = facts.files[current_path];
      fact = probes::FileInfo{};
      current = &*fact;
    } else if (!current) {
      continue;
    } else if (record.field == "stat" && !probes::parsers::decode_stat_line(record.value, *current)) {
      facts.files[current_path] = std::unexpected(probes::deterministic_error(fmt::format("cannot stat {}: {}", current_path, record.value)));
      current = nullptr;
    } else if (record.field == "link") {
      current->link_target = record.value;
    } else if (record.field == "content") {
      current->content = record.value;
    } else if (record.field == "truncated" && record.value == "content") {
      current->content_truncated = true;
    }
  }
}

namespace {

// What hallmark keeps of one kernel parameter; the script reads one byte more, to tell.
constexpr std::size_t k_sysctl_cap = std::size_t{1} << 20;

// A kernel parameter's value from the bytes read of its file: without trailing newlines, as
// $(cat PATH) gives it; an error when it is longer than hallmark reads.
probes::Fact<std::optional<std::string>> sysctl_value(const std::string& key, std::string bytes) {
  if (bytes.size() > k_sysctl_cap) {
    return std::unexpected(probes::deterministic_error(fmt::format("{} is longer than hallmark reads (1 MiB)", key)));
  }
  bytes.erase(bytes.find_last_not_of('\n') + 1);
  return std::optional<std::string>(std::move(bytes));
}

}  // namespace

void sysctls(transports::Transport& transport, const std::set<std::string>& keys, milliseconds timeout, probes::Facts& facts) {
  std::vector<std::string> args{std::to_string(k_sysctl_cap)};
  std::map<std::string, std::string> key_by_path;
  for (const std::string& key : keys) {
    args.push_back(probes::sysctl_path(key));
    key_by_path[args.back()] = key;
    facts.sysctls[key] = std::unexpected("the target did not report on this key");
  }
  const auto records = run_keyed_script(transport, scripts::k_sysctls, args, timeout, facts.sysctls);
  if (!records) return;
  std::string key;
  std::set<std::string> reported;  // paths with records of their own
  const Record* values = nullptr;
  for (const Record& record : *records) {
    if (record.field == "path") {
      key = key_by_path[record.value];
      reported.insert(record.value);
    } else if (record.field == "value") {
      facts.sysctls[key] = sysctl_value(key, record.value);
    } else if (record.field == "absent") {
      facts.sysctls[key] = std::optional<std::string>();
    } else if (record.field == "unreadable") {
      // Read permission or a handler that refuses reads: the same on every retry.
      facts.sysctls[key] = std::unexpected(probes::deterministic_error(fmt::format("cannot read {}: {}", key, record.value)));
    } else if (record.field == "values") {
      values = &record;
    } else if (record.field == "truncated" && record.value == "values") {
      values = nullptr;  // the keys keep "did not report"; cut at 16 MiB, nothing here is whole
      for (const auto& [path, each] : key_by_path) {
        if (!reported.contains(path)) facts.sysctls[each] = std::unexpected(probes::deterministic_error("the kernel parameters are larger than hallmark reads (16 MiB)"));
      }
    }
  }
  if (!values) return;
  // The other paths, in the order they were sent, were read by one `head`.
  std::vector<std::string> together;
  for (auto path = args.begin() + 1; path != args.end(); ++path) {
    if (!reported.contains(*path)) together.push_back(*path);
  }
  const auto contents = probes::parsers::parse_headed_files(values->value, together);
  for (const std::string& path : together) {
    auto& fact = facts.sysctls[key_by_path[path]];
    if (!contents) {
      fact = std::unexpected(probes::deterministic_error(contents.error()));
      continue;
    }
    fact = sysctl_value(key_by_path[path], contents->at(path));
  }
}

void sockets(transports::Transport& transport, milliseconds timeout, probes::Facts& facts) {
  const auto records = run_script(transport, scripts::k_sockets, {}, timeout);
  if (!records) {
    facts.sockets = std::unexpected(records.error());
    return;
  }
  std::vector<probes::Socket> sockets;
  for (const Record& record : *records) {
    // The script sends "" for a table it cannot read. IPv4 tables exist on every Linux; the
    // IPv6 ones are missing only in a kernel without IPv6, where no IPv6 socket can listen.
    if (record.value.empty()) {
      if (record.field.ends_with('6')) continue;
      facts.sockets = std::unexpected(probes::deterministic_error(fmt::format("/proc/net/{} is missing or unreadable", record.field)));
      return;
    }
    const auto protocol = record.field.starts_with("tcp") ? contracts::Protocol::tcp : contracts::Protocol::udp;
    auto parsed = probes::parsers::parse_proc_net(record.value, protocol, record.field.ends_with('6'));
    if (!parsed) {
      facts.sockets = std::unexpected(probes::deterministic_error(fmt::format("/proc/net/{}: {}", record.field, parsed.error().why)));
      return;
    }
    sockets.insert(sockets.end(), parsed->begin(), parsed->end());
  }
  facts.sockets = std::move(sockets);
}

}  // namespace hallmark::runner::gather
