#pragma once

#include <expected>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "probes/provenance.hpp"
#include "runner/targets/target.hpp"
#include "runner/transports/transport.hpp"

namespace hallmark::testing {

// A scripted target for unit tests, as ninja's FakeCommandRunner: each exec of a gather script
// gets the canned answer given for that script (matched by its text), and every argv is
// recorded. Answers may be any bytes: well-formed records, a stream cut short, garbage, or a
// failed exec. Safe to call from the gatherers' parallel threads.
class FakeTransport final : public runner::transports::Transport {
 public:
  using Result = runner::transports::Execution;

  // Answers every exec whose script text contains `script` (e.g. gather::scripts::k_packages).
  void answer(std::string_view script, Result result);
  // Shorthand: the script prints `out` and exits 0.
  void answer_output(std::string_view script, std::string out);

  Result exec(const std::vector<std::string>& argv, std::string_view input, std::chrono::milliseconds timeout) override;
  std::string describe() const override { return "fake transport"; }

  // Every argv run so far, in order.
  std::vector<std::vector<std::string>> calls() const;
  // The positional arguments ("$@") of the run of `script`, or nullopt when it did not run.
  std::optional<std::vector<std::string>> arguments_of(std::string_view script) const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::pair<std::string, Result>> answers_;
  std::vector<std::vector<std::string>> calls_;
};

// The framed stream a gather script prints for `fields` (see runner/gather/framed_records.hpp),
// closed by the "end" record unless `closed` is false (a target that stopped mid-way).
std::string framed(std::initializer_list<std::pair<std::string_view, std::string_view>> fields, bool closed = true);

// A target that is a FakeTransport: what a TargetOpener hands the run command in unit tests.
class FakeTarget final : public runner::targets::Target {
 public:
  FakeTarget(FakeTransport& transport, probes::Provenance provenance, std::optional<std::string> problem = std::nullopt)
      : transport_(transport), provenance_(std::move(provenance)), problem_(std::move(problem)) {}

  runner::transports::Transport& transport() override { return transport_; }
  const probes::Provenance& provenance() const override { return provenance_; }
  std::optional<std::string> check_alive() override { return problem_; }

 private:
  FakeTransport& transport_;
  probes::Provenance provenance_;
  std::optional<std::string> problem_;
};

}  // namespace hallmark::testing
