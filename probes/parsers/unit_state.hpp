#pragma once

#include <string_view>

#include "contracts/clause_specs.hpp"

namespace hallmark::probes::parsers {

// What the services script found about one unit, from the files alone.
struct UnitFiles {
  bool openrc = false;         // an /etc/init.d script, no systemd unit
  bool masked = false;         // linked to /dev/null
  std::string_view unit_file;  // "" when there is none
  std::string_view content;    // the systemd unit file's text
  std::string_view links;      // space-separated .wants/.requires or runlevel links
};

// What `systemctl is-enabled` would say: masked, not-found, enabled when something links to
// the unit, otherwise disabled when it can be enabled (an [Install] section, or any OpenRC
// script) and static when it cannot.
contracts::UnitState unit_state(const UnitFiles& unit);

}  // namespace hallmark::probes::parsers
