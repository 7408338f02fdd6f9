#include "probes/port_probe.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace hallmark::probes {

void plan(const contracts::PortSpec&, FactRequest& request) { request.sockets = true; }

namespace {

bool serves(const Socket& socket, const contracts::PortSpec& spec) {
  if (!socket.listening || socket.protocol != spec.protocol || socket.port != spec.port) return false;
  if (!spec.address || socket.address == *spec.address || socket.address == "::") return true;
  const bool wanted_v4 = spec.address->find(':') == std::string::npos;
  return wanted_v4 && socket.address == "0.0.0.0";
}

std::string describe(const contracts::PortSpec& spec) {
  const std::string where = spec.address ? fmt::format("{}:{}", *spec.address, spec.port)
                                         : fmt::format("port {}", spec.port);
  return fmt::format("{} {}", to_string(spec.protocol), where);
}

}  // namespace

Outcome evaluate(const contracts::PortSpec& spec, const Facts& facts) {
  const std::string expected =
      fmt::format("{} {}", describe(spec), spec.listening ? "listening" : "closed");
  if (!facts.sockets) return Outcome::error(expected, "socket facts were not gathered");
  if (!*facts.sockets) return Outcome::error(expected, facts.sockets->error());

  std::vector<std::string> matching;
  for (const Socket& socket : **facts.sockets) {
    if (serves(socket, spec)) matching.push_back(fmt::format("{}:{}", socket.address, socket.port));
  }
  if (matching.empty()) {
    const std::string actual = fmt::format("nothing listens on {}", describe(spec));
    return spec.listening ? Outcome::fail(expected, actual) : Outcome::pass(expected, actual);
  }
  const std::string actual =
      fmt::format("{} listening on {}", to_string(spec.protocol), fmt::join(matching, ", "));
  return spec.listening ? Outcome::pass(expected, actual) : Outcome::fail(expected, actual);
}

}  // namespace hallmark::probes
