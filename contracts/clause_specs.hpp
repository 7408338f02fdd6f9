#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "contracts/pattern.hpp"
#include "contracts/version_constraint.hpp"

namespace hallmark::contracts {

// One struct per clause kind: what the contract asks for, as plain data.

// [[package]]: a package is (or is not) installed, optionally at a constrained version.
struct PackageSpec {
  std::string name;
  bool installed = true;
  std::optional<VersionConstraint> version;
  std::optional<std::string> arch;  // only installed instances of this architecture count
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
  std::vector<Pattern> matches;        // regular expressions the content must match
  std::optional<std::string> sha256;   // lower-case hex digest of the content
  std::optional<std::uint64_t> min_size;
  std::optional<std::uint64_t> max_size;
  std::optional<std::string> target;   // a symlink's target, as readlink prints it

  bool needs_content() const { return !contains.empty() || !matches.empty() || sha256.has_value(); }
};

// [[sysctl]]: a kernel parameter under /proc/sys has a value, matches a pattern, or lies
// within numeric bounds (at least one of them).
struct SysctlSpec {
  std::string key;  // dotted ("kernel.randomize_va_space") as sysctl(8) prints it
  std::optional<std::string> value;
  std::optional<Pattern> matches;
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
};

// [[kernel]]: the running kernel's release and command line. In a container this is the
// host's kernel, which the container shares.
struct KernelSpec {
  std::optional<VersionConstraint> release;  // ordered segment-wise (rpmvercmp): "6.1.0-13-amd64"
  std::optional<Pattern> release_matches;
  std::vector<std::string> cmdline_contains;
};

enum class Protocol { tcp, udp };

// [[port]]: a socket is listening (or nothing listens) on a protocol, optional address, and port.
struct PortSpec {
  Protocol protocol = Protocol::tcp;
  std::optional<std::string> address;  // canonical text form; nullopt = any address
  std::uint16_t port = 0;
  bool listening = true;
};

// [[command]] and [[regression]]: a shell command run on the target, judged by exit code
// and output.
struct CommandSpec {
  std::string run;
  int exit_code = 0;
  std::vector<std::string> stdout_contains;
  std::vector<std::string> stderr_contains;
  std::vector<Pattern> stdout_matches;
  std::vector<Pattern> stderr_matches;
  std::chrono::seconds timeout{60};
  bool parallel = true;  // false: the command must not overlap with any other (run alone)
};

enum class UnitState { enabled, disabled, masked, static_unit, not_found };

// [[service]]: a systemd unit's enablement, read from unit files and .wants links (no running
// systemd needed), and its active state where systemd runs.
struct ServiceSpec {
  std::string name;  // "ssh.service"; ".service" is added when no unit type is given
  std::optional<UnitState> state;
  std::optional<bool> active;
};

// [[user]]: an account in /etc/passwd with these properties, or absent.
struct UserSpec {
  std::string name;
  bool absent = false;
  std::optional<unsigned> uid;
  std::optional<unsigned> gid;
  std::optional<std::string> home;
  std::optional<std::string> shell;
  std::vector<std::string> groups;  // the user belongs to each (primary or supplementary)
};

// [[group]]: a group in /etc/group with these properties, or absent.
struct GroupSpec {
  std::string name;
  bool absent = false;
  std::optional<unsigned> gid;
  std::vector<std::string> members;  // each is a member (listed, or has it as primary group)
};

// [[os]]: the os-release identity of the image.
struct OsSpec {
  std::optional<std::string> id;          // os-release ID ("debian", "rhel"); `os_id` in contracts
  std::optional<VersionConstraint> version_id;
  std::vector<std::string> id_like;       // each must appear in ID_LIKE
};

// [[symbols]]: the ABI a library exports, or the newest symbol version binaries need.
struct SymbolsSpec {
  std::optional<std::string> library;     // a path, or a soname resolved on the target
  std::optional<std::string> soname;      // DT_SONAME the library must carry
  std::vector<std::string> exports;       // name, name@VERSION, name@@VERSION
  std::vector<std::string> versions;      // version definitions the library must provide
  std::vector<std::string> binaries;      // directories whose ELF files are checked
  std::optional<std::string> requires_at_most;  // e.g. "GLIBC_2.36"
};

using ClauseSpec = std::variant<PackageSpec, FileSpec, SysctlSpec, KernelSpec, PortSpec, CommandSpec, ServiceSpec,
                                UserSpec, GroupSpec, OsSpec, SymbolsSpec>;

std::string_view to_string(FileType type);
std::string_view to_string(UnitState state);
std::string_view to_string(Protocol protocol);

}  // namespace hallmark::contracts
