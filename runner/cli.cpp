#include "runner/cli.hpp"

#include <malloc.h>

#include <fmt/format.h>

#include "probes/gate.hpp"
#include "runner/cli_commands.hpp"
#include "runner/targets/teardown_registry.hpp"

namespace hallmark::runner {

int cli_main(int argc, char** argv) {
  // Buffers of 1 MiB and more (target output) get their own mappings, returned to the system
  // when freed. glibc's adaptive threshold would keep them in the gathering threads' arenas:
  // against an endless writer, 450 MB resident instead of 260 MB (the in-flight budget).
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  CLI::App app{"hallmark: certify an OS image against its service contract", "hallmark"};
  app.set_version_flag("--version", HALLMARK_VERSION);
  app.require_subcommand(1);
  const std::vector<cli::Command> commands{cli::add_run(app), cli::add_snapshot(app), cli::add_diff(app),
                                           cli::add_check(app), cli::add_add(app), cli::add_verify_attestation(app),
                                           cli::add_notes(app), cli::add_completion(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? probes::k_exit_ok : probes::k_exit_usage;
  }

  try {
    for (const cli::Command& command : commands) {
      if (!*command.app) continue;
      if (!command.boots_targets) return command.run();
      targets::install_signal_teardown();
      const int code = command.run();
      targets::wait_for_signal_teardown();
      return code;
    }
    return probes::k_exit_usage;  // unreachable: require_subcommand(1)
  } catch (const std::exception& error) {
    targets::TeardownRegistry::instance().run_all();
    fmt::print(stderr, "hallmark: error: {}\n", error.what());
    return probes::k_exit_internal;
  }
}

}  // namespace hallmark::runner
