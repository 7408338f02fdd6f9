#include "probes/parsers/proc_net.hpp"

#include <arpa/inet.h>

#include <array>
#include <charconv>
#include <cstring>
#include <sstream>

#include <fmt/format.h>

namespace hallmark::probes::parsers {

namespace {

constexpr unsigned k_tcp_listen = 0x0A;
constexpr unsigned k_udp_unconnected = 0x07;

std::optional<std::uint32_t> hex32(std::string_view text) {
  std::uint32_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "0100007F:1F90" -> ("127.0.0.1", 8080). The kernel prints each 32-bit word of the address
// as a host-order integer, so each word is converted back to memory order.
std::optional<std::pair<std::string, std::uint16_t>> decode_endpoint(std::string_view text, bool ipv6) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const std::string_view address_hex = text.substr(0, colon);
  const auto port = hex32(text.substr(colon + 1));
  const std::size_t words = ipv6 ? 4 : 1;
  if (!port || *port > 0xFFFF || address_hex.size() != 8 * words) return std::nullopt;

  std::array<unsigned char, 16> bytes{};
  for (std::size_t i = 0; i < words; ++i) {
    const auto word = hex32(address_hex.substr(8 * i, 8));
    if (!word) return std::nullopt;
    std::memcpy(bytes.data() + 4 * i, &*word, 4);
  }
  static constexpr std::array<unsigned char, 12> k_v4_mapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  char text_address[INET6_ADDRSTRLEN] = {};
  if (ipv6 && std::memcmp(bytes.data(), k_v4_mapped.data(), 12) == 0) {
    inet_ntop(AF_INET, bytes.data() + 12, text_address, sizeof text_address);
  } else {
    inet_ntop(ipv6 ? AF_INET6 : AF_INET, bytes.data(), text_address, sizeof text_address);
  }
  return std::pair{std::string(text_address), static_cast<std::uint16_t>(*port)};
}

}  // namespace

Fact<std::vector<Socket>> parse_proc_net(std::string_view text, contracts::Protocol protocol, bool ipv6) {
  std::vector<Socket> sockets;
  std::istringstream lines{std::string(text)};
  std::string line;
  std::getline(lines, line);  // the column header
  int number = 1;
  while (std::getline(lines, line)) {
    ++number;
    std::istringstream fields(line);
    std::string slot, local, remote, state_hex;
    if (!(fields >> slot)) continue;  // blank line
    if (!(fields >> local >> remote >> state_hex)) {
      return std::unexpected(fmt::format("line {} of the socket table is truncated", number));
    }
    const auto endpoint = decode_endpoint(local, ipv6);
    const auto state = hex32(state_hex);
    if (!endpoint || !state) {
      return std::unexpected(fmt::format("line {} of the socket table is unreadable: {}", number, line));
    }
    const unsigned listening_state =
        protocol == contracts::Protocol::tcp ? k_tcp_listen : k_udp_unconnected;
    sockets.push_back({protocol, endpoint->first, endpoint->second, *state == listening_state});
  }
  return sockets;
}

}  // namespace hallmark::probes::parsers
