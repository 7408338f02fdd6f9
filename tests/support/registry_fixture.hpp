#pragma once

#include <string>

#include "support/temp_dir.hpp"

namespace hallmark::testing {

// Debian's docker-registry (the distribution registry) serving plain HTTP on 127.0.0.1 and a
// free port, with its own config file and storage in a temp dir. The Docker daemon allows a
// 127.0.0.0/8 registry without TLS by default; podman is told so by registries_conf().
// Destruction kills exactly that process.
class TestRegistry {
 public:
  TestRegistry();  // throws when the registry does not come up
  ~TestRegistry();
  TestRegistry(const TestRegistry&) = delete;
  TestRegistry& operator=(const TestRegistry&) = delete;

  // "127.0.0.1:PORT", the registry part of an image reference.
  const std::string& host() const { return host_; }
  // A registries.conf marking this registry insecure (HTTP), for CONTAINERS_REGISTRIES_CONF.
  std::string registries_conf() const { return (dir_.path() / "registries.conf").string(); }
  // Pushes Docker's `image` as host()/`name` and returns the manifest digest the registry
  // answered ("sha256:..."); the local tag of the pushed name is removed again, so a pull of
  // it really asks the registry. "" after failing the test.
  std::string push(const std::string& image, const std::string& name) const;

 private:
  TempDir dir_;
  std::string host_;
  int pid_ = -1;
};

}  // namespace hallmark::testing
