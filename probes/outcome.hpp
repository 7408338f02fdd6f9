#pragma once

#include <string>

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

  static Outcome pass(std::string expected, std::string actual) {
    return {Verdict::pass, std::move(expected), std::move(actual), {}};
  }
  static Outcome fail(std::string expected, std::string actual, std::string evidence = {}) {
    return {Verdict::fail, std::move(expected), std::move(actual), std::move(evidence)};
  }
  static Outcome error(std::string expected, std::string why) {
    return {Verdict::error, std::move(expected), std::move(why), {}};
  }
};

std::string_view to_string(Verdict verdict);

}  // namespace hallmark::probes
