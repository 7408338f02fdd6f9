#include "probes/apk_version.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <utility>

// A reimplementation of apk-tools' src/version.c (its current tokenizer, which knows "~hash"):
// a version is read as a sequence of typed tokens; two versions compare token by token while the
// token types agree, and the first type mismatch decides the rest.

namespace hallmark::probes {

namespace {

// In apk's order: a later token may only follow an earlier one (see next_token()).
enum class Token {
  initial_digit,
  digit,
  letter,
  suffix,
  suffix_no,
  commit_hash,
  revision_no,
  end,
  invalid,
};

// Pre-release suffixes sort below `none` (no suffix), the others above it.
enum class Suffix { invalid, alpha, beta, pre, rc, none, cvs, svn, git, hg, p };

struct TokenState {
  Token token = Token::invalid;
  Suffix suffix = Suffix::invalid;
  std::uint64_t number = 0;
  std::string_view value;  // the token's text
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }

// Removes and returns the longest prefix of `rest` whose characters satisfy `pred`.
template <class Pred>
std::string_view take_while(std::string_view& rest, Pred pred) {
  const auto n = static_cast<std::size_t>(std::ranges::find_if_not(rest, pred) - rest.begin());
  const std::string_view taken = rest.substr(0, n);
  rest.remove_prefix(n);
  return taken;
}

Suffix suffix_value(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, Suffix>, 9> suffixes{{
      {"alpha", Suffix::alpha},
      {"beta", Suffix::beta},
      {"pre", Suffix::pre},
      {"rc", Suffix::rc},
      {"cvs", Suffix::cvs},
      {"svn", Suffix::svn},
      {"git", Suffix::git},
      {"hg", Suffix::hg},
      {"p", Suffix::p},
  }};
  const auto found = std::ranges::find(suffixes, text, &std::pair<std::string_view, Suffix>::first);
  return found == suffixes.end() ? Suffix::invalid : found->second;
}

// Digits become a number (wrapping at 2^64 like apk's uint64_t); no digits make the token invalid.
void read_digits(TokenState& t, std::string_view& rest) {
  t.value = take_while(rest, is_digit);
  t.number = 0;
  for (const char c : t.value) t.number = t.number * 10 + static_cast<std::uint64_t>(c - '0');
  if (t.value.empty()) t.token = Token::invalid;
}

void first_token(TokenState& t, std::string_view& rest) {
  t.token = Token::initial_digit;
  read_digits(t, rest);
}

// apk's token_next(): the first character decides the token type, which must be allowed after
// the previous token's type.
void next_token(TokenState& t, std::string_view& rest) {
  if (rest.empty()) {
    t.token = Token::end;
    return;
  }
  const char c = rest.front();
  if (is_lower(c)) {
    if (t.token > Token::digit) {
      t.token = Token::invalid;
      return;
    }
    t.value = rest.substr(0, 1);
    t.token = Token::letter;
    rest.remove_prefix(1);
  } else if (c == '.' || is_digit(c)) {
    if (c == '.') {
      if (t.token > Token::digit) {
        t.token = Token::invalid;
        return;
      }
      rest.remove_prefix(1);
    }
    if (t.token == Token::initial_digit || t.token == Token::digit) {
      t.token = Token::digit;
    } else if (t.token == Token::suffix) {
      t.token = Token::suffix_no;
    } else {
      t.token = Token::invalid;
      return;
    }
    read_digits(t, rest);
  } else if (c == '_') {
    if (t.token > Token::suffix_no) {
      t.token = Token::invalid;
      return;
    }
    rest.remove_prefix(1);
    t.value = take_while(rest, is_lower);
    t.suffix = suffix_value(t.value);
    t.token = t.suffix == Suffix::invalid ? Token::invalid : Token::suffix;
  } else if (c == '~') {
    if (t.token >= Token::commit_hash) {
      t.token = Token::invalid;
      return;
    }
    rest.remove_prefix(1);
    t.value = take_while(rest, is_hex_digit);
    t.token = t.value.empty() ? Token::invalid : Token::commit_hash;
  } else if (c == '-') {
    if (t.token >= Token::revision_no || !rest.starts_with("-r")) {
      t.token = Token::invalid;
      return;
    }
    rest.remove_prefix(2);
    t.token = Token::revision_no;
    read_digits(t, rest);
  } else {
    t.token = Token::invalid;
  }
}

template <class T>
int three_way(T a, T b) {
  return (a > b) - (a < b);
}

// apk_blob_sort(): bytewise over the common length, then the shorter first.
int text_order(std::string_view a, std::string_view b) {
  const std::size_t common = std::min(a.size(), b.size());
  const int rc = a.substr(0, common).compare(b.substr(0, common));
  return rc != 0 ? three_way(rc, 0) : three_way(a.size(), b.size());
}

// apk's token_cmp() for two tokens of the same type.
int compare_tokens(const TokenState& a, const TokenState& b) {
  switch (a.token) {
    case Token::digit:
      // A fraction with a leading zero compares as text, as Gentoo's rules say.
      if (a.value.front() == '0' || b.value.front() == '0') return text_order(a.value, b.value);
      return three_way(a.number, b.number);
    case Token::initial_digit:
    case Token::suffix_no:
    case Token::revision_no:
      return three_way(a.number, b.number);
    case Token::letter:
      return three_way(a.value.front(), b.value.front());
    case Token::suffix:
      return three_way(a.suffix, b.suffix);
    default:
      return text_order(a.value, b.value);
  }
}

}  // namespace

bool is_valid_apk_version(std::string_view version) {
  TokenState t;
  first_token(t, version);
  while (t.token < Token::end) next_token(t, version);
  return t.token == Token::end;
}

int compare_apk_versions(std::string_view a, std::string_view b) {
  TokenState ta;
  TokenState tb;
  for (first_token(ta, a), first_token(tb, b); ta.token == tb.token && ta.token < Token::end;
       next_token(ta, a), next_token(tb, b)) {
    if (const int rc = compare_tokens(ta, tb); rc != 0) return rc;
  }
  // Both ended, or both hit an invalid token at the same place.
  if (ta.token == tb.token) return 0;
  // Otherwise the side that goes on is newer, unless it goes on with a pre-release suffix.
  if (ta.token == Token::suffix && ta.suffix < Suffix::none) return -1;
  if (tb.token == Token::suffix && tb.suffix < Suffix::none) return 1;
  return three_way(tb.token, ta.token);
}

}  // namespace hallmark::probes
