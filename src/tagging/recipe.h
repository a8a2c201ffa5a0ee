// A training recipe (models/recipes/*.json): which corpora, which hyper-parameters,
// which seed, where the model goes and which dev scores it is expected to reach.
// Relative paths are resolved against the repository root: the folder two levels
// above the recipe (models/recipes/x.json -> the checkout), so "../shared/data/..."
// finds the shared corpora beside the checkout.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "claimgraph/status.h"
#include "learn/trainer.h"
#include "learn/word_clusters.h"
#include "tagging/corpus.h"

namespace claimgraph::tagging {

struct ClusterRecipe {
  std::vector<CorpusSource> corpora;  // unlabelled text; empty: no word classes
  learn::ClusterOptions options;
  std::string Fingerprint() const;    // changes whenever the result could change
};

struct Recipe {
  std::string path;   // the recipe file
  std::string root;   // repository root the paths are resolved against
  std::string task;   // pos | ner
  std::string model;  // output model file (absolute after loading)
  std::string train;  // training corpus
  std::string dev;    // development corpus (tuning and expected scores)
  learn::TrainOptions training;
  // POS: words seen at least this often with one tag in at least this share of
  // cases are tagged from the dictionary; ambiguity classes need ambiguity_min_count.
  int dictionary_min_count = 20;
  double dictionary_min_share = 0.99;
  int ambiguity_min_count = 5;
  ClusterRecipe clusters;
  std::map<std::string, double> expected_dev;  // e.g. upos -> 0.955, f1 -> 0.91
  bool report_each_epoch = false;             // dev figures after every epoch (slower)
};

Result<Recipe> LoadRecipe(const std::string& path);

}  // namespace claimgraph::tagging
