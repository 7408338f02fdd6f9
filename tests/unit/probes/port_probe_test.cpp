#include "probes/port_probe.hpp"

#include <gtest/gtest.h>

namespace hallmark::probes {
namespace {

using contracts::PortSpec;
using contracts::Protocol;

Facts with_sockets(std::vector<Socket> sockets) {
  Facts facts;
  facts.sockets = std::move(sockets);
  return facts;
}

TEST(PortProbe, ListeningSocketOnAnyAddressSatisfiesPortOnly) {
  const Outcome outcome = evaluate(PortSpec{Protocol::tcp, std::nullopt, 22, true}, with_sockets({{Protocol::tcp, "0.0.0.0", 22, true}}));
  EXPECT_EQ(outcome.verdict, Verdict::pass);
  EXPECT_EQ(outcome.actual, "tcp listening on 0.0.0.0:22");
}

TEST(PortProbe, WildcardServesASpecificAddressOfItsFamily) {
  const PortSpec loopback{Protocol::tcp, "127.0.0.1", 5432, true};
  EXPECT_EQ(evaluate(loopback, with_sockets({{Protocol::tcp, "0.0.0.0", 5432, true}})).verdict, Verdict::pass);
  EXPECT_EQ(evaluate(loopback, with_sockets({{Protocol::tcp, "::", 5432, true}})).verdict, Verdict::pass);
  EXPECT_EQ(evaluate(loopback, with_sockets({{Protocol::tcp, "10.0.0.5", 5432, true}})).verdict, Verdict::fail);
}

TEST(PortProbe, ConnectedSocketsAndOtherProtocolsDoNotCount) {
  const PortSpec spec{Protocol::tcp, std::nullopt, 80, true};
  const Outcome outcome = evaluate(spec, with_sockets({{Protocol::tcp, "0.0.0.0", 80, false}, {Protocol::udp, "0.0.0.0", 80, true}}));
  EXPECT_EQ(outcome.verdict, Verdict::fail);
  EXPECT_EQ(outcome.actual, "nothing listens on tcp port 80");
}

TEST(PortProbe, ClosedPortHoldsUntilSomethingListens) {
  const PortSpec telnet{Protocol::tcp, std::nullopt, 23, false};
  EXPECT_EQ(evaluate(telnet, with_sockets({})).verdict, Verdict::pass);
  const Outcome open = evaluate(telnet, with_sockets({{Protocol::tcp, "::", 23, true}}));
  EXPECT_EQ(open.verdict, Verdict::fail);
  EXPECT_EQ(open.expected, "tcp port 23 closed");
}

TEST(PortProbe, UnavailableSocketTableIsAnError) {
  Facts facts;
  facts.sockets = std::unexpected("lost");
  EXPECT_EQ(evaluate(PortSpec{Protocol::tcp, std::nullopt, 23, false}, facts).verdict, Verdict::error);
}

}  // namespace
}  // namespace hallmark::probes
