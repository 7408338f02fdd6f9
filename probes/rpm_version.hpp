#pragma once

#include <string_view>

namespace hallmark::probes {

// Orders two version (or release) strings exactly as rpm's rpmvercmp(): -1, 0 or 1; '~' sorts
// before even the end, '^' after the end but before any further segment. Never fails.
int rpmvercmp(std::string_view a, std::string_view b);

// Orders "[epoch:]version[-release]" (missing epoch = 0) with rpmvercmp() on each part: -1, 0 or
// 1; releases count only if both sides have one, as in rpm dependency matching. Never fails.
int compare_rpm_evr(std::string_view a, std::string_view b);

}  // namespace hallmark::probes
