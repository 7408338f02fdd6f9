#pragma once

#include <expected>
#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace hallmark::contracts {

// A user-supplied regular expression (RE2 syntax: linear time, no backreferences), compiled
// once when the contract is loaded.
class Pattern {
 public:
  // Fails with RE2's explanation when `text` is not a valid expression.
  static std::expected<Pattern, std::string> compile(std::string_view text);

  // True when the expression matches somewhere in `subject` (multi-line: ^ and $ match at lines).
  bool found_in(std::string_view subject) const;
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::shared_ptr<const re2::RE2> compiled_;
};

}  // namespace hallmark::contracts
