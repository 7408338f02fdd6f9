#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "util/ed25519_key.hpp"

namespace hallmark::reports {

// The payload type of an in-toto statement inside a DSSE envelope.
inline constexpr std::string_view k_in_toto_payload_type = "application/vnd.in-toto+json";

// DSSE v1 Pre-Authentication Encoding: "DSSEv1 LEN(type) type LEN(body) body", the bytes that
// are signed (../shared/specs/dsse/protocol.md).
std::string pre_authentication_encoding(std::string_view payload_type, std::string_view payload);

// A DSSE envelope (JSON) holding `payload`, signed with `key` over the PAE; the signature's
// keyid is the key's id (util::Ed25519Key::key_id).
std::string sign_envelope(std::string_view payload_type, std::string_view payload, const util::Ed25519Key& key);

// The payload of a DSSE envelope whose payload type is `payload_type` and which holds at least
// one signature `key` verifies. Fails with why: not an envelope, another payload type, no
// signature this key made.
std::expected<std::string, std::string> open_envelope(std::string_view envelope, std::string_view payload_type,
                                                      const util::Ed25519Key& key);

}  // namespace hallmark::reports
