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

}  // namespace claimgraph
