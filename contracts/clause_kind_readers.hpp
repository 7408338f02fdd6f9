#pragma once

#include <optional>

#include "contracts/clause_readers.hpp"

// The reader of each clause kind (see clause_kinds() for the registry). Each reads the
// kind's own keys, reports problems through the reader, and returns nullopt when unusable.
namespace hallmark::contracts::readers {

std::optional<ReadSpec> package(TableReader& reader);
std::optional<ReadSpec> file(TableReader& reader);
std::optional<ReadSpec> sysctl(TableReader& reader);
std::optional<ReadSpec> kernel(TableReader& reader);
std::optional<ReadSpec> port(TableReader& reader);
std::optional<ReadSpec> os(TableReader& reader);
std::optional<ReadSpec> command(TableReader& reader);
std::optional<ReadSpec> regression(TableReader& reader);
std::optional<ReadSpec> service(TableReader& reader);
std::optional<ReadSpec> user(TableReader& reader);
std::optional<ReadSpec> group(TableReader& reader);
std::optional<ReadSpec> symbols(TableReader& reader);

}  // namespace hallmark::contracts::readers
