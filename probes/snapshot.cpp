#include "probes/snapshot.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "probes/parsers/os_release.hpp"

namespace hallmark::probes {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;  // sections in documentation order; maps are inserted sorted

constexpr std::string_view k_format = "hallmark-snapshot";

// Names as os-release files write them: upper-case letters, digits and underscores. Other lines
// are not kept, which also leaves the name "error" free to mark an os-release not gathered.
bool is_os_release_name(std::string_view name) {
  return !name.empty() && name.front() >= 'A' && name.front() <= 'Z' &&
         name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == std::string_view::npos;
}

// The os-release values a snapshot keeps: those with os-release names.
std::map<std::string, std::string> os_release_names(std::string_view text) {
  std::map<std::string, std::string> values = parsers::parse_os_release(text);
  std::erase_if(values, [](const auto& entry) { return !is_os_release_name(entry.first); });
  return values;
}

// The inverse of parsers::parse_os_release: every value double-quoted, with \ " $ ` escaped.
std::string render_os_release(const std::map<std::string, std::string>& values) {
  std::string text;
  for (const auto& [name, value] : values) {
    text += name + "=\"";
    for (const char c : value) {
      if (c == '\\' || c == '"' || c == '$' || c == '`') text += '\\';
      text += c;
    }
    text += "\"\n";
  }
  return text;
}

ElfSymbol symbol_from_spec(std::string_view text) {
  ElfSymbol symbol;
  const std::size_t at = text.find('@');
  symbol.name = std::string(text.substr(0, at));
  if (at == std::string_view::npos) return symbol;
  symbol.default_version = text.substr(at).starts_with("@@");
  symbol.version = std::string(text.substr(at + (symbol.default_version ? 2 : 1)));
  return symbol;
}

ordered_json error_json(const std::string& why) { return ordered_json{{"error", why}}; }

ordered_json provenance_json(const Provenance& provenance) {
  std::vector<std::string> digests = provenance.image_digests;
  std::ranges::sort(digests);
  return ordered_json{{"target", provenance.target},     {"image", provenance.image},
                      {"image_id", provenance.image_id}, {"image_digests", digests},
                      {"taken_at", provenance.taken_at}, {"hallmark_version", provenance.hallmark_version}};
}

ordered_json packages_json(const std::optional<Fact<PackageFacts>>& packages) {
  if (!packages) return error_json("installed packages were not gathered");
  if (!*packages) return error_json(packages->error());
  std::vector<InstalledPackage> sorted = (*packages)->installed;
  std::ranges::sort(sorted, {}, [](const InstalledPackage& p) { return std::tie(p.name, p.arch, p.version); });
  ordered_json installed = ordered_json::array();
  for (const InstalledPackage& package : sorted) {
    installed.push_back(ordered_json{{"name", package.name}, {"version", package.version}, {"arch", package.arch}});
  }
  const auto& scheme = (*packages)->scheme;
  return ordered_json{{"scheme", scheme ? ordered_json(std::string(to_string(*scheme))) : ordered_json(nullptr)},
                      {"installed", installed}};
}

// The first os-release that exists, as os-release(7) looks them up.
ordered_json os_release_json(const Facts& facts) {
  for (std::string_view path : parsers::k_os_release_paths) {
    const auto found = facts.files.find(std::string(path));
    if (found == facts.files.end()) return error_json("os-release was not gathered");
    if (!found->second) return error_json(found->second.error());
    if (found->second->exists && found->second->content) return ordered_json(os_release_names(*found->second->content));
  }
  return nullptr;
}

ordered_json sysctls_json(const Facts& facts) {
  ordered_json sysctls = ordered_json::object();
  for (const auto& [key, value] : facts.sysctls) {
    sysctls[key] = !value ? error_json(value.error()) : *value ? ordered_json(**value) : ordered_json(nullptr);
  }
  return sysctls;
}

ordered_json ports_json(const std::optional<Fact<std::vector<Socket>>>& sockets) {
  if (!sockets) return error_json("listening sockets were not gathered");
  if (!*sockets) return error_json(sockets->error());
  std::set<std::tuple<std::string_view, std::string, std::uint16_t>> listening;
  for (const Socket& socket : **sockets) {
    if (socket.listening) listening.emplace(contracts::to_string(socket.protocol), socket.address, socket.port);
  }
  ordered_json ports = ordered_json::array();
  for (const auto& [protocol, address, port] : listening) {
    ports.push_back(ordered_json{{"protocol", std::string(protocol)}, {"address", address}, {"port", port}});
  }
  return ports;
}

// The ELF fields of a library, or why it could not be read, added to `node`.
void add_elf_json(ordered_json& node, const std::expected<ElfFacts, std::string>& elf) {
  if (!elf) {
    node["elf_error"] = elf.error();
    return;
  }
  std::set<std::string> exports;
  for (const ElfSymbol& symbol : elf->exports) exports.insert(symbol_spec(symbol));
  std::map<std::string, std::set<std::string>> needs;
  for (const ElfVersionNeed& need : elf->version_needs) {
    needs[need.file].insert(need.versions.begin(), need.versions.end());
  }
  node["soname"] = elf->soname;
  node["needed"] = elf->needed;  // DT_NEEDED order is the search order: kept as it is
  node["exports"] = exports;
  node["version_definitions"] =
      std::set<std::string>(elf->version_definitions.begin(), elf->version_definitions.end());
  node["version_needs"] = needs;
}

ordered_json libraries_json(const Facts& facts) {
  ordered_json libraries = ordered_json::object();
  for (const auto& [name, library] : facts.libraries) {
    if (!library) {
      libraries[name] = error_json(library.error());
      continue;
    }
    ordered_json node{{"path", library->path}};
    add_elf_json(node, library->elf);
    libraries[name] = node;
  }
  return libraries;
}

ordered_json library_dirs_json(const Facts& facts) {
  ordered_json dirs = ordered_json::object();
  for (const auto& [directory, binaries] : facts.binary_dirs) {
    if (!binaries) {
      dirs[directory] = error_json(binaries.error());
      continue;
    }
    std::map<std::string, const BinaryFacts*> by_path;
    for (const BinaryFacts& binary : *binaries) by_path.emplace(binary.path, &binary);
    ordered_json files = ordered_json::object();
    for (const auto& [path, binary] : by_path) add_elf_json(files[path], binary->elf);
    dirs[directory] = files;
  }
  return dirs;
}

// Why a document is refused; thrown while reading and returned by snapshot_from_json.
struct Refusal {
  std::string detail;
};

[[noreturn]] void refuse(std::string detail) { throw Refusal{std::move(detail)}; }

// A value of the document and its path for messages, e.g. packages.installed[3].version.
class Node {
 public:
  Node(const json& value, std::string path) : value_(value), path_(std::move(path)) {}

  // A required member of an object.
  Node operator[](std::string_view key) const {
    expect(value_.is_object(), "an object");
    const auto found = value_.find(key);
    const std::string path = path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
    if (found == value_.end()) refuse(fmt::format("'{}' is missing", path));
    return {*found, path};
  }
  bool has(std::string_view key) const { return value_.is_object() && value_.contains(key); }

  // The members of an object whose keys are names (packages, paths, sysctl keys), in key order.
  std::vector<std::pair<std::string, Node>> entries() const {
    expect(value_.is_object(), "an object");
    std::vector<std::pair<std::string, Node>> entries;
    for (const auto& [key, value] : value_.items()) {
      entries.emplace_back(key, Node(value, fmt::format("{}[\"{}\"]", path_, key)));
    }
    return entries;
  }
  std::vector<Node> elements() const {
    expect(value_.is_array(), "an array");
    std::vector<Node> elements;
    for (std::size_t i = 0; i < value_.size(); ++i) elements.emplace_back(value_[i], fmt::format("{}[{}]", path_, i));
    return elements;
  }
  std::string string() const {
    expect(value_.is_string(), "a string");
    return value_.get<std::string>();
  }
  std::vector<std::string> strings() const {
    std::vector<std::string> strings;
    for (const Node& element : elements()) strings.push_back(element.string());
    return strings;
  }
  std::int64_t integer() const {
    expect(value_.is_number_integer(), "an integer");
    // Above 2^63 the JSON library holds an unsigned number, which read as signed wraps (to -1).
    if (value_.is_number_unsigned() && value_.get<std::uint64_t>() > std::numeric_limits<std::int64_t>::max()) {
      refuse(fmt::format("'{}' is too large: {}", path_, value_.get<std::uint64_t>()));
    }
    return value_.get<std::int64_t>();
  }
  bool is_null() const { return value_.is_null(); }
  // {"error": "why"}: a fact that could not be gathered.
  std::optional<std::string> gather_error() const {
    if (!value_.is_object() || value_.size() != 1 || !value_.contains("error")) return std::nullopt;
    return (*this)["error"].string();
  }
  const std::string& path() const { return path_; }
  std::string type() const { return value_.type_name(); }

 private:
  void expect(bool holds, std::string_view what) const {
    if (!holds) refuse(fmt::format("'{}' must be {}, not {}", path_, what, value_.type_name()));
  }

  const json& value_;
  std::string path_;
};

Provenance read_provenance(const Node& node) {
  return {.target = node["target"].string(),
          .image = node["image"].string(),
          .image_id = node["image_id"].string(),
          .image_digests = node["image_digests"].strings(),
          .taken_at = node["taken_at"].string(),
          .hallmark_version = node["hallmark_version"].string()};
}

std::optional<Fact<PackageFacts>> read_packages(const Node& node) {
  if (const auto error = node.gather_error()) return std::unexpected(*error);
  PackageFacts packages;
  if (const Node scheme = node["scheme"]; !scheme.is_null()) {
    packages.scheme = version_scheme_from_string(scheme.string());
    if (!packages.scheme) {
      refuse(fmt::format("'{}' must be \"dpkg\", \"rpm\", \"apk\" or null, not \"{}\"", scheme.path(),
                         scheme.string()));
    }
  }
  for (const Node& package : node["installed"].elements()) {
    packages.installed.push_back({package["name"].string(), package["version"].string(), package["arch"].string()});
  }
  return packages;
}

// os-release comes back as the file fact /etc/os-release, which is where probes look for it.
void read_os_release(const Node& node, Facts& facts) {
  const std::string etc(parsers::k_os_release_paths[0]);
  if (const auto error = node.gather_error()) {
    facts.files[etc] = std::unexpected(*error);
    return;
  }
  if (node.is_null()) {
    for (std::string_view path : parsers::k_os_release_paths) facts.files[std::string(path)] = FileInfo{};
    return;
  }
  std::map<std::string, std::string> values;
  for (const auto& [name, value] : node.entries()) {
    if (!is_os_release_name(name)) refuse(fmt::format("'{}' is not an os-release name", value.path()));
    std::string text = value.string();
    // os-release is one value per line: a newline would make the rest of the value a key of its own.
    if (text.find('\n') != std::string::npos) refuse(fmt::format("'{}' holds a newline", value.path()));
    values.emplace(name, std::move(text));
  }
  FileInfo file;
  file.exists = true;
  file.type = contracts::FileType::file;
  file.content = render_os_release(values);
  file.size = file.content->size();
  facts.files[etc] = std::move(file);
}

void read_sysctls(const Node& node, Facts& facts) {
  for (const auto& [key, value] : node.entries()) {
    if (const auto error = value.gather_error()) {
      facts.sysctls[key] = std::unexpected(*error);
    } else if (value.is_null()) {
      facts.sysctls[key] = std::optional<std::string>{};
    } else {
      facts.sysctls[key] = std::optional<std::string>{value.string()};
    }
  }
}

Fact<std::vector<Socket>> read_ports(const Node& node) {
  if (const auto error = node.gather_error()) return std::unexpected(*error);
  std::vector<Socket> sockets;
  for (const Node& port : node.elements()) {
    Socket socket{.address = port["address"].string(), .listening = true};
    const std::string protocol = port["protocol"].string();
    if (protocol != "tcp" && protocol != "udp") {
      refuse(fmt::format("'{}.protocol' must be \"tcp\" or \"udp\", not \"{}\"", port.path(), protocol));
    }
    socket.protocol = protocol == "tcp" ? contracts::Protocol::tcp : contracts::Protocol::udp;
    const std::int64_t number = port["port"].integer();
    if (number < 0 || number > 65535) {
      refuse(fmt::format("'{}.port' must be from 0 to 65535, not {}", port.path(), number));
    }
    socket.port = static_cast<std::uint16_t>(number);
    sockets.push_back(std::move(socket));
  }
  return sockets;
}

std::expected<ElfFacts, std::string> read_elf(const Node& node) {
  if (node.has("elf_error")) return std::unexpected(node["elf_error"].string());
  ElfFacts elf;
  elf.soname = node["soname"].string();
  elf.needed = node["needed"].strings();
  for (const std::string& text : node["exports"].strings()) elf.exports.push_back(symbol_from_spec(text));
  std::ranges::sort(elf.exports);
  elf.version_definitions = node["version_definitions"].strings();
  for (const auto& [file, versions] : node["version_needs"].entries()) {
    elf.version_needs.push_back({file, versions.strings()});
  }
  return elf;
}

void read_libraries(const Node& node, Facts& facts) {
  for (const auto& [name, library] : node.entries()) {
    if (const auto error = library.gather_error()) {
      facts.libraries[name] = std::unexpected(*error);
    } else {
      facts.libraries[name] = LibraryFacts{library["path"].string(), read_elf(library)};
    }
  }
}

void read_library_dirs(const Node& node, Facts& facts) {
  for (const auto& [directory, files] : node.entries()) {
    if (const auto error = files.gather_error()) {
      facts.binary_dirs[directory] = std::unexpected(*error);
      continue;
    }
    std::vector<BinaryFacts> binaries;
    for (const auto& [path, file] : files.entries()) binaries.push_back({path, read_elf(file)});
    facts.binary_dirs[directory] = std::move(binaries);
  }
}

}  // namespace

std::string symbol_spec(const ElfSymbol& symbol) {
  if (symbol.version.empty()) return symbol.name;
  return fmt::format("{}{}{}", symbol.name, symbol.default_version ? "@@" : "@", symbol.version);
}

std::string snapshot_to_json(const Snapshot& snapshot) {
  const Facts& facts = snapshot.facts;
  ordered_json document;
  document["format"] = k_format;
  document["format_version"] = k_snapshot_format_version;
  document["provenance"] = provenance_json(snapshot.provenance);
  document["packages"] = packages_json(facts.packages);
  document["os_release"] = os_release_json(facts);
  document["sysctls"] = sysctls_json(facts);
  document["ports"] = ports_json(facts.sockets);
  document["libraries"] = libraries_json(facts);
  document["library_dirs"] = library_dirs_json(facts);
  // Gathered text may hold bytes that are not UTF-8; replace them rather than fail the snapshot.
  return document.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::expected<Snapshot, std::string> snapshot_from_json(std::string_view text, std::string_view source) {
  json document;
  try {
    document = json::parse(text.begin(), text.end());
  } catch (const json::exception& error) {  // parse_error, and out_of_range for numbers like 1e400
    const std::string_view what = error.what();
    const std::size_t tag_end = what.find("] ");
    const std::string_view message = tag_end == std::string_view::npos ? what : what.substr(tag_end + 2);
    return std::unexpected(fmt::format("{} is not a hallmark snapshot: not JSON: {}", source, message));
  }
  try {
    const Node root(document, "");
    if (!document.is_object()) refuse(fmt::format("the document must be an object, not {}", root.type()));
    if (const std::string format = root["format"].string(); format != k_format) {
      refuse(fmt::format("'format' is \"{}\", not \"{}\"", format, k_format));
    }
    const std::int64_t version = root["format_version"].integer();
    if (version > k_snapshot_format_version) {
      return std::unexpected(fmt::format("{} was written by a newer hallmark (format {}); this hallmark reads "
                                         "format {}", source, version, k_snapshot_format_version));
    }
    if (version < 1) {
      refuse(fmt::format("'format_version' must be from 1 to {}, not {}", k_snapshot_format_version, version));
    }
    Snapshot snapshot;
    snapshot.provenance = read_provenance(root["provenance"]);
    snapshot.facts.packages = read_packages(root["packages"]);
    read_os_release(root["os_release"], snapshot.facts);
    read_sysctls(root["sysctls"], snapshot.facts);
    snapshot.facts.sockets = read_ports(root["ports"]);
    read_libraries(root["libraries"], snapshot.facts);
    read_library_dirs(root["library_dirs"], snapshot.facts);
    return snapshot;
  } catch (const Refusal& refusal) {
    return std::unexpected(fmt::format("{} is not a hallmark snapshot: {}", source, refusal.detail));
  }
}

}  // namespace hallmark::probes
