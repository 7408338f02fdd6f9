#include "probes/outcome.hpp"

namespace hallmark::probes {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass: return "pass";
    case Verdict::fail: return "fail";
    case Verdict::error: return "error";
    case Verdict::skipped: return "skipped";
  }
  return "?";
}

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::infrastructure: return "infrastructure";
    case ErrorKind::deterministic: return "deterministic";
    case ErrorKind::internal: return "internal";
  }
  return "?";
}

}  // namespace hallmark::probes
