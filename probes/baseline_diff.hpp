#pragma once

#include <string>
#include <vector>

#include "contracts/baseline_spec.hpp"
#include "probes/fact_request.hpp"
#include "probes/facts.hpp"
#include "probes/snapshot.hpp"

namespace hallmark::probes {

// One difference between a baseline snapshot and a candidate: a JUnit testcase of its own.
// `expected` says what the baseline had, `actual` what the candidate has.
struct BaselineFinding {
  std::string kind;  // "baseline.packages", "baseline.symbols", "baseline.sysctl" or "baseline.ports"
  std::string id;    // "package.removed.libfoo", "symbol.removed.libdemo.so.1.foo@@VERS_2", "port.closed.tcp-22", ...
  contracts::DiffAction action = contracts::DiffAction::fail;  // never ignore: ignored differences are not findings
  std::string expected;
  std::string actual;
  // The comparison could not be made: a fact is missing from the baseline snapshot or was not
  // gathered from the candidate (`actual` says why). `action` is the strictest one left unchecked.
  bool error = false;
};

// Adds the candidate facts compare_to_baseline needs for this policy and baseline to `request`.
void plan(const contracts::BaselineSpec& policy, const Snapshot& baseline, FactRequest& request);

// Every difference of `candidate` from `baseline` that the policy does not ignore, by kind
// (packages, symbols, sysctl, ports) then id. Pure; a fact missing on either side is an error finding.
std::vector<BaselineFinding> compare_to_baseline(const contracts::BaselineSpec& policy, const Snapshot& baseline,
                                                 const Facts& candidate);

// The policy of an offline diff: every difference in every snapshotted library and sysctl is reported.
contracts::BaselineSpec report_everything();

// The differences from snapshot `a` to snapshot `b` under `policy` (usually report_everything()).
std::vector<BaselineFinding> diff_snapshots(const contracts::BaselineSpec& policy, const Snapshot& a,
                                            const Snapshot& b);

}  // namespace hallmark::probes
