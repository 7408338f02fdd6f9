#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "contracts/contract.hpp"
#include "reports/certification.hpp"
#include "reports/notes_document.hpp"

namespace hallmark::reports {

// The technical notes of a core build for the teams that consume it (docs/notes.md): per
// contract its service life on `today`, its promises in plain words grouped by area, the known
// issues (active waivers) and the regression guards; then, when given, the last certification.
// Bug ids link through the contract's bug_url. Pure.
notes::Document technical_notes(const std::vector<contracts::Contract>& contracts,
                                const std::optional<Certification>& certification, std::chrono::year_month_day today);

}  // namespace hallmark::reports
