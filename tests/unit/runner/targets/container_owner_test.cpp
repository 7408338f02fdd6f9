#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include "runner/targets/container_owner.hpp"

namespace hallmark::runner::targets {
namespace {

using Labels = std::map<std::string, std::string, std::less<>>;

// The labels owner_label_arguments() puts on a container, as the engine gives them back.
Labels labels_of(const std::vector<std::string>& arguments) {
  Labels labels;
  for (std::size_t i = 1; i < arguments.size(); i += 2) {
    const auto equals = arguments[i].find('=');
    labels.emplace(arguments[i].substr(0, equals), arguments[i].substr(equals + 1));
  }
  return labels;
}

pid_t dead_pid() {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  return child;
}

TEST(ContainerOwner, ContainerOfThisRunIsNotAbandoned) {
  const Labels labels = labels_of(owner_label_arguments());
  EXPECT_EQ(labels.at("org.hallmark.owner-pid"), std::to_string(getpid()));
  EXPECT_EQ(labels.size(), 4u);
  EXPECT_FALSE(owner_is_gone(labels, labels.at("org.hallmark.owner-host")));
}

TEST(ContainerOwner, OwnerWhosePidIsGoneOrReusedOrOfAnEarlierBootIsGone) {
  const Labels mine = labels_of(owner_label_arguments());
  const std::string host = mine.at("org.hallmark.owner-host");
  Labels dead = mine;
  dead["org.hallmark.owner-pid"] = std::to_string(dead_pid());
  EXPECT_TRUE(owner_is_gone(dead, host));
  Labels reused = mine;
  reused["org.hallmark.owner-start"] = "1";
  EXPECT_TRUE(owner_is_gone(reused, host));
  Labels earlier_boot = mine;
  earlier_boot["org.hallmark.owner-boot"] = "00000000-0000-0000-0000-000000000000";
  EXPECT_TRUE(owner_is_gone(earlier_boot, host));
}

TEST(ContainerOwner, ContainerOfAnotherHostOrWithoutAllLabelsIsLeftAlone) {
  Labels dead = labels_of(owner_label_arguments());
  const std::string host = dead.at("org.hallmark.owner-host");
  dead["org.hallmark.owner-pid"] = std::to_string(dead_pid());
  EXPECT_FALSE(owner_is_gone(dead, "another-host"));
  Labels only_pid{{"org.hallmark.owner-pid", dead.at("org.hallmark.owner-pid")}};
  EXPECT_FALSE(owner_is_gone(only_pid, host));
  Labels garbled = dead;
  garbled["org.hallmark.owner-start"] = "12x";
  EXPECT_FALSE(owner_is_gone(garbled, host));
}

}  // namespace
}  // namespace hallmark::runner::targets
