#include "probes/rpm_version.hpp"

// A reimplementation of rpm's rpmvercmp() (rpmio/rpmvercmp.c, rpmvercmp.cc since rpm 4.20) and
// of the EVR split in parseEVR() (rpmio/rpmver.c). Character classes are ASCII-only, like rpm's
// risdigit()/risalpha().

namespace hallmark::probes {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }

// rpm works on C strings, so nothing after a NUL byte is part of the version.
std::string_view until_nul(std::string_view text) { return text.substr(0, text.find('\0')); }

std::string_view without_leading_zeros(std::string_view digits) {
  while (!digits.empty() && digits.front() == '0') digits.remove_prefix(1);
  return digits;
}

struct Evr {
  std::string_view epoch;
  std::string_view version;
  std::string_view release;  // empty when absent; rpm also ignores an empty one when matching
};

// parseEVR(): the epoch is the leading digits when a ':' follows them (an empty one means "0");
// the release is what follows the last '-' after that.
Evr split_evr(std::string_view evr) {
  evr = until_nul(evr);
  std::size_t digits = 0;
  while (digits < evr.size() && is_digit(evr[digits])) ++digits;

  Evr split{"0", evr, {}};
  if (digits < evr.size() && evr[digits] == ':') {
    if (digits > 0) split.epoch = evr.substr(0, digits);
    split.version = evr.substr(digits + 1);
  }
  if (const auto hyphen = split.version.rfind('-'); hyphen != std::string_view::npos) {
    split.release = split.version.substr(hyphen + 1);
    split.version = split.version.substr(0, hyphen);
  }
  return split;
}

}  // namespace

int rpmvercmp(std::string_view a, std::string_view b) {
  a = until_nul(a);
  b = until_nul(b);
  if (a == b) return 0;

  const auto at = [](std::string_view s, std::size_t i) { return i < s.size() ? s[i] : '\0'; };
  const auto is_separator = [](char c) {
    return c != '\0' && !is_alnum(c) && c != '~' && c != '^';
  };
  std::size_t one = 0;
  std::size_t two = 0;
  while (one < a.size() || two < b.size()) {
    while (is_separator(at(a, one))) ++one;
    while (is_separator(at(b, two))) ++two;
    const char c1 = at(a, one);
    const char c2 = at(b, two);

    // '~' sorts before everything else, the end of the string included.
    if (c1 == '~' || c2 == '~') {
      if (c1 != '~') return 1;
      if (c2 != '~') return -1;
      ++one;
      ++two;
      continue;
    }
    // '^' is like '~' except that the side which has ended (the base version) is the lower one.
    if (c1 == '^' || c2 == '^') {
      if (c1 == '\0') return -1;
      if (c2 == '\0') return 1;
      if (c1 != '^') return 1;
      if (c2 != '^') return -1;
      ++one;
      ++two;
      continue;
    }
    if (c1 == '\0' || c2 == '\0') break;

    // Take one all-digit or all-letter segment from each side, typed by the first side's.
    const bool numeric = is_digit(c1);
    const auto in_segment = numeric ? is_digit : is_alpha;
    std::size_t end1 = one;
    std::size_t end2 = two;
    while (end1 < a.size() && in_segment(a[end1])) ++end1;
    while (end2 < b.size() && in_segment(b[end2])) ++end2;
    // Segments of different types: a number is newer than letters.
    if (end2 == two) return numeric ? 1 : -1;

    std::string_view segment1 = a.substr(one, end1 - one);
    std::string_view segment2 = b.substr(two, end2 - two);
    if (numeric) {
      segment1 = without_leading_zeros(segment1);
      segment2 = without_leading_zeros(segment2);
      if (segment1.size() != segment2.size()) return segment1.size() > segment2.size() ? 1 : -1;
    }
    if (const int rc = segment1.compare(segment2); rc != 0) return rc < 0 ? -1 : 1;
    one = end1;
    two = end2;
  }

  // All segments matched; the separators may still differ. Whichever has more left is newer.
  if (one >= a.size() && two >= b.size()) return 0;
  return one >= a.size() ? -1 : 1;
}

int compare_rpm_evr(std::string_view a, std::string_view b) {
  const Evr x = split_evr(a);
  const Evr y = split_evr(b);
  if (const int rc = rpmvercmp(x.epoch, y.epoch); rc != 0) return rc;
  if (const int rc = rpmvercmp(x.version, y.version); rc != 0) return rc;
  if (x.release.empty() || y.release.empty()) return 0;
  return rpmvercmp(x.release, y.release);
}

}  // namespace hallmark::probes
