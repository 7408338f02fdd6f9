#include "probes/dpkg_version.hpp"

#include <algorithm>
#include <charconv>

// A reimplementation of dpkg's version handling: parseversion() from lib/dpkg/parsehelp.c and
// dpkg_version_compare(), verrevcmp() and order() from lib/dpkg/version.c. Character classes are
// ASCII-only, like dpkg's c_isdigit()/c_isalpha().

namespace hallmark::probes {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_c_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }  // what strtol() skips

// dpkg works on C strings, so nothing after a NUL byte is part of the version.
std::string_view until_nul(std::string_view text) { return text.substr(0, text.find('\0')); }

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

// The text before the first ':' read the way dpkg reads the epoch, with strtol(): optional white
// space and sign, then decimal digits.
struct EpochField {
  bool has_digits = false;
  bool all_consumed = false;  // the digits run up to the colon
  bool negative = false;      // a '-' sign in front of a non-zero value
  std::string_view value;     // the digits without leading zeros; empty means 0
};

EpochField read_epoch(std::string_view field) {
  std::size_t i = 0;
  while (i < field.size() && is_c_space(field[i])) ++i;
  bool minus = false;
  if (i < field.size() && (field[i] == '+' || field[i] == '-')) minus = field[i++] == '-';
  const std::size_t start = i;
  while (i < field.size() && is_digit(field[i])) ++i;

  std::string_view value = field.substr(start, i - start);
  value.remove_prefix(std::min(value.find_first_not_of('0'), value.size()));
  return {i > start, i == field.size(), minus && !value.empty(), value};
}

bool exceeds_int_max(std::string_view value) {
  constexpr std::string_view int_max = "2147483647";
  return value.size() > int_max.size() || (value.size() == int_max.size() && value > int_max);
}

// dpkg's order(): digits weigh 0 (they are compared separately), letters their ASCII code, '~'
// -1 so it sorts before everything, even the end of the string (0), and any other character
// after all letters. `char` is signed as on dpkg's amd64 and i386 builds.
int order(char c) {
  if (is_digit(c)) return 0;
  if (is_alpha(c)) return c;
  if (c == '~') return -1;
  if (c != '\0') return static_cast<signed char>(c) + 256;
  return 0;
}

// dpkg's verrevcmp(): alternating runs of non-digits (compared with order()) and digits (compared
// as numbers, leading zeros ignored). Returns <0, 0 or >0.
int verrevcmp(std::string_view a, std::string_view b) {
  const auto at = [](std::string_view s, std::size_t i) { return i < s.size() ? s[i] : '\0'; };
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    while ((i < a.size() && !is_digit(a[i])) || (j < b.size() && !is_digit(b[j]))) {
      const int ac = order(at(a, i));
      const int bc = order(at(b, j));
      if (ac != bc) return ac - bc;
      ++i;
      ++j;
    }
    while (at(a, i) == '0') ++i;
    while (at(b, j) == '0') ++j;
    int first_diff = 0;
    while (is_digit(at(a, i)) && is_digit(at(b, j))) {
      if (first_diff == 0) first_diff = at(a, i) - at(b, j);
      ++i;
      ++j;
    }
    if (is_digit(at(a, i))) return 1;
    if (is_digit(at(b, j))) return -1;
    if (first_diff != 0) return first_diff;
  }
  return 0;
}

// A version split for comparison. For anything parse_dpkg_version() accepts (warnings included)
// this is exactly dpkg's split. Otherwise: an epoch field dpkg would reject (not a number,
// negative) is not treated as an epoch, so the whole text is upstream[-revision]; an empty or
// too big epoch and an empty upstream or revision are kept as written.
struct Split {
  std::string_view epoch;  // digits without leading zeros; empty means 0
  std::string_view upstream;
  std::string_view revision;
};

Split split_for_compare(std::string_view text) {
  text = trim_blanks(until_nul(text));
  Split split;
  if (const auto colon = text.find(':'); colon != std::string_view::npos) {
    const EpochField field = read_epoch(text.substr(0, colon));
    if ((colon == 0 || (field.has_digits && field.all_consumed)) && !field.negative) {
      split.epoch = field.value;
      text.remove_prefix(colon + 1);
    }
  }
  split.upstream = text;
  if (const auto hyphen = text.rfind('-'); hyphen != std::string_view::npos) {
    split.upstream = text.substr(0, hyphen);
    split.revision = text.substr(hyphen + 1);
  }
  return split;
}

int compare_epochs(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b);
}

int sign(int value) { return (value > 0) - (value < 0); }

}  // namespace

std::expected<DpkgVersion, std::string> parse_dpkg_version(std::string_view text) {
  text = until_nul(text);
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  if (text.empty()) return std::unexpected("version string is empty");
  const auto end = static_cast<std::size_t>(std::ranges::find_if(text, is_blank) - text.begin());
  if (!std::ranges::all_of(text.substr(end), is_blank)) {
    return std::unexpected("version string has embedded spaces");
  }
  text = text.substr(0, end);

  DpkgVersion version;
  if (const auto colon = text.find(':'); colon != std::string_view::npos) {
    const EpochField field = read_epoch(text.substr(0, colon));
    // dpkg says "is empty" whenever strtol() finds no digits, even for "a:1"; only a really empty
    // epoch gets that message here, other non-numbers are "not number".
    if (colon == 0) return std::unexpected("epoch in version is empty");
    if (!field.has_digits || !field.all_consumed) {
      return std::unexpected("epoch in version is not number");
    }
    if (field.negative) return std::unexpected("epoch in version is negative");
    if (exceeds_int_max(field.value)) return std::unexpected("epoch in version is too big");
    std::from_chars(field.value.data(), field.value.data() + field.value.size(), version.epoch);
    text.remove_prefix(colon + 1);
    if (text.empty()) return std::unexpected("nothing after colon in version number");
  }

  std::string_view upstream = text;
  std::string_view revision;
  if (const auto hyphen = text.rfind('-'); hyphen != std::string_view::npos) {
    upstream = text.substr(0, hyphen);
    revision = text.substr(hyphen + 1);
    if (revision.empty()) return std::unexpected("revision number is empty");
  }
  if (upstream.empty()) return std::unexpected("version number is empty");

  // dpkg reports the remaining problems as warnings; parseversion() still fails on them.
  if (!is_digit(upstream.front())) {
    return std::unexpected("version number does not start with digit");
  }
  const auto allowed_in = [](std::string_view punctuation) {
    return [punctuation](char c) {
      return is_digit(c) || is_alpha(c) || punctuation.find(c) != std::string_view::npos;
    };
  };
  if (!std::ranges::all_of(upstream, allowed_in(".-+~:"))) {
    return std::unexpected("invalid character in version number");
  }
  if (!std::ranges::all_of(revision, allowed_in(".+~"))) {
    return std::unexpected("invalid character in revision number");
  }

  version.upstream = upstream;
  version.revision = revision;
  return version;
}

int compare_dpkg_versions(std::string_view a, std::string_view b) {
  const Split x = split_for_compare(a);
  const Split y = split_for_compare(b);
  if (const int rc = compare_epochs(x.epoch, y.epoch); rc != 0) return sign(rc);
  if (const int rc = verrevcmp(x.upstream, y.upstream); rc != 0) return sign(rc);
  return sign(verrevcmp(x.revision, y.revision));
}

}  // namespace hallmark::probes
