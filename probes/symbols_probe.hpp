#pragma once

#include "contracts/clause_specs.hpp"
#include "probes/fact_request.hpp"
#include "probes/facts.hpp"
#include "probes/outcome.hpp"

namespace hallmark::probes {

// [[symbols]]: needs the named library's ELF facts (soname, exports, version definitions),
// or every ELF file's version needs in the named directories.
void plan(const contracts::SymbolsSpec& spec, FactRequest& request);
Outcome evaluate(const contracts::SymbolsSpec& spec, const Facts& facts);

}  // namespace hallmark::probes
