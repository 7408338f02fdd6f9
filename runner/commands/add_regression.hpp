#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace hallmark::runner::commands {

// What `hallmark add regression` appends: a [[regression]] clause guarding a closed bug.
struct RegressionRequest {
  std::string contract_file;
  std::string bug;
  std::string run;
  std::optional<std::string> id;
  std::optional<std::string> description;
  std::vector<std::string> expect_stdout;
  std::optional<int> expect_exit;
};

// The clause as TOML text, every value escaped by toml++.
std::string regression_clause_text(const RegressionRequest& request);

// Appends the clause to the contract file, leaving every existing byte (comments, layout) as
// it was, and only after the whole resulting contract validates. Returns the exit code:
// 0 added, 2 the result would not be a valid contract (nothing written) or the file is unusable.
int add_regression(const RegressionRequest& request, std::ostream& out, std::ostream& err);

}  // namespace hallmark::runner::commands
