#pragma once

#include <string>

namespace hallmark::contracts {

// Where something was written: a contract file and a 1-based line and column (0 when unknown).
struct SourcePlace {
  std::string file;
  int line = 0;
  int column = 0;

  // "FILE:LINE:COL", or just "FILE" when the position is unknown.
  std::string str() const;
};

// An error found in a contract, printed as "FILE:LINE:COL: message".
struct ContractError {
  SourcePlace place;
  std::string message;

  std::string str() const { return place.str() + ": " + message; }
};

}  // namespace hallmark::contracts
