#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "contracts/version_constraint.hpp"

namespace hallmark::contracts {

// One struct per clause kind: what the contract asks for, as plain data.

// [[package]]: a package is (or is not) installed, optionally at a constrained version.
struct PackageSpec {
  std::string name;
  bool installed = true;
  std::optional<VersionConstraint> version;
};

enum class FileType { file, directory, symlink, other };

// [[file]]: a path exists (with type, mode, owner, content) or is absent.
struct FileSpec {
  std::string path;
  bool absent = false;
  std::optional<FileType> type;
  std::optional<unsigned> mode;  // permission bits, e.g. 0644
  std::optional<std::string> owner;
  std::optional<std::string> group;
  std::vector<std::string> contains;

  bool needs_content() const { return !contains.empty(); }
};

// [[sysctl]]: a kernel parameter under /proc/sys has a value.
struct SysctlSpec {
  std::string key;  // dotted ("kernel.randomize_va_space") as sysctl(8) prints it
  std::string value;
};

enum class Protocol { tcp, udp };

// [[port]]: a socket is listening (or nothing listens) on a protocol, optional address, and port.
struct PortSpec {
  Protocol protocol = Protocol::tcp;
  std::optional<std::string> address;  // canonical text form; nullopt = any address
  std::uint16_t port = 0;
  bool listening = true;
};

// [[command]]: a shell command run on the target, judged by exit code and output.
struct CommandSpec {
  std::string run;
  int exit_code = 0;
  std::vector<std::string> stdout_contains;
  std::vector<std::string> stderr_contains;
  std::chrono::seconds timeout{60};
};

using ClauseSpec = std::variant<PackageSpec, FileSpec, SysctlSpec, PortSpec, CommandSpec>;

std::string_view to_string(FileType type);
std::string_view to_string(Protocol protocol);

}  // namespace hallmark::contracts
