#pragma once

#include <string>

namespace hallmark::util {

// This machine's host name, for report provenance ("unknown" if it cannot be read).
std::string host_name();

}  // namespace hallmark::util
