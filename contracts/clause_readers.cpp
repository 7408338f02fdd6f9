#include "contracts/clause_readers.hpp"

#include <arpa/inet.h>

#include <array>
#include <charconv>
#include <fmt/format.h>

namespace hallmark::contracts {

namespace {

std::optional<ReadSpec> read_package(TableReader& reader) {
  PackageSpec spec;
  const auto name = reader.string("name", true);
  spec.installed = reader.boolean("installed").value_or(true);
  if (const auto text = reader.string("version")) {
    if (!spec.installed) {
      reader.error(reader.place_of("version"),
                   "'version' makes no sense with installed = false; remove one of them");
    }
    auto constraint = parse_version_constraint(*text);
    if (!constraint) {
      SourcePlace place = reader.place_of("version");
      place.column += 1 + static_cast<int>(constraint.error().column);  // skip the opening quote
      reader.error(place, fmt::format("bad version constraint \"{}\": {}", *text,
                                      constraint.error().message));
    } else {
      spec.version = std::move(*constraint);
    }
  }
  if (!name) return std::nullopt;
  spec.name = *name;
  return ReadSpec{spec, "package." + spec.name};
}

std::optional<FileType> file_type_from(std::string_view text) {
  if (text == "file") return FileType::file;
  if (text == "directory") return FileType::directory;
  if (text == "symlink") return FileType::symlink;
  return std::nullopt;
}

std::optional<unsigned> read_mode(TableReader& reader) {
  if (!reader.has("mode")) return std::nullopt;
  const auto text = reader.string("mode");
  unsigned mode = 0;
  if (text) {
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), mode, 8);
    if (ec == std::errc{} && end == text->data() + text->size() && !text->empty() &&
        mode <= 07777) {
      return mode;
    }
    reader.error(reader.place_of("mode"),
                 fmt::format("'mode' must be octal permission bits like \"0644\", not \"{}\"", *text));
  }
  return std::nullopt;
}

std::optional<ReadSpec> read_file(TableReader& reader) {
  FileSpec spec;
  const auto path = reader.string("path", true);
  spec.absent = reader.boolean("absent").value_or(false);
  if (const auto type = reader.string("type")) {
    spec.type = file_type_from(*type);
    if (!spec.type) {
      reader.error(reader.place_of("type"),
                   fmt::format("'type' must be \"file\", \"directory\" or \"symlink\", not \"{}\"",
                               *type));
    }
  }
  spec.mode = read_mode(reader);
  spec.owner = reader.string("owner");
  spec.group = reader.string("group");
  spec.contains = reader.strings("contains");
  if (spec.absent && (spec.type || spec.mode || spec.owner || spec.group || !spec.contains.empty())) {
    reader.error(reader.place_of("absent"),
                 "absent = true cannot be combined with type, mode, owner, group or contains");
  }
  if (!path) return std::nullopt;
  if (path->empty() || path->front() != '/') {
    reader.error(reader.place_of("path"), fmt::format("'path' must be absolute, not \"{}\"", *path));
    return std::nullopt;
  }
  spec.path = *path;
  return ReadSpec{spec, "file." + spec.path};
}

bool is_sysctl_key(std::string_view key) {
  if (key.empty() || key.front() == '.' || key.find("..") != std::string_view::npos) return false;
  return key.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") ==
         std::string_view::npos;
}

std::optional<ReadSpec> read_sysctl(TableReader& reader) {
  const auto key = reader.string("key", true);
  const auto value = reader.string("value", true);
  if (key && !is_sysctl_key(*key)) {
    reader.error(reader.place_of("key"),
                 fmt::format("'key' must be a dotted kernel parameter like "
                             "\"kernel.randomize_va_space\", not \"{}\"",
                             *key));
    return std::nullopt;
  }
  if (!key || !value) return std::nullopt;
  return ReadSpec{SysctlSpec{*key, *value}, "sysctl." + *key};
}

// Parses "tcp/22", "udp/123", "tcp/127.0.0.1:5432" or "tcp/[::1]:8080".
std::expected<PortSpec, std::string> parse_port(std::string_view text) {
  PortSpec spec;
  const auto slash = text.find('/');
  const std::string_view protocol = text.substr(0, slash);
  if (slash == std::string_view::npos || (protocol != "tcp" && protocol != "udp")) {
    return std::unexpected(
        fmt::format("\"{}\" is not PROTOCOL/[ADDRESS:]PORT with PROTOCOL tcp or udp", text));
  }
  spec.protocol = protocol == "tcp" ? Protocol::tcp : Protocol::udp;
  std::string_view rest = text.substr(slash + 1);
  std::string_view port_text = rest;
  if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    std::string address(rest.substr(0, colon));
    port_text = rest.substr(colon + 1);
    if (address.size() >= 2 && address.front() == '[' && address.back() == ']') {
      address = address.substr(1, address.size() - 2);
    }
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

std::optional<ReadSpec> read_port(TableReader& reader) {
  const auto listen = reader.string("listen");
  const auto closed = reader.string("closed");
  if (listen.has_value() == closed.has_value()) {
    reader.error(reader.place(), fmt::format("{} needs exactly one of 'listen' or 'closed'",
                                             reader.what()));
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

std::optional<ReadSpec> read_command(TableReader& reader) {
  CommandSpec spec;
  const auto run = reader.string("run", true);
  if (const auto code = reader.integer("exit_code")) {
    if (*code < 0 || *code > 255) {
      reader.error(reader.place_of("exit_code"), "'exit_code' must be from 0 to 255");
    }
    spec.exit_code = static_cast<int>(*code);
  }
  spec.stdout_contains = reader.strings("stdout_contains");
  spec.stderr_contains = reader.strings("stderr_contains");
  if (const auto timeout = reader.integer("timeout")) {
    if (*timeout <= 0) reader.error(reader.place_of("timeout"), "'timeout' must be a positive number of seconds");
    spec.timeout = std::chrono::seconds{*timeout};
  }
  if (!run) return std::nullopt;
  spec.run = *run;
  return ReadSpec{spec, ""};  // commands have no natural name: an explicit id is required
}

constexpr std::array k_clause_kinds{
    ClauseKind{"package", read_package}, ClauseKind{"file", read_file},
    ClauseKind{"sysctl", read_sysctl},   ClauseKind{"port", read_port},
    ClauseKind{"command", read_command},
};

}  // namespace

std::span<const ClauseKind> clause_kinds() { return k_clause_kinds; }

}  // namespace hallmark::contracts
