#pragma once

#include <chrono>
#include <string>

#include "contracts/contract.hpp"
#include "probes/outcome.hpp"

namespace hallmark::probes {

// Applies a clause's waiver (if any) to its outcome on `today` (UTC). A failure under a waiver
// that has not expired becomes skipped, saying which bug and why; on and after `expires` the
// waiver is void and the failure stands, with a note that the waiver expired.
Outcome apply_waiver(Outcome outcome, const contracts::Waiver* waiver, std::chrono::year_month_day today);

// The outcome of a contract's service life on `today`: it fails once `support_until` is past.
Outcome evaluate_lifecycle(const contracts::Contract& contract, std::chrono::year_month_day today);

// "2026-12-31".
std::string date_text(std::chrono::year_month_day date);

// Today's date in UTC.
std::chrono::year_month_day today_utc();

}  // namespace hallmark::probes
