#include "probes/waiver_gate.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace hallmark::probes {

std::string date_text(std::chrono::year_month_day date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

Outcome apply_waiver(Outcome outcome, const contracts::Waiver* waiver, std::chrono::year_month_day today) {
  if (!waiver || outcome.verdict != Verdict::fail) return outcome;
  if (today < waiver->expires) {
    outcome.verdict = Verdict::skipped;
    outcome.actual = fmt::format("waived until {} ({}: {}); actual: {}", date_text(waiver->expires), waiver->bug,
                                 waiver->justification, outcome.actual);
  } else {
    outcome.actual += fmt::format(" (waiver {} expired on {})", waiver->bug, date_text(waiver->expires));
  }
  return outcome;
}

Outcome evaluate_lifecycle(const contracts::Contract& contract, std::chrono::year_month_day today) {
  if (!contract.support_until) return Outcome::pass("no end of service life", "no end of service life");
  const std::string expected = fmt::format("contract {} {} in service until {}", contract.name, contract.version,
                                           date_text(*contract.support_until));
  if (today <= *contract.support_until) return Outcome::pass(expected, fmt::format("today is {}", date_text(today)));
  return Outcome::fail(expected, fmt::format("today is {}: the contract's service life ended on {}", date_text(today),
                                             date_text(*contract.support_until)));
}

std::chrono::year_month_day today_utc() {
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

}  // namespace hallmark::probes
