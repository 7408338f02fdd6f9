#include "contracts/contract.hpp"

namespace hallmark::contracts {

std::string_view to_string(Severity severity) {
  return severity == Severity::blocking ? "blocking" : "warning";
}

}  // namespace hallmark::contracts
