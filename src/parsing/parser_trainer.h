// Training and evaluation of the dependency parser from a recipe
// (models/recipes/parse.json). Kept apart from the runtime (dependency_parser.h):
// nothing here is needed to parse text. Single-threaded and deterministic: the same
// recipe, corpora and POS model give the same parser bytes.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "claimgraph/status.h"
#include "learn/trainer.h"
#include "parsing/dependency_parser.h"
#include "tagging/conll.h"
#include "tagging/pos_tagger.h"

namespace claimgraph::parsing {

using Progress = std::function<void(const std::string&)>;

// Relative paths are resolved against the repository root (two levels above the
// recipe), as for the tagger recipes (tagging/recipe.h).
struct ParseRecipe {
  std::string path, root;
  std::string model;      // output model file
  std::string train;      // CoNLL-U treebank
  std::string dev;        // CoNLL-U treebank for scores (gold tokenisation, predicted tags)
  std::string pos_model;  // POS tagger: dev tags and word classes; empty: gold dev tags, no classes
  learn::TrainOptions training;
  // Exploration (Goldberg & Nivre 2012): from this 1-based epoch on, a wrong
  // prediction is followed with this probability, so the parser learns to recover.
  int explore_from_epoch = 2;
  double explore_probability = 0.9;
  // Pseudo-projective "a|b" labels seen fewer times than this fall back to "a".
  int min_lifted_label_count = 2;
  // Training tags: 0 folds = gold tags; k > 1 = each fold tagged by a POS tagger
  // trained on the other folds (jackknifing), with the POS recipe below made cheaper
  // by the given overrides. The POS recipe's word classes are not re-induced: those
  // of pos_model are used.
  int jackknife_folds = 0;
  std::string jackknife_pos_recipe;
  int jackknife_epochs = 8, jackknife_beam = 1, jackknife_bagging = 1, jackknife_stack_folds = 0;
  bool report_each_epoch = false;
  // Bagging: this many runs over differently seeded shuffles, trained in parallel
  // threads, their averaged weights averaged again.
  int bagging = 1;
  // The model file may not exceed this many megabytes: weights are pruned from
  // training.prune_below upwards (x1.15 per step) until it fits. 0: no limit.
  double max_model_mb = 25;
  std::map<std::string, double> expected_dev;  // uas, las (and upos)
};

Result<ParseRecipe> LoadParseRecipe(const std::string& path);

// Trains a parser. `cache_dir` (may be empty) keeps jackknifed training tags between
// runs, keyed by the recipe's jackknife settings and the corpus.
Result<DependencyParser> TrainParser(const ParseRecipe& recipe, const std::string& cache_dir, const Progress& progress);

// The model in `from` with its weights pruned to the recipe's size limit (from the
// recipe's prune_below up): resizes a trained parser without training it again.
Result<DependencyParser> RepruneParser(const ParseRecipe& recipe, const std::string& from, const Progress& progress);

// `p` without the weights whose magnitude is below `min_abs` (features left without
// weights go too), re-quantised.
learn::Perceptron PrunePerceptron(const learn::Perceptron& p, float min_abs);

struct ParseScores {
  size_t sentences = 0, words = 0;
  double upos = 0, xpos = 0;  // tag accuracy (1 with gold tags)
  double uas = 0, las = 0;    // LAS ignores relation subtypes, like the UD scorer
  double parse_seconds = 0;   // parsing only: CPU time of the one thread
  double tag_seconds = 0;     // tagging only: CPU time
};

// Tags `gold`'s words with `tagger` (gold tags when null), parses them and scores
// heads and relations against `gold`.
ParseScores EvaluateParser(const DependencyParser& parser, const tagging::PosTagger* tagger,
                           const tagging::ConlluFile& gold);

}  // namespace claimgraph::parsing
