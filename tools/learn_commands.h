// Subcommands for the learned models: train, eval, tag (POS over CoNLL-U), ner
// (entities over CoNLL-2003 columns) and parse (tags and dependencies over CoNLL-U). tools/main.cc registers them with
// AddLearnCommands and runs the chosen one with RunLearnCommands.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

namespace claimgraph::cli {

struct LearnCommands;

// Adds the subcommands to `app`; the returned object holds their parsed options.
std::shared_ptr<LearnCommands> AddLearnCommands(CLI::App& app);

// After parsing: the exit status of the learn subcommand that was chosen, or
// nullopt when the user chose another subcommand.
std::optional<int> RunLearnCommands(const LearnCommands& commands);

}  // namespace claimgraph::cli
