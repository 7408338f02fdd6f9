#include "util/ed25519_key.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <stdexcept>

#include <fmt/format.h>

#include "util/sha256.hpp"
#include "util/text_file.hpp"

namespace hallmark::util {

namespace {

std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "not a PEM key";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

using MdContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

MdContext md_context() {
  MdContext context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!context) throw std::runtime_error("OpenSSL could not allocate a digest context");
  return context;
}

enum class Kind { private_key, public_key };

std::expected<EVP_PKEY*, std::string> read_pem(const std::string& path, Kind kind) {
  const auto text = read_text_file(path);
  if (!text) return std::unexpected(fmt::format("{}: cannot read the key file", path));
  const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(text->data(), static_cast<int>(text->size())), BIO_free);
  EVP_PKEY* key = kind == Kind::private_key ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                                            : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (!key && kind == Kind::public_key) {
    ERR_clear_error();
    BIO_reset(bio.get());
    key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  }
  if (!key) return std::unexpected(fmt::format("{}: {}", path, openssl_error()));
  if (EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
    EVP_PKEY_free(key);
    return std::unexpected(fmt::format("{}: not an Ed25519 key", path));
  }
  return key;
}

}  // namespace

Ed25519Key::Ed25519Key(EVP_PKEY* key) : key_(key, EVP_PKEY_free) {}

std::expected<Ed25519Key, std::string> Ed25519Key::load_private(const std::string& path) {
  auto key = read_pem(path, Kind::private_key);
  if (!key) return std::unexpected(key.error());
  return Ed25519Key(*key);
}

std::expected<Ed25519Key, std::string> Ed25519Key::load_public(const std::string& path) {
  auto key = read_pem(path, Kind::public_key);
  if (!key) return std::unexpected(key.error());
  return Ed25519Key(*key);
}

std::string Ed25519Key::sign(std::string_view message) const {
  const MdContext context = md_context();
  std::string signature(64, '\0');
  std::size_t length = signature.size();
  if (EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, key_.get()) != 1 ||
      EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    throw std::runtime_error("OpenSSL could not sign with the Ed25519 key: " + openssl_error());
  }
  signature.resize(length);
  return signature;
}

bool Ed25519Key::verify(std::string_view message, std::string_view signature) const {
  const MdContext context = md_context();
  const bool ok = EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key_.get()) == 1 &&
                  EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                                   reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  ERR_clear_error();
  return ok;
}

std::string Ed25519Key::key_id() const {
  unsigned char* der = nullptr;
  const int length = i2d_PUBKEY(key_.get(), &der);
  if (length <= 0) throw std::runtime_error("OpenSSL could not encode the public key: " + openssl_error());
  const std::string id = sha256_hex(std::string_view(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length)));
  OPENSSL_free(der);
  return id;
}

}  // namespace hallmark::util
