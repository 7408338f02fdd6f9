#include "support/registry_fixture.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstring>
#include <regex>
#include <stdexcept>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/docker_fixture.hpp"
#include "support/hallmark_cli.hpp"
#include "support/sshd_fixture.hpp"

namespace hallmark::testing {

using namespace std::chrono_literals;

TestRegistry::TestRegistry() {
  const int port = free_loopback_port();
  host_ = fmt::format("127.0.0.1:{}", port);
  const std::string config = dir_.write("config.yml", fmt::format("version: 0.1\n"
                                                                   "log:\n  level: warn\n"
                                                                   "storage:\n  filesystem:\n    rootdirectory: {}/storage\n"
                                                                   "http:\n  addr: {}\n",
                                                                   dir_.path().string(), host_));
  dir_.write("registries.conf", fmt::format("[[registry]]\nlocation = \"{}\"\ninsecure = true\n", host_));
  const std::string log = (dir_.path() / "registry.log").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<std::string> words{"/usr/bin/docker-registry", "serve", config};
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error(fmt::format("cannot start {}: {}", words.front(), std::strerror(spawned)));
  if (!wait_for_port(port, 10s)) {
    throw std::runtime_error(fmt::format("docker-registry did not come up on {}; its log:\n{}", host_, read_file(log)));
  }
}

TestRegistry::~TestRegistry() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
}

std::string TestRegistry::push(const std::string& image, const std::string& name) const {
  const std::string reference = host_ + "/" + name;
  docker({"tag", image, reference});
  const std::string pushed = docker({"push", reference});
  docker({"rmi", reference});
  // The last line reads "TAG: digest: sha256:HEX size: N".
  std::smatch digest;
  if (!std::regex_search(pushed, digest, std::regex("digest: (sha256:[0-9a-f]{64})"))) {
    ADD_FAILURE() << "no digest in the output of docker push:\n" << pushed;
    return {};
  }
  return digest[1];
}

}  // namespace hallmark::testing
