#include "runner/completion.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace hallmark::runner {

namespace {

// What one command of the tree offers, found by walking CLI11's own description of it.
struct CommandWords {
  std::string path;                  // "hallmark add regression"
  std::vector<std::string> words;    // subcommands, then options and flags
  std::vector<std::string> valued;   // options that take a value
  bool positionals = false;          // takes positional arguments (offered as files)
};

void collect(const CLI::App& app, const std::string& path, std::vector<CommandWords>& commands) {
  CommandWords command{path, {}, {}, false};
  const auto subcommands = app.get_subcommands(std::function<bool(const CLI::App*)>{});
  for (const CLI::App* sub : subcommands) command.words.push_back(sub->get_name());
  for (const CLI::Option* option : app.get_options()) {
    if (!option->nonpositional()) {
      command.positionals = true;
      continue;
    }
    std::vector<std::string> names;
    for (const std::string& name : option->get_snames()) names.push_back("-" + name);
    for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
    command.words.insert(command.words.end(), names.begin(), names.end());
    if (option->get_type_size_max() > 0) command.valued.insert(command.valued.end(), names.begin(), names.end());
  }
  commands.push_back(std::move(command));
  for (const CLI::App* sub : subcommands) collect(*sub, path + " " + sub->get_name(), commands);
}

}  // namespace

std::string bash_completion(const CLI::App& app) {
  std::vector<CommandWords> commands;
  collect(app, app.get_name(), commands);
  const std::string function = "_" + app.get_name() + "_complete";

  // One case arm per command: which words lead deeper, what it offers, which options take values.
  std::string descend;
  std::string offer;
  for (const CommandWords& command : commands) {
    if (command.path != app.get_name()) descend += fmt::format("      '{}') path=\"$path $word\" ;;\n", command.path);
    offer += fmt::format("    '{}') words='{}'; valued=' {} '; positionals={} ;;\n", command.path,
                         fmt::join(command.words, " "), fmt::join(command.valued, " "), command.positionals ? 1 : 0);
  }
  return fmt::format(R"(# bash completion for {0}, generated from its command tree by `{0} completion bash`.
# The .deb installs it as /usr/share/bash-completion/completions/{0}; else: source <({0} completion bash)
{1}() {{
  local cur=${{COMP_WORDS[COMP_CWORD]}} path={0} word words valued positionals i
  # Follow the subcommands named before the cursor, skipping the values of options that take one.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${{COMP_WORDS[i]}}
    {1}_words "$path"
    if [[ $valued == *" $word "* ]]; then ((i++)); continue; fi
    case "$path $word" in
{2}    esac
  done
  {1}_words "$path"
  COMPREPLY=()
  if ((COMP_CWORD > 1)) && [[ $valued == *" ${{COMP_WORDS[COMP_CWORD - 1]}} "* ]]; then
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  elif [[ $cur == -* || $positionals == 0 ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
  else
    mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur"; compgen -f -- "$cur")
  fi
}}
# Sets words, valued and positionals for the command path $1.
{1}_words() {{
  case $1 in
{3}  esac
}}
complete -o filenames -F {1} {0}
)",
                     app.get_name(), function, descend, offer);
}

}  // namespace hallmark::runner
