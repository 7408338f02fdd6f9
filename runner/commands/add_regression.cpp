#include "runner/commands/add_regression.hpp"

#include <sstream>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include "contracts/contract_loader.hpp"
#include "util/text_file.hpp"
#include "util/atomic_file.hpp"
#include "probes/gate.hpp"

namespace hallmark::runner::commands {

namespace {

std::string quoted(const std::string& text) {
  std::ostringstream out;
  out << toml::value<std::string>(text);
  return out.str();
}

}  // namespace

std::string regression_clause_text(const RegressionRequest& request) {
  std::string text = "\n[[regression]]\n";
  if (request.id) text += fmt::format("id = {}\n", quoted(*request.id));
  text += fmt::format("bug = {}\n", quoted(request.bug));
  if (request.description) text += fmt::format("description = {}\n", quoted(*request.description));
  text += fmt::format("run = {}\n", quoted(request.run));
  if (request.expect_exit) text += fmt::format("exit_code = {}\n", *request.expect_exit);
  if (!request.expect_stdout.empty()) {
    std::vector<std::string> values;
    for (const std::string& expected : request.expect_stdout) values.push_back(quoted(expected));
    text += fmt::format("stdout_contains = [{}]\n", fmt::join(values, ", "));
  }
  return text;
}

int add_regression(const RegressionRequest& request, std::ostream& out, std::ostream& err) {
  const auto original = util::read_text_file(request.contract_file);
  if (!original) {
    fmt::print(err, "hallmark: error: cannot read {}\n", request.contract_file);
    return probes::k_exit_usage;
  }
  std::string text = *original;
  if (!text.empty() && text.back() != '\n') text += '\n';
  text += regression_clause_text(request);

  const auto contract = contracts::parse_contract(text, request.contract_file);
  if (!contract) {
    for (const contracts::ContractError& error : contract.error()) fmt::print(err, "{}\n", error.str());
    fmt::print(err, "hallmark: the contract was not changed\n");
    return probes::k_exit_usage;
  }
  if (auto written = util::write_file_atomically(request.contract_file, text); !written) {
    fmt::print(err, "hallmark: error: {}\n", written.error());
    return probes::k_exit_usage;
  }
  const contracts::Clause& added = contract->clauses.back();
  fmt::print(out, "{}: added {} guarding {}\n", added.place.str(), added.id, request.bug);
  return probes::k_exit_ok;
}

}  // namespace hallmark::runner::commands
