#include "contracts/version_constraint.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <optional>
#include <utility>

namespace hallmark::contracts {

namespace {

constexpr std::array<CompareOp, 6> kAllOps{CompareOp::eq, CompareOp::ne, CompareOp::lt,
                                           CompareOp::le, CompareOp::gt, CompareOp::ge};
constexpr std::string_view kExpectedOps = "expected one of = != < <= > >=";

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool is_op_char(char c) { return c == '<' || c == '>' || c == '=' || c == '!'; }

std::optional<CompareOp> op_from(std::string_view text) {
  for (const CompareOp op : kAllOps) {
    if (to_string(op) == text) return op;
  }
  return std::nullopt;
}

// A left-to-right reader over the constraint text that knows its position.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  std::size_t pos() const { return pos_; }
  bool at_end() const { return pos_ == text_.size(); }
  char peek() const { return text_[pos_]; }
  void skip_spaces() { take_while(is_space); }
  void advance() { ++pos_; }

  template <class Pred>
  std::string_view take_while(Pred pred) {
    const std::size_t start = pos_;
    while (!at_end() && pred(peek())) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  // The whitespace-free word starting at `pos`, stopping at a comma, for quoting in messages.
  std::string_view word_at(std::size_t pos) const {
    std::size_t end = pos;
    while (end < text_.size() && !is_space(text_[end]) && text_[end] != ',') ++end;
    return text_.substr(pos, end - pos);
  }

  // The text from `pos` up to the next comma (or the end), without trailing whitespace.
  std::string_view item_at(std::size_t pos) const {
    std::size_t end = std::min(text_.find(',', pos), text_.size());
    while (end > pos && is_space(text_[end - 1])) --end;
    return text_.substr(pos, end - pos);
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::unexpected<ConstraintError> fail(std::string message, std::size_t column) {
  return std::unexpected(ConstraintError{std::move(message), column});
}

}  // namespace

std::expected<VersionConstraint, ConstraintError> parse_version_constraint(std::string_view text) {
  VersionConstraint constraint{{}, std::string(text)};
  Cursor in(text);
  in.skip_spaces();
  if (in.at_end()) {
    return fail("constraint is empty; expected a comparison such as '>= 1.0'", in.pos());
  }

  while (true) {
    // One comparison: OP, optional whitespace, VERSION.
    if (in.peek() == ',') return fail("empty comparison before ','", in.pos());
    const std::size_t op_column = in.pos();
    const std::string_view op_text = in.take_while(is_op_char);
    if (op_text.empty()) {
      return fail(fmt::format("{} before '{}'", kExpectedOps, in.word_at(op_column)), op_column);
    }
    const std::optional<CompareOp> op = op_from(op_text);
    if (!op) {
      return fail(fmt::format("unknown operator '{}'; {}", op_text, kExpectedOps), op_column);
    }

    in.skip_spaces();
    const std::size_t version_column = in.pos();
    if (in.at_end() || in.peek() == ',') {
      return fail(fmt::format("missing version after '{}'", op_text), version_column);
    }
    if (is_op_char(in.peek())) {
      return fail(fmt::format("expected a version after '{}' but found '{}'", op_text,
                              in.word_at(version_column)),
                  version_column);
    }
    const std::string_view version =
        in.take_while([](char c) { return !is_space(c) && c != ','; });
    constraint.all_of.push_back({*op, std::string(version)});

    // Then the end, or a comma and the next comparison.
    const std::size_t space_column = in.pos();
    in.skip_spaces();
    if (in.at_end()) return constraint;
    if (in.peek() == ',') {
      const std::size_t comma_column = in.pos();
      in.advance();
      in.skip_spaces();
      if (in.at_end()) return fail("trailing comma; expected a comparison after ','", comma_column);
      continue;
    }
    if (is_op_char(in.peek())) {
      return fail(fmt::format("missing ',' before '{}'", in.word_at(in.pos())), in.pos());
    }
    return fail(fmt::format("version '{}' contains whitespace", in.item_at(version_column)),
                space_column);
  }
}

std::string_view to_string(CompareOp op) {
  switch (op) {
    case CompareOp::eq: return "=";
    case CompareOp::ne: return "!=";
    case CompareOp::lt: return "<";
    case CompareOp::le: return "<=";
    case CompareOp::gt: return ">";
    case CompareOp::ge: return ">=";
  }
  return "?";
}

}  // namespace hallmark::contracts
