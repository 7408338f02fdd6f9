#include "contracts/clause_selection.hpp"

#include <algorithm>

namespace hallmark::contracts {

namespace {

bool has_any_tag(const Clause& clause, const std::vector<std::string>& tags) {
  return std::any_of(tags.begin(), tags.end(), [&](const std::string& tag) {
    return std::find(clause.tags.begin(), clause.tags.end(), tag) != clause.tags.end();
  });
}

}  // namespace

std::string ClauseSelection::describe() const {
  std::string text;
  for (const std::string& tag : only_tags) text += " --only " + tag;
  for (const std::string& tag : skip_tags) text += " --skip " + tag;
  for (const std::string& id : clause_ids) text += " --clause " + id;
  return text.empty() ? text : text.substr(1);
}

bool ClauseSelection::selects(const Clause& clause) const {
  if (!clause_ids.empty() && std::find(clause_ids.begin(), clause_ids.end(), clause.id) == clause_ids.end()) return false;
  if (!only_tags.empty() && !has_any_tag(clause, only_tags)) return false;
  return !has_any_tag(clause, skip_tags);
}

std::vector<std::string> unknown_clause_ids(const ClauseSelection& selection,
                                            const std::vector<Contract>& contracts) {
  std::vector<std::string> unknown;
  for (const std::string& id : selection.clause_ids) {
    const bool known = std::any_of(contracts.begin(), contracts.end(), [&](const Contract& contract) {
      return std::any_of(contract.clauses.begin(), contract.clauses.end(),
                         [&](const Clause& clause) { return clause.id == id; });
    });
    if (!known) unknown.push_back(id);
  }
  return unknown;
}

}  // namespace hallmark::contracts
