#pragma once

#include <string>
#include <string_view>

namespace hallmark::util {

// RFC 3986 percent-encoding: every byte but ASCII letters, digits, '-', '.', '_', '~' and the
// characters of `also_plain` becomes %XX (upper-case hex). Never fails.
std::string percent_encode(std::string_view text, std::string_view also_plain = "");

}  // namespace hallmark::util
