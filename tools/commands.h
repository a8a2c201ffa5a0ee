// The subcommands behind tools/main.cc. Each returns the process exit status:
// 0 all went well, 1 some input or query failed (reported on stderr), 2 usage.
#pragma once

#include <string>
#include <vector>

namespace claimgraph::cli {

struct ExtractOptions {
  std::string path;
  std::string date;
  std::string format = "json";
};

struct IngestOptions {
  std::vector<std::string> paths;
  std::string db = "claimgraph.db";
  std::string date;
  unsigned jobs = 0;
  bool quiet = false;
};

struct QueryOptions {
  std::string db = "claimgraph.db";
  std::string about, by, since, type;
  bool unattributed = false;
  int limit = 0;
  std::string format = "table";
};

int RunExtract(const ExtractOptions& options);
int RunIngest(const IngestOptions& options);
int RunClaims(const QueryOptions& options);
int RunEntities(const QueryOptions& options);
int RunSources(const QueryOptions& options);

}  // namespace claimgraph::cli
