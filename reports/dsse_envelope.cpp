#include "reports/dsse_envelope.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/base64.hpp"

namespace hallmark::reports {

std::string pre_authentication_encoding(std::string_view payload_type, std::string_view payload) {
  return fmt::format("DSSEv1 {} {} {} {}", payload_type.size(), payload_type, payload.size(), payload);
}

std::string sign_envelope(std::string_view payload_type, std::string_view payload, const util::Ed25519Key& key) {
  const std::string signature = key.sign(pre_authentication_encoding(payload_type, payload));
  const nlohmann::ordered_json envelope{
      {"payload", util::base64_encode(payload)},
      {"payloadType", payload_type},
      {"signatures", {{{"keyid", key.key_id()}, {"sig", util::base64_encode(signature)}}}}};
  return envelope.dump(2) + "\n";
}

std::expected<std::string, std::string> open_envelope(std::string_view envelope, std::string_view payload_type,
                                                      const util::Ed25519Key& key) {
  const nlohmann::json document = nlohmann::json::parse(envelope, nullptr, false);
  const auto string_at = [](const nlohmann::json& object, const char* name) -> const std::string* {
    if (!object.is_object() || !object.contains(name) || !object[name].is_string()) return nullptr;
    return object[name].get_ptr<const std::string*>();
  };
  const std::string* payload = string_at(document, "payload");
  const std::string* type = string_at(document, "payloadType");
  if (!payload || !type || !document.contains("signatures") || !document["signatures"].is_array()) {
    return std::unexpected("not a DSSE envelope (payload, payloadType and signatures are required)");
  }
  if (*type != payload_type) {
    return std::unexpected(fmt::format("the envelope's payload type is {}, not {}", *type, payload_type));
  }
  const auto body = util::base64_decode(*payload);
  if (!body) return std::unexpected("the envelope's payload is " + body.error());
  const std::string signed_bytes = pre_authentication_encoding(*type, *body);
  for (const nlohmann::json& signature : document["signatures"]) {
    const std::string* sig = string_at(signature, "sig");
    if (!sig) continue;
    const auto bytes = util::base64_decode(*sig);
    if (bytes && key.verify(signed_bytes, *bytes)) return *body;
  }
  return std::unexpected(fmt::format("no signature in the envelope verifies with key {}", key.key_id()));
}

}  // namespace hallmark::reports
