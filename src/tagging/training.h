// Training and evaluation of the taggers from a recipe. Kept apart from the
// runtime classes: nothing here is needed to tag text. Single-threaded and
// deterministic: the same recipe and corpora give the same model bytes.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "claimgraph/status.h"
#include "learn/word_clusters.h"
#include "tagging/conll.h"
#include "tagging/entity_recognizer.h"
#include "tagging/pos_tagger.h"
#include "tagging/recipe.h"

namespace claimgraph::tagging {

using Progress = std::function<void(const std::string&)>;

// Induces the recipe's word classes (none when it lists no corpora). With a
// non-empty cache_dir, reuses or stores them there under the recipe's fingerprint.
Result<learn::WordClusters> BuildClusters(const ClusterRecipe& recipe, const std::string& cache_dir,
                                          const Progress& progress);

Result<PosTagger> TrainPosTagger(const Recipe& recipe, const learn::WordClusters& clusters, const Progress& progress);
Result<EntityRecognizer> TrainEntityRecognizer(const Recipe& recipe, const learn::WordClusters& clusters,
                                               const Progress& progress);

struct PosScores {
  size_t words = 0;
  double upos = 0, xpos = 0;  // accuracy over syntactic words
  double seconds = 0;         // tagging time, single thread
};
PosScores EvaluatePos(const PosTagger& tagger, const ConlluFile& gold);

struct EntityScores {
  size_t tokens = 0, gold = 0, predicted = 0, correct = 0;
  double precision = 0, recall = 0, f1 = 0;  // exact span and type, micro-averaged
  std::map<std::string, double> f1_by_type;
  double seconds = 0;
};
// Spans from BIO/BILOU tags the way conlleval reads them.
struct TagSpan {
  size_t start, end;
  std::string type;
  friend bool operator<(const TagSpan& a, const TagSpan& b) {
    return std::tie(a.start, a.end, a.type) < std::tie(b.start, b.end, b.type);
  }
};
std::vector<TagSpan> SpansFromTags(const std::vector<std::string>& tags);
EntityScores EvaluateEntities(const EntityRecognizer& recognizer, const ConllFile& gold);

}  // namespace claimgraph::tagging
