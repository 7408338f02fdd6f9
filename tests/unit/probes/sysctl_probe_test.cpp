#include "probes/sysctl_probe.hpp"

#include <gtest/gtest.h>

namespace hallmark::probes {
namespace {

Facts with_sysctl(const std::string& key, Fact<std::optional<std::string>> value) {
  Facts facts;
  facts.sysctls.emplace(key, std::move(value));
  return facts;
}

TEST(SysctlProbe, EqualValuePasses) {
  EXPECT_EQ(evaluate({"kernel.randomize_va_space", "2"}, with_sysctl("kernel.randomize_va_space", std::optional<std::string>("2"))).verdict,
            Verdict::pass);
}

TEST(SysctlProbe, DifferentValueFailsWithBoth) {
  const Outcome outcome = evaluate({"net.ipv4.ip_forward", "0"}, with_sysctl("net.ipv4.ip_forward", std::optional<std::string>("1")));
  EXPECT_EQ(outcome.verdict, Verdict::fail);
  EXPECT_EQ(outcome.expected, "net.ipv4.ip_forward = 0");
  EXPECT_EQ(outcome.actual, "net.ipv4.ip_forward = 1");
}

TEST(SysctlProbe, MultiValueParametersCompareWithWhitespaceFolded) {
  const auto facts = with_sysctl("net.ipv4.ip_local_port_range", std::optional<std::string>("32768\t60999"));
  EXPECT_EQ(evaluate({"net.ipv4.ip_local_port_range", "32768 60999"}, facts).verdict, Verdict::pass);
  EXPECT_EQ(evaluate({"net.ipv4.ip_local_port_range", "1024 65535"}, facts).verdict, Verdict::fail);
}

TEST(SysctlProbe, MissingKeyFails) {
  EXPECT_EQ(evaluate({"kernel.nope", "1"}, with_sysctl("kernel.nope", std::optional<std::string>())).actual,
            "kernel.nope does not exist on the target");
}

TEST(SysctlProbe, KeyMapsToProcSysPath) {
  EXPECT_EQ(sysctl_path("net.ipv4.conf.all.rp_filter"), "/proc/sys/net/ipv4/conf/all/rp_filter");
  EXPECT_EQ(normalise_whitespace("  a \t b\n"), "a b");
}

}  // namespace
}  // namespace hallmark::probes
