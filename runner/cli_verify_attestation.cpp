#include <iostream>

#include "runner/cli_commands.hpp"
#include "runner/commands/verify_attestation_command.hpp"

namespace hallmark::runner::cli {

Command add_verify_attestation(CLI::App& app) {
  auto options = std::make_shared<commands::VerifyAttestationOptions>();
  CLI::App* command = app.add_subcommand(
      "verify-attestation", "check a signed attestation before promotion (exit 0 only when it holds and says PASSED)");
  command->add_option("attestation", options->attestation, "the DSSE envelope hallmark run --attestation wrote")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--key", options->public_key, "the signer's Ed25519 public key (PEM)")->required()->check(CLI::ExistingFile);
  command->add_option("--subject", options->subject, "the image to promote (docker image, or sha256:HEX)")->required();
  command->add_option("--engine", options->engine, "container engine that resolves --subject (docker or podman)")
      ->check(CLI::IsMember({"docker", "podman"}));
  return {command, [options] { return commands::verify_attestation(*options, std::cout, std::cerr); }};
}

}  // namespace hallmark::runner::cli
