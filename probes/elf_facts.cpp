#include "probes/elf_facts.hpp"

#include <algorithm>
#include <cctype>

namespace hallmark::probes {
namespace {

// Splits off the next run of digits or of non-digits.
std::string_view next_run(std::string_view& s) {
  const bool digits = std::isdigit(static_cast<unsigned char>(s.front())) != 0;
  std::size_t n = 1;
  while (n < s.size() && (std::isdigit(static_cast<unsigned char>(s[n])) != 0) == digits) ++n;
  const std::string_view run = s.substr(0, n);
  s.remove_prefix(n);
  return run;
}

int sign(int value) { return (value > 0) - (value < 0); }

// A version remainder like "2.34" or "_2.34": optional separators, then digits and dots.
bool is_numeric_version(std::string_view rest) {
  while (!rest.empty() && (rest.front() == '_' || rest.front() == '.' || rest.front() == '-')) {
    rest.remove_prefix(1);
  }
  if (rest.empty() || std::isdigit(static_cast<unsigned char>(rest.front())) == 0) return false;
  return std::ranges::all_of(
      rest, [](char c) { return c == '.' || std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

bool exports_symbol(const ElfFacts& facts, std::string_view spec) {
  std::string_view name = spec;
  std::optional<std::string_view> version;
  bool want_default = false;
  if (const auto at = spec.find('@'); at != std::string_view::npos) {
    name = spec.substr(0, at);
    std::string_view rest = spec.substr(at + 1);
    if (rest.starts_with('@')) {
      want_default = true;
      rest.remove_prefix(1);
    }
    version = rest;
  }
  if (name.empty()) return false;
  return std::ranges::any_of(facts.exports, [&](const ElfSymbol& symbol) {
    if (symbol.name != name) return false;
    if (!version) return true;
    if (symbol.version != *version) return false;
    return !want_default || symbol.default_version;
  });
}

std::optional<std::string> newest_required_version(const ElfFacts& facts,
                                                   std::string_view prefix) {
  std::optional<std::string> newest;
  for (const ElfVersionNeed& need : facts.version_needs) {
    for (const std::string& version : need.versions) {
      if (!version.starts_with(prefix)) continue;
      if (!is_numeric_version(std::string_view(version).substr(prefix.size()))) continue;
      if (!newest || compare_symbol_versions(version, *newest) > 0) newest = version;
    }
  }
  return newest;
}

int compare_symbol_versions(std::string_view a, std::string_view b) {
  while (!a.empty() && !b.empty()) {
    const bool a_digits = std::isdigit(static_cast<unsigned char>(a.front())) != 0;
    const bool b_digits = std::isdigit(static_cast<unsigned char>(b.front())) != 0;
    std::string_view ra = next_run(a);
    std::string_view rb = next_run(b);
    if (a_digits && b_digits) {
      // Numeric: ignore leading zeros, then the longer run is larger, else compare digit by digit.
      while (ra.size() > 1 && ra.front() == '0') ra.remove_prefix(1);
      while (rb.size() > 1 && rb.front() == '0') rb.remove_prefix(1);
      if (ra.size() != rb.size()) return ra.size() < rb.size() ? -1 : 1;
    }
    if (const int c = ra.compare(rb); c != 0) return sign(c);
  }
  if (a.empty() && b.empty()) return 0;
  return a.empty() ? -1 : 1;
}

}  // namespace hallmark::probes
