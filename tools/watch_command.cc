#include "watch_command.h"

#include <CLI/CLI.hpp>

#include <atomic>
#include <csignal>
#include <iostream>
#include <optional>
#include <thread>

#include "watch/watch.h"

namespace claimgraph::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) { g_stop = true; }

// "90s", "15m", "2h", "500ms" or plain seconds.
std::optional<std::chrono::milliseconds> ParseDuration(const std::string& text) {
  size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (...) {
    return std::nullopt;
  }
  if (value < 0) return std::nullopt;
  std::string unit = text.substr(used);
  double ms;
  if (unit.empty() || unit == "s") ms = value * 1000;
  else if (unit == "ms") ms = value;
  else if (unit == "m") ms = value * 60'000;
  else if (unit == "h") ms = value * 3'600'000;
  else return std::nullopt;
  return std::chrono::milliseconds(static_cast<long long>(ms));
}

}  // namespace

CLI::App* AddWatchCommand(CLI::App& app, WatchCommandOptions& options) {
  auto* watch = app.add_subcommand("watch", "Poll RSS/Atom feeds and store each new article (until stopped)");
  watch->add_option("--feeds", options.feeds, "File with one feed URL per line (# starts a comment)")->required();
  watch->add_option("--every", options.every, "Pause between polls: 90s, 15m, 2h (default 15m)");
  watch->add_option("--db", options.db, "SQLite database file (also keeps the poll state)");
  watch->add_flag("--once", options.once, "Poll every feed once and exit (for cron and tests)");
  watch->add_option("--delay", options.delay, "Least pause between two requests to one host (default 1s)");
  watch->add_option("--timeout", options.timeout, "Give up a request after this long (default 30s)");
  watch->add_option("--connect-timeout", options.connect_timeout, "Give up connecting after this long (default 10s)");
  watch->add_option("--max-bytes", options.max_bytes, "Largest feed or page accepted, in bytes (default 8 MiB)");
  watch->add_option("--max-redirects", options.max_redirects, "Redirects followed per request (default 5)")
      ->check(CLI::NonNegativeNumber);
  watch->add_flag("--quiet,-q", options.quiet, "No summary after each poll");
  return watch;
}

int RunWatch(const WatchCommandOptions& options) {
  watch::WatchOptions wo;
  auto every = ParseDuration(options.every);
  auto delay = ParseDuration(options.delay);
  auto timeout = ParseDuration(options.timeout);
  auto connect = ParseDuration(options.connect_timeout);
  for (auto [value, name] : {std::pair{&every, "--every"}, {&delay, "--delay"}, {&timeout, "--timeout"},
                             {&connect, "--connect-timeout"}}) {
    if (!*value) {
      std::cerr << "claimgraph: watch: " << name << ": not a duration (write e.g. 30s, 15m, 2h)\n";
      return 2;
    }
  }
  wo.per_host_delay = *delay;
  wo.limits.total_timeout = *timeout;
  wo.limits.connect_timeout = *connect;
  wo.limits.max_bytes = options.max_bytes;
  wo.limits.max_redirects = options.max_redirects;

  auto feeds = watch::ReadFeedList(options.feeds);
  if (!feeds.ok()) {
    std::cerr << "claimgraph: " << feeds.status().message() << "\n";
    return 1;
  }
  auto pipeline = Pipeline::Create();
  if (!pipeline.ok()) {
    std::cerr << "claimgraph: " << pipeline.status().message() << "\n";
    return 1;
  }
  auto store = Store::Open(options.db);
  if (!store.ok()) {
    std::cerr << "claimgraph: " << store.status().message() << "\n";
    return 1;
  }
  auto watcher = watch::Watcher::Create(store->get(), pipeline->get(), wo);
  if (!watcher.ok()) {
    std::cerr << "claimgraph: " << watcher.status().message() << "\n";
    return 1;
  }

  // Stop requests only set a flag: the current item finishes and is committed first.
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);

  while (true) {
    watch::PollStats stats = (*watcher)->PollOnce(*feeds, g_stop, std::cerr);
    if (!options.quiet)
      std::cerr << "claimgraph: watch: " << stats.feeds_polled << " feeds polled (" << stats.feeds_not_modified
                << " not modified), " << stats.stored << " articles stored, " << stats.unchanged << " unchanged, "
                << stats.errors << " errors\n";
    if (options.once) return stats.errors ? 1 : 0;
    auto next = std::chrono::steady_clock::now() + *every;
    while (!g_stop && std::chrono::steady_clock::now() < next)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (g_stop) return 0;
  }
}

}  // namespace claimgraph::cli
