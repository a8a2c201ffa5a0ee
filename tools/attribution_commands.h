// `claimgraph train attribution` and `claimgraph eval attribution`: the learned
// attribution model (src/extract/claims/attribution.h) from a PolNeAR recipe.
#pragma once

#include <string>

namespace claimgraph::cli {

// Trains from models/recipes/attribution.json-style recipes; writes `out` (default:
// the recipe's model). Returns the process exit code.
int TrainAttributionModel(const std::string& recipe, const std::string& out, bool quiet);
// Cue-token figures of `model` (default: the recipe's) on the recipe's dev split.
int EvalAttributionModel(const std::string& recipe, const std::string& model);

}  // namespace claimgraph::cli
