#include "contracts/clause_specs.hpp"

namespace hallmark::contracts {

std::string_view to_string(FileType type) {
  switch (type) {
    case FileType::file: return "file";
    case FileType::directory: return "directory";
    case FileType::symlink: return "symlink";
    case FileType::other: return "other";
  }
  return "?";
}

std::string_view to_string(UnitState state) {
  switch (state) {
    case UnitState::enabled: return "enabled";
    case UnitState::disabled: return "disabled";
    case UnitState::masked: return "masked";
    case UnitState::static_unit: return "static";
    case UnitState::not_found: return "not-found";
  }
  return "?";
}

std::string_view to_string(Protocol protocol) { return protocol == Protocol::tcp ? "tcp" : "udp"; }

}  // namespace hallmark::contracts
