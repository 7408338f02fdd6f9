#pragma once

#include <expected>
#include <memory>
#include <string>
#include <string_view>

typedef struct evp_pkey_st EVP_PKEY;

namespace hallmark::util {

// An Ed25519 key read from PEM with OpenSSL: a private key signs, either kind verifies.
class Ed25519Key {
 public:
  // Reads a PKCS#8 private key ("-----BEGIN PRIVATE KEY-----", as `openssl genpkey -algorithm
  // ed25519` writes). Fails with "PATH: reason" when unreadable or not an Ed25519 key.
  static std::expected<Ed25519Key, std::string> load_private(const std::string& path);
  // Reads a public key ("-----BEGIN PUBLIC KEY-----"); a private key file is accepted too.
  static std::expected<Ed25519Key, std::string> load_public(const std::string& path);

  // The 64-byte Ed25519 signature of `message`; throws only when OpenSSL itself fails.
  std::string sign(std::string_view message) const;
  // True when `signature` is this key's signature of `message`.
  bool verify(std::string_view message, std::string_view signature) const;
  // The key's id: lower-case hex SHA-256 of its public key (DER SubjectPublicKeyInfo), as
  // `openssl pkey -pubout -outform DER | sha256sum` prints it.
  std::string key_id() const;

 private:
  explicit Ed25519Key(EVP_PKEY* key);
  std::shared_ptr<EVP_PKEY> key_;
};

}  // namespace hallmark::util
