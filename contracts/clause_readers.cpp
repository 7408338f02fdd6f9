#include "contracts/clause_readers.hpp"

#include <array>

#include "contracts/clause_kind_readers.hpp"

namespace hallmark::contracts {

namespace {

constexpr std::array k_clause_kinds{
    ClauseKind{"package", readers::package},       ClauseKind{"file", readers::file},
    ClauseKind{"sysctl", readers::sysctl},         ClauseKind{"kernel", readers::kernel},
    ClauseKind{"port", readers::port},             ClauseKind{"service", readers::service},
    ClauseKind{"user", readers::user},             ClauseKind{"group", readers::group},
    ClauseKind{"os", readers::os},                 ClauseKind{"symbols", readers::symbols},
    ClauseKind{"command", readers::command},       ClauseKind{"regression", readers::regression},
};

}  // namespace

std::span<const ClauseKind> clause_kinds() { return k_clause_kinds; }

}  // namespace hallmark::contracts
