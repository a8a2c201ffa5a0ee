// Training the attribution model (attribution.h) from PolNeAR: brat standoff
// attributions (Source, Cue, Content) over plain-text news articles. Kept apart from
// the runtime; single-threaded, deterministic for a given recipe.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "claimgraph/document.h"
#include "claimgraph/status.h"
#include "extract/claims/attribution.h"
#include "learn/word_clusters.h"

namespace claimgraph::extract {

// models/recipes/attribution.json. Relative paths resolve against the repository
// root (two folders above the recipe).
struct AttributionRecipe {
  std::string path, root;
  std::string model;  // output model
  std::string train;  // PolNeAR split folder: text/*.txt, attributions/*_<annotator>.ann
  std::string dev;
  int epochs = 8;
  uint64_t seed = 1;
  float prune_below = 0;
  std::map<std::string, double> expected_dev;  // e.g. full_f1 (scored by score_attribution.py)
};
Result<AttributionRecipe> LoadAttributionRecipe(const std::string& path);

struct GoldAttribution {
  std::vector<Span> source, cue, content;  // byte spans into the document text
};

struct AnnotatedDocument {
  Document doc;
  std::vector<GoldAttribution> gold;
};

// Fills the layers the model reads (tokens, sentences, tags, tree) of a document
// whose text is set.
using AnalyseSyntax = std::function<void(Document&)>;
using TrainProgress = std::function<void(const std::string&)>;

// Reads one PolNeAR split; for each article the lexicographically first annotator's
// file is the gold (as the scorer does). Offsets (code points) become byte offsets.
Result<std::vector<AnnotatedDocument>> ReadPolnear(const std::string& dir, const AnalyseSyntax& analyse);
// Parses brat standoff text; `source` names the file in messages.
Result<std::vector<GoldAttribution>> ParseBratAttributions(std::string_view ann, std::string_view text,
                                                          const std::string& source);

struct CueScores {
  double precision = 0, recall = 0, f1 = 0;  // cue tokens
};
CueScores EvaluateCues(const AttributionModel& model, const std::vector<AnnotatedDocument>& docs);

// `clusters`: the word classes of the POS model whose tags `analyse` writes.
Result<AttributionModel> TrainAttribution(const AttributionRecipe& recipe, const AnalyseSyntax& analyse,
                                          const learn::WordClusters& clusters, const TrainProgress& progress);

}  // namespace claimgraph::extract
