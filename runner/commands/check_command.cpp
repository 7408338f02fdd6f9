#include "runner/commands/check_command.hpp"

#include <cstdlib>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "probes/gate.hpp"
#include "probes/waiver_gate.hpp"
#include "runner/commands/load_contracts.hpp"

namespace hallmark::runner::commands {

int check_contracts(const std::vector<std::string>& contract_files, std::optional<int> expiring_within_days,
                    std::ostream& out, std::ostream& err) {
  const auto contracts = load_contracts(contract_files, err);
  if (!contracts) return probes::k_exit_usage;
  const auto today = std::chrono::sys_days{probes::today_utc()};
  const auto ends_soon = [&](std::chrono::year_month_day date) {
    const auto days = (std::chrono::sys_days{date} - today).count();
    return expiring_within_days && days <= *expiring_within_days ? std::optional(days) : std::nullopt;
  };
  for (const contracts::Contract& contract : *contracts) {
    fmt::print(out, "{}: contract {} {} is valid ({} clauses, {} waivers)\n", contract.file, contract.name, contract.version,
               contract.clauses.size(), contract.waivers.size());
    if (const auto days = contract.support_until ? ends_soon(*contract.support_until) : std::nullopt) {
      fmt::print(out, "{}: contract {} service life {} in {} days ({})\n", contract.file, contract.name,
                 *days < 0 ? "ended" : "ends", std::abs(*days), probes::date_text(*contract.support_until));
    }
    for (const contracts::Waiver& waiver : contract.waivers) {
      if (const auto days = ends_soon(waiver.expires)) {
        fmt::print(out, "{}: waiver of {} ({}) {} {} ({} days)\n", waiver.place.str(), waiver.clause, waiver.bug,
                   *days <= 0 ? "expired on" : "expires on", probes::date_text(waiver.expires), *days);
      }
    }
  }
  return probes::k_exit_ok;
}

}  // namespace hallmark::runner::commands
