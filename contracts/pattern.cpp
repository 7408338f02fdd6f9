#include "contracts/pattern.hpp"

#include <re2/re2.h>

namespace hallmark::contracts {

std::expected<Pattern, std::string> Pattern::compile(std::string_view text) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_never_nl(false);
  options.set_posix_syntax(true);
  options.set_one_line(false);  // ^ and $ match at line boundaries, as in grep
  options.set_perl_classes(true);
  options.set_word_boundary(true);
  auto compiled = std::make_shared<const RE2>(re2::StringPiece(text.data(), text.size()), options);
  if (!compiled->ok()) return std::unexpected(compiled->error());
  Pattern pattern;
  pattern.text_ = std::string(text);
  pattern.compiled_ = std::move(compiled);
  return pattern;
}

bool Pattern::found_in(std::string_view subject) const {
  return RE2::PartialMatch(re2::StringPiece(subject.data(), subject.size()), *compiled_);
}

}  // namespace hallmark::contracts
