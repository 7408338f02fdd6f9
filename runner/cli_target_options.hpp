#pragma once

#include <chrono>

#include <CLI/CLI.hpp>

#include "runner/targets/target_spec.hpp"

namespace hallmark::runner::cli {

// The options every command that opens a target takes (--boot, --pull, --settle, --timeout, the SSH
// and VM options), bound to one place so `run` and `snapshot` cannot drift apart.
class TargetFlags {
 public:
  // Adds the options to `command`; `this` must outlive the parse.
  void add_to(CLI::App& command);

  // The options as parsed, with defaults that depend on other options filled in.
  targets::TargetOptions options() const;
  std::chrono::milliseconds fact_timeout() const;

 private:
  targets::TargetOptions options_;
  std::string boot_ = "keep-alive";
  std::string pull_ = "never";
  std::string firmware_ = "bios";
  double settle_seconds_ = -1;
  double timeout_seconds_ = 300;
  double boot_timeout_seconds_ = 600;
};

// "--target" help: every kind the table knows.
std::string target_help();

}  // namespace hallmark::runner::cli
