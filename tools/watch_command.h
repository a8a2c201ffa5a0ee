// claimgraph watch: keep a database up to date from RSS/Atom feeds fetched over HTTP(S).
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace claimgraph::cli {

struct WatchCommandOptions {
  std::string feeds;                 // file: one feed URL per line, # comments
  std::string every = "15m";         // pause between polls: 90s, 15m, 2h or plain seconds
  std::string db = "claimgraph.db";
  bool once = false;                 // poll every feed once and exit
  std::string delay = "1s";          // minimum pause between requests to one host
  std::string timeout = "30s";       // whole request
  std::string connect_timeout = "10s";
  size_t max_bytes = 8 * 1024 * 1024;
  long max_redirects = 5;
  bool quiet = false;
};

// Adds the `watch` subcommand to `app`; `options` is owned by the caller and must outlive parsing.
CLI::App* AddWatchCommand(CLI::App& app, WatchCommandOptions& options);

// Polls until SIGINT/SIGTERM (then finishes the current item and exits 0), or once with
// --once (exit 1 when any feed or page failed). Network and page errors are reported on
// stderr, one line each, and polling goes on. Exit 1 when the feeds file or database
// cannot be opened, 2 for a bad duration.
int RunWatch(const WatchCommandOptions& options);

}  // namespace claimgraph::cli
