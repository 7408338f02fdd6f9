#include "reports/xml_text.hpp"

#include <fmt/format.h>

namespace hallmark::reports {

namespace {

// Length of the valid UTF-8 sequence starting at text[i] that XML 1.0 allows, or 0.
std::size_t valid_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return (lead >= 0x20 || lead == '\t' || lead == '\n' || lead == '\r') ? 1 : 0;
  std::size_t length = 0;
  std::uint32_t code = 0;
  if ((lead & 0xE0) == 0xC0) length = 2, code = lead & 0x1F;
  else if ((lead & 0xF0) == 0xE0) length = 3, code = lead & 0x0F;
  else if ((lead & 0xF8) == 0xF0) length = 4, code = lead & 0x07;
  else return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  const bool overlong = (length == 2 && code < 0x80) || (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
  const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
  const bool not_a_character = code == 0xFFFE || code == 0xFFFF || code > 0x10FFFF;
  return overlong || surrogate || not_a_character ? 0 : length;
}

}  // namespace

std::string xml_safe(std::string_view text, std::size_t limit) {
  const std::size_t kept = std::min(text.size(), limit);
  std::string result;
  result.reserve(kept);
  std::size_t i = 0;
  while (i < kept) {
    if (const std::size_t length = valid_sequence(text, i); length > 0) {
      result.append(text.substr(i, length));
      i += length;
    } else {
      result += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
    }
  }
  if (i < text.size()) result += fmt::format("\n[... {} more bytes cut by hallmark]", text.size() - i);
  return result;
}

}  // namespace hallmark::reports
