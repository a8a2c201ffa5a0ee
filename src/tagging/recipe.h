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
  std::string Fingerprint() const;  // changes whenever the result could change
};

// NER: the knowledge-base files the trainer builds its phrase dictionary from
// (stored in the model), and how often training drops each dictionary match.
struct GazetteerRecipe {
  std::string kb_dir;          // models/kb: countries, country_aliases, subdivisions, places,
                               // organisations, persons, titles (.tsv); empty: no dictionary
  std::string person_names;    // models/lexicons/person_names.tsv; empty: not used
  double dropout = 0;          // knowledge-base matches
  double lexicon_dropout = 0;  // given names and surnames from person_names
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
  // cases are tagged from the dictionary (a min_count above the corpus size turns
  // that off); ambiguity classes need ambiguity_min_count.
  int dictionary_min_count = 20;
  double dictionary_min_share = 0.99;
  int ambiguity_min_count = 5;
  ClusterRecipe clusters;
  GazetteerRecipe gazetteer;
  std::map<std::string, double> expected_dev;  // e.g. upos -> 0.955, f1 -> 0.91
  bool report_each_epoch = false;              // dev figures after every epoch (slower)
  // Stacking: a second pass trained on the first pass's out-of-fold predictions
  // over this many folds of the training data; 0 turns it off.
  int stack_folds = 0;
  // Training singletons look unknown to word-identity features (see PosToken::hidden).
  bool hide_singletons = false;
  // POS: beam width of the first UPOS pass (1: greedy), trained with early updates.
  int beam = 1;
  // Bagging: each pass is trained this many times over differently seeded shuffles
  // and the runs' averaged weights are averaged again.
  int bagging = 1;
};

Result<Recipe> LoadRecipe(const std::string& path);

}  // namespace claimgraph::tagging
