#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace hallmark::util {

// Standard base64 (RFC 4648 section 4, padded), as DSSE envelopes carry payloads and signatures.
std::string base64_encode(std::string_view bytes);

// Decodes standard or URL-safe base64, padded or not (DSSE accepts both). Fails with
// "not base64: ..." on any other character or a length no encoding gives.
std::expected<std::string, std::string> base64_decode(std::string_view text);

}  // namespace hallmark::util
