#pragma once

#include <string>

#include "probes/fact_error.hpp"

namespace hallmark::probes {

// pass / fail are verdicts on the image; error means the clause could not be judged
// (the fact was unavailable); skipped means it was not judged on purpose.
enum class Verdict { pass, fail, error, skipped };

// The result of evaluating one clause against gathered facts.
struct Outcome {
  Verdict verdict = Verdict::error;
  std::string expected;  // what the clause asks for, in words
  std::string actual;    // what the target has, in words
  std::string evidence;  // supporting output (command output, matching lines), may be empty
  ErrorKind error_kind = ErrorKind::infrastructure;  // for an error: what a retry can do about it

  static Outcome pass(std::string expected, std::string actual) {
    return {Verdict::pass, std::move(expected), std::move(actual), {}};
  }
  static Outcome fail(std::string expected, std::string actual, std::string evidence = {}) {
    return {Verdict::fail, std::move(expected), std::move(actual), std::move(evidence)};
  }
  // An error of the kind of `why` (text alone is infrastructure trouble).
  static Outcome error(std::string expected, FactError why) {
    return {Verdict::error, std::move(expected), std::move(why.why), {}, why.kind};
  }
  static Outcome error(std::string expected, std::string why, ErrorKind kind) {
    return {Verdict::error, std::move(expected), std::move(why), {}, kind};
  }
};

std::string_view to_string(Verdict verdict);

}  // namespace hallmark::probes
