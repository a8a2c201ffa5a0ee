// claimgraph read: what the readers stage makes of one input, before any analysis
// (main text and metadata), for checking extraction on real pages.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace claimgraph::cli {

struct ReadCommandOptions {
  std::string path;            // file or "-"
  std::string format = "json"; // json | text
  std::string url;             // where the page was fetched from, when known
};

// Adds the `read` subcommand to `app`; the options live in `options` (owned by the caller,
// must outlive parsing).
CLI::App* AddReadCommand(CLI::App& app, ReadCommandOptions& options);

// Reads the input and prints each document on stdout: one JSON object per line
// {"text","title","author","published","published_method","site","lang","url","charset",...}
// or a short readable report. Problems go to stderr. Exit status 0, or 1 when any problem.
int RunRead(const ReadCommandOptions& options);

}  // namespace claimgraph::cli
