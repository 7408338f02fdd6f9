#include "util/base64.hpp"

#include <openssl/evp.h>

namespace hallmark::util {

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::expected<std::string, std::string> base64_decode(std::string_view text) {
  // To the padded standard alphabet OpenSSL decodes, then drop what the padding stood for.
  std::string standard(text);
  while (standard.ends_with('=')) standard.pop_back();
  for (char& c : standard) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    if (!ok) return std::unexpected("not base64: unexpected character");
  }
  if (standard.size() % 4 == 1) return std::unexpected("not base64: wrong length");
  const std::size_t padding = (4 - standard.size() % 4) % 4;
  standard.append(padding, '=');
  std::string out(standard.size() / 4 * 3, '\0');
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(standard.data()), static_cast<int>(standard.size()));
  if (written < 0) return std::unexpected("not base64: cannot decode");
  out.resize(static_cast<std::size_t>(written) - padding);
  return out;
}

}  // namespace hallmark::util
