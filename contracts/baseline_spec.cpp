#include "contracts/baseline_spec.hpp"

namespace hallmark::contracts {

std::string_view to_string(DiffAction action) {
  switch (action) {
    case DiffAction::fail: return "fail";
    case DiffAction::report: return "report";
    case DiffAction::ignore: return "ignore";
  }
  return "?";
}

std::optional<DiffAction> diff_action_from_string(std::string_view text) {
  for (const DiffAction action : {DiffAction::fail, DiffAction::report, DiffAction::ignore}) {
    if (to_string(action) == text) return action;
  }
  return std::nullopt;
}

}  // namespace hallmark::contracts
