#include "runner/gather/fact_gatherer.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <gtest/gtest.h>

#include "runner/transports/local_transport.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::runner::gather {
namespace {

using namespace std::chrono_literals;

// A transport whose target is gone: every exec fails.
class FakeDeadTransport final : public transports::Transport {
 public:
  transports::Execution exec(const std::vector<std::string>&, std::string_view,
                                              std::chrono::milliseconds) override {
    return std::unexpected("container hallmark-x is not running");
  }
  std::string describe() const override { return "fake dead"; }
};

// Runs the gathering scripts for real, with this machine's sh, on files made by the test.
class FactGathererLocal : public ::testing::Test {
 protected:
  testing::TempDir dir;
  transports::LocalTransport transport;
};

TEST_F(FactGathererLocal, FileMetadataAndContentAreByteExact) {
  const std::string content("line\n\0binary\xff\n\n", 15);
  const std::string path = dir.write("data.bin", content);
  chmod(path.c_str(), 0640);
  std::filesystem::create_symlink(path, dir.path() / "link");
  probes::FactRequest request;
  request.files = {{path, true}, {(dir.path() / "link").string(), false}, {(dir.path() / "missing").string(), true}};
  const probes::Facts facts = gather_facts(transport, request, 30s);

  const auto& file = facts.files.at(path);
  ASSERT_TRUE(file.has_value()) << file.error();
  EXPECT_TRUE(file->exists);
  EXPECT_EQ(file->type, contracts::FileType::file);
  EXPECT_EQ(file->mode, 0640u);
  EXPECT_EQ(file->size, content.size());
  EXPECT_EQ(file->content, content);
  const auto& link = facts.files.at((dir.path() / "link").string());
  ASSERT_TRUE(link.has_value()) << link.error();
  EXPECT_EQ(link->type, contracts::FileType::symlink);
  EXPECT_EQ(link->link_target, path);
  EXPECT_FALSE(link->content.has_value());
  EXPECT_FALSE(facts.files.at((dir.path() / "missing").string())->exists);
}

TEST_F(FactGathererLocal, ShellMetacharactersInValuesAreNeverExecuted) {
  const auto marker = dir.path() / "pwned";
  const std::string hostile = "/nonexistent; touch " + marker.string() + " $(touch " + marker.string() + ") `touch " +
                              marker.string() + "` '\"\n";
  probes::FactRequest request;
  request.files = {{hostile, true}};
  request.sysctls = {"kernel.ostype"};
  const probes::Facts facts = gather_facts(transport, request, 30s);
  EXPECT_FALSE(std::filesystem::exists(marker));
  ASSERT_TRUE(facts.files.at(hostile).has_value()) << facts.files.at(hostile).error();
  EXPECT_FALSE(facts.files.at(hostile)->exists);
  EXPECT_EQ(facts.sysctls.at("kernel.ostype").value(), std::optional<std::string>("Linux"));
}

TEST_F(FactGathererLocal, CommandsRunInOneBatchWithSeparateStreams) {
  probes::FactRequest request;
  request.commands = {{"echo out; echo err >&2; exit 3", 10s}, {"printf 'no newline'", 10s}, {"sleep 5", 1s}};
  const probes::Facts facts = gather_facts(transport, request, 30s);
  const auto& first = facts.commands.at("echo out; echo err >&2; exit 3");
  ASSERT_TRUE(first.has_value()) << first.error();
  EXPECT_EQ(first->exit_code, 3);
  EXPECT_EQ(first->out, "out\n");
  EXPECT_EQ(first->err, "err\n");
  EXPECT_EQ(facts.commands.at("printf 'no newline'")->out, "no newline");
  EXPECT_TRUE(facts.commands.at("sleep 5")->timed_out);
}

TEST_F(FactGathererLocal, SocketsAndPackagesOfThisMachineAreRead) {
  probes::FactRequest request;
  request.sockets = true;
  request.packages = true;
  const probes::Facts facts = gather_facts(transport, request, 60s);
  ASSERT_TRUE(facts.sockets->has_value()) << facts.sockets->error();
  ASSERT_TRUE(facts.packages->has_value()) << facts.packages->error();
  EXPECT_EQ((*facts.packages)->scheme, probes::VersionScheme::dpkg);
  EXPECT_GT((*facts.packages)->installed.size(), 50u);
}

TEST_F(FactGathererLocal, MissingSysctlIsAbsentNotAnError) {
  probes::FactRequest request;
  request.sysctls = {"kernel.hallmark_does_not_exist"};
  const probes::Facts facts = gather_facts(transport, request, 30s);
  const auto& value = facts.sysctls.at("kernel.hallmark_does_not_exist");
  ASSERT_TRUE(value.has_value()) << value.error();
  EXPECT_FALSE(value->has_value());
}

TEST(FactGatherer, DeadTargetTurnsEveryFactIntoAnError) {
  FakeDeadTransport transport;
  probes::FactRequest request;
  request.packages = true;
  request.sockets = true;
  request.files = {{"/etc/passwd", false}};
  request.sysctls = {"kernel.ostype"};
  request.commands = {{"true", 5s}};
  const probes::Facts facts = gather_facts(transport, request, 5s);
  EXPECT_EQ(facts.packages->error(), "container hallmark-x is not running");
  EXPECT_FALSE(facts.sockets->has_value());
  EXPECT_FALSE(facts.files.at("/etc/passwd").has_value());
  EXPECT_FALSE(facts.sysctls.at("kernel.ostype").has_value());
  EXPECT_FALSE(facts.commands.at("true").has_value());
}

}  // namespace
}  // namespace hallmark::runner::gather
