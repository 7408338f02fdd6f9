#include "runner/targets/ssh_target.hpp"

#include <gtest/gtest.h>

namespace hallmark::runner::targets {
namespace {

// Suites here are pure; their names do not start with "Ssh", so ctest labels them `unit`.

transports::SshEndpoint parsed(std::string_view reference) {
  auto endpoint = parse_ssh_reference(reference, "alice");
  EXPECT_TRUE(endpoint.has_value()) << reference << ": " << (endpoint ? "" : endpoint.error());
  return endpoint.value_or(transports::SshEndpoint{});
}

std::string error_of(std::string_view reference) {
  const auto endpoint = parse_ssh_reference(reference, "alice");
  EXPECT_FALSE(endpoint.has_value()) << reference << " parsed";
  return endpoint ? "" : endpoint.error();
}

void expect_endpoint(const transports::SshEndpoint& endpoint, std::string_view user, std::string_view host, int port) {
  EXPECT_EQ(endpoint.user, user);
  EXPECT_EQ(endpoint.host, host);
  EXPECT_EQ(endpoint.port, port);
}

TEST(ParseSshReference, HostAloneTakesTheDefaultUserAndPort22) { expect_endpoint(parsed("db1"), "alice", "db1", 22); }

TEST(ParseSshReference, UserAndPortAreSplitOff) {
  expect_endpoint(parsed("admin@db1.example.com:2222"), "admin", "db1.example.com", 2222);
  expect_endpoint(parsed("root@127.0.0.1"), "root", "127.0.0.1", 22);
}

TEST(ParseSshReference, BracketedIpv6AddressMayTakeAPort) {
  expect_endpoint(parsed("root@[::1]:2222"), "root", "::1", 2222);
  expect_endpoint(parsed("[fe80::1%eth0]"), "alice", "fe80::1%eth0", 22);
}

TEST(ParseSshReference, BareIpv6AddressIsAHostOnPort22) {
  expect_endpoint(parsed("fe80::1:22"), "alice", "fe80::1:22", 22);
}

TEST(ParseSshReference, EmptyUserIsRefused) {
  EXPECT_EQ(error_of("@db1"), "\"@db1\" is not [USER@]HOST[:PORT]: the user before '@' is empty");
}

TEST(ParseSshReference, EmptyHostIsRefused) {
  EXPECT_EQ(error_of("root@"), "\"root@\" is not [USER@]HOST[:PORT]: the host is empty");
  EXPECT_EQ(error_of(":22"), "\":22\" is not [USER@]HOST[:PORT]: the host is empty");
}

TEST(ParseSshReference, PortMustBeANumberFrom1To65535) {
  EXPECT_EQ(error_of("db1:0"), "\"db1:0\" is not [USER@]HOST[:PORT]: \"0\" is not a port number from 1 to 65535");
  EXPECT_EQ(error_of("db1:65536"),
            "\"db1:65536\" is not [USER@]HOST[:PORT]: \"65536\" is not a port number from 1 to 65535");
  EXPECT_EQ(error_of("db1:ssh"), "\"db1:ssh\" is not [USER@]HOST[:PORT]: \"ssh\" is not a port number from 1 to 65535");
  EXPECT_EQ(error_of("db1:"), "\"db1:\" is not [USER@]HOST[:PORT]: \"\" is not a port number from 1 to 65535");
  EXPECT_EQ(error_of("db1:22x"), "\"db1:22x\" is not [USER@]HOST[:PORT]: \"22x\" is not a port number from 1 to 65535");
}

TEST(ParseSshReference, BracketsMustCloseAndBeFollowedOnlyByAPort) {
  EXPECT_EQ(error_of("[::1:22"), "\"[::1:22\" is not [USER@]HOST[:PORT]: '[' without ']'");
  EXPECT_EQ(error_of("[::1]22"), "\"[::1]22\" is not [USER@]HOST[:PORT]: only ':PORT' may follow ']'");
}

TEST(ParseSshReference, HostWithSpacesOrSlashesIsRefused) {
  EXPECT_EQ(error_of("db 1"), "\"db 1\" is not [USER@]HOST[:PORT]: \"db 1\" is not a host name or address");
  EXPECT_EQ(error_of("root@db/1:22"),
            "\"root@db/1:22\" is not [USER@]HOST[:PORT]: \"db/1\" is not a host name or address");
}

TEST(FormatSshEndpoint, NamesUserHostAndPortWithIpv6InBrackets) {
  EXPECT_EQ((transports::SshEndpoint{"root", "db1", 22}.str()), "root@db1:22");
  EXPECT_EQ((transports::SshEndpoint{"root", "::1", 2222}.str()), "root@[::1]:2222");
}

}  // namespace
}  // namespace hallmark::runner::targets
