#pragma once

#include "runner/targets/target_spec.hpp"

namespace hallmark::runner::targets {

// `local`: the machine hallmark runs on, reached through child processes.
OpenResult open_local(const TargetSpec& spec);

}  // namespace hallmark::runner::targets
