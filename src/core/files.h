// File access and the location of models/: the only place that knows where data lives.
#pragma once

#include <string>

#include "claimgraph/status.h"

namespace claimgraph {

// Whole file (or stdin for "-") into memory.
Result<std::string> ReadFile(const std::string& path);

// The models directory: $CLAIMGRAPH_MODELS, else <exe>/../share/claimgraph/models,
// else the source tree's models/ recorded at build time.
std::string ModelsDir();

// Training recipes live in <checkout>/models/recipes/; their relative paths
// ("../shared/data/...", "models/pos/...") resolve against the checkout.
std::string RecipeRoot(const std::string& recipe_path);
// `path` resolved against `root`; empty and absolute paths are returned as given.
std::string ResolveAgainst(const std::string& root, const std::string& path);

}  // namespace claimgraph
