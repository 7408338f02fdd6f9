#pragma once

#include "runner/target_spec.hpp"

namespace hallmark::runner {

// `local`: the machine hallmark runs on, reached through child processes.
OpenResult open_local(const TargetSpec& spec);

}  // namespace hallmark::runner
