#include <arpa/inet.h>

#include <array>
#include <charconv>
#include <fmt/format.h>

#include "contracts/clause_kind_readers.hpp"

// Readers of the clause kinds about the system image: packages, files, kernel parameters,
// the kernel, ports and the OS identity.
namespace hallmark::contracts::readers {

namespace {

std::optional<FileType> file_type_from(std::string_view text) {
  if (text == "file") return FileType::file;
  if (text == "directory") return FileType::directory;
  if (text == "symlink") return FileType::symlink;
  return std::nullopt;
}

std::optional<unsigned> read_mode(TableReader& reader) {
  const auto text = reader.string("mode");
  if (!text) return std::nullopt;
  unsigned mode = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), mode, 8);
  if (ec == std::errc{} && end == text->data() + text->size() && !text->empty() && mode <= 07777) return mode;
  reader.error(reader.place_of("mode"), fmt::format("'mode' must be octal permission bits like \"0644\", not \"{}\"", *text));
  return std::nullopt;
}

bool is_sha256(std::string_view text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

bool is_sysctl_key(std::string_view key) {
  if (key.empty() || key.front() == '.' || key.find("..") != std::string_view::npos) return false;
  return key.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == std::string_view::npos;
}

// Parses "tcp/22", "udp/123", "tcp/127.0.0.1:5432" or "tcp/[::1]:8080".
std::expected<PortSpec, std::string> parse_port(std::string_view text) {
  PortSpec spec;
  const auto slash = text.find('/');
  const std::string_view protocol = text.substr(0, slash);
  if (slash == std::string_view::npos || (protocol != "tcp" && protocol != "udp")) {
    return std::unexpected(fmt::format("\"{}\" is not PROTOCOL/[ADDRESS:]PORT with PROTOCOL tcp or udp", text));
  }
  spec.protocol = protocol == "tcp" ? Protocol::tcp : Protocol::udp;
  std::string_view rest = text.substr(slash + 1);
  std::string_view port_text = rest;
  if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    std::string address(rest.substr(0, colon));
    port_text = rest.substr(colon + 1);
    if (address.size() >= 2 && address.front() == '[' && address.back() == ']') address = address.substr(1, address.size() - 2);
    std::array<unsigned char, 16> buffer{};
    const int family = address.find(':') == std::string::npos ? AF_INET : AF_INET6;
    if (inet_pton(family, address.c_str(), buffer.data()) != 1) {
      return std::unexpected(fmt::format("\"{}\" is not an IPv4 or IPv6 address", address));
    }
    char canonical[INET6_ADDRSTRLEN] = {};
    inet_ntop(family, buffer.data(), canonical, sizeof canonical);
    spec.address = canonical;
  }
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc{} || end != port_text.data() + port_text.size() || port == 0 || port > 65535) {
    return std::unexpected(fmt::format("\"{}\" is not a port number from 1 to 65535", port_text));
  }
  spec.port = static_cast<std::uint16_t>(port);
  return spec;
}

}  // namespace

std::optional<ReadSpec> package(TableReader& reader) {
  PackageSpec spec;
  const auto name = reader.string("name", true);
  spec.installed = reader.boolean("installed").value_or(true);
  spec.version = reader.constraint("version");
  spec.arch = reader.string("arch");
  if (!spec.installed && (spec.version || reader.has("version"))) {
    reader.error(reader.place_of("version"), "'version' makes no sense with installed = false; remove one of them");
  }
  if (!name) return std::nullopt;
  spec.name = *name;
  return ReadSpec{spec, "package." + spec.name};
}

std::optional<ReadSpec> file(TableReader& reader) {
  FileSpec spec;
  const auto path = reader.string("path", true);
  spec.absent = reader.boolean("absent").value_or(false);
  if (const auto type = reader.string("type")) {
    spec.type = file_type_from(*type);
    if (!spec.type) {
      reader.error(reader.place_of("type"), fmt::format("'type' must be \"file\", \"directory\" or \"symlink\", not \"{}\"", *type));
    }
  }
  spec.mode = read_mode(reader);
  spec.owner = reader.string("owner");
  spec.group = reader.string("group");
  spec.contains = reader.strings("contains");
  spec.matches = reader.patterns("matches");
  if ((spec.sha256 = reader.string("sha256")) && !is_sha256(*spec.sha256)) {
    reader.error(reader.place_of("sha256"), "'sha256' must be 64 lower-case hex digits");
  }
  spec.min_size = reader.count("min_size");
  spec.max_size = reader.count("max_size");
  spec.target = reader.string("target");
  if (spec.target && spec.type && *spec.type != FileType::symlink) {
    reader.error(reader.place_of("target"), "'target' is a symlink's target, but 'type' is not \"symlink\"");
  }
  const bool says_more = spec.type || spec.mode || spec.owner || spec.group || !spec.contains.empty() ||
                         !spec.matches.empty() || spec.sha256 || spec.min_size || spec.max_size || spec.target;
  if (spec.absent && says_more) {
    reader.error(reader.place_of("absent"), "absent = true cannot be combined with other expectations on the file");
  }
  if (!path) return std::nullopt;
  if (path->empty() || path->front() != '/') {
    reader.error(reader.place_of("path"), fmt::format("'path' must be absolute, not \"{}\"", *path));
    return std::nullopt;
  }
  spec.path = *path;
  return ReadSpec{spec, "file." + spec.path};
}

std::optional<ReadSpec> sysctl(TableReader& reader) {
  SysctlSpec spec;
  const auto key = reader.string("key", true);
  spec.value = reader.string("value");
  spec.matches = reader.pattern("matches");
  spec.min = reader.integer("min");
  spec.max = reader.integer("max");
  if (!spec.value && !reader.has("matches") && !spec.min && !spec.max) {
    reader.error(reader.place(), fmt::format("{} needs at least one of 'value', 'matches', 'min' or 'max'", reader.what()));
  }
  if (key && !is_sysctl_key(*key)) {
    reader.error(reader.place_of("key"),
                 fmt::format("'key' must be a dotted kernel parameter like \"kernel.randomize_va_space\", not \"{}\"", *key));
    return std::nullopt;
  }
  if (!key) return std::nullopt;
  spec.key = *key;
  return ReadSpec{spec, "sysctl." + spec.key};
}

std::optional<ReadSpec> kernel(TableReader& reader) {
  KernelSpec spec;
  spec.release = reader.constraint("release");
  spec.release_matches = reader.pattern("release_matches");
  spec.cmdline_contains = reader.strings("cmdline_contains");
  if (!reader.has("release") && !reader.has("release_matches") && spec.cmdline_contains.empty()) {
    reader.error(reader.place(), fmt::format("{} needs 'release', 'release_matches' or 'cmdline_contains'", reader.what()));
    return std::nullopt;
  }
  return ReadSpec{spec, "kernel"};
}

std::optional<ReadSpec> port(TableReader& reader) {
  const auto listen = reader.string("listen");
  const auto closed = reader.string("closed");
  if (listen.has_value() == closed.has_value()) {
    reader.error(reader.place(), fmt::format("{} needs exactly one of 'listen' or 'closed'", reader.what()));
    return std::nullopt;
  }
  const std::string_view key = listen ? "listen" : "closed";
  auto spec = parse_port(listen ? *listen : *closed);
  if (!spec) {
    reader.error(reader.place_of(key), fmt::format("'{}': {}", key, spec.error()));
    return std::nullopt;
  }
  spec->listening = listen.has_value();
  std::string id = fmt::format("port.{}-", to_string(spec->protocol));
  if (spec->address) id += *spec->address + "-";
  id += std::to_string(spec->port);
  return ReadSpec{*spec, id};
}

std::optional<ReadSpec> os(TableReader& reader) {
  OsSpec spec;
  spec.id = reader.string("os_id");
  spec.version_id = reader.constraint("version_id");
  spec.id_like = reader.strings("id_like");
  if (!spec.id && !reader.has("version_id") && spec.id_like.empty()) {
    reader.error(reader.place(), fmt::format("{} needs 'os_id', 'version_id' or 'id_like'", reader.what()));
    return std::nullopt;
  }
  return ReadSpec{spec, "os"};
}

}  // namespace hallmark::contracts::readers
