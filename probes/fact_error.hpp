#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace hallmark::probes {

// Why a clause could not be judged, as far as a pipeline must act on it: infrastructure trouble
// a retry may fix (exit 3), a problem a retry will not fix (the image's fact source is broken,
// systemd is not running, sudo was refused: exit 4), or hallmark itself failed (exit 70).
enum class ErrorKind { infrastructure, deterministic, internal };

std::string_view to_string(ErrorKind kind);

// Why a fact could not be gathered. Converts from text as infrastructure trouble (the transport
// failed, the target stopped answering); the other kinds are named where they are found.
struct FactError {
  std::string why;
  ErrorKind kind = ErrorKind::infrastructure;

  FactError(std::string text, ErrorKind error_kind = ErrorKind::infrastructure) : why(std::move(text)), kind(error_kind) {}
  FactError(const char* text) : why(text) {}
  operator const std::string&() const { return why; }
  friend bool operator==(const FactError& error, std::string_view text) { return error.why == text; }
  friend std::ostream& operator<<(std::ostream& out, const FactError& error) { return out << error.why; }
};

// A problem no retry fixes (a broken fact source in the image, sudo refused).
inline FactError deterministic_error(std::string why) { return {std::move(why), ErrorKind::deterministic}; }

}  // namespace hallmark::probes

template <>
struct fmt::formatter<hallmark::probes::FactError> : fmt::formatter<std::string_view> {
  auto format(const hallmark::probes::FactError& error, fmt::format_context& context) const {
    return fmt::formatter<std::string_view>::format(error.why, context);
  }
};
