// claimgraph: one binary, one subcommand per job. The usage text is the first
// documentation a newcomer reads, so every option says what it does.
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "commands.h"
#include "learn_commands.h"
#include "read_command.h"
#include "watch_command.h"

int main(int argc, char** argv) {
  CLI::App app{
      "claimgraph: who claims what in the news.\n"
      "Reads articles (plain text, HTML, JSON Lines, RSS/Atom feeds, WARC archives), finds attributed\n"
      "claims, entities, times, amounts and signals of weak reporting, and keeps them in an SQLite\n"
      "database."};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every subcommand");

  claimgraph::cli::ExtractOptions ex;
  auto* extract = app.add_subcommand("extract", "Analyse one article and print what it says");
  extract->add_option("file", ex.path, "Article file, or - for stdin")->required();
  extract->add_option("--date", ex.date, "Publication date YYYY-MM-DD (anchors relative dates)");
  extract->add_option("--format", ex.format, "json (the contract of shared/eval) or text")
      ->check(CLI::IsMember({"json", "text"}));

  claimgraph::cli::IngestOptions in;
  auto* ingest = app.add_subcommand("ingest", "Analyse articles and store them in the database");
  ingest->add_option("paths", in.paths, "Files (.txt .html .jsonl .rss .atom .warc[.gz] ...), folders (recursive) or - for stdin")->required();
  ingest->add_option("--db", in.db, "SQLite database file");
  ingest->add_option("--jobs,-j", in.jobs, "Worker threads (0: all cores)")->check(CLI::NonNegativeNumber);
  ingest->add_option("--date", in.date, "Publication date for articles that carry none");
  ingest->add_flag("--quiet,-q", in.quiet, "No progress or summary");

  claimgraph::cli::QueryOptions q;
  auto* claims = app.add_subcommand("claims", "List stored claims with their evidence");
  claims->add_option("--db", q.db, "SQLite database file");
  claims->add_option("--about", q.about, "Claims that mention this entity (name or kb id) or text");
  claims->add_option("--by", q.by, "Claims whose source is this entity or source text");
  claims->add_option("--since", q.since, "Articles published on or after YYYY-MM-DD");
  claims->add_flag("--unattributed", q.unattributed, "Only claims from unnamed sources");
  claims->add_option("--limit", q.limit, "At most this many rows (0: all)");
  claims->add_option("--format", q.format, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));

  auto* entities = app.add_subcommand("entities", "List entities with their mention and document counts");
  entities->add_option("--db", q.db, "SQLite database file");
  entities->add_option("--type", q.type, "PERSON, ORG, GPE or LOC")
      ->check(CLI::IsMember({"PERSON", "ORG", "GPE", "LOC"}, CLI::ignore_case));
  entities->add_option("--format", q.format, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));

  auto* sources = app.add_subcommand("sources", "Claims per source, most first");
  sources->add_option("--db", q.db, "SQLite database file");
  sources->add_option("--format", q.format, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));

  claimgraph::cli::ReadCommandOptions rd;
  auto* read = claimgraph::cli::AddReadCommand(app, rd);

  claimgraph::cli::WatchCommandOptions wt;
  auto* watch = claimgraph::cli::AddWatchCommand(app, wt);

  auto learn = claimgraph::cli::AddLearnCommands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (extract->parsed()) return claimgraph::cli::RunExtract(ex);
  if (ingest->parsed()) return claimgraph::cli::RunIngest(in);
  if (claims->parsed()) return claimgraph::cli::RunClaims(q);
  if (entities->parsed()) return claimgraph::cli::RunEntities(q);
  if (sources->parsed()) return claimgraph::cli::RunSources(q);
  if (read->parsed()) return claimgraph::cli::RunRead(rd);
  if (watch->parsed()) return claimgraph::cli::RunWatch(wt);
  if (auto status = claimgraph::cli::RunLearnCommands(*learn)) return *status;
  return 2;
}
